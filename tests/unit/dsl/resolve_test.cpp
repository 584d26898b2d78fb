// Workspace: loading, imports, scopes, duplicates and name references.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/workspace_fixture.hpp"

namespace terms::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

using ResolveTest = WorkspaceTest;

TEST_F(ResolveTest, BriefExampleAcrossTwoFilesIsClean) {
  fs.add("lib/korea.terms", kKoreaLibrary);
  const UnitId root = check("deal.terms",
                            "import \"lib/korea.terms\";\n"
                            "agreement singapore-2018 \"Singapore\" { expect acceptable; }\n"
                            "agreement interim-2020 \"Interim\" {\n"
                            "  builds_on singapore-2018;\n"
                            "  step freeze \"Freeze\" {\n"
                            "    freeze yongbyon verified by iaea;\n"
                            "    declare dprk-nuclear verified by iaea within 60 days;\n"
                            "    ease sanctions unsc-2397;\n"
                            "    retain sanctions us-primary;\n"
                            "  }\n"
                            "  step dismantle \"Dismantle\" after freeze {\n"
                            "    dismantle yongbyon verified by iaea within 12 months;\n"
                            "    suspend sanctions unsc-2397 snapback;\n"
                            "    provide hfo;\n"
                            "  }\n"
                            "}\n");
  EXPECT_THAT(headlines(), IsEmpty());
  const Workspace& ws = workspace();
  EXPECT_EQ(ws.unit_count(), 2u);
  EXPECT_FALSE(ws.has_errors(root));
  EXPECT_TRUE(ws.unit(root).is_root);
  ASSERT_EQ(ws.unit(root).imports.size(), 1u);
  const Unit& lib = ws.unit(ws.unit(root).imports[0]);
  EXPECT_EQ(lib.source->path(), "lib/korea.terms");
  EXPECT_FALSE(lib.is_root);
  EXPECT_THAT(ws.unit(root).visible_units, ElementsAre(root, lib.id));
}

TEST_F(ResolveTest, OwnersAreResolvedToEntities) {
  const UnitId root = check("lib.terms", kKoreaLibrary);
  const Workspace& ws = workspace();
  const auto facility = ws.lookup(root, "yongbyon");
  ASSERT_TRUE(facility);
  const Entity& yongbyon = ws.entity(*facility);
  EXPECT_EQ(yongbyon.kind, ast::DeclKind::facility);
  ASSERT_NE(yongbyon.owner, kNoEntity);
  const Entity& program = ws.entity(yongbyon.owner);
  EXPECT_EQ(program.name, "dprk-nuclear");
  ASSERT_NE(program.owner, kNoEntity);
  EXPECT_EQ(ws.entity(program.owner).name, "dprk");
  EXPECT_EQ(ws.entity(*ws.lookup(root, "unsc-2397")).owner, *ws.lookup(root, "unsc"));
  EXPECT_EQ(ws.entity(*ws.lookup(root, "iaea")).owner, kNoEntity);
  EXPECT_FALSE(ws.lookup(root, "nothing"));
}

TEST_F(ResolveTest, ImportPathIsRelativeToTheImportingFile) {
  fs.add("lib/korea.terms", kKoreaLibrary);
  fs.add("deals/sub/base.terms", "import \"../../lib/korea.terms\";\n");
  const UnitId root = check("deals/deal.terms",
                            "import \"sub/base.terms\";\n"
                            "agreement a \"A\" { freeze yongbyon; }\n");
  EXPECT_THAT(headlines(), IsEmpty());
  const Workspace& ws = workspace();
  ASSERT_EQ(ws.unit_count(), 3u);
  EXPECT_EQ(ws.unit(1).source->path(), "deals/sub/base.terms");
  EXPECT_EQ(ws.unit(2).source->path(), "lib/korea.terms");
  EXPECT_THAT(ws.unit(root).visible_units, ElementsAre(0u, 1u, 2u));
}

TEST_F(ResolveTest, NamesAreVisibleTransitivelyButNotBackwards) {
  fs.add("c.terms", "party p \"P\";\nsanction s by q \"S\";\n");
  fs.add("b.terms", "import \"c.terms\";\n");
  check("a.terms",
        "import \"b.terms\";\n"
        "party q \"Q\";\n"
        "agreement x \"X\" { lift sanctions s; }\n");
  // a sees s (through b, from c); c does not see a's `q`.
  EXPECT_THAT(headlines(), ElementsAre("E0204 c.terms:2:15 undefined name `q`"));
  EXPECT_TRUE(workspace().has_errors(0));
  EXPECT_EQ(workspace().unit(0).error_count, 0u);
  EXPECT_EQ(workspace().unit(2).error_count, 1u);
}

