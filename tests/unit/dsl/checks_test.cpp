// Semantic checks of agreements: builds_on, steps and `after`, clause targets,
// modifiers and durations.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "tests/support/workspace_fixture.hpp"

namespace terms::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// Agreement bodies over the Korea library; the body's first line is line 3.
class ChecksTest : public WorkspaceTest {
 protected:
  void body(const std::string& text) {
    fs.add("lib.terms", kKoreaLibrary);
    check("a.terms", "import \"lib.terms\";\nagreement x \"X\" {\n" + text + "}\n");
  }
};

// ---- builds_on -------------------------------------------------------------------

TEST_F(ChecksTest, BuildsOnDeclaredAndImportedAgreements) {
  fs.add("old.terms", "agreement singapore-2018 \"Singapore\" { expect acceptable; }\n");
  check("a.terms",
        "import \"old.terms\";\n"
        "agreement hanoi-2019 \"Hanoi\" { expect unacceptable; }\n"
        "agreement x \"X\" { builds_on singapore-2018, hanoi-2019; }\n");
  EXPECT_THAT(headlines(), IsEmpty());
}

TEST_F(ChecksTest, BuildsOnUndefinedAgreementSuggestsOne) {
  check("a.terms",
        "agreement singapore-2018 \"Singapore\" { expect acceptable; }\n"
        "agreement x \"X\" {\n"
        "  builds_on singapore-2019;\n"
        "}\n");
  EXPECT_THAT(only(), ElementsAre("E0210 a.terms:3:13 undefined agreement `singapore-2019`",
                                  "  label: no agreement of this name in this file or its imports",
                                  "  help: did you mean `singapore-2018`?"));
}

TEST_F(ChecksTest, BuildsOnUndefinedAgreementWithoutSuggestion) {
  check("a.terms", "agreement x \"X\" { builds_on panmunjom; }\n");
  EXPECT_THAT(only(), ElementsAre("E0210 a.terms:1:29 undefined agreement `panmunjom`",
                                  "  label: no agreement of this name in this file or its imports",
                                  "  help: declare the agreement, or import the file that declares it"));
}

TEST_F(ChecksTest, BuildsOnSomethingThatIsNotAnAgreement) {
  body("  builds_on dprk;\n");
  EXPECT_THAT(only(), ElementsAre("E0206 a.terms:3:13 `dprk` is a party, not an agreement",
                                  "  label: expected an agreement",
                                  "  lib.terms:1:7: `dprk` is declared here as a party",
                                  "  help: `builds_on` names earlier agreements"));
}

// ---- steps -------------------------------------------------------------------------

TEST_F(ChecksTest, StepsMayWaitOnLaterSteps) {
  body("  step a \"A\" after b { freeze yongbyon; }\n"
       "  step b \"B\" { declare yongbyon; }\n"
       "  step c \"C\" after a, b { dismantle yongbyon; }\n");
  EXPECT_THAT(headlines(), IsEmpty());
}

TEST_F(ChecksTest, DuplicateStep) {
  body("  step freeze \"A\" { freeze yongbyon; }\n"
       "  step freeze \"B\" { declare yongbyon; }\n");
  EXPECT_THAT(only(), ElementsAre("E0209 a.terms:4:8 step `freeze` is declared twice in agreement `x`",
                                  "  label: declared again here", "  a.terms:3:8: first declared here",
                                  "  help: give each step of an agreement its own name"));
}

TEST_F(ChecksTest, StepsOfDifferentAgreementsMayShareNames) {
  check("a.terms",
        "agreement x \"X\" { step one \"1\" { } }\n"
        "agreement y \"Y\" { step one \"1\" { } step two \"2\" after one { } }\n");
  EXPECT_THAT(headlines(), IsEmpty());
}

TEST_F(ChecksTest, AfterUnknownStepSuggestsOne) {
  body("  step freeze \"A\" { freeze yongbyon; }\n"
       "  step dismantle \"B\" after freez { dismantle yongbyon; }\n");
  EXPECT_THAT(only(), ElementsAre("E0207 a.terms:4:28 agreement `x` has no step `freez`",
                                  "  label: no step of this name", "  help: did you mean `freeze`?"));
  ASSERT_TRUE(diags.all()[0].fix);
  EXPECT_EQ(diags.all()[0].fix->edits[0].replacement, "freeze");
}

TEST_F(ChecksTest, AfterUnknownStepListsTheSteps) {
  body("  step one \"1\" { }\n  step two \"2\" after seven { }\n");
  EXPECT_THAT(only(), ElementsAre("E0207 a.terms:4:22 agreement `x` has no step `seven`",
                                  "  label: no step of this name", "  help: the steps of `x` are `one`, `two`"));
}

TEST_F(ChecksTest, StepCycleNamesTheStepsInOrder) {
  body("  step a \"A\" after b { }\n"
       "  step b \"B\" after a { }\n");
  EXPECT_THAT(only(), ElementsAre("E0208 a.terms:4:20 steps `a` -> `b` -> `a` wait on each other",
                                  "  label: closes the cycle", "  a.terms:3:20: `a` waits on `b` here",
                                  "  help: remove one of the `after` references in the cycle"));
}

