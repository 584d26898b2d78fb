// The security properties through the real `terms` binary, on a real disk:
// only regular files are read (a FIFO, /dev/zero or a directory named
// `x.terms` is reported, and nothing hangs), and nothing leads out of the
// library root: neither an import (through `..` or a symbolic link) nor a
// term file that is itself a link out (given directly, or found in a
// directory). Each case checks that the file outside was not read: it holds
// a marker that would appear in the output if it had been.
//
// Already covered elsewhere, so not repeated here: a FIFO given directly or
// found in a directory (tests/unit/cli/exit_codes_test.cpp), a device and a
// directory named `x.terms` given directly (tests/golden/io/), the library
// root's path rules on an in-memory file system (library_root_test.cpp).

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "tests/support/run_process.hpp"

namespace terms::testing {
namespace {

namespace fs = std::filesystem;

// A file outside the library, with a marker that only a read could reveal.
constexpr const char* kMarker = "secret-marker-7f3a";
const std::string kSecret = std::string("party ") + kMarker + " \"outside the library\";\nthis line is not terms\n";

class CliSecurity : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "terms-security-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    top = pattern;
    lib = top / "lib";
    fs::create_directories(lib);
    write("outside/secret.terms", kSecret);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(top, ec);
  }
  void write(const std::string& rel, const std::string& text) const {
    fs::create_directories((top / rel).parent_path());
    std::ofstream(top / rel, std::ios::binary) << text;
  }
  std::string read(const std::string& rel) const {
    std::ifstream in(top / rel, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  // `terms ARGS...` in `cwd` (default: the library); a hang fails the test.
  ProcessResult terms(const std::vector<std::string>& args, const fs::path& cwd = {}) const {
    ProcessOptions o;
    o.cwd = (cwd.empty() ? lib : cwd).string();
    o.timeout_ms = 15000;
    ProcessResult r = run_process(TERMS_BINARY, args, o);
    EXPECT_TRUE(r.spawn_error.empty()) << r.spawn_error;
    EXPECT_FALSE(r.timed_out) << "terms hung";
    return r;
  }

  fs::path top;  // top/lib is the library; top/outside is not
  fs::path lib;
};

const std::string kParty = "party a \"A\";\n";

// ---- only regular files ---------------------------------------------------------------------

TEST_F(CliSecurity, DevZeroGivenDirectlyIsReportedWithoutHanging) {
  const ProcessResult r = terms({"check", "--color", "never", "/dev/zero"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_EQ(r.out.rfind("error[E0002]: `/dev/zero` is a character device, not a regular file\n", 0), 0u) << r.out;
}

TEST_F(CliSecurity, AFifoADeviceAndADirectoryAsImportsAreReportedWithoutHanging) {
  ASSERT_EQ(::mkfifo((lib / "pipe.terms").c_str(), 0600), 0);
  fs::create_directories(lib / "dir.terms");
  write("lib/main.terms",
        "import \"pipe.terms\";\n"
        "import \"dir.terms\";\n"
        "import \"/dev/zero\";\n" +
            kParty);
  // `--library-root /`, so that /dev/zero is refused for what it is, not for where.
  const ProcessResult r = terms({"check", "--color", "never", "--library-root", "/", "main.terms"});
  EXPECT_EQ(r.exit_status, 1) << r.err;
  EXPECT_NE(r.out.find("error[E0202]: `main.terms` imports `pipe.terms`, which is not a regular file"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("error[E0202]: `main.terms` imports `dir.terms`, which is a directory"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("error[E0202]: `main.terms` imports `/dev/zero`, which is not a regular file"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("checked 1 file: 3 errors"), std::string::npos) << r.out;
}

// ---- symbolic links out of the library, given or found ----------------------------------------

TEST_F(CliSecurity, ALinkToEtcPasswdGivenDirectlyIsReportedAndNotRead) {
  fs::create_symlink("/etc/passwd", lib / "x.terms");
  const ProcessResult r = terms({"check", "--color", "never", "x.terms"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_EQ(r.out,
            "error[E0007]: `x.terms` leads outside the library root `.`: it resolves to `/etc/passwd`\n"
            " --> x.terms\n"
            "  = note: it was not read: a file inside the library may not lead to other files on the machine, "
            "so that checking an untrusted library cannot read them\n"
            "  = help: copy the file into the library, or widen the library root (`root` in terms.json, or "
            "`--library-root`)\n"
            "\n"
            "checked 0 files: 1 error, 0 warnings\n");
  EXPECT_EQ(r.out.find("root:"), std::string::npos) << "/etc/passwd was read:\n" << r.out;
}

TEST_F(CliSecurity, ALinkOutFoundInADirectoryIsReportedAndTheOtherFilesAreChecked) {
  write("lib/a.terms", kParty);
  fs::create_symlink("../outside/secret.terms", lib / "b.terms");
  const ProcessResult r = terms({"check", "--color", "never", "."});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.out.find("error[E0007]: `b.terms` leads outside the library root `.`: it resolves to `" +
                       (top / "outside/secret.terms").string() + "`"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("checked 1 file: 1 error, 0 warnings"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find(kMarker), std::string::npos) << "the file outside was read:\n" << r.out;
}

TEST_F(CliSecurity, AFileInALinkedDirectoryGivenDirectlyIsReported) {
  fs::create_directory_symlink("../outside", lib / "shared");
  const ProcessResult r = terms({"check", "--color", "never", "shared/secret.terms"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.out.find("error[E0007]: `shared/secret.terms` leads outside the library root `.`"), std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find(kMarker), std::string::npos) << r.out;
}

TEST_F(CliSecurity, EveryCommandThatReadsFilesRefusesALinkOut) {
  fs::create_symlink("../outside/secret.terms", lib / "x.terms");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"test", "--color", "never", "x.terms"},
        std::vector<std::string>{"explain", "--color", "never", "x.terms"},
        std::vector<std::string>{"lint", "--color", "never", "x.terms"},
        std::vector<std::string>{"fmt", "--color", "never", "x.terms"},
        std::vector<std::string>{"fmt", "--write", "--color", "never", "x.terms"}}) {
    const ProcessResult r = terms(args);
    EXPECT_EQ(r.exit_status, 2) << args[0] << "\n" << r.out << r.err;
    EXPECT_NE((r.out + r.err).find("[E0007]"), std::string::npos) << args[0] << "\n" << r.out << r.err;
    EXPECT_EQ((r.out + r.err).find(kMarker), std::string::npos) << args[0] << " read the file:\n" << r.out << r.err;
  }
  EXPECT_EQ(read("outside/secret.terms"), kSecret) << "fmt --write wrote through the link";
}

TEST_F(CliSecurity, LinksThatStayInsideAndExplicitRootsAreAllowed) {
  write("lib/real/a.terms", kParty);
  fs::create_symlink("real/a.terms", lib / "alias.terms");
  ProcessResult r = terms({"check", "--color", "never", "alias.terms"});
  EXPECT_EQ(r.exit_status, 0) << r.out;
  // Widening the root to include the target allows the link out of `lib`.
  fs::create_symlink("../outside/secret.terms", lib / "x.terms");
  r = terms({"check", "--color", "never", "--library-root", "..", "x.terms"});
  EXPECT_EQ(r.exit_status, 1) << r.out;  // read: its syntax error is reported
  EXPECT_NE(r.out.find("error[E0102]"), std::string::npos) << r.out;
  // A file given outside the root as written is the user's explicit choice.
  r = terms({"check", "--color", "never", "--library-root", ".", "../outside/secret.terms"});
  EXPECT_NE(r.out.find("error[E0102]"), std::string::npos) << r.out;
}

// ---- imports out of the library --------------------------------------------------------------

TEST_F(CliSecurity, AnImportThroughALinkOutIsRefusedAndNotRead) {
  fs::create_symlink("../outside/secret.terms", lib / "link.terms");
  fs::create_directory_symlink("../outside", lib / "shared");
  write("lib/main.terms", "import \"link.terms\";\nimport \"shared/secret.terms\";\n" + kParty);
  const ProcessResult r = terms({"check", "--color", "never", "main.terms"});
  EXPECT_EQ(r.exit_status, 1) << r.err;
  EXPECT_NE(r.out.find("error[E0213]: `main.terms` imports `link.terms`, which is outside the library root `.`"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("error[E0213]: `main.terms` imports `shared/secret.terms`, which is outside the library "
                       "root `.`"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find(kMarker), std::string::npos) << "the file outside was read:\n" << r.out;
}

TEST_F(CliSecurity, TheLibraryRootOfATermsJsonBindsAFileCheckedFromElsewhere) {
  // Checked from the top directory: the root is lib/ (its terms.json), not the
  // current directory, so `../outside` is out even though it is under cwd.
  write("lib/terms.json", "{}\n");
  write("lib/main.terms", "import \"../outside/secret.terms\";\n" + kParty);
  const ProcessResult r = terms({"check", "--color", "never", "lib/main.terms"}, top);
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_NE(r.out.find("error[E0213]: `lib/main.terms` imports `../outside/secret.terms`, which is outside the "
                       "library root `lib`"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find(kMarker), std::string::npos) << r.out;
}

// ---- limits on the command line -----------------------------------------------------------------

// A library without terms.json, given as a directory from elsewhere: the
// directory is the root of every file under it, for check and for lint (which
// loads each file on its own), so deals/ may import the declarations above it.
TEST_F(CliSecurity, ADirectoryGivenFromOutsideIsTheRootOfEveryFileUnderIt) {
  write("lib/decls.terms", kParty);
  write("lib/deals/deal.terms", "import \"../decls.terms\";\nagreement d \"D\" {\n  provide a;\n}\n");
  for (const char* command : {"check", "lint"}) {
    ProcessResult r = terms({command, "--color", "never", lib.string()}, top / "outside");
    EXPECT_EQ(r.out.find("E0213"), std::string::npos) << command << "\n" << r.out;
    EXPECT_NE(r.out.find("2 files"), std::string::npos) << command << "\n" << r.out;
  }
  // The deals directory alone is a library of its own: the import leaves it.
  ProcessResult r = terms({"lint", "--color", "never", (lib / "deals").string()}, top / "outside");
  EXPECT_NE(r.out.find("error[E0213]"), std::string::npos) << r.out;
}

TEST_F(CliSecurity, MaxErrorsZeroMeansNoLimit) {
  std::string many;
  for (int i = 0; i < 150; ++i) many += "party ;\n";
  write("lib/many.terms", many);
  ProcessResult r = terms({"check", "--color", "never", "many.terms"});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_NE(r.out.find("error[E0107]: too many syntax errors; parsing stopped after 100"), std::string::npos);
  EXPECT_NE(r.out.find("checked 1 file: 101 errors, 0 warnings"), std::string::npos) << r.out;
  r = terms({"check", "--color", "never", "--max-errors", "0", "many.terms"});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_EQ(r.out.find("E0107"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("checked 1 file: 150 errors, 0 warnings"), std::string::npos) << r.out;
  r = terms({"check", "--color", "never", "--max-errors", "-1", "many.terms"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("invalid value `-1` for `--max-errors`"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("give a number (0 for no limit)"), std::string::npos) << r.err;
}

TEST_F(CliSecurity, MaxFormulaSizeIsAnOptionOfCheck) {
  write("lib/p.terms", "profile p \"P\" {\n  require a \"A\": true and true and true;\n}\n");
  ProcessResult r = terms({"check", "--color", "never", "--max-formula-size", "3", "p.terms"});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_NE(r.out.find("error[E0411]: this formula has more than 3 parts, the limit"), std::string::npos) << r.out;
  r = terms({"check", "--color", "never", "--max-formula-size", "4", "p.terms"});
  EXPECT_EQ(r.exit_status, 0) << r.out;
  r = terms({"check", "--color", "never", "--max-formula-size", "many", "p.terms"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("invalid value `many` for `--max-formula-size`"), std::string::npos) << r.err;
}

// Before, the error budget's last slot went to the note, so `--max-errors 1`
// showed that parsing had stopped "after 0" and no error at all.
TEST_F(CliSecurity, MaxErrorsOneShowsTheFirstErrorThenTheNote) {
  write("lib/many.terms", "party ;\nparty ;\nparty ;\n");
  const ProcessResult r = terms({"check", "--color", "never", "--max-errors", "1", "many.terms"});
  EXPECT_EQ(r.exit_status, 1);
  const std::size_t first = r.out.find("error[E0100]: expected a name for the declaration, found `;`\n --> many.terms:1:7");
  const std::size_t note = r.out.find("error[E0107]: too many syntax errors; parsing stopped after 1\n --> many.terms:1:7");
  ASSERT_NE(first, std::string::npos) << r.out;
  ASSERT_NE(note, std::string::npos) << r.out;
  EXPECT_LT(first, note) << r.out;
  EXPECT_EQ(r.out.find("many.terms:2:"), std::string::npos) << "parsing went on after the budget\n" << r.out;
  EXPECT_EQ(r.out.find("after 0"), std::string::npos) << r.out;
}

TEST_F(CliSecurity, MaxErrorsTwoShowsTwoErrorsThenTheNote) {
  write("lib/many.terms", "party ;\nparty ;\nparty ;\n");
  const ProcessResult r = terms({"check", "--color", "never", "--max-errors", "2", "many.terms"});
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_NE(r.out.find("--> many.terms:1:7"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("error[E0100]: expected a name for the declaration, found `;`\n --> many.terms:2:7"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("error[E0107]: too many syntax errors; parsing stopped after 2\n --> many.terms:2:7"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("many.terms:3:"), std::string::npos) << r.out;
}

// ---- the same limits on every command that loads term files --------------------------------

// Each command, with the arguments that make it load lib/main.terms.
struct LoadingCommand {
  const char* name;
  int error_status;  // its exit status when the file has an error
};
const LoadingCommand kLoadingCommands[] = {
    {"check", 1}, {"test", 1}, {"explain", 1}, {"profiles", 1}, {"lint", 1}};

class LimitsOnEveryCommand : public CliSecurity, public ::testing::WithParamInterface<LoadingCommand> {
 protected:
  ProcessResult run(std::vector<std::string> options, const std::string& file = "main.terms") const {
    std::vector<std::string> args{GetParam().name, "--color", "never"};
    args.insert(args.end(), options.begin(), options.end());
    args.push_back(file);
    return terms(args);
  }
};

TEST_P(LimitsOnEveryCommand, MaxErrors) {
  write("lib/main.terms", "party ;\nparty ;\nparty ;\n");
  ProcessResult r = run({"--max-errors", "1"});
  EXPECT_EQ(r.exit_status, GetParam().error_status) << r.out << r.err;
  EXPECT_NE(r.out.find("error[E0100]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("error[E0107]: too many syntax errors; parsing stopped after 1"), std::string::npos) << r.out;
  r = run({"--max-errors", "0"});
  EXPECT_EQ(r.out.find("E0107"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("main.terms:3:7"), std::string::npos) << r.out;
  r = run({"--max-errors", "x"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find(fmt::format("error: invalid value `x` for `--max-errors`")), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(fmt::format("usage: terms {} [OPTIONS]", GetParam().name)), std::string::npos) << r.err;
}

TEST_P(LimitsOnEveryCommand, MaxFileSize) {
  write("lib/main.terms", kParty);
  ProcessResult r = run({"--max-file-size", "5"});
  EXPECT_EQ(r.exit_status, 2) << r.out << r.err;
  EXPECT_NE((r.out + r.err).find("larger than"), std::string::npos) << r.out << r.err;
  r = run({"--max-file-size", "1k"});
  EXPECT_EQ(r.out.find("larger than"), std::string::npos) << r.out;
  r = run({"--max-file-size", "0"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("invalid value `0` for `--max-file-size`"), std::string::npos) << r.err;
}

TEST_P(LimitsOnEveryCommand, LibraryRoot) {
  write("lib/main.terms", "import \"../outside/secret.terms\";\n");
  // By default the library is the directory checked: the import is refused, unread.
  ProcessResult r = run({});
  EXPECT_NE(r.out.find("error[E0213]"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find(kMarker), std::string::npos) << r.out;
  // A wider root, given on the command line, lets it through.
  r = run({"--library-root", ".."});
  EXPECT_EQ(r.out.find("E0213"), std::string::npos) << r.out;
}

TEST_P(LimitsOnEveryCommand, MaxNestingAndImportLimits) {
  write("lib/main.terms", "import \"a.terms\";\nparty m \"M\";\n");
  write("lib/a.terms", "import \"b.terms\";\nparty a \"A\";\n");
  write("lib/b.terms", "party b \"B\";\n");
  ProcessResult r = run({"--max-import-depth", "1"});
  EXPECT_NE(r.out.find("[E0212]"), std::string::npos) << r.out;
  r = run({"--max-imports", "1"});
  EXPECT_NE(r.out.find("error[E0214]"), std::string::npos) << r.out;
  r = run({"--max-import-depth", "0"});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("invalid value `0` for `--max-import-depth`"), std::string::npos) << r.err;
  write("lib/p.terms", "profile p \"P\" {\n  require a \"A\": not not not not true;\n}\n");
  r = run({"--max-nesting", "3"}, "p.terms");
  EXPECT_NE(r.out.find("error[E0106]"), std::string::npos) << r.out;
  r = run({"--max-formula-size", "2"}, "p.terms");
  EXPECT_NE(r.out.find("error[E0411]"), std::string::npos) << r.out;
}

INSTANTIATE_TEST_SUITE_P(Commands, LimitsOnEveryCommand, ::testing::ValuesIn(kLoadingCommands),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

}  // namespace
}  // namespace terms::testing
