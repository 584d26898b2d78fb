// The canonical layout, rule by rule (docs/formatting.md): the exact bytes the
// formatter writes for small inputs. The golden files in tests/golden/fmt pin
// the same rules through the `terms fmt` command.

#include <gtest/gtest.h>

#include "tests/unit/fmt/fmt_support.hpp"

namespace terms::fmt_test {
namespace {

TEST(Layout, IndentsBlocksAndPutsOneItemPerLine) {
  EXPECT_EQ(format_text("party   dprk \"DPRK\";party us \"US\";\n"
                        "agreement   a \"A\" {step s1 {freeze yongbyon;dismantle yongbyon;}expect acceptable;}\n"),
            "party dprk \"DPRK\";\n"
            "party us \"US\";\n"
            "agreement a \"A\" {\n"
            "  step s1 {\n"
            "    freeze yongbyon;\n"
            "    dismantle yongbyon;\n"
            "  }\n"
            "  expect acceptable;\n"
            "}\n");
}

TEST(Layout, NormalisesTheSpacingOfDeclarations) {
  EXPECT_EQ(format_text("program\tp   of dprk\n  kind nuclear \"P\"  ;\n"
                        "facility f in p\"F\";\nsanction s by unsc;\nbenefit b by us \"B\" ;\n"
                        "verifier   iaea \"IAEA\";\nimport\"lib.terms\";\n"),
            "program p of dprk kind nuclear \"P\";\n"
            "facility f in p \"F\";\n"
            "sanction s by unsc;\n"
            "benefit b by us \"B\";\n"
            "verifier iaea \"IAEA\";\n"
            "import \"lib.terms\";\n");
}

TEST(Layout, KeepsStringsAndNamesExactlyAsWritten) {
  EXPECT_EQ(format_text("party p-1_x \"a \\\"quoted\\\" \\\\ title; # not a comment\";\n"),
            "party p-1_x \"a \\\"quoted\\\" \\\\ title; # not a comment\";\n");
}

TEST(Layout, PutsModifiersInTheFixedOrder) {
  EXPECT_EQ(format_text("agreement a {\n"
                        "  dismantle y within 12 months verified by iaea partially;\n"
                        "  suspend sanctions s snapback within 6 months verified;\n"
                        "}\n"),
            "agreement a {\n"
            "  dismantle y partially verified by iaea within 12 months;\n"
            "  suspend sanctions s verified within 6 months snapback;\n"
            "}\n");
}

TEST(Layout, AlwaysWritesSanctionsAfterASanctionVerb) {
  EXPECT_EQ(format_text("agreement a {\n  lift all;\n  ease sanction s;\n  retain s1, s2;\n"
                        "  suspend all by us;\n  provide hfo;\n}\n"),
            "agreement a {\n"
            "  lift sanctions all;\n"
            "  ease sanctions s;\n"
            "  retain sanctions s1, s2;\n"
            "  suspend sanctions all by us;\n"
            "  provide hfo;\n"
            "}\n");
}

TEST(Layout, KeepsDurationsAsWritten) {
  EXPECT_EQ(format_text("agreement a { freeze y within   1   month; declare p within 60 days; }\n"),
            "agreement a {\n  freeze y within 1 month;\n  declare p within 60 days;\n}\n");
}

TEST(Layout, WrapsLongTargetListsAtTheWidthWithContinuationIndentation) {
  // 100 columns: the list breaks after the last name that fits, and the
  // continuation lines are indented 4 more than the clause.
  std::string input = "agreement a {\n  retain sanctions ";
  for (int i = 0; i < 14; ++i) {
    input += (i ? ", " : "") + fmt::format("unsc-{:04}", i);
  }
  input += " verified;\n}\n";
  EXPECT_EQ(format_text(input),
            "agreement a {\n"
            "  retain sanctions unsc-0000, unsc-0001, unsc-0002, unsc-0003, unsc-0004, unsc-0005, unsc-0006,\n"
            "      unsc-0007, unsc-0008, unsc-0009, unsc-0010, unsc-0011, unsc-0012, unsc-0013 verified;\n"
            "}\n");
}

TEST(Layout, WrapsAtTheConfiguredWidthAndBreaksBeforeModifiers) {
  FormatOptions narrow;
  narrow.width = 30;
  EXPECT_EQ(format_text("agreement a { dismantle yongbyon, sohae, tonghae verified by iaea within 12 months; }\n",
                        narrow),
            "agreement a {\n"
            "  dismantle yongbyon, sohae,\n"
            "      tonghae verified by iaea\n"
            "      within 12 months;\n"
            "}\n");
}

TEST(Layout, WrapsLongHeadersBeforeTheTitle) {
  FormatOptions narrow;
  narrow.width = 30;
  EXPECT_EQ(format_text("agreement interim-2020 \"Step-by-step interim deal\" {\n"
                        "  step freeze \"Freeze\" after a, b { freeze y; }\n}\n",
                        narrow),
            "agreement interim-2020\n"
            "    \"Step-by-step interim deal\" {\n"
            "  step freeze \"Freeze\" after a,\n"
            "      b {\n"
            "    freeze y;\n"
            "  }\n"
            "}\n");
}

TEST(Layout, KeepsAtMostOneBlankLineAndNoneAtTheEdgesOfBlocks) {
  EXPECT_EQ(format_text("\n\n\nparty a \"A\";\n\n\n\nparty b \"B\";\nparty c \"C\";\n"
                        "agreement x {\n\n\n  freeze y;\n\n\n\n  freeze z;\n  freeze w;\n\n\n}\n\n\n"),
            "party a \"A\";\n"
            "\n"
            "party b \"B\";\n"
            "party c \"C\";\n"
            "agreement x {\n"
            "  freeze y;\n"
            "\n"
            "  freeze z;\n"
            "  freeze w;\n"
            "}\n");
}

TEST(Layout, BlankLinesWithSpacesCountAsBlank) {
  EXPECT_EQ(format_text("party a \"A\";\n   \t\nparty b \"B\";\n"), "party a \"A\";\n\nparty b \"B\";\n");
}

TEST(Layout, EndsWithOneNewline) {
  EXPECT_EQ(format_text("party a \"A\";"), "party a \"A\";\n");
  EXPECT_EQ(format_text("party a \"A\";\n\n\n\n"), "party a \"A\";\n");
  EXPECT_EQ(format_text(""), "");
  EXPECT_EQ(format_text(" \n\n\t\n"), "");
}

TEST(Layout, TurnsCrlfIntoLfAndDropsTheByteOrderMark) {
  EXPECT_EQ(format_text("\xEF\xBB\xBFparty a \"A\";\r\n# note\r\nparty b \"B\"; # trailing\r\n"),
            "party a \"A\";\n# note\nparty b \"B\"; # trailing\n");
}

// ---- comments ---------------------------------------------------------------------------

TEST(Comments, OwnLineCommentsStayBeforeWhatTheyPrecede) {
  EXPECT_EQ(format_text("# file header\n\n  # about a\nparty a \"A\";\nagreement x {\n"
                        "      # about the step\n  step s {\n        # about the clause\n  freeze y;\n"
                        "    # at the end of the step\n  }\n  # at the end of the agreement\n}\n# at the end\n"),
            "# file header\n"
            "\n"
            "# about a\n"
            "party a \"A\";\n"
            "agreement x {\n"
            "  # about the step\n"
            "  step s {\n"
            "    # about the clause\n"
            "    freeze y;\n"
            "    # at the end of the step\n"
            "  }\n"
            "  # at the end of the agreement\n"
            "}\n"
            "# at the end\n");
}

TEST(Comments, TrailingCommentsStayOnTheirLine) {
  EXPECT_EQ(format_text("party a \"A\";    # the first\nagreement x { # opens\n  step s \"S\" {   # step\n"
                        "freeze y;# frozen\n  } # step ends\n} # agreement ends\n"),
            "party a \"A\"; # the first\n"
            "agreement x { # opens\n"
            "  step s \"S\" { # step\n"
            "    freeze y; # frozen\n"
            "  } # step ends\n"
            "} # agreement ends\n");
}

TEST(Comments, DropTrailingWhitespaceButKeepTheirText) {
  EXPECT_EQ(format_text("#no space   \n#\tTab\t\nparty a \"A\"; #   spaced   \n"),
            "#no space\n#\tTab\nparty a \"A\"; #   spaced\n");
}

TEST(Comments, InsideATargetListStayWithTheirTarget) {
  EXPECT_EQ(format_text("agreement x {\n"
                        "  retain sanctions unsc-1718,  # 2006\n"
                        "     # the US ones\n"
                        "     us-primary, us-caatsa;\n"
                        "}\n"),
            "agreement x {\n"
            "  retain sanctions unsc-1718, # 2006\n"
            "      # the US ones\n"
            "      us-primary, us-caatsa;\n"
            "}\n");
}

TEST(Comments, BeforeTheSemicolonMoveAfterIt) {
  // A trailing comment between the last word and `;` would otherwise leave
  // the `;` alone on a line.
  EXPECT_EQ(format_text("agreement x {\n  freeze y # why\n  ;\n  freeze z\n  # own line\n  ;\n}\n"),
            "agreement x {\n  freeze y; # why\n  freeze z;\n  # own line\n}\n");
}

TEST(Comments, MoveWithTheModifierTheyFollow) {
  EXPECT_EQ(format_text("agreement x {\n  dismantle y within 12 months # a deadline\n  verified by iaea;\n}\n"),
            "agreement x {\n"
            "  dismantle y verified by iaea within 12 months; # a deadline\n"
            "}\n");
  EXPECT_EQ(format_text("agreement x {\n  dismantle y snapback # odd\n  partially;\n}\n"),
            "agreement x {\n  dismantle y partially snapback; # odd\n}\n");
  EXPECT_EQ(format_text("agreement x {\n  dismantle y within 12 # months, really\n  months verified;\n}\n"),
            "agreement x {\n  dismantle y verified within 12 # months, really\n      months;\n}\n");
}

TEST(Comments, BetweenAHeaderAndItsBraceStayInTheHeader) {
  EXPECT_EQ(format_text("agreement x \"X\" # why this deal\n{\n  step s # first\n  after t\n  {\n  }\n}\n"),
            "agreement x \"X\" { # why this deal\n"
            "  step s # first\n"
            "      after t {\n"
            "  }\n"
            "}\n");
}

TEST(Comments, NeverMergeIntoOneComment) {
  // `{` follows a trailing comment, and another comment follows the `{`:
  // both comments stay, each on its own line.
  EXPECT_EQ(format_text("agreement x # one\n{ # two\n  freeze y;\n}\n"),
            "agreement x { # one\n  # two\n  freeze y;\n}\n");
}

TEST(Comments, InAnEmptyBlockAndAnEmptyFile) {
  EXPECT_EQ(format_text("agreement x {\n   # nothing yet\n}\n"), "agreement x {\n  # nothing yet\n}\n");
  EXPECT_EQ(format_text("agreement x {}\n"), "agreement x {\n}\n");
  EXPECT_EQ(format_text("   # only a comment"), "# only a comment\n");
}

TEST(Comments, NonAsciiTextIsKept) {
  EXPECT_EQ(format_text("party a \"朝鮮\"; # 朝鮮民主主義人民共和国 — ünïcödé\n"),
            "party a \"朝鮮\"; # 朝鮮民主主義人民共和国 — ünïcödé\n");
}

// ---- fmt off / on -------------------------------------------------------------------------

TEST(FmtOff, LeavesTheRegionAsWritten) {
  const std::string input =
      "party   a \"A\";\n"
      "# terms: fmt off\n"
      "party   b   \"B\";   # aligned\n"
      "party   cc  \"C\";   # aligned\n"
      "# terms: fmt on\n"
      "party   d \"D\";\n";
  EXPECT_EQ(format_text(input),
            "party a \"A\";\n"
            "# terms: fmt off\n"
            "party   b   \"B\";   # aligned\n"
            "party   cc  \"C\";   # aligned\n"
            "# terms: fmt on\n"
            "party d \"D\";\n");
}

TEST(FmtOff, WithoutFmtOnRunsToTheEndOfTheBlock) {
  EXPECT_EQ(format_text("agreement x {\n  step s {\n    # terms: fmt off\n    freeze   y;\n"
                        "      freeze  z;\n  }\n    freeze   w;\n}\n"),
            "agreement x {\n  step s {\n    # terms: fmt off\n    freeze   y;\n      freeze  z;\n  }\n"
            "  freeze w;\n}\n");
  EXPECT_EQ(format_text("party  a \"A\";\n#terms:fmt off\nparty  b \"B\";\n\n\n\nparty  c \"C\";  \n"),
            "party a \"A\";\n#terms:fmt off\nparty  b \"B\";\n\n\n\nparty  c \"C\";\n");
}

TEST(FmtOff, AnFmtOnInsideAnItemKeepsTheWholeItem) {
  EXPECT_EQ(format_text("# terms: fmt off\nagreement   x {\n  # terms: fmt on\n  freeze   y;\n}\n"
                        "party   a \"A\";\n"),
            "# terms: fmt off\nagreement   x {\n  # terms: fmt on\n  freeze   y;\n}\n"
            "party a \"A\";\n");
}

TEST(FmtOff, OnlyOwnLineCommentsSwitch) {
  EXPECT_EQ(format_text("party   a \"A\"; # terms: fmt off\nparty   b \"B\";\n"),
            "party a \"A\"; # terms: fmt off\nparty b \"B\";\n");
}

TEST(FmtOff, RecognisesTheDirectiveLoosely) {
  EXPECT_TRUE(is_fmt_off_comment("# terms: fmt off"));
  EXPECT_TRUE(is_fmt_off_comment("#terms:fmt off"));
  EXPECT_TRUE(is_fmt_off_comment("#  terms:  fmt   off  "));
  EXPECT_TRUE(is_fmt_on_comment("# terms: fmt on"));
  EXPECT_FALSE(is_fmt_off_comment("# terms: fmt on"));
  EXPECT_FALSE(is_fmt_off_comment("# fmt: off"));
  EXPECT_FALSE(is_fmt_off_comment("# terms: fmt off, because"));
}

// ---- what is not formatted ----------------------------------------------------------------

TEST(NotFormatted, AFileWithSyntaxErrors) {
  EXPECT_EQ(format_text("party a \"A\"\nagreement x { freeze ; }\n"), "<not formatted>");
  EXPECT_EQ(format_text("agreement x {\n  freeze y;\n"), "<not formatted>");
  EXPECT_EQ(format_text("party a \"A\xff\";\n"), "<not formatted>");
}

TEST(NotFormatted, FormatSourceReportsTheErrors) {
  SourceManager sources;
  const SourceFile& src = sources.add("broken.terms", "agreement x {\n  freeze y\n  lift;\n}\n");
  DiagnosticBag diags;
  EXPECT_FALSE(format_source(src, diags).has_value());
  ASSERT_TRUE(diags.has_errors());
  EXPECT_EQ(diags.all().front().code, "E0100");
}

// ---- profiles -----------------------------------------------------------------------------

TEST(Profiles, ConditionsPutTheFormulaOnTheNextLineAndKeepItsLineBreaksAndIndentation) {
  EXPECT_EQ(format_text("profile   p \"P\" {\n"
                        "require   verified-dismantlement \"Dismantlement must be verifiable\":every dismantle clause is verified;\n"
                        "  prefer x \"X\":\n"
                        "        share of sanctions lifted or suspended at end\n"
                        "           <=   share of facilities dismantled and verified at end;\n"
                        "}\n"),
            "profile p \"P\" {\n"
            "  require verified-dismantlement \"Dismantlement must be verifiable\":\n"
            "    every dismantle clause is verified;\n"
            "  prefer x \"X\":\n"
            "    share of sanctions lifted or suspended at end\n"
            "      <= share of facilities dismantled and verified at end;\n"
            "}\n");
}

TEST(Profiles, WrapLongFormulaLinesAndKeepComments) {
  FormatOptions narrow;
  narrow.width = 40;
  EXPECT_EQ(format_text("profile p {\n  # the main one\n  require c \"C\": every dismantle clause # why\n"
                        "  is verified and every freeze clause is verified;  # end\n}\n",
                        narrow),
            "profile p {\n"
            "  # the main one\n"
            "  require c \"C\":\n"
            "    every dismantle clause # why\n"
            "    is verified and every freeze clause\n"
            "      is verified; # end\n"
            "}\n");
}

}  // namespace
}  // namespace terms::fmt_test