TEST_F(ResolveTest, FileImportedTwiceIsLoadedAndReportedOnce) {
  fs.add("lib/common.terms", "party p \"P\";\nsanction s by nobody \"S\";\n");
  fs.add("lib/b.terms", "import \"common.terms\";\n");
  fs.add("c.terms", "import \"lib/../lib/./common.terms\";\n");
  const UnitId root = check("a.terms", "import \"lib/b.terms\";\nimport \"c.terms\";\n");
  EXPECT_THAT(headlines(), ElementsAre("E0204 lib/common.terms:2:15 undefined name `nobody`"));
  EXPECT_EQ(fs.reads("lib/common.terms"), 1);
  const Workspace& ws = workspace();
  EXPECT_EQ(ws.unit_count(), 4u);
  EXPECT_EQ(ws.unit(root).visible_units.size(), 4u);
  // Loading it again as a root returns the same unit and reports nothing new.
  diags.clear();
  const auto again = workspace().load_file("./lib/common.terms");
  ASSERT_TRUE(again);
  EXPECT_EQ(ws.unit(*again).source->path(), "lib/common.terms");
  EXPECT_TRUE(ws.unit(*again).is_root);
  EXPECT_THAT(headlines(), IsEmpty());
  EXPECT_EQ(fs.reads("lib/common.terms"), 1);
}

TEST_F(ResolveTest, SameImportWrittenTwiceIsOneEdge) {
  fs.add("lib.terms", "party p \"P\";\n");
  const UnitId root = check("a.terms", "import \"lib.terms\";\nimport \"./lib.terms\";\n");
  EXPECT_THAT(headlines(), IsEmpty());
  EXPECT_EQ(workspace().unit(root).imports.size(), 1u);
}

TEST_F(ResolveTest, MissingImport) {
  check("deals/a.terms", "party p \"P\";\nimport \"lib/korea.terms\";\n");
  EXPECT_THAT(only(), ElementsAre("E0201 deals/a.terms:2:1 cannot find `lib/korea.terms`, imported by `deals/a.terms`",
                                  "  label: looked for `deals/lib/korea.terms`",
                                  "  help: an import path is relative to the directory of the file that imports it"));
  EXPECT_TRUE(workspace().has_errors(0));
  EXPECT_EQ(workspace().unit(0).error_count, 1u);
  EXPECT_THAT(workspace().unit(0).imports, IsEmpty());
}

TEST_F(ResolveTest, ImportOfADirectory) {
  fs.add("lib/korea.terms", kKoreaLibrary);
  check("a.terms", "import \"lib\";\n");
  EXPECT_THAT(only(), ElementsAre("E0202 a.terms:1:1 `a.terms` imports `lib`, which is a directory",
                                  "  label: `lib` is a directory",
                                  "  help: import a `.terms` file, not a directory"));
}

TEST_F(ResolveTest, ImportOfAFifoIsNotRead) {
  fs.add_special("pipe.terms");
  check("a.terms", "import \"pipe.terms\";\n");
  EXPECT_THAT(only(), ElementsAre("E0202 a.terms:1:1 `a.terms` imports `pipe.terms`, which is not a regular file",
                                  "  label: `pipe.terms` is a FIFO, socket or device",
                                  "  help: import a `.terms` file"));
  EXPECT_EQ(fs.reads("pipe.terms"), 0);
}

TEST_F(ResolveTest, UnreadableImport) {
  fs.add_unreadable("secret.terms", "permission denied");
  check("a.terms", "import \"secret.terms\";\n");
  EXPECT_THAT(only(), ElementsAre("E0211 a.terms:1:1 cannot read `secret.terms`, imported by `a.terms`: permission denied",
                                  "  label: `secret.terms` exists but could not be read",
                                  "  help: check that the file is readable (its permissions, or the device it is on)"));
}

