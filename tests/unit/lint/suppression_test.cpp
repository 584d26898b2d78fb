// Suppression comments: where they apply, unused and invalid ones, and the
// linter's treatment of files with errors and of rule levels.

#include <gtest/gtest.h>

#include "tests/unit/lint/lint_fixture.hpp"

namespace terms::lint {
namespace {

using testing::LintRun;

// The declarations live in an imported library file, so that the main file
// has no unused declarations of its own.
const std::vector<std::pair<std::string, std::string>> kLib = {
    {"lib.terms",
     "party dprk \"DPRK\";\n"
     "verifier iaea \"IAEA\";\n"
     "program nuke of dprk kind nuclear \"Nuclear\";\n"
     "facility yongbyon in nuke \"Yongbyon\";\n"
     "facility sohae in nuke \"Sohae\";\n"}};
const std::string kDecls = "import \"lib.terms\";\n";

std::string agreement(const std::string& body) {
  return kDecls + "agreement a \"A\" {\n" + body + "  expect acceptable;\n}\n";
}

// Lints with every rule on, the library file alongside.
struct LibRun : LintRun {
  explicit LibRun(const std::string& text, const Settings& settings = testing::all_rules_on())
      : LintRun(text, settings, kLib) {}
};

TEST(Suppression, TrailingCommentCoversItsOwnLineOnly) {
  LibRun run(agreement("  freeze yongbyon;  # terms: ignore unverified-freeze\n  freeze sohae;\n"));
  EXPECT_EQ(run.headlines(), std::vector<std::string>{"L005 4:3 nobody verifies this freeze"});
}

TEST(Suppression, OwnLineCommentCoversTheNextLine) {
  LibRun run(agreement("  # terms: ignore L005 -- a reason\n  freeze yongbyon;\n  freeze sohae;\n"));
  EXPECT_EQ(run.headlines(), std::vector<std::string>{"L005 5:3 nobody verifies this freeze"});
}

TEST(Suppression, OwnLineCommentDoesNotReachTwoLinesDown) {
  LibRun run(agreement("  # terms: ignore L005\n\n  freeze yongbyon;\n"));
  EXPECT_EQ(run.codes(), (std::vector<std::string>{"L021", "L005"}));
}

TEST(Suppression, FileLevelCoversEverything) {
  LibRun run("# terms: ignore-file unverified-freeze, missing-title\n" + kDecls +
              "agreement a {\n  freeze yongbyon;\n  freeze sohae;\n  expect acceptable;\n}\n");
  EXPECT_TRUE(run.codes().empty()) << ::testing::PrintToString(run.headlines());
}

TEST(Suppression, UnusedNamesAreReportedWithFixesThatRemoveThem) {
  LibRun run(agreement("  freeze yongbyon verified by iaea;  # terms: ignore L005, empty-step\n"));
  const auto unused = run.of("L021");
  ASSERT_EQ(unused.size(), 2u);
  // All names unused: the first report removes the whole comment, the second has no fix.
  ASSERT_TRUE(unused[0]->fix.has_value());
  EXPECT_EQ(testing::apply_fixes(run.text(), {&*unused[0]->fix}),
            agreement("  freeze yongbyon verified by iaea;\n"));
  EXPECT_FALSE(unused[1]->fix.has_value());
}

TEST(Suppression, OneUnusedNameAmongUsedOnesIsRemovedAlone) {
  LibRun run(agreement("  freeze yongbyon;  # terms: ignore empty-step, L005\n"));
  const auto unused = run.of("L021");
  ASSERT_EQ(unused.size(), 1u);
  ASSERT_TRUE(unused[0]->fix.has_value());
  EXPECT_EQ(testing::apply_fixes(run.text(), {&*unused[0]->fix}),
            agreement("  freeze yongbyon;  # terms: ignore L005\n"));
}

TEST(Suppression, NoUnusedReportForARuleThatIsOff) {
  Settings settings = testing::all_rules_on();
  settings.levels[1] = RuleLevel::off;  // L002 duplicate-target
  LibRun run(agreement("  freeze yongbyon verified by iaea;  # terms: ignore L002\n"), settings);
  EXPECT_FALSE(run.fired("L021")) << ::testing::PrintToString(run.headlines());
}

TEST(Suppression, InvalidOnesAreReportedWithSuggestions) {
  LibRun run(agreement("  # terms: ignore unverified-frezee\n  freeze yongbyon;\n  # terms:ignore\n"
                        "  # terms: ignore E0204\n  # terms: silence L005\n"));
  const auto invalid = run.of("L022");
  ASSERT_EQ(invalid.size(), 4u);
  EXPECT_EQ(invalid[0]->message, "unknown lint rule `unverified-frezee`");
  EXPECT_EQ(invalid[0]->help, std::vector<std::string>{"did you mean `unverified-freeze`?"});
  EXPECT_EQ(invalid[1]->message, "malformed suppression comment");
  EXPECT_EQ(invalid[2]->message, "`E0204` is not a lint rule");
  EXPECT_EQ(invalid[3]->message, "malformed suppression comment");
  EXPECT_TRUE(run.fired("L005"));  // the misspelled suppression silenced nothing
}

TEST(Suppression, OrdinaryCommentsAreNotDirectives) {
  LibRun run(agreement("  # The terms of the freeze: see the annex. terms: ignore L005\n"
                        "  freeze yongbyon verified by iaea;\n"));
  EXPECT_TRUE(run.codes().empty()) << ::testing::PrintToString(run.headlines());
}

TEST(Linter, FilesWithErrorsAreNotLinted) {
  LibRun run(agreement("  freeze yongbyn;\n  freeze sohae;\n"));
  EXPECT_FALSE(run.linted);
  EXPECT_TRUE(run.found.all().empty());
  EXPECT_FALSE(run.front_end.all().empty());
}

TEST(Linter, LevelsSetTheSeverity) {
  Settings settings = testing::all_rules_on();
  settings.levels[4] = RuleLevel::error;  // L005
  LibRun run(agreement("  freeze yongbyon;\n"), settings);
  ASSERT_EQ(run.of("L005").size(), 1u);
  EXPECT_EQ(run.of("L005")[0]->severity, Severity::error);
}

TEST(Linter, DiagnosticsAreSortedByPosition) {
  LibRun run(kDecls + "agreement a {\n  step s {\n  }\n  freeze yongbyon;\n}\n");
  EXPECT_EQ(run.headlines(), (std::vector<std::string>{
                                 "L013 2:11 agreement `a` has no title",
                                 "L020 2:11 agreement `a` has no expectation",
                                 "L008 3:8 step `s` has no clauses",
                                 "L013 3:8 step `s` has no title",
                                 "L005 5:3 nobody verifies this freeze",
                             }));
}

}  // namespace
}  // namespace terms::lint
