// Every registered diagnostic must appear in at least one golden expected
// output (Carbon's coverage_test): a code nobody has seen rendered is a code
// whose message, position and hint nobody has reviewed.

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "dsl/diagnostics.hpp"
#include "tests/unit/golden/golden.hpp"

namespace terms::golden {
namespace {

TEST(DiagnosticCoverage, EveryCodeAppearsInAGoldenOutput) {
  namespace fs = std::filesystem;
  std::string all_outputs;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(fs::path(root()) / "tests" / "golden", ec), end; !ec && it != end;
       it.increment(ec)) {
    if (it->path().string().ends_with(".terms.out")) all_outputs += read_file(it->path().string());
  }
  std::string missing;
  std::size_t count = 0;
  for (const DiagInfo& d : all_diagnostics()) {
    const std::string text_form = "[" + std::string(d.code) + "]";        // error[E0204]: ...
    const std::string json_form = "\"" + std::string(d.code) + "\"";      // "code": "E0204"
    if (all_outputs.find(text_form) == std::string::npos && all_outputs.find(json_form) == std::string::npos) {
      missing += "\n  " + std::string(d.code) + " " + std::string(d.name) + " (" + std::string(d.category) + ")";
      ++count;
    }
  }
  EXPECT_EQ(count, 0u) << count << " registered diagnostics appear in no tests/golden/**/*.terms.out file;"
                       << " add a golden case for each:" << missing;
}

}  // namespace
}  // namespace terms::golden
