// The `terms` executable as a user runs it: exit statuses, help, version,
// usage errors, standard input, JSON and colour. Runs the real binary.

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/run_process.hpp"
#include "tests/support/terms_binary.hpp"

namespace terms {
namespace {

namespace fs = std::filesystem;
using testing::ProcessOptions;
using testing::ProcessResult;

constexpr const char* kClean =
    "party dprk \"Democratic People's Republic of Korea\";\n"
    "program dprk-nuclear of dprk kind nuclear \"Nuclear weapons program\";\n"
    "facility yongbyon in dprk-nuclear \"Yongbyon\";\n";

constexpr const char* kUndefinedName =
    "party dprk \"DPRK\";\n"
    "program dprk-nuclear of dprk kind nuclear \"Nuclear\";\n"
    "facility yongbyon in dprk-nuclear \"Yongbyon\";\n"
    "agreement a \"A\" {\n"
    "  dismantle yongbyn verified;\n"
    "}\n";

// The real binary, in a temporary directory (tests/support/terms_binary.hpp).
class TermsBinary : public testing::TermsBinaryTest {};

TEST_F(TermsBinary, Version) {
  const ProcessResult r = terms({"--version"});
  EXPECT_EQ(r.exit_status, 0);
  EXPECT_EQ(r.out, "terms 0.1.0\n");
  EXPECT_EQ(r.err, "");
}

TEST_F(TermsBinary, HelpListsCommandsSorted) {
  const ProcessResult r = terms({"--help"});
  EXPECT_EQ(r.exit_status, 0);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out.rfind("terms 0.1.0: ", 0), 0u) << r.out;
  const std::size_t check = r.out.find("\n  check ");
  const std::size_t help = r.out.find("\n  help ");
  EXPECT_NE(check, std::string::npos);
  EXPECT_NE(help, std::string::npos);
  EXPECT_LT(check, help);
  EXPECT_EQ(terms({"-h"}).out, r.out);
  EXPECT_EQ(terms({"help"}).out, r.out);
}

TEST_F(TermsBinary, NoArgumentsIsAUsageError) {
  const ProcessResult r = terms({});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("usage: terms COMMAND [ARGS...]"), std::string::npos);
}

TEST_F(TermsBinary, UnknownCommandSuggestsTheClosest) {
  const ProcessResult r = terms({"chek", "x.terms"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "error: unknown command `chek`\n"
            "  = help: did you mean `check`?\n"
            "\n"
            "usage: terms COMMAND [ARGS...]\n"
            "for more information, run `terms --help`\n");
  EXPECT_EQ(terms({"--verison"}).err,
            "error: unknown option `--verison`\n"
            "  = help: did you mean `--version`?\n"
            "\n"
            "usage: terms COMMAND [ARGS...]\n"
            "for more information, run `terms --help`\n");
}

TEST_F(TermsBinary, HelpCommandEqualsDashDashHelp) {
  const ProcessResult a = terms({"help", "check"});
  const ProcessResult b = terms({"check", "--help"});
  EXPECT_EQ(a.exit_status, 0);
  EXPECT_EQ(b.exit_status, 0);
  EXPECT_EQ(a.out, b.out);
  EXPECT_EQ(a.out.rfind("terms check: parse, resolve and check term files\n\nusage: terms check [OPTIONS] PATH...\n", 0), 0u)
      << a.out;
  EXPECT_NE(a.out.find("--format FORMAT"), std::string::npos);
  EXPECT_NE(a.out.find("--color WHEN"), std::string::npos);
  const ProcessResult unknown = terms({"help", "chekc"});
  EXPECT_EQ(unknown.exit_status, 2);
  EXPECT_NE(unknown.err.find("did you mean `check`?"), std::string::npos);
}

TEST_F(TermsBinary, EveryCommandHasHelp) {
  const ProcessResult list = terms({"--help"});
  const std::size_t begin = list.out.find("commands:\n");
  const std::size_t end = list.out.find("\n\n", begin);
  ASSERT_NE(begin, std::string::npos);
  std::istringstream lines(list.out.substr(begin + 10, end - begin - 10));
  std::string line;
  int commands = 0;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string name;
    words >> name;
    if (name.empty() || name == "help") continue;
    ++commands;
    const ProcessResult r = terms({name, "--help"});
    EXPECT_EQ(r.exit_status, 0) << name;
    EXPECT_EQ(r.out.rfind("terms " + name + ": ", 0), 0u) << name << ":\n" << r.out;
    EXPECT_NE(r.out.find("usage: terms " + name), std::string::npos) << name;
  }
  EXPECT_GE(commands, 1);
}

