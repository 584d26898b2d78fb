// The bad-input corpus (tests/bad-input/terms): every case gets exactly the
// diagnostics in its `.expected` file, through the library (parse, load,
// resolve and check from an in-memory copy of the case), and the real `terms
// check` on the case's files exits with status 1, reports the same codes, and
// neither crashes nor hangs.
//
// TERMS_UPDATE_BAD_INPUT=1 rewrites the `.expected` files from what the
// library reports (keeping their `#` header lines); review the diff.

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "dsl/resolve.hpp"
#include "memfs/memory_fs.hpp"
#include "tests/support/run_process.hpp"
#include "tests/unit/badinput/corpus.hpp"

namespace terms::badinput {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = fs::path(TERMS_SOURCE_DIR) / "tests/bad-input/terms";
constexpr const char* kCaseDir = "/case/";

// A diagnostic's message is read on one line: a huge identifier or string in
// the input must not be echoed whole.
constexpr std::size_t kMaxMessageBytes = 300;

const std::vector<Case>& corpus() {
  static const std::vector<Case> cases = discover(kCorpus);
  return cases;
}

std::vector<std::string> case_names() { return badinput::case_names(corpus()); }
const Case& find_case(const std::string& name) { return badinput::find_case(corpus(), name); }

class LibraryCase : public ::testing::TestWithParam<std::string> {};

TEST_P(LibraryCase, GetsItsDiagnostics) {
  const Case& c = find_case(GetParam());
  Expectation expected = read_expectation(c.expected);

  testing::MemoryFileSystem files;
  for (const auto& [path, text] : c.files) files.add(kCaseDir + path, text);
  LoadOptions options;
  options.library_root = c.library.empty() ? "/case" : kCaseDir + c.library;
  const auto unknown = apply_options(expected.options, options);
  EXPECT_TRUE(unknown.empty()) << "unknown option in " << c.expected << ": " << unknown.front();

  SourceManager sources;
  DiagnosticBag diags;
  const auto started = std::chrono::steady_clock::now();
  {
    Workspace ws(sources, files, diags, options);
    ws.load_file(kCaseDir + c.root);
  }
  const auto elapsed = std::chrono::steady_clock::now() - started;
  const std::string actual = describe(diags.all(), sources, kCaseDir);

  EXPECT_FALSE(diags.all().empty()) << "a bad input must get at least one diagnostic";
  for (const Diagnostic& d : diags.all()) {
    std::vector<std::string> texts{d.message, d.label};
    for (const Label& l : d.related) texts.push_back(l.message);
    texts.insert(texts.end(), d.notes.begin(), d.notes.end());
    texts.insert(texts.end(), d.help.begin(), d.help.end());
    for (const std::string& t : texts) {
      EXPECT_LE(t.size(), kMaxMessageBytes) << "text too long to read: " << t.substr(0, 200);
    }
  }
  // Generous: the largest case is a few megabytes; this catches quadratic work.
  EXPECT_LT(std::chrono::duration_cast<std::chrono::seconds>(elapsed).count(), 20);

  expect_or_update(c, expected, actual);
}

INSTANTIATE_TEST_SUITE_P(Corpus, LibraryCase, ::testing::ValuesIn(case_names()),
                         [](const auto& param_info) { return test_name(param_info.param); });

// The real binary on the case's files, as a user would run it.
class CliCase : public ::testing::TestWithParam<std::string> {};

TEST_P(CliCase, ExitsWithAFindingAndTheSameCodes) {
  const Case& c = find_case(GetParam());
  const Expectation expected = read_expectation(c.expected);
  // The load options, as `terms check` spells them (cli/load_options.hpp).
  std::vector<std::string> args{"check", "--color", "never"};
  for (const auto& [key, value] : expected.options) {
    const std::string flag = key == "max_file_bytes"     ? "--max-file-size"
                             : key == "max_import_depth" ? "--max-import-depth"
                             : key == "max_imports"      ? "--max-imports"
                             : key == "max_depth"        ? "--max-nesting"
                             : key == "max_formula_size" ? "--max-formula-size"
                             : key == "max_errors"       ? "--max-errors"
                                                         : "";
    if (key == "max_errors_per_file") {
      // The command line has one number for both.
      const auto errors = expected.options.find("max_errors");
      if (errors == expected.options.end() || errors->second != value) {
        GTEST_SKIP() << "max_errors_per_file differs from max_errors: the command line has one --max-errors";
      }
      continue;
    }
    ASSERT_NE(flag, "") << "no command-line option for " << key;
    args.push_back(flag);
    args.push_back(value);
  }
  ASSERT_TRUE(expected.exists);

  // Generated inputs are written to a scratch directory; the others are run in place.
  fs::path target;
  fs::path scratch;
  if (c.input.extension() == ".gen") {
    scratch = fs::temp_directory_path() / fmt::format("terms-badinput-{}-{}", ::getpid(), c.name);
    fs::create_directories(scratch);
    target = scratch / c.root;
    write_file(target, c.files.begin()->second);
  } else if (fs::is_directory(c.input)) {
    // A case with a library: check the library directory, made the root with
    // --library-root (run from the source tree, the root would otherwise be
    // the current directory, which holds the input: driver/library_root.hpp).
    target = c.library.empty() ? c.input / c.root : c.input / c.library;
    if (!c.library.empty()) {
      args.push_back("--library-root");
      args.push_back(target.string());
    }
  } else {
    target = c.input;
  }

  testing::ProcessOptions po;
  po.cwd = TERMS_SOURCE_DIR;
  po.timeout_ms = 60000;
  // Sanitizer builds: let the child see the same settings as the test.
  for (std::string& var : sanitizer_environment()) po.env.push_back(std::move(var));
  args.push_back(target.string());
  const testing::ProcessResult r = testing::run_process(TERMS_BINARY, args, po);
  if (!scratch.empty()) fs::remove_all(scratch);

  ASSERT_TRUE(r.spawn_error.empty()) << r.spawn_error;
  EXPECT_FALSE(r.timed_out) << "terms check hung on " << c.name;
  EXPECT_EQ(r.signal, 0) << "terms check was killed by signal " << r.signal << "\n" << r.err.substr(0, 4000);
  const std::string output = r.out + r.err;
  // With --color never, nothing from the input may reach the terminal as a
  // control sequence (ESC, BEL, a carriage return...): only newlines.
  EXPECT_EQ(output_problem(output), "") << output.substr(0, 4000);
  const bool has_error = !expected_codes(expected.text, true).empty();
  EXPECT_EQ(r.exit_status, expected.cli_exit.value_or(has_error ? 1 : 0)) << output.substr(0, 4000);
  const std::vector<std::string> codes =
      expected.cli_codes.empty() ? expected_codes(expected.text, false) : expected.cli_codes;
  for (const std::string& code : codes) {
    EXPECT_NE(output.find("[" + code + "]"), std::string::npos)
        << "`terms check` does not report " << code << " for " << c.name << "\n" << output.substr(0, 4000);
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, CliCase, ::testing::ValuesIn(case_names()),
                         [](const auto& param_info) { return test_name(param_info.param); });

// Every expectation belongs to a case, and the corpus covers every class of
// malformed input the hardening issue lists.
TEST(BadInputCorpus, CoversEveryClassAndHasNoOrphans) {
  std::set<std::string> names;
  for (const Case& c : corpus()) names.insert(c.name);
  for (const auto& entry : fs::directory_iterator(kCorpus)) {
    if (entry.path().extension() == ".expected") {
      EXPECT_EQ(names.count(entry.path().stem().string()), 1u) << "orphan expectation " << entry.path();
    }
  }
  for (const char* prefix : {"truncated-", "invalid-utf8-", "nul-byte", "identifier-1mb", "string-1mb",
                             "deep-", "brace-", "import-cycle-", "import-escape"}) {
    const bool found = std::any_of(names.begin(), names.end(),
                                   [&](const std::string& n) { return n.rfind(prefix, 0) == 0; });
    EXPECT_TRUE(found) << "no case for the class " << prefix;
  }
}

}  // namespace
}  // namespace terms::badinput