TEST_F(ResolveTest, ImportLargerThanTheLimit) {
  options.max_file_bytes = 1024 * 1024;
  fs.add("big.terms", std::string(1024 * 1024 + 1, ' '));
  check("a.terms", "import \"big.terms\";\n");
  EXPECT_THAT(only(), ElementsAre("E0005 a.terms:1:1 `a.terms` imports `big.terms`, which is larger than the limit of 1 MiB",
                                  "  label: `big.terms` is too large",
                                  "  help: split the imported file into smaller files"));
  EXPECT_EQ(fs.reads("big.terms"), 0);  // refused by size, before reading
}

TEST_F(ResolveTest, ImportCycleNamesEveryFileInOrder) {
  fs.add("b.terms", "import \"c.terms\";\nparty pb \"B\";\n");
  fs.add("c.terms", "party pc \"C\";\nimport \"a.terms\";\nsanction s by pa \"S\";\n");
  const UnitId root = check("a.terms", "import \"b.terms\";\nparty pa \"A\";\nbenefit h by pc \"H\";\n");
  // The cycle is reported once, at the import that closes it; names across
  // the cycle still resolve (no cascade of undefined names).
  EXPECT_THAT(only(), ElementsAre("E0203 c.terms:2:1 import cycle: `a.terms` -> `b.terms` -> `c.terms` -> `a.terms`",
                                  "  label: closes the cycle",
                                  "  a.terms:1:1: `a.terms` imports `b.terms` here",
                                  "  b.terms:1:1: `b.terms` imports `c.terms` here",
                                  "  help: remove one of these imports; declarations that both files need can "
                                  "move to a third file that both import"));
  const Workspace& ws = workspace();
  EXPECT_TRUE(ws.has_errors(root));
  EXPECT_EQ(ws.unit(root).error_count, 0u);
  EXPECT_EQ(ws.unit(2).error_count, 1u);
  // The closing import is visible but is not a loaded import edge.
  EXPECT_THAT(ws.unit(2).imports, IsEmpty());
  EXPECT_TRUE(ws.lookup(2, "pa"));
  EXPECT_EQ(ws.visible_entities(root).size(), 5u);
}

TEST_F(ResolveTest, FileImportingItself) {
  check("a.terms", "party p \"P\";\nimport \"./a.terms\";\n");
  EXPECT_THAT(only(), ElementsAre("E0203 a.terms:2:1 `a.terms` imports itself", "  label: imports the file it is in",
                                  "  help: remove this import"));
}

TEST_F(ResolveTest, ImportDepthLimit) {
  options.max_import_depth = 2;
  fs.add("f1.terms", "import \"f2.terms\";\n");
  fs.add("f2.terms", "import \"f3.terms\";\n");
  fs.add("f3.terms", "party p \"P\";\n");
  check("f0.terms", "import \"f1.terms\";\n");
  EXPECT_THAT(only(), ElementsAre("E0212 f2.terms:1:1 imports are nested more than 2 deep",
                                  "  label: `f3.terms` is not loaded", "  note: the chain starts at `f0.terms`",
                                  "  help: import the shared declarations from fewer levels of files"));
  EXPECT_EQ(fs.reads("f3.terms"), 0);
}

TEST_F(ResolveTest, RootThatCannotBeRead) {
  fs.add_directory("dir.terms");
  fs.add_special("fifo.terms");
  fs.add_unreadable("locked.terms", "permission denied");
  options.max_file_bytes = 10;
  fs.add("big.terms", "party p \"P\";\n");
  Workspace& ws = workspace();
  EXPECT_FALSE(ws.load_file("missing.terms"));
  EXPECT_FALSE(ws.load_file("dir.terms"));
  EXPECT_FALSE(ws.load_file("fifo.terms"));
  EXPECT_FALSE(ws.load_file("locked.terms"));
  EXPECT_FALSE(ws.load_file("big.terms"));
  EXPECT_THAT(headlines(),
              ElementsAre("E0001 missing.terms cannot read `missing.terms`: no such file",
                          "E0002 dir.terms `dir.terms` is a directory, not a term file",
                          "E0002 fifo.terms `fifo.terms` is not a regular file (a FIFO, socket or device)",
                          "E0001 locked.terms cannot read `locked.terms`: permission denied",
                          "E0005 big.terms `big.terms` is larger than the limit of 10 bytes"));
  EXPECT_EQ(fs.reads("fifo.terms"), 0);
  EXPECT_EQ(ws.unit_count(), 0u);
}