TEST_F(TermsBinary, CheckUsageErrors) {
  ProcessResult r = terms({"check"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_EQ(r.err,
            "error: missing PATH\n"
            "  = help: give at least one PATH\n"
            "\n"
            "usage: terms check [OPTIONS] PATH...\n"
            "for more information, run `terms check --help`\n");
  r = terms({"check", "--fromat", "json", "x.terms"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_EQ(r.err.substr(0, r.err.find('\n', r.err.find('\n') + 1) + 1),
            "error: unknown option `--fromat` for `terms check`\n"
            "  = help: did you mean `--format`?\n");
  r = terms({"check", "--format=xml", "x.terms"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_EQ(r.err.substr(0, r.err.find('\n') + 1),
            "error: invalid value `xml` for `--format`: expected `text`, `json`, `sarif`, `junit`, `github`, or `gcc`\n");
  r = terms({"check", "--max-file-size", "lots", "x.terms"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_EQ(r.err.substr(0, r.err.find('\n') + 1), "error: invalid value `lots` for `--max-file-size`\n");
}

TEST_F(TermsBinary, CleanFileExitsZero) {
  write("clean.terms", kClean);
  const ProcessResult r = terms({"check", "clean.terms"});
  EXPECT_EQ(r.exit_status, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "checked 1 file: 0 errors, 0 warnings\n");
  EXPECT_EQ(r.err, "");
}

TEST_F(TermsBinary, ErrorDiagnosticExitsOne) {
  write("deal.terms", kUndefinedName);
  const ProcessResult r = terms({"check", "--color", "never", "deal.terms"});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_EQ(r.out.rfind("error[E0204]: ", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("\n --> deal.terms:5:13\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\nchecked 1 file: 1 error, 0 warnings\n"), std::string::npos) << r.out;
}

TEST_F(TermsBinary, DirectoriesAndMixedResults) {
  write("lib/clean.terms", kClean);
  write("deals/bad.terms", kUndefinedName);
  write("deals/notes.txt", "not a term file");
  const ProcessResult r = terms({"check", "--color=never", "."});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_NE(r.out.find("--> deals/bad.terms:5:13"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("checked 2 files: 1 error, 0 warnings\n"), std::string::npos) << r.out;
}

TEST_F(TermsBinary, MissingFileIsAnIoError) {
  write("clean.terms", kClean);
  const ProcessResult r = terms({"check", "--color", "never", "clean.terms", "gone.terms"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_EQ(r.out,
            "error[E0001]: cannot read `gone.terms`: no such file or directory\n"
            " --> gone.terms\n"
            "\n"
            "checked 1 file: 1 error, 0 warnings\n");
}

TEST_F(TermsBinary, FifoIsReportedWithoutHanging) {
  ASSERT_EQ(::mkfifo((fs::path(dir_) / "pipe.terms").c_str(), 0600), 0);
  ProcessResult r = terms({"check", "--color", "never", "pipe.terms"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_EQ(r.out.rfind("error[E0002]: `pipe.terms` is a FIFO, not a regular file\n", 0), 0u) << r.out;
  r = terms({"check", "--color", "never", "."});  // found while searching
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.out.find("error[E0002]: `pipe.terms` is a FIFO"), std::string::npos) << r.out;
}

TEST_F(TermsBinary, StandardInput) {
  ProcessOptions in;
  in.stdin_text = kUndefinedName;
  ProcessResult r = terms({"check", "--color", "never", "-"}, in);
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_NE(r.out.find(" --> <stdin>:5:13\n"), std::string::npos) << r.out;
  in.stdin_text = kClean;
  r = terms({"check", "-"}, in);
  EXPECT_EQ(r.exit_status, 0);
  EXPECT_EQ(r.out, "checked 1 file: 0 errors, 0 warnings\n");
  in.stdin_text = std::string(2000, '#');
  r = terms({"check", "--color", "never", "--max-file-size", "1k", "-"}, in);
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_EQ(r.out.rfind("error[E0005]: standard input is larger than the limit of 1 KiB\n", 0), 0u) << r.out;
}

TEST_F(TermsBinary, JsonCarriesTheSameDiagnostics) {
  write("deal.terms", kUndefinedName);
  write("clean.terms", kClean);
  const ProcessResult r = terms({"check", "--format", "json", "clean.terms", "deal.terms"});
  EXPECT_EQ(r.exit_status, 1);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["files"], nlohmann::json::array({"clean.terms", "deal.terms"}));
  ASSERT_GE(j["diagnostics"].size(), 1u);
  const auto& d = j["diagnostics"][0];
  EXPECT_EQ(d["code"], "E0204");
  EXPECT_EQ(d["name"], "undefined-name");
  EXPECT_EQ(d["severity"], "error");
  EXPECT_EQ(d["file"], "deal.terms");
  EXPECT_EQ(d["range"]["start"]["line"], 5);
  EXPECT_EQ(d["range"]["start"]["column"], 13);
  EXPECT_EQ(j["summary"]["files"], 2);
  EXPECT_EQ(j["summary"]["errors"], j["diagnostics"].size());
  EXPECT_EQ(r.out.find("\x1b["), std::string::npos);
}

TEST_F(TermsBinary, ColourFollowsTheFlagTheTerminalAndNoColor) {
  write("deal.terms", kUndefinedName);
  // A pipe: no colour unless asked for.
  EXPECT_EQ(terms({"check", "deal.terms"}).out.find("\x1b["), std::string::npos);
  EXPECT_NE(terms({"check", "--color", "always", "deal.terms"}).out.find("\x1b[1;31merror[E0204]"),
            std::string::npos);

  ProcessOptions tty;
  tty.stdout_is_terminal = true;
  EXPECT_NE(terms({"check", "deal.terms"}, tty).out.find("\x1b[1;31merror[E0204]"), std::string::npos);
  EXPECT_EQ(terms({"check", "--color", "never", "deal.terms"}, tty).out.find("\x1b["), std::string::npos);

  ProcessOptions no_color = tty;
  no_color.env.push_back("NO_COLOR=1");
  EXPECT_EQ(terms({"check", "deal.terms"}, no_color).out.find("\x1b["), std::string::npos);
  EXPECT_NE(terms({"check", "--color=always", "deal.terms"}, no_color).out.find("\x1b["), std::string::npos);
  ProcessOptions empty_no_color = tty;
  empty_no_color.env.push_back("NO_COLOR=");
  EXPECT_NE(terms({"check", "deal.terms"}, empty_no_color).out.find("\x1b["), std::string::npos);
}

}  // namespace
}  // namespace terms
