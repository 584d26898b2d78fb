// The bad-input corpus for `terms.json` (tests/bad-input/config): every case
// gets exactly the diagnostics in its `.expected` file from parse_config, each
// with a position in the JSON text and a hint; and the real `terms lint` given
// the case (as `--config FILE`, and as the terms.json found beside an input)
// neither crashes nor hangs, refuses the configuration (exit status 2) when it
// has an error, and reports the same codes.
//
// TERMS_UPDATE_BAD_INPUT=1 rewrites the `.expected` files (keeping their `#`
// header lines); review the diff.

#include <gtest/gtest.h>

#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "dsl/config.hpp"
#include "dsl/lint/lint.hpp"
#include "tests/support/run_process.hpp"
#include "tests/unit/badinput/corpus.hpp"

namespace terms::badinput {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = fs::path(TERMS_SOURCE_DIR) / "tests/bad-input/config";
constexpr const char* kCaseDir = "/case/";
constexpr std::size_t kMaxMessageBytes = 300;

const std::vector<Case>& corpus() {
  static const std::vector<Case> cases = discover(kCorpus, ".json");
  return cases;
}

std::vector<std::string> case_names() { return badinput::case_names(corpus()); }
const Case& find_case(const std::string& name) { return badinput::find_case(corpus(), name); }

class ConfigLibraryCase : public ::testing::TestWithParam<std::string> {};

TEST_P(ConfigLibraryCase, GetsItsDiagnostics) {
  const Case& c = find_case(GetParam());
  const Expectation expected = read_expectation(c.expected);

  SourceManager sources;
  DiagnosticBag diags;
  const auto started = std::chrono::steady_clock::now();
  const SourceFile& source = sources.add(kCaseDir + c.root, c.files.begin()->second);
  (void)parse_config(source, "/case", lint::config_vocabulary(), diags);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  const std::string actual = describe(diags.all(), sources, kCaseDir, true);

  // A case may be accepted on purpose (a byte order mark): its expectation says
  // why in a `# accepted: ...` line, and is otherwise empty.
  const bool accepted = std::any_of(expected.header.begin(), expected.header.end(),
                                    [](const std::string& h) { return h.rfind("# accepted: ", 0) == 0; });
  EXPECT_EQ(diags.all().empty(), accepted) << "a bad input must get at least one diagnostic";
  for (const Diagnostic& d : diags.all()) {
    // Where, and how to fix it: a configuration diagnostic points into the JSON text.
    EXPECT_TRUE(d.span.valid()) << d.code << " has no position: " << d.message;
    EXPECT_FALSE(d.help.empty()) << d.code << " has no hint: " << d.message;
    std::vector<std::string> texts{d.message, d.label};
    for (const Label& l : d.related) texts.push_back(l.message);
    texts.insert(texts.end(), d.notes.begin(), d.notes.end());
    texts.insert(texts.end(), d.help.begin(), d.help.end());
    for (const std::string& t : texts) {
      EXPECT_LE(t.size(), kMaxMessageBytes) << "text too long to read: " << t.substr(0, 200);
    }
  }
  // The per-key diagnostics are bounded, whatever the number of bad keys.
  EXPECT_LE(diags.all().size(), 200u);
  EXPECT_LT(std::chrono::duration_cast<std::chrono::seconds>(elapsed).count(), 20);

  expect_or_update(c, expected, actual);
}

INSTANTIATE_TEST_SUITE_P(Corpus, ConfigLibraryCase, ::testing::ValuesIn(case_names()),
                         [](const auto& param_info) { return test_name(param_info.param); });

// The real `terms lint`, both ways a configuration reaches it.
class ConfigCliCase : public ::testing::TestWithParam<std::string> {};

TEST_P(ConfigCliCase, LintRefusesItWithTheSameCodes) {
  const Case& c = find_case(GetParam());
  const Expectation expected = read_expectation(c.expected);
  ASSERT_TRUE(expected.exists);
  const bool has_error = !expected_codes(expected.text, true).empty();

  const fs::path scratch = fs::temp_directory_path() / fmt::format("terms-badconfig-{}-{}", ::getpid(), c.name);
  fs::remove_all(scratch);
  fs::create_directories(scratch / "lib");
  // A clean input: whatever lint reports comes from the configuration.
  write_file(scratch / "lib/deal.terms", "party dprk \"DPRK\";\n");
  write_file(scratch / "bad.json", c.files.begin()->second);
  write_file(scratch / "lib/terms.json", c.files.begin()->second);

  const std::vector<std::vector<std::string>> runs = {
      {"lint", "--color", "never", "--config", (scratch / "bad.json").string(), (scratch / "lib/deal.terms").string()},
      {"lint", "--color", "never", (scratch / "lib/deal.terms").string()},
  };
  for (const auto& args : runs) {
    SCOPED_TRACE(args.size() == 6 ? "with --config" : "as the terms.json beside the input");
    testing::ProcessOptions po;
    po.cwd = scratch.string();
    po.timeout_ms = 60000;
    for (std::string& var : sanitizer_environment()) po.env.push_back(std::move(var));
    const testing::ProcessResult r = testing::run_process(TERMS_BINARY, args, po);
    ASSERT_TRUE(r.spawn_error.empty()) << r.spawn_error;
    EXPECT_FALSE(r.timed_out) << "terms lint hung on " << c.name;
    EXPECT_EQ(r.signal, 0) << "terms lint was killed by signal " << r.signal << "\n" << r.err.substr(0, 4000);
    const std::string output = r.out + r.err;
    EXPECT_EQ(output_problem(output), "") << output.substr(0, 4000);
    // An error makes the configuration unusable: nothing is linted, status 2.
    EXPECT_EQ(r.exit_status, has_error ? 2 : 0) << output.substr(0, 4000);
    if (has_error) {
      EXPECT_NE(output.find("the configuration has errors: nothing was linted"), std::string::npos)
          << output.substr(0, 4000);
    }
    for (const std::string& code : expected_codes(expected.text, false)) {
      EXPECT_NE(output.find("[" + code + "]"), std::string::npos)
          << "`terms lint` does not report " << code << " for " << c.name << "\n" << output.substr(0, 4000);
    }
  }
  fs::remove_all(scratch);
}

INSTANTIATE_TEST_SUITE_P(Corpus, ConfigCliCase, ::testing::ValuesIn(case_names()),
                         [](const auto& param_info) { return test_name(param_info.param); });

TEST(BadConfigCorpus, CoversEveryClassAndHasNoOrphans) {
  std::set<std::string> names;
  for (const Case& c : corpus()) names.insert(c.name);
  for (const auto& entry : fs::directory_iterator(kCorpus)) {
    if (entry.path().extension() == ".expected") {
      EXPECT_EQ(names.count(entry.path().stem().string()), 1u) << "orphan expectation " << entry.path();
    }
  }
  for (const char* prefix : {"empty", "missing-comma", "trailing-comma-", "not-an-object-", "wrong-type-profile",
                             "wrong-type-root", "wrong-type-ignore", "wrong-type-rules", "wrong-type-categories",
                             "wrong-type-docs-url", "unknown-key", "unknown-rule", "unknown-category", "deep-",
                             "number-too-large", "binary-", "invalid-utf8-", "bom", "huge-string", "nul-byte"}) {
    const bool found = std::any_of(names.begin(), names.end(),
                                   [&](const std::string& n) { return n.rfind(prefix, 0) == 0; });
    EXPECT_TRUE(found) << "no case for the class " << prefix;
  }
}

}  // namespace
}  // namespace terms::badinput
