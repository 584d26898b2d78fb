// The library root (LoadOptions::library_root): imports cannot name a file
// outside it, however the path is spelt, and the file outside is never read.
// The command-line side (symbolic links, terms.json `root`) is in
// cli_security_test.cpp.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/workspace_fixture.hpp"

namespace terms::testing {
namespace {

class LibraryRoot : public WorkspaceTest {
 protected:
  void SetUp() override {
    options.library_root = "/lib";
    fs.add("/secret.terms", "party secret \"outside the library\";\n");
    fs.add("/lib-other/x.terms", "party other \"beside the library\";\n");
    fs.add("/lib/sub/inside.terms", "party inside \"inside\";\n");
  }
};

TEST_F(LibraryRoot, RefusesAnImportThatClimbsOut) {
  check("/lib/main.terms", "import \"../secret.terms\";\n");
  EXPECT_EQ(only(), (std::vector<std::string>{
                        "E0213 /lib/main.terms:1:1 `/lib/main.terms` imports `../secret.terms`, which is "
                        "outside the library root `/lib`",
                        "  label: resolves to `/secret.terms`",
                        "  note: imports stay inside the library, so that checking a library cannot read other files",
                        "  help: move the file into the library, or widen the library root (`root` in terms.json, or "
                        "`--library-root`)"}));
  EXPECT_EQ(fs.reads("/secret.terms"), 0) << "the file outside the root must not be read";
}

TEST_F(LibraryRoot, RefusesAnAbsolutePathAndADetourThroughASubdirectory) {
  check("/lib/main.terms",
        "import \"/secret.terms\";\n"
        "import \"sub/../../secret.terms\";\n"
        "import \"sub/../../lib/../../../../secret.terms\";\n");
  EXPECT_EQ(headlines(),
            (std::vector<std::string>{
                "E0213 /lib/main.terms:1:1 `/lib/main.terms` imports `/secret.terms`, which is outside the "
                "library root `/lib`",
                "E0213 /lib/main.terms:2:1 `/lib/main.terms` imports `sub/../../secret.terms`, which is outside "
                "the library root `/lib`",
                "E0213 /lib/main.terms:3:1 `/lib/main.terms` imports `sub/../../lib/../../../../secret.terms`, "
                "which is outside the library root `/lib`"}));
  EXPECT_EQ(fs.reads("/secret.terms"), 0);
}

TEST_F(LibraryRoot, ComparesPathComponentsNotPrefixes) {
  // `/lib-other` starts with the characters `/lib` but is not inside it.
  check("/lib/main.terms", "import \"../lib-other/x.terms\";\n");
  ASSERT_EQ(diags.all().size(), 1u);
  EXPECT_EQ(diags.all()[0].code, "E0213");
  EXPECT_EQ(fs.reads("/lib-other/x.terms"), 0);
}

TEST_F(LibraryRoot, AllowsEverythingInsideIncludingDetoursThatStayInside) {
  check("/lib/main.terms",
        "import \"sub/inside.terms\";\n"
        "import \"sub/../sub/./inside.terms\";\n"
        "party us \"US\";\n");
  EXPECT_TRUE(diags.all().empty()) << ::testing::PrintToString(headlines());
}

TEST_F(LibraryRoot, AppliesToImportsOfImportedFiles) {
  fs.add("/lib/sub/leak.terms", "import \"../../secret.terms\";\n");
  check("/lib/main.terms", "import \"sub/leak.terms\";\n");
  ASSERT_EQ(diags.all().size(), 1u) << ::testing::PrintToString(headlines());
  EXPECT_EQ(headline(diags.all()[0]),
            "E0213 /lib/sub/leak.terms:1:1 `/lib/sub/leak.terms` imports `../../secret.terms`, which is outside "
            "the library root `/lib`");
}

TEST_F(LibraryRoot, DoesNotApplyToRootFiles) {
  // A file the user names is checked wherever it is; only its imports are confined.
  check("/secret.terms", "party secret \"outside the library\";\n");
  EXPECT_TRUE(diags.all().empty());
}

TEST_F(LibraryRoot, IsRefusedEvenWhenTheFileIsAlreadyLoaded) {
  // The user checks the outside file too; an import of it is still refused,
  // so the result of a file does not depend on what else is on the command line.
  load("/secret.terms");
  check("/lib/main.terms", "import \"../secret.terms\";\n");
  ASSERT_EQ(diags.all().size(), 1u);
  EXPECT_EQ(diags.all()[0].code, "E0213");
}

TEST(LibraryRootUnset, ImportsMayNameAnyFile) {
  MemoryFileSystem fs;
  fs.add("/secret.terms", "party secret \"s\";\n");
  fs.add("/lib/main.terms", "import \"../secret.terms\";\n");
  SourceManager sources;
  DiagnosticBag diags;
  Workspace ws(sources, fs, diags, LoadOptions{});
  ws.load_file("/lib/main.terms");
  EXPECT_TRUE(diags.all().empty());
  EXPECT_EQ(fs.reads("/secret.terms"), 1);
}

TEST(LibraryRootRelative, WorksWithRelativePaths) {
  MemoryFileSystem fs;
  fs.add("outside.terms", "party o \"o\";\n");
  fs.add("lib/main.terms", "import \"../outside.terms\";\nimport \"a.terms\";\n");
  fs.add("lib/a.terms", "party a \"a\";\n");
  SourceManager sources;
  DiagnosticBag diags;
  LoadOptions options;
  options.library_root = "lib";
  Workspace ws(sources, fs, diags, options);
  ws.load_file("lib/main.terms");
  ASSERT_EQ(diags.all().size(), 1u);
  EXPECT_EQ(diags.all()[0].code, "E0213");
  EXPECT_EQ(fs.reads("outside.terms"), 0);
  EXPECT_EQ(fs.reads("lib/a.terms"), 1);
}

}  // namespace
}  // namespace terms::testing