TEST_F(ResolveTest, TextRootImportsRelativeToItsPath) {
  fs.add("deals/lib.terms", "party p \"P\";\n");
  const UnitId root = workspace().load_text("deals/editor.terms",
                                            "import \"lib.terms\";\nsanction s by p \"S\";\n");
  EXPECT_THAT(headlines(), IsEmpty());
  EXPECT_EQ(workspace().unit(root).source->path(), "deals/editor.terms");
  EXPECT_EQ(workspace().unit(root).imports.size(), 1u);
}

TEST_F(ResolveTest, TextRootLargerThanTheLimit) {
  options.max_file_bytes = 4;
  const UnitId root = workspace().load_text("<stdin>", "party p \"P\";\n");
  EXPECT_THAT(only(), ElementsAre("E0005 <stdin> `<stdin>` is larger than the limit of 4 bytes",
                                  "  help: split the input into smaller files that import each other"));
  EXPECT_TRUE(workspace().has_errors(root));
}

TEST_F(ResolveTest, DuplicateInOneFile) {
  check("a.terms", "party p \"P\";\nverifier v \"V\";\nparty p \"again\";\n");
  EXPECT_THAT(only(), ElementsAre("E0205 a.terms:3:7 `p` is declared twice", "  label: declared again here",
                                  "  a.terms:1:7: first declared here",
                                  "  help: rename one of them: a file shares one set of names with every file "
                                  "it imports"));
}

TEST_F(ResolveTest, DuplicateOfDifferentKindsNamesBoth) {
  check("a.terms", "party x \"P\";\nagreement x \"A\" { expect acceptable; }\n");
  EXPECT_THAT(headlines(), ElementsAre("E0205 a.terms:2:11 `x` is declared twice (as a party and as an agreement)"));
}

TEST_F(ResolveTest, DuplicateAcrossAnImport) {
  fs.add("lib.terms", "party us \"United States\";\n");
  check("a.terms", "import \"lib.terms\";\nparty dprk \"DPRK\";\nparty us \"US\";\n");
  EXPECT_THAT(only(), ElementsAre("E0205 a.terms:3:7 `us` is declared twice", "  label: declared again here",
                                  "  lib.terms:1:7: first declared here",
                                  "  help: rename one of them: a file shares one set of names with every file "
                                  "it imports"));
  EXPECT_EQ(workspace().unit(0).error_count, 1u);
  EXPECT_EQ(workspace().unit(1).error_count, 0u);
}

TEST_F(ResolveTest, DuplicateBetweenTwoImportsIsReportedWhereBothAreSeen) {
  fs.add("one.terms", "party us \"United States\";\n");
  fs.add("two.terms", "party dprk \"DPRK\";\nparty us \"US\";\n");
  check("a.terms", "import \"one.terms\";\nimport \"two.terms\";\n");
  EXPECT_THAT(only(), ElementsAre("E0205 two.terms:2:7 `us` is declared twice", "  label: declared again here",
                                  "  one.terms:1:7: first declared here",
                                  "  a.terms:2:1: both declarations are visible here through this import",
                                  "  help: rename one of them: a file shares one set of names with every file "
                                  "it imports"));
  EXPECT_EQ(workspace().unit(0).error_count, 1u);
  // Another root that sees the same pair does not report it again.
  check("b.terms", "import \"two.terms\";\nimport \"one.terms\";\n");
  EXPECT_EQ(diags.all().size(), 1u);
}

TEST_F(ResolveTest, DuplicateAcrossAnImportCycleIsReportedOnce) {
  fs.add("b.terms", "import \"a.terms\";\nparty p \"B\";\n");
  check("a.terms", "import \"b.terms\";\nparty p \"A\";\n");
  EXPECT_THAT(headlines(), ElementsAre("E0203 b.terms:1:1 import cycle: `a.terms` -> `b.terms` -> `a.terms`",
                                       "E0205 b.terms:2:7 `p` is declared twice"));
}