TEST_F(ChecksTest, ThreeStepCycle) {
  body("  step a \"A\" after c { }\n"
       "  step b \"B\" after a { }\n"
       "  step c \"C\" after b { }\n");
  EXPECT_THAT(headlines(), ElementsAre("E0208 a.terms:4:20 steps `a` -> `c` -> `b` -> `a` wait on each other"));
  EXPECT_EQ(diags.all()[0].related.size(), 2u);
}

TEST_F(ChecksTest, StepWaitingOnItself) {
  body("  step a \"A\" after a { }\n");
  EXPECT_THAT(only(), ElementsAre("E0208 a.terms:3:20 step `a` waits on itself",
                                  "  label: a step cannot come after itself",
                                  "  help: remove `a` from the `after` list of step `a`"));
}

TEST_F(ChecksTest, LongChainOfStepsHasNoCycle) {
  std::string text;
  for (int i = 0; i < 5000; ++i) {
    text += i == 0 ? "  step s0 \"S\" { }\n" : fmt::format("  step s{} \"S\" after s{} {{ }}\n", i, i - 1);
  }
  body(text);
  EXPECT_THAT(headlines(), IsEmpty());
}

// ---- targets -------------------------------------------------------------------------

TEST_F(ChecksTest, EveryVerbWithItsTargets) {
  body("  declare dprk-nuclear;\n"
       "  freeze yongbyon, sohae;\n"
       "  dismantle dprk-missiles partially;\n"
       "  lift sanctions unsc-2397;\n"
       "  ease sanction us-primary snapback;\n"
       "  suspend sanctions unsc-2397 snapback;\n"
       "  retain us-primary;\n"
       "  provide hfo;\n"
       "  lift sanctions all;\n"
       "  suspend sanctions all by unsc;\n");
  EXPECT_THAT(headlines(), IsEmpty());
}

TEST_F(ChecksTest, SanctionsKeywordAfterAVerbThatTakesNone) {
  body("  dismantle sanctions yongbyon;\n");
  EXPECT_THAT(only(), ElementsAre("E0305 a.terms:3:13 `dismantle` does not take sanctions",
                                  "  label: `sanctions` is written only after `lift`, `ease`, `suspend` or `retain`",
                                  "  help: remove `sanctions`"));
  const Diagnostic& d = diags.all()[0];
  ASSERT_TRUE(d.fix);
  EXPECT_EQ(text_of(d.fix->edits[0].span), "sanctions ");
  EXPECT_EQ(d.fix->edits[0].replacement, "");
}

TEST_F(ChecksTest, AllAfterAVerbThatTakesNoSanctions) {
  body("  dismantle all;\n  provide all by us;\n");
  EXPECT_THAT(headlines(), ElementsAre("E0308 a.terms:3:13 `all` after `dismantle`, which does not take sanctions",
                                       "E0308 a.terms:4:11 `all by us` after `provide`, which does not take sanctions"));
  EXPECT_THAT(lines(diags.all()[0]), ::testing::Contains("  help: name the facilities or programs to dismantle"));
  EXPECT_THAT(lines(diags.all()[1]), ::testing::Contains("  help: name the benefits to provide"));
}

TEST_F(ChecksTest, AllMatchingNoSanction) {
  check("a.terms", "party p \"P\";\nagreement x \"X\" {\n  lift sanctions all;\n}\n");
  EXPECT_THAT(only(), ElementsAre("E0306 a.terms:3:18 `all` matches no sanction",
                                  "  label: no sanction is declared in this file or its imports",
                                  "  help: declare the sanctions, or import the file that declares them"));
  EXPECT_EQ(diags.all()[0].severity, Severity::warning);
  EXPECT_FALSE(workspace().has_errors(0));
}

TEST_F(ChecksTest, AllByAPartyThatImposesNoSanction) {
  body("  lift sanctions all by dprk;\n");
  EXPECT_THAT(only(), ElementsAre("E0306 a.terms:3:18 `all by dprk` matches no sanction",
                                  "  label: `dprk` imposes no sanction declared in this file or its imports",
                                  "  help: declare the sanctions `dprk` imposes (`sanction ID by dprk`), or name "
                                  "another party"));
}

TEST_F(ChecksTest, AllByNeedsAParty) {
  body("  lift sanctions all by iaea;\n  ease sanctions all by unscc;\n");
  EXPECT_THAT(headlines(), ElementsAre("E0206 a.terms:3:25 `iaea` is a verifier, not a party",
                                       "E0204 a.terms:4:25 undefined name `unscc`"));
  EXPECT_THAT(lines(diags.all()[1]), ::testing::Contains("  help: did you mean `unsc`?"));
}

// ---- modifiers -----------------------------------------------------------------------

