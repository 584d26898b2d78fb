// `terms fmt` as a user runs it (the real binary): what it prints, the exit
// status, and what it does to the files: --write rewrites only what changes,
// --check lists and exits 1, --diff shows a unified diff, a file with syntax
// errors is never touched, and a failed write leaves the original intact.

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/support/files.hpp"

#include "tests/support/run_process.hpp"

namespace terms {
namespace {

namespace fs = std::filesystem;
using testing::ProcessOptions;
using testing::ProcessResult;
using testing::run_process;

std::string read(const fs::path& p) { return testing::read_file(p); }

void write(const fs::path& p, const std::string& text) { testing::write_file(p, text); }

const std::string kMessy = "party   a \"A\";party b \"B\";\n";
const std::string kTidy = "party a \"A\";\nparty b \"B\";\n";
const std::string kBroken = "party a \"A\"\nagreement x {\n";

class FmtCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() /
          ("terms-fmt-cli-" + std::to_string(::getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  ProcessResult terms(std::vector<std::string> args, std::optional<std::string> stdin_text = {}) {
    ProcessOptions o;
    o.cwd = dir.string();
    o.stdin_text = std::move(stdin_text);
    return run_process(TERMS_BINARY, args, o);
  }
  fs::path dir;
};

TEST_F(FmtCommand, PrintsTheFormattedTextOfOneFile) {
  write(dir / "a.terms", kMessy);
  const ProcessResult r = terms({"fmt", "a.terms"});
  EXPECT_EQ(r.exit_status, 0) << r.err;
  EXPECT_EQ(r.out, kTidy);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(read(dir / "a.terms"), kMessy);  // printing changes nothing
}

TEST_F(FmtCommand, FormatsStandardInput) {
  const ProcessResult r = terms({"fmt", "-"}, kMessy);
  EXPECT_EQ(r.exit_status, 0) << r.err;
  EXPECT_EQ(r.out, kTidy);
}

TEST_F(FmtCommand, NeedsAModeForSeveralFiles) {
  write(dir / "a.terms", kMessy);
  write(dir / "b.terms", kTidy);
  const ProcessResult r = terms({"fmt", "."});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("error: `terms fmt` prints the formatted text of one file, and 2 files were given"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("use `--write` to format them in place, `--check` to list the ones that need it, or "
                       "`--diff` to see the changes"),
            std::string::npos)
      << r.err;
}

TEST_F(FmtCommand, CheckListsTheFilesThatWouldChangeAndExits1) {
  write(dir / "a.terms", kMessy);
  write(dir / "b.terms", kTidy);
  fs::create_directories(dir / "sub");
  write(dir / "sub" / "c.terms", kMessy);
  const ProcessResult r = terms({"fmt", "--check", "."});
  EXPECT_EQ(r.exit_status, 1) << r.err;
  EXPECT_EQ(r.out, "a.terms\nsub/c.terms\n");
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(read(dir / "a.terms"), kMessy);

  write(dir / "a.terms", kTidy);
  write(dir / "sub" / "c.terms", kTidy);
  const ProcessResult clean = terms({"fmt", "--check", "."});
  EXPECT_EQ(clean.exit_status, 0) << clean.err;
  EXPECT_EQ(clean.out, "");
}

TEST_F(FmtCommand, WriteRewritesOnlyTheFilesThatChangeAndKeepsTheirMode) {
  write(dir / "a.terms", kMessy);
  write(dir / "b.terms", kTidy);
  ::chmod((dir / "a.terms").c_str(), 0600);
  const auto b_time = fs::last_write_time(dir / "b.terms");
  const ProcessResult r = terms({"fmt", "--write", "."});
  EXPECT_EQ(r.exit_status, 0) << r.err;
  EXPECT_EQ(r.out, "a.terms\n");
  EXPECT_EQ(read(dir / "a.terms"), kTidy);
  EXPECT_EQ(read(dir / "b.terms"), kTidy);
  EXPECT_EQ(fs::last_write_time(dir / "b.terms"), b_time);
  struct stat st {};
  ASSERT_EQ(::stat((dir / "a.terms").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  // Nothing else in the directory: no temporary file left behind.
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"a.terms", "b.terms"}));
}

TEST_F(FmtCommand, DiffPrintsAUnifiedDiff) {
  write(dir / "a.terms", kMessy);
  const ProcessResult r = terms({"fmt", "--diff", "a.terms"});
  EXPECT_EQ(r.exit_status, 0) << r.err;
  EXPECT_EQ(r.out,
            "--- a/a.terms\n"
            "+++ b/a.terms\n"
            "@@ -1 +1,2 @@\n"
            "-party   a \"A\";party b \"B\";\n"
            "+party a \"A\";\n"
            "+party b \"B\";\n");
  EXPECT_EQ(read(dir / "a.terms"), kMessy);
  const ProcessResult check = terms({"fmt", "--check", "--diff", "a.terms"});
  EXPECT_EQ(check.exit_status, 1);
  EXPECT_EQ(check.out, r.out);
}

TEST_F(FmtCommand, AFileWithSyntaxErrorsIsReportedAndLeftUnchanged) {
  write(dir / "bad.terms", kBroken);
  write(dir / "ok.terms", kMessy);
  const ProcessResult r = terms({"fmt", "--write", "--color", "never", "."});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_EQ(read(dir / "bad.terms"), kBroken);
  EXPECT_EQ(read(dir / "ok.terms"), kTidy);  // the other files are still formatted
  EXPECT_EQ(r.out, "ok.terms\n");
  EXPECT_NE(r.err.find("error[E0100]: expected `;` at the end of the declaration"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--> bad.terms:1:12"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bad.terms: not formatted: the file has syntax errors; it was left unchanged"),
            std::string::npos)
      << r.err;
}

TEST_F(FmtCommand, AFailedWriteLeavesTheOriginalIntactAndExits2) {
  // A file-size limit (`ulimit -f 1`: 512 or 1024 bytes, depending on the
  // shell) makes the write fail for real, even as root. The limit binds the
  // `terms` process only: the test wrote the original.
  std::string original;
  for (int i = 0; i < 200; ++i) original += "party   p" + std::to_string(i) + "   \"a title of some length\";";
  write(dir / "big.terms", original);
  const ProcessResult r = run_process(
      "/bin/sh", {"-c", std::string("ulimit -f 1 && exec '") + TERMS_BINARY + "' fmt --write big.terms"},
      [&] {
        ProcessOptions o;
        o.cwd = dir.string();
        return o;
      }());
  EXPECT_EQ(r.exit_status, 2) << r.out << r.err;
  EXPECT_EQ(read(dir / "big.terms"), original);
  EXPECT_NE(r.err.find("error: cannot write"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("file too large"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("= note: `big.terms` was left as it was"), std::string::npos) << r.err;
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  EXPECT_EQ(names, std::vector<std::string>{"big.terms"});
}

TEST_F(FmtCommand, RejectsContradictoryOrImpossibleRequests) {
  write(dir / "a.terms", kMessy);
  const ProcessResult both = terms({"fmt", "--write", "--check", "a.terms"});
  EXPECT_EQ(both.exit_status, 2);
  EXPECT_NE(both.err.find("`--write` and `--check` cannot be used together"), std::string::npos) << both.err;
  const ProcessResult stdin_write = terms({"fmt", "--write", "-"}, kMessy);
  EXPECT_EQ(stdin_write.exit_status, 2);
  EXPECT_NE(stdin_write.err.find("`--write` cannot rewrite standard input"), std::string::npos) << stdin_write.err;
  const ProcessResult missing = terms({"fmt", "--check", "missing.terms"});
  EXPECT_EQ(missing.exit_status, 2);
  EXPECT_EQ(read(dir / "a.terms"), kMessy);
}

TEST_F(FmtCommand, TheExamplesAreFormatted) {
  ProcessOptions o;
  o.cwd = TERMS_SOURCE_DIR;
  const ProcessResult r = run_process(TERMS_BINARY, {"fmt", "--check", "examples/"}, o);
  EXPECT_EQ(r.exit_status, 0) << "not formatted:\n" << r.out << r.err;
  EXPECT_EQ(r.out, "");
}

}  // namespace
}  // namespace terms
