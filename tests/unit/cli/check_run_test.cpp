// Library runs of the real binary: `terms check`'s output does not depend on
// `--jobs`, a library file's errors are reported once (under the first input
// that imports it), a profile declared in the inputs (or on standard input)
// is still found; `terms lint` and `terms fmt` on workers keep input order.

#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "tests/support/files.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/terms_binary.hpp"

namespace terms {
namespace {

namespace fs = std::filesystem;
using testing::ProcessOptions;
using testing::ProcessResult;

class CheckRun : public testing::TermsBinaryTest {
 protected:
  // Runs in the temporary directory, or in `cwd`; a library run may take a while.
  ProcessResult terms(const std::vector<std::string>& args, const std::string& cwd = "") const {
    ProcessOptions options;
    options.cwd = cwd;
    options.timeout_ms = 60000;
    return TermsBinaryTest::terms(args, options);
  }
  // A library: lib/common.terms declares what 40 agreement files use; every
  // fourth agreement is unacceptable (an unverified dismantlement).
  void write_library() const {
    write("terms.json", "{}\n");  // the library root: deals/ imports ../lib/
    write("lib/common.terms",
          "party dprk \"DPRK\";\n"
          "party usa \"United States\";\n"
          "verifier iaea \"IAEA\";\n"
          "program nuclear of dprk kind nuclear \"Nuclear\";\n"
          "program missiles of dprk kind ballistic \"Missiles\";\n"
          "facility yongbyon in nuclear \"Yongbyon\";\n"
          "facility sohae in missiles \"Sohae\";\n"
          "sanction s1 by usa \"Sanction 1\";\n"
          "sanction s2 by usa \"Sanction 2\";\n");
    for (int i = 0; i < 40; ++i) {
      write(fmt::format("deals/d{:02}.terms", i),
            fmt::format("import \"../lib/common.terms\";\n"
                        "agreement deal-{} \"Deal {}\" {{\n"
                        "  step one \"One\" {{\n"
                        "    dismantle yongbyon {};\n"
                        "    freeze sohae verified by iaea;\n"
                        "    ease sanctions s1;\n"
                        "    retain sanctions s2;\n"
                        "  }}\n"
                        "}}\n",
                        i, i, i % 4 == 0 ? "partially" : "verified by iaea"));
    }
  }
};

TEST_F(CheckRun, TheOutputDoesNotDependOnJobs) {
  write_library();
  for (const std::string format : {"text", "json", "sarif", "gcc"}) {
    const ProcessResult one = terms({"check", "--jobs", "1", "--format", format, "deals"});
    EXPECT_EQ(one.exit_status, 1) << format << ": " << one.out << one.err;
    EXPECT_NE(one.out.find("deals/d39.terms"), std::string::npos) << format << ": " << one.out;
    for (const std::string jobs : {"2", "3", "0"}) {
      const ProcessResult many = terms({"check", "--jobs", jobs, "--format", format, "deals"});
      EXPECT_EQ(many.exit_status, one.exit_status) << format << " --jobs " << jobs;
      EXPECT_EQ(many.out, one.out) << format << " --jobs " << jobs;
      EXPECT_EQ(many.err, one.err) << format << " --jobs " << jobs;
    }
  }
  // The verdicts come in the order of the inputs.
  const ProcessResult text = terms({"check", "--jobs", "3", "deals"});
  std::size_t at = 0;
  for (int i = 0; i < 40; ++i) {
    const std::size_t next = text.out.find(fmt::format("verdict: `deal-{}` is ", i));
    ASSERT_NE(next, std::string::npos) << i;
    EXPECT_GE(next, at) << i;
    at = next;
  }
  EXPECT_NE(text.out.find("verdict: `deal-4` is unacceptable under `stepwise-2020`"), std::string::npos) << text.out;
  EXPECT_NE(text.out.rfind("checked 40 files: 0 errors, 0 warnings\n"), std::string::npos) << text.out;
}

TEST_F(CheckRun, TheExamplesGiveTheSameOutputWithAnyNumberOfJobs) {
  const std::string source = TERMS_SOURCE_DIR;
  const ProcessResult one = terms({"check", "--jobs", "1", "examples"}, source);
  const ProcessResult two = terms({"check", "--jobs", "2", "examples"}, source);
  EXPECT_EQ(one.exit_status, 0) << one.out << one.err;
  EXPECT_EQ(two.exit_status, one.exit_status);
  EXPECT_EQ(two.out, one.out);
  EXPECT_NE(one.out.find("verdict: `hanoi-2019` is unacceptable"), std::string::npos) << one.out;
}

TEST_F(CheckRun, ABrokenLibraryFileIsReportedOnceUnderTheFirstInputThatImportsIt) {
  write_library();
  write("lib/common.terms", "party dprk \"DPRK\"\nparty usa \"United States\";\n");  // missing `;`
  for (const std::string jobs : {"1", "2"}) {
    const ProcessResult r = terms({"check", "--jobs", jobs, "deals"});
    EXPECT_EQ(r.exit_status, 1) << r.out;
    const std::size_t first = r.out.find("--> lib/common.terms:");
    ASSERT_NE(first, std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("--> lib/common.terms:", first + 1), std::string::npos) << "reported twice:\n" << r.out;
    // Agreements whose import has errors are not evaluated.
    EXPECT_NE(r.out.find("`deal-0` was not evaluated"), std::string::npos) << r.out;
  }
}

TEST_F(CheckRun, AProfileDeclaredInTheInputsIsFound) {
  write_library();
  write("deals/zz-profile.terms",
        "profile lenient \"Anything goes\" {\n"
        "  require anything \"Always\": true;\n"
        "}\n");
  for (const std::string jobs : {"1", "2"}) {
    const ProcessResult r = terms({"check", "--jobs", jobs, "--profile", "lenient", "deals"});
    EXPECT_EQ(r.exit_status, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("verdict: `deal-4` is acceptable under `lenient`"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("checked 41 files"), std::string::npos) << r.out;
  }
}

// `terms lint` prints its text as it goes, input by input: the summary line
// still counts every finding printed, and --jobs changes nothing.
TEST_F(CheckRun, LintTextComesInInputOrderAndTheSummaryCountsIt) {
  write_library();
  const ProcessResult one = terms({"lint", "--jobs", "1", "--fail-level", "warning", "deals"});
  const ProcessResult two = terms({"lint", "--jobs", "2", "--fail-level", "warning", "deals"});
  EXPECT_EQ(two.out, one.out);
  EXPECT_EQ(two.exit_status, one.exit_status);
  auto count = [&](const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = one.out.find(what); at != std::string::npos; at = one.out.find(what, at + 1)) ++n;
    return n;
  };
  const std::size_t warnings = count("\nwarning[") + (one.out.rfind("warning[", 0) == 0 ? 1 : 0);
  ASSERT_GT(warnings, 0u) << one.out;
  EXPECT_EQ(one.exit_status, 1);
  EXPECT_NE(one.out.find(fmt::format("linted 40 files: 0 errors, {} warning", warnings)), std::string::npos)
      << one.out.substr(one.out.size() > 300 ? one.out.size() - 300 : 0);
  // In input order: d00's findings before d39's.
  const std::size_t first = one.out.find("deals/d00.terms");
  const std::size_t last = one.out.find("deals/d39.terms");
  ASSERT_NE(first, std::string::npos) << one.out;
  ASSERT_NE(last, std::string::npos) << one.out;
  EXPECT_LT(first, last);
}

// `terms fmt` on workers: the files it lists come in input order, and --write
// formats every one of them.
TEST_F(CheckRun, FmtOnWorkersListsInInputOrderAndWritesEveryFile) {
  std::string expected;
  for (int i = 0; i < 30; ++i) {
    write(fmt::format("f/x{:02}.terms", i), fmt::format("party   p{}    \"P\";\n", i));
    expected += fmt::format("f/x{:02}.terms\n", i);
  }
  write("f/y.terms", "party   broken\n");  // a syntax error: reported, left alone
  const ProcessResult one = terms({"fmt", "--check", "--jobs", "1", "f"});
  const ProcessResult three = terms({"fmt", "--check", "--jobs", "3", "f"});
  EXPECT_EQ(one.exit_status, 1);
  EXPECT_EQ(one.out, expected);
  EXPECT_EQ(three.out, one.out);
  EXPECT_EQ(three.err, one.err);
  EXPECT_NE(one.err.find("f/y.terms: not formatted: the file has syntax errors"), std::string::npos) << one.err;
  const ProcessResult written = terms({"fmt", "--write", "--jobs", "3", "f"});
  EXPECT_EQ(written.out, expected);
  EXPECT_EQ(terms({"fmt", "--check", "f/x00.terms", "f/x29.terms"}).exit_status, 0);
  EXPECT_EQ(testing::read_file(fs::path(dir_) / "f/x17.terms"), "party p17 \"P\";\n");
}

// Standard input is read once, even when the profile turns out to be one the
// input declares (here it shadows the built-in one of the same name).
TEST_F(CheckRun, StandardInputThatDeclaresTheProfileIsReadOnce) {
  write_library();
  ProcessOptions options;
  options.stdin_text =
      "import \"lib/common.terms\";\n"
      "profile stepwise-2020 \"Local rules\" {\n"
      "  require anything \"Always\": true;\n"
      "}\n"
      "agreement piped \"Piped\" {\n"
      "  step one \"One\" {\n"
      "    dismantle yongbyon partially;\n"
      "  }\n"
      "}\n";
  const ProcessResult r = TermsBinaryTest::terms({"check", "-"}, options);
  EXPECT_EQ(r.exit_status, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("verdict: `piped` is acceptable under `stepwise-2020` (1 of 1 conditions hold)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("checked 1 file: 0 errors"), std::string::npos) << r.out;
}

TEST_F(CheckRun, JobsMustBeANumber) {
  const ProcessResult r = terms({"check", "--jobs", "many", "."});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("invalid value `many` for `--jobs`"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace terms
