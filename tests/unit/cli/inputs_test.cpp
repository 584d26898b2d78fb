// Input expansion (PATH... -> term files) and the disk file system: the order
// files are checked in, and what happens to paths that are not term files.

#include "driver/inputs.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace terms::driver {
namespace {

namespace fs = std::filesystem;

class InputsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "terms-inputs-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string path(const std::string& rel) const { return dir_ + "/" + rel; }
  void write(const std::string& rel, const std::string& text = "party p \"P\";\n") const {
    fs::create_directories(fs::path(path(rel)).parent_path());
    std::ofstream(path(rel), std::ios::binary) << text;
  }
  static std::vector<std::string> shown(const InputSet& set) {
    std::vector<std::string> out;
    for (const InputFile& f : set.files) out.push_back(f.path);
    return out;
  }

  std::string dir_;
};

TEST_F(InputsTest, DirectoriesAreSearchedRecursivelyInSortedOrder) {
  write("b.terms");
  write("a.terms");
  write("lib.terms");
  write("lib/korea.terms");
  write("lib/deep/z.terms");
  write("lib/deep/a.terms");
  write("notes.md");
  write("terms");         // no extension
  write(".terms");        // a hidden file, not `*.terms`
  write(".hidden/h.terms");
  write(".x.terms");
  const InputSet set = expand_inputs({dir_});
  EXPECT_TRUE(set.diagnostics.empty());
  EXPECT_FALSE(set.io_error);
  EXPECT_EQ(shown(set), (std::vector<std::string>{path("a.terms"), path("b.terms"), path("lib.terms"),
                                                  path("lib/deep/a.terms"), path("lib/deep/z.terms"),
                                                  path("lib/korea.terms")}));
}

TEST_F(InputsTest, ShownPathsFollowTheArgument) {
  write("x/one.terms");
  EXPECT_EQ(shown(expand_inputs({path("x/")})), std::vector<std::string>{path("x/one.terms")});
  EXPECT_EQ(shown(expand_inputs({path("x")})), std::vector<std::string>{path("x/one.terms")});
}

TEST_F(InputsTest, ArgumentOrderIsKeptAndDuplicatesAreDropped) {
  write("z.terms");
  write("d/a.terms");
  const InputSet set = expand_inputs({path("z.terms"), path("d"), path("d/a.terms"), path("d/../z.terms")});
  EXPECT_EQ(shown(set), (std::vector<std::string>{path("z.terms"), path("d/a.terms")}));
}

TEST_F(InputsTest, ExplicitFilesNeedNotEndInTerms) {
  write("deal.txt");
  EXPECT_EQ(shown(expand_inputs({path("deal.txt")})), std::vector<std::string>{path("deal.txt")});
}

TEST_F(InputsTest, DashIsStandardInputOnce) {
  const InputSet set = expand_inputs({"-", "-"});
  ASSERT_EQ(set.files.size(), 1u);
  EXPECT_EQ(set.files[0].path, "<stdin>");
  EXPECT_TRUE(set.files[0].from_stdin);
  ExpandOptions no_stdin;
  no_stdin.allow_stdin = false;
  const InputSet plain = expand_inputs({"-"}, no_stdin);
  EXPECT_TRUE(plain.files.empty());
  EXPECT_TRUE(plain.io_error);  // no file named `-` here
}

TEST_F(InputsTest, FifoIsReportedAndNeverOpened) {
  ASSERT_EQ(::mkfifo(path("pipe.terms").c_str(), 0600), 0);
  // Opening a FIFO without a writer would block: reaching the asserts at all
  // shows it was not opened.
  const InputSet set = expand_inputs({path("pipe.terms")});
  EXPECT_TRUE(set.files.empty());
  EXPECT_TRUE(set.io_error);
  ASSERT_EQ(set.diagnostics.size(), 1u);
  const Diagnostic& d = set.diagnostics[0];
  EXPECT_EQ(d.code, "E0002");
  EXPECT_EQ(d.name, "not-a-regular-file");
  EXPECT_EQ(d.message, "`" + path("pipe.terms") + "` is a FIFO, not a regular file");
  EXPECT_EQ(d.path, path("pipe.terms"));
  EXPECT_EQ(d.help, std::vector<std::string>{
                        "give a term file, a directory to search for `*.terms` files, or `-` for standard input"});

  // Found while searching a directory: reported the same way.
  write("ok.terms");
  const InputSet searched = expand_inputs({dir_});
  EXPECT_EQ(shown(searched), std::vector<std::string>{path("ok.terms")});
  ASSERT_EQ(searched.diagnostics.size(), 1u);
  EXPECT_EQ(searched.diagnostics[0].message, "`" + path("pipe.terms") + "` is a FIFO, not a regular file");
  EXPECT_TRUE(searched.io_error);

  // The file system the Workspace reads through refuses it without blocking.
  DiskFileSystem disk;
  EXPECT_EQ(disk.kind(path("pipe.terms")), FileKind::other);
  std::string error;
  EXPECT_FALSE(disk.read(path("pipe.terms"), error).has_value());
  EXPECT_EQ(error, "is not a regular file");
}