TEST_F(ResolveTest, LookupWalksTheScope) {
  fs.add("lib.terms", kKoreaLibrary);
  const UnitId root = check("a.terms",
                            "import \"lib.terms\";\n"
                            "party eu \"European Union\";\n"
                            "agreement hanoi \"Hanoi\" { expect acceptable; }\n");
  const Workspace& ws = workspace();
  ASSERT_TRUE(ws.lookup(root, "eu"));
  ASSERT_TRUE(ws.lookup(root, "hfo"));
  EXPECT_EQ(ws.entity(*ws.lookup(root, "hfo")).unit, 1u);
  EXPECT_FALSE(ws.lookup(1, "eu"));
  const ast::Agreement* hanoi = ws.lookup_agreement(root, "hanoi");
  ASSERT_NE(hanoi, nullptr);
  EXPECT_EQ(ws.unit_of(hanoi), std::optional<UnitId>(root));
  EXPECT_EQ(ws.lookup_agreement(1, "hanoi"), nullptr);
  EXPECT_EQ(ws.unit_of_file(ws.unit(1).source->id()), std::optional<UnitId>(1u));
  // Imports first, each in declaration order.
  std::vector<std::string_view> names;
  for (EntityId e : ws.visible_entities(root)) names.push_back(ws.entity(e).name);
  EXPECT_THAT(names, ElementsAre("dprk", "us", "unsc", "iaea", "dprk-nuclear", "dprk-missiles", "yongbyon",
                                 "sohae", "unsc-2397", "us-primary", "hfo", "eu"));
  EXPECT_EQ(ws.visible_entities(1).size(), 11u);
}

TEST_F(ResolveTest, ProfilesHaveTheirOwnNamespace) {
  fs.add("profiles.terms",
         "profile strict \"Strict\" {\n"
         "  require verified \"Verified\": every dismantle clause is verified;\n"
         "}\n");
  const UnitId root = check("a.terms",
                            "import \"profiles.terms\";\n"
                            "party strict \"A party may share a profile's name\";\n"
                            "profile strict \"Again\" {\n"
                            "  require verified \"Verified\": every dismantle clause is verified;\n"
                            "}\n");
  EXPECT_THAT(only(), ElementsAre("E0205 a.terms:3:9 `strict` is declared twice", "  label: declared again here",
                                  "  profiles.terms:1:9: first declared here",
                                  "  help: rename one of them: a file shares one set of names with every file "
                                  "it imports"));
  const Workspace& ws = workspace();
  const ast::Profile* found = ws.lookup_profile(root, "strict");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->title->value, "Again");  // a file's own declaration comes first
  EXPECT_EQ(ws.lookup_profile(1, "strict")->title->value, "Strict");
  EXPECT_EQ(ws.lookup_profile(root, "lenient"), nullptr);
  ASSERT_TRUE(ws.lookup(root, "strict"));
}

TEST_F(ResolveTest, UndefinedNameSuggestsTheClosestOfTheRightKind) {
  fs.add("lib.terms", kKoreaLibrary);
  check("a.terms",
        "import \"lib.terms\";\n"
        "agreement x \"X\" {\n"
        "  dismantle yongbyn partially verified;\n"
        "}\n");
  EXPECT_THAT(only(), ElementsAre("E0204 a.terms:3:13 undefined name `yongbyn`",
                                  "  label: not declared in this file or its imports",
                                  "  help: did you mean `yongbyon`?"));
  const Diagnostic& d = diags.all().front();
  ASSERT_TRUE(d.fix);
  ASSERT_EQ(d.fix->edits.size(), 1u);
  EXPECT_EQ(text_of(d.fix->edits[0].span), "yongbyn");
  EXPECT_EQ(d.fix->edits[0].replacement, "yongbyon");
}

TEST_F(ResolveTest, SuggestionPrefersTheExpectedKind) {
  check("a.terms",
        "party p \"P\";\n"
        "program prog of p kind nuclear \"N\";\n"
        "sanction site-2 by p \"S\";\n"
        "facility site-1 in prog \"F\";\n"
        "agreement x \"X\" { freeze site-3; lift sanctions site-4; }\n");
  ASSERT_EQ(diags.all().size(), 2u);
  EXPECT_THAT(lines(diags.all()[0]), ::testing::Contains("  help: did you mean `site-1`?"));
  EXPECT_THAT(lines(diags.all()[1]), ::testing::Contains("  help: did you mean `site-2`?"));
}

