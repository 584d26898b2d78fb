// Runs every golden case (tests/golden/**/*.terms) through the real `terms`
// binary and compares what the user sees with the expected `.out` file.
// TERMS_UPDATE_GOLDEN=1 rewrites the `.out` files instead (tools/update-golden.sh).

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "tests/unit/golden/golden.hpp"

namespace terms::golden {
namespace {

bool updating() {
  const char* env = std::getenv("TERMS_UPDATE_GOLDEN");
  return env != nullptr && std::string(env) == "1";
}

class GoldenTest : public ::testing::TestWithParam<Case> {};

TEST_P(GoldenTest, OutputMatches) {
  const Case& c = GetParam();
  const std::string actual = run_and_format(c);
  const std::string expected_path = root() + "/" + c.expected;
  if (updating()) {
    if (read_file(expected_path) != actual || !file_exists(expected_path)) {
      std::ofstream(expected_path, std::ios::binary) << actual;
    }
  } else {
    ASSERT_TRUE(file_exists(expected_path))
        << c.expected << " is missing: run tools/update-golden.sh " << c.input << " and review it";
    EXPECT_EQ(read_file(expected_path), actual)
        << "the output of " << c.input << " changed; if the change is intended, run "
        << "tools/update-golden.sh " << c.input << " and review the diff";
  }
  // The name says whether the case fails; keep them honest.
  const bool failed = actual.rfind("exit: 0\n", 0) != 0;
  if (c.should_fail) {
    EXPECT_TRUE(failed) << c.input << " is named as failing (`*-fails.terms` or under `errors/`) but exits 0";
  } else {
    EXPECT_FALSE(failed) << c.input << " does not exit 0: name it `*-fails.terms` or move it under `errors/`";
  }
}

std::string name_of(const ::testing::TestParamInfo<Case>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(Cases, GoldenTest, ::testing::ValuesIn(discover()), name_of);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(GoldenTest);

// An expected file whose input is gone would silently stop being tested.
TEST(GoldenFiles, EveryOutFileHasAnInput) {
  namespace fs = std::filesystem;
  std::string orphans;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(fs::path(root()) / "tests" / "golden", ec), end; !ec && it != end;
       it.increment(ec)) {
    const std::string p = it->path().string();
    if (!p.ends_with(".terms.out")) continue;
    if (!file_exists(p.substr(0, p.size() - 4))) orphans += "\n  " + p;
  }
  EXPECT_TRUE(orphans.empty()) << "expected outputs without an input file:" << orphans;
}

}  // namespace
}  // namespace terms::golden