TEST_F(InputsTest, DirectoryNamedLikeATermFile) {
  write("deal.terms/inner.terms");
  const InputSet set = expand_inputs({path("deal.terms")});
  EXPECT_TRUE(set.files.empty());
  EXPECT_TRUE(set.io_error);
  ASSERT_EQ(set.diagnostics.size(), 1u);
  EXPECT_EQ(set.diagnostics[0].code, "E0002");
  EXPECT_EQ(set.diagnostics[0].message, "`" + path("deal.terms") + "` is a directory, not a term file");
  EXPECT_EQ(set.diagnostics[0].help,
            std::vector<std::string>{"to check the `*.terms` files inside it, write `" + path("deal.terms") + "/`"});
  // With a trailing slash it is a directory to search.
  EXPECT_EQ(shown(expand_inputs({path("deal.terms/")})), std::vector<std::string>{path("deal.terms/inner.terms")});
  // Inside a searched directory it is searched like any other directory.
  EXPECT_EQ(shown(expand_inputs({dir_})), std::vector<std::string>{path("deal.terms/inner.terms")});
}

TEST_F(InputsTest, DevicesAreReported) {
  const InputSet set = expand_inputs({"/dev/null"});
  ASSERT_EQ(set.diagnostics.size(), 1u);
  EXPECT_EQ(set.diagnostics[0].message, "`/dev/null` is a character device, not a regular file");
  EXPECT_TRUE(set.io_error);
}

TEST_F(InputsTest, MissingPathIsAnIoErrorWithASuggestion) {
  write("hanoi.terms");
  const InputSet set = expand_inputs({path("hanio.terms")});
  EXPECT_TRUE(set.io_error);
  ASSERT_EQ(set.diagnostics.size(), 1u);
  const Diagnostic& d = set.diagnostics[0];
  EXPECT_EQ(d.code, "E0001");
  EXPECT_EQ(d.message, "cannot read `" + path("hanio.terms") + "`: no such file or directory");
  EXPECT_EQ(d.help, std::vector<std::string>{"did you mean `" + path("hanoi.terms") + "`?"});
  EXPECT_TRUE(expand_inputs({path("zzzzzzzzzz")}).diagnostics[0].help.empty());
}

TEST_F(InputsTest, EmptyDirectoryIsAWarningNotAnError) {
  fs::create_directories(path("empty"));
  write("empty/readme.md");
  const InputSet set = expand_inputs({path("empty")});
  EXPECT_FALSE(set.io_error);
  EXPECT_TRUE(set.files.empty());
  ASSERT_EQ(set.diagnostics.size(), 1u);
  EXPECT_EQ(set.diagnostics[0].code, "E0006");
  EXPECT_EQ(set.diagnostics[0].severity, Severity::warning);
  EXPECT_EQ(set.diagnostics[0].message, "no `*.terms` files in `" + path("empty") + "`");
}

TEST_F(InputsTest, SymbolicLinks) {
  write("real/a.terms");
  fs::create_directory_symlink(path("real"), path("link"));        // not followed: no loops, no duplicates
  fs::create_symlink(path("real/a.terms"), path("alias.terms"));  // a link to a file is that file
  fs::create_symlink(path("gone.terms"), path("broken.terms"));
  const InputSet set = expand_inputs({dir_});
  EXPECT_EQ(shown(set), (std::vector<std::string>{path("alias.terms")}));  // real/a.terms is the same file
  ASSERT_EQ(set.diagnostics.size(), 1u);
  EXPECT_EQ(set.diagnostics[0].message, "cannot read `" + path("broken.terms") + "`: broken symbolic link");
  EXPECT_TRUE(set.io_error);
}

TEST_F(InputsTest, UnreadableDirectoryIsReported) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads every directory";
  write("locked/a.terms");
  fs::permissions(path("locked"), fs::perms::none);
  const InputSet set = expand_inputs({path("locked")});
  fs::permissions(path("locked"), fs::perms::owner_all);
  EXPECT_TRUE(set.io_error);
  ASSERT_GE(set.diagnostics.size(), 1u);
  EXPECT_EQ(set.diagnostics[0].message, "cannot read directory `" + path("locked") + "`: permission denied");
}