TEST_F(ResolveTest, UndefinedNameWithoutSuggestion) {
  check("a.terms", "agreement x \"X\" { provide rice; }\n");
  EXPECT_THAT(only(), ElementsAre("E0204 a.terms:1:27 undefined name `rice`",
                                  "  label: not declared in this file or its imports",
                                  "  help: declare a benefit named `rice`, or import the file that declares it"));
}

TEST_F(ResolveTest, WrongKindOfTarget) {
  fs.add("lib.terms", kKoreaLibrary);
  check("a.terms", "import \"lib.terms\";\nagreement x \"X\" {\n  dismantle unsc-2397;\n}\n");
  EXPECT_THAT(only(), ElementsAre("E0206 a.terms:3:13 `unsc-2397` is a sanction, not a facility, program or material",
                                  "  label: expected a facility, program or material",
                                  "  lib.terms:9:10: `unsc-2397` is declared here as a sanction",
                                  "  help: `declare`, `freeze`, `dismantle` and `remove` apply to facilities, programs and materials"));
}

TEST_F(ResolveTest, WrongKindForEveryVerbFamily) {
  fs.add("lib.terms", kKoreaLibrary);
  check("a.terms",
        "import \"lib.terms\";\n"
        "agreement x \"X\" {\n"
        "  lift sanctions hfo;\n"
        "  provide us-primary;\n"
        "  freeze iaea;\n"
        "  retain sanctions x;\n"
        "}\n");
  EXPECT_THAT(headlines(), ElementsAre("E0206 a.terms:3:18 `hfo` is a benefit, not a sanction",
                                       "E0206 a.terms:4:11 `us-primary` is a sanction, not a benefit",
                                       "E0206 a.terms:5:10 `iaea` is a verifier, not a facility, program or material",
                                       "E0206 a.terms:6:20 `x` is an agreement, not a sanction"));
}

TEST_F(ResolveTest, OwnersMustBeOfTheRightKind) {
  check("a.terms",
        "party p \"P\";\n"
        "verifier v \"V\";\n"
        "program prog of v kind nuclear \"N\";\n"
        "facility f in p \"F\";\n"
        "sanction s by prog \"S\";\n"
        "benefit b by ghost \"B\";\n");
  EXPECT_THAT(headlines(), ElementsAre("E0206 a.terms:3:17 `v` is a verifier, not a party",
                                       "E0206 a.terms:4:15 `p` is a party, not a program",
                                       "E0206 a.terms:5:15 `prog` is a program, not a party",
                                       "E0204 a.terms:6:14 undefined name `ghost`"));
  EXPECT_THAT(lines(diags.all()[1]), ::testing::Contains("  help: a facility belongs to a program: `facility ID in PROGRAM`"));
  const Workspace& ws = workspace();
  EXPECT_EQ(ws.entity(*ws.lookup(0, "f")).owner, kNoEntity);
  EXPECT_EQ(ws.unit(0).error_count, 4u);
}

TEST_F(ResolveTest, DiagnosticsOfAFileComeInSourceOrderAndImportsFirst) {
  fs.add("lib.terms", "sanction s by nobody \"S\";\n");
  check("a.terms",
        "import \"lib.terms\";\n"
        "agreement x \"X\" {\n"
        "  step one \"1\" after two { freeze f1; }\n"
        "  freeze f2;\n"
        "}\n"
        "program prog of q kind nuclear \"N\";\n");
  EXPECT_THAT(headlines(), ElementsAre("E0204 lib.terms:1:15 undefined name `nobody`",
                                       "E0207 a.terms:3:22 agreement `x` has no step `two`",
                                       "E0204 a.terms:3:35 undefined name `f1`",
                                       "E0204 a.terms:4:10 undefined name `f2`",
                                       "E0204 a.terms:6:17 undefined name `q`"));
}

TEST_F(ResolveTest, DiagnosticsPerFileAreCapped) {
  options.max_errors_per_file = 3;
  check("a.terms", "agreement x \"X\" { freeze a1, a2, a3, a4, a5; }\n");
  ASSERT_EQ(diags.all().size(), 3u);
  EXPECT_EQ(diags.all()[2].message, "undefined name `a3`");
  EXPECT_THAT(diags.all()[2].notes, ElementsAre("2 more diagnostics in `a.terms` are not shown"));
  EXPECT_EQ(workspace().unit(0).error_count, 5u);
}

}  // namespace
}  // namespace terms::testing