TEST_F(ChecksTest, ModifiersOnTheVerbsThatTakeThem) {
  body("  dismantle yongbyon partially verified by iaea within 6 months;\n"
       "  suspend sanctions unsc-2397 snapback verified within 1 year;\n"
       "  ease sanctions us-primary within 2 weeks snapback;\n"
       "  provide hfo verified by us within 30 days;\n"
       "  declare sohae within 1 day verified by dprk;\n");
  EXPECT_THAT(headlines(), IsEmpty());
}

TEST_F(ChecksTest, SnapbackOnLift) {
  body("  lift sanctions unsc-2397 snapback;\n");
  EXPECT_THAT(only(), ElementsAre("E0301 a.terms:3:28 `snapback` does not apply to `lift`",
                                  "  label: not allowed here",
                                  "  note: a lifted sanction is gone for good; `suspend sanctions ... snapback` "
                                  "keeps a way back",
                                  "  help: `snapback` applies only to `suspend` and `ease`"));
}

TEST_F(ChecksTest, SnapbackAndPartiallyElsewhere) {
  body("  retain sanctions us-primary snapback;\n"
       "  freeze yongbyon partially;\n"
       "  lift sanctions unsc-2397 partially;\n");
  EXPECT_THAT(headlines(), ElementsAre("E0301 a.terms:3:31 `snapback` does not apply to `retain`",
                                       "E0301 a.terms:4:19 `partially` does not apply to `freeze`",
                                       "E0301 a.terms:5:28 `partially` does not apply to `lift`"));
  EXPECT_THAT(lines(diags.all()[1]), ::testing::Contains("  help: `partially` applies only to `dismantle`"));
}

TEST_F(ChecksTest, RepeatedModifier) {
  body("  freeze yongbyon verified within 6 months verified by iaea;\n");
  EXPECT_THAT(only(), ElementsAre("E0302 a.terms:3:44 modifier `verified` is repeated", "  label: repeated here",
                                  "  a.terms:3:19: first given here", "  help: keep one `verified`"));
}

TEST_F(ChecksTest, EveryRepeatedModifierIsReported) {
  body("  dismantle yongbyon partially partially within 1 day within 2 days;\n");
  EXPECT_THAT(headlines(), ElementsAre("E0302 a.terms:3:32 modifier `partially` is repeated",
                                       "E0302 a.terms:3:55 modifier `within` is repeated"));
}

TEST_F(ChecksTest, VerifiedByMustNameAVerifierOrParty) {
  body("  freeze yongbyon verified by sohae;\n");
  EXPECT_THAT(only(), ElementsAre("E0307 a.terms:3:31 `sohae` is a facility, not a verifier or party",
                                  "  label: expected a verifier or party",
                                  "  lib.terms:8:10: `sohae` is declared here as a facility",
                                  "  help: `verified by` names who verifies: a verifier or a party"));
}

TEST_F(ChecksTest, VerifiedByUndefinedSuggestsAVerifier) {
  body("  freeze yongbyon verified by iaeaa;\n");
  EXPECT_THAT(only(), ElementsAre("E0204 a.terms:3:31 undefined name `iaeaa`",
                                  "  label: not declared in this file or its imports", "  help: did you mean `iaea`?"));
}

// ---- durations ------------------------------------------------------------------------

TEST_F(ChecksTest, UnknownDurationUnitSuggestsOne) {
  body("  freeze yongbyon within 6 mnths;\n");
  EXPECT_THAT(only(), ElementsAre("E0303 a.terms:3:28 unknown duration unit `mnths`", "  label: not a unit of time",
                                  "  help: did you mean `months`?"));
  const Diagnostic& d = diags.all()[0];
  EXPECT_EQ(text_of(d.span), "mnths");
  ASSERT_TRUE(d.fix);
  EXPECT_EQ(d.fix->edits[0].replacement, "months");
}

TEST_F(ChecksTest, UnknownDurationUnitWithoutSuggestion) {
  body("  freeze yongbyon within 3 fortnights;\n");
  EXPECT_THAT(only(), ElementsAre("E0303 a.terms:3:28 unknown duration unit `fortnights`",
                                  "  label: not a unit of time", "  help: use `days`, `weeks`, `months` or `years`"));
}

TEST_F(ChecksTest, ZeroDuration) {
  body("  freeze yongbyon within 0 days;\n  declare yongbyon within 1 day;\n");
  EXPECT_THAT(only(), ElementsAre("E0304 a.terms:3:26 `within 0 days` is a deadline of zero time",
                                  "  label: no time at all",
                                  "  help: give the time allowed, for example `within 60 days`, or remove `within`"));
  EXPECT_EQ(diags.all()[0].severity, Severity::warning);
  EXPECT_EQ(workspace().unit(0).error_count, 0u);
}

TEST_F(ChecksTest, ImplicitStepClausesAreCheckedToo) {
  body("  step s \"S\" { freeze yongbyn; }\n  lift sanctions unsc-2397 snapback;\n");
  EXPECT_THAT(headlines(), ElementsAre("E0204 a.terms:3:23 undefined name `yongbyn`",
                                       "E0301 a.terms:4:28 `snapback` does not apply to `lift`"));
}

}  // namespace
}  // namespace terms::testing