TEST_F(InputsTest, DiskFileSystemKindsSizesAndLimits) {
  write("small.terms", std::string(100, 'x'));
  fs::create_directories(path("d"));
  DiskFileSystem disk(10);
  EXPECT_EQ(disk.kind(path("small.terms")), FileKind::regular);
  EXPECT_EQ(disk.kind(path("d")), FileKind::directory);
  EXPECT_EQ(disk.kind(path("nope")), FileKind::missing);
  EXPECT_EQ(disk.kind(path("small.terms/x")), FileKind::missing);
  EXPECT_EQ(disk.size(path("small.terms")), 100u);
  EXPECT_FALSE(disk.size(path("d")).has_value());

  std::string error;
  EXPECT_FALSE(disk.read(path("small.terms"), error).has_value());
  EXPECT_EQ(error, "is larger than the limit of 10 bytes");
  EXPECT_FALSE(disk.read(path("d"), error).has_value());
  EXPECT_EQ(error, "is a directory");
  EXPECT_FALSE(disk.read(path("nope"), error).has_value());
  EXPECT_EQ(error, "no such file or directory");

  DiskFileSystem roomy;
  EXPECT_EQ(roomy.read(path("small.terms"), error), std::string(100, 'x'));
  EXPECT_EQ(roomy.canonical(path("d/../small.terms")), roomy.canonical(path("small.terms")));
  EXPECT_EQ(roomy.canonical(path("not/yet/there.terms")), path("not/yet/there.terms"));
}

// canonical() resolves each directory once and the last component with one
// lstat; whatever the path, it must say what weakly_canonical says, links and
// `..` included (the library root check compares these keys).
TEST_F(InputsTest, DiskFileSystemCanonicalIsWeaklyCanonicalWithADirectoryCache) {
  write("d/f.terms");
  write("d/sub/g.terms");
  write("other/h.terms");
  fs::create_symlink(path("d/f.terms"), path("d/lf.terms"));        // a link to a file
  fs::create_symlink("../other/h.terms", path("d/sub/out.terms"));  // a relative link out
  fs::create_directory_symlink(path("d"), path("ld"));              // a link to a directory
  fs::create_directory_symlink(path("other"), path("d/lo"));        // and one inside it
  fs::create_symlink(path("gone.terms"), path("d/broken.terms"));
  const std::string rel = fs::relative(path("d/f.terms")).generic_string();  // from the working directory
  const std::vector<std::string> cases = {
      path("d/f.terms"),          path("d/lf.terms"),         path("d/sub/out.terms"),
      path("ld/f.terms"),         path("ld/lf.terms"),        path("ld/sub/g.terms"),
      path("ld/../other/h.terms"), path("d/lo/../d/f.terms"), path("d/lo/h.terms"),
      path("d/sub/../f.terms"),   path("d/./f.terms"),        path("d/missing.terms"),
      path("nodir/x.terms"),      path("d/f.terms/x"),        path("d/broken.terms"),
      path("d/sub/.."),           path("d/."),                path("d/"),
      path("ld"),                 rel,                        "no-such-file.terms",
      "no/such/file.terms",       "/",                        path("d//f.terms"),
  };
  DiskFileSystem disk;
  for (int round = 0; round < 2; ++round) {  // the second round from the cache
    for (const std::string& p : cases) {
      std::error_code ec;
      const std::string expected = fs::weakly_canonical(p, ec).generic_string();
      ASSERT_FALSE(ec) << p;
      EXPECT_EQ(disk.canonical(p), expected) << p << " (round " << round << ")";
    }
  }
  EXPECT_EQ(disk.canonical(path("ld/sub/../lf.terms")), path("d/f.terms"));
  EXPECT_EQ(disk.canonical(path("d/lo/h.terms")), path("other/h.terms"));
}

// expand_inputs passes on the canonical path it found (the library-root check
// uses it instead of resolving every input again): for a file in a directory
// listing, through a linked directory too, it is what weakly_canonical says.
TEST_F(InputsTest, ExpandedInputsCarryTheirCanonicalPath) {
  write("lib/a.terms");
  write("lib/sub/b.terms");
  write("other/c.terms");
  fs::create_symlink(path("other/c.terms"), path("lib/lc.terms"));  // a link: resolved in full
  fs::create_directory_symlink(path("lib"), path("ll"));
  const InputSet found = expand_inputs({path("lib"), path("ll/sub/b.terms")});
  ASSERT_EQ(found.files.size(), 3u) << "the second path names lib/sub/b.terms again";
  for (const InputFile& f : found.files) {
    std::error_code ec;
    EXPECT_EQ(f.canonical, fs::weakly_canonical(f.path, ec).generic_string()) << f.path;
  }
  EXPECT_EQ(found.files[1].canonical, path("other/c.terms"));
}

TEST_F(InputsTest, DiskFileSystemCanonicalResolvesADirectoryOnce) {
  DiskFileSystem disk;
  for (int i = 0; i < 50; ++i) {
    const std::string name = "lib/f" + std::to_string(i) + ".terms";
    write(name);
    EXPECT_EQ(disk.canonical(path(name)), path(name));
  }
  EXPECT_EQ(disk.cached_directories(), 1u);
  write("lib/deeper/x.terms");
  EXPECT_EQ(disk.canonical(path("lib/deeper/x.terms")), path("lib/deeper/x.terms"));
  EXPECT_EQ(disk.cached_directories(), 2u);
}

}  // namespace
}  // namespace terms::driver
