// Errors in profiles and expectations are diagnostics with positions, a
// message that names the problem, and "did you mean" for misspelt words.
#include <gtest/gtest.h>

#include "engine/builtin_profiles.hpp"
#include "tests/unit/engine/fixture.hpp"

namespace terms::engine::testing {
namespace {

using Lines = std::vector<std::string>;

// Compiles a profile with one condition per formula, on lines 2, 3, ...
Lines compile_lines(const std::vector<std::string>& formulas) {
  EngineFixture f;
  std::string text = "profile p \"P\" {\n";
  for (std::size_t i = 0; i < formulas.size(); ++i) text += "  require c" + std::to_string(i) + " \"\": " + formulas[i] + ";\n";
  text += "}\n";
  (void)f.compile(text);
  return f.diagnostic_lines();
}

std::vector<std::string> helps(const std::string& formula) {
  EngineFixture f;
  (void)f.compile("profile p \"P\" {\n  require c \"\": " + formula + ";\n}\n");
  std::vector<std::string> out;
  for (const auto& d : f.diagnostics().all()) {
    for (const auto& h : d.help) out.push_back(h);
  }
  return out;
}

TEST(ProfileDiagnostics, UnknownWordsGetDidYouMean) {
  EXPECT_EQ(compile_lines({"every dismantel clause is verified", "every facilty is frozen"}),
            (Lines{"E0401 2:24 unknown word `dismantel` before `clause`",
                   "E0401 3:24 unknown word `facilty` where a noun was expected"}));
  EXPECT_EQ(helps("every dismantel clause is verified"), Lines{"did you mean `dismantle`?"});
  EXPECT_EQ(helps("every facilty is frozen"), Lines{"did you mean `facility`?"});
  EXPECT_EQ(helps("share of sanctions liftd at end <= 50%"), Lines{"did you mean `lifted`?"});
}

TEST(ProfileDiagnostics, UnknownStatesGetDidYouMean) {
  EXPECT_EQ(compile_lines({"every facility is frozn", "some sanction is in forse"}),
            (Lines{"E0402 2:36 unknown state `frozn`", "E0402 3:35 unknown state `in forse`"}));
  EXPECT_EQ(helps("every facility is frozn"), Lines{"did you mean `frozen`?"});
  EXPECT_EQ(helps("some sanction is in forse"), Lines{"did you mean `in force`?"});
}

TEST(ProfileDiagnostics, WordsThatDoNotFitWhatTheyDescribe) {
  EXPECT_EQ(compile_lines({"every facility is lifted", "every sanction of kind nuclear is lifted",
                           "every step holds a facility", "every dismantle facility is frozen",
                           "some facility of the sanctioned side comes after step one",
                           "the agreement builds on some facility"}),
            (Lines{"E0403 2:36 `lifted` does not apply to facilities",
                   "E0403 3:33 `of kind nuclear` does not apply to sanctions",
                   "E0403 4:35 `holds` cannot point at facilities",
                   "E0403 5:24 `dismantle` does not apply to facilities",
                   "E0403 6:61 `after step one` does not apply to facilities",
                   "E0403 7:42 `builds on` cannot point at facilities"}));
  EXPECT_EQ(helps("every facility is lifted"), Lines{"`lifted` applies to sanctions"});
}

TEST(ProfileDiagnostics, UnknownSide) {
  EXPECT_EQ(compile_lines({"every facility of the sanctionned side is frozen"}),
            (Lines{"E0404 2:40 unknown side `sanctionned`"}));
  EXPECT_EQ(helps("every facility of the sanctionned side is frozen"), Lines{"did you mean `sanctioned`?"});
}

TEST(ProfileDiagnostics, QualifiersThatDoNotFitTheirState) {
  EXPECT_EQ(compile_lines({"every sanction is lifted completely", "every facility is frozen with snapback",
                           "every facility is frozen by iaea"}),
            (Lines{"E0407 2:43 `completely` cannot qualify `lifted`",
                   "E0407 3:43 `with snapback` cannot qualify `frozen`",
                   "E0407 4:46 `iaea` cannot qualify `frozen`"}));
}

TEST(ProfileDiagnostics, UnknownUnitInWithin) {
  EXPECT_EQ(compile_lines({"every clause is within 3 dayz"}), (Lines{"E0409 2:43 unknown unit `dayz` in `within`"}));
  EXPECT_EQ(helps("every clause is within 3 dayz"), Lines{"did you mean `days`?"});
}

TEST(ProfileDiagnostics, DuplicateConditionPointsAtBoth) {
  EngineFixture f;
  (void)f.compile("profile p \"P\" {\n  require a \"\": true;\n  prefer a \"\": false;\n}\n");
  ASSERT_EQ(f.diagnostic_lines(), (Lines{"E0405 3:10 duplicate condition `a` in profile `p`"}));
  ASSERT_EQ(f.diagnostics().all()[0].related.size(), 1u);
  EXPECT_EQ(f.diagnostics().all()[0].related[0].message, "first defined here");
}

TEST(ProfileDiagnostics, EmptyProfileIsAWarning) {
  EngineFixture f;
  auto p = f.compile("profile p \"P\" {\n}\n");
  EXPECT_TRUE(p.has_value());
  EXPECT_EQ(f.diagnostic_lines(), (Lines{"E0408 1:9 profile `p` has no conditions"}));
  EXPECT_EQ(f.diagnostics().all()[0].severity, Severity::warning);
}

TEST(ProfileDiagnostics, OneBrokenConditionDoesNotHideTheOthers) {
  EngineFixture f;
  auto p = f.compile(R"(profile p "P" {
  require a "": every clause is verified;
  require b "": every clause is;
  requir c "": true;
  require d "": every facilty is frozen;
  require e "": some step
  require f "": at least 2 steps;
}
)");
  EXPECT_EQ(f.diagnostic_lines(),
            (Lines{"E0100 3:32 expected a property after `is`, like `verified`, `lifted at end` or `in force`, found `;`",
                   "E0100 4:3 expected a condition, found `requir`",
                   "E0100 6:26 expected `;` at the end of the condition, found `require`",
                   "E0401 5:23 unknown word `facilty` where a noun was expected"}));
  // The conditions around the broken ones were parsed (and `e`, whose `;` is missing, kept).
  const auto profiles = f.workspace().unit(f.workspace().unit_count() - 1).tree.profiles();
  ASSERT_EQ(profiles.size(), 1u);
  std::vector<std::string> ids;
  for (const auto& c : profiles[0]->conditions) ids.push_back(c.id.name);
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "d", "e", "f"}));
}

TEST(ProfileSelection, UnknownProfileIsAUsageErrorWithDidYouMean) {
  EngineFixture f;
  bool usage = false;
  auto p = select_profile("stepwise-2002", f.workspace(), f.sources(), f.diagnostics(), usage);
  EXPECT_FALSE(p.has_value());
  EXPECT_TRUE(usage);
  EXPECT_EQ(f.diagnostic_lines(), (Lines{"E0406 - unknown profile `stepwise-2002`"}));
  EXPECT_EQ(f.diagnostics().all()[0].help, (std::vector<std::string>{"did you mean `stepwise-2020`?"}));
}

TEST(ProfileSelection, DefaultIsStepwise2020AndInputsComeFirst) {
  EngineFixture f;
  bool usage = false;
  auto p = select_profile("", f.workspace(), f.sources(), f.diagnostics(), usage);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->profile.name, "stepwise-2020");
  EXPECT_EQ(p->origin, ProfileOrigin::builtin);
  f.add_file("mine.terms", "profile mine \"Mine\" { require a \"\": true; }\n");
  ASSERT_TRUE(f.workspace().load_file("mine.terms").has_value());
  auto mine = select_profile("mine", f.workspace(), f.sources(), f.diagnostics(), usage);
  ASSERT_TRUE(mine.has_value());
  EXPECT_EQ(mine->origin, ProfileOrigin::input);
  auto by_file = select_profile("dir/other.terms", f.workspace(), f.sources(), f.diagnostics(), usage);
  EXPECT_FALSE(by_file.has_value());
  EXPECT_TRUE(usage);  // the file does not exist (E0001 from the Workspace)
}

TEST(ProfileSelection, AProfileDeclaredTwiceIsAmbiguous) {
  EngineFixture f;
  f.add_file("a.terms", "profile mine \"A\" { require a \"\": true; }\n");
  f.add_file("b.terms", "profile mine \"B\" { require a \"\": true; }\n");
  ASSERT_TRUE(f.workspace().load_file("a.terms").has_value());
  ASSERT_TRUE(f.workspace().load_file("b.terms").has_value());
  bool usage = false;
  EXPECT_FALSE(select_profile("mine", f.workspace(), f.sources(), f.diagnostics(), usage).has_value());
  EXPECT_EQ(f.diagnostic_lines(), (Lines{"E0410 1:9 more than one file declares a profile `mine`"}));
}

TEST(BuiltinProfiles, EveryBuiltinProfileCompilesCleanlyUnderItsFileName) {
  EXPECT_GE(builtin_profiles().size(), 2u);
  for (const auto& b : builtin_profiles()) {
    EngineFixture f;
    auto p = load_builtin_profile(b.name, f.sources(), f.diagnostics());
    ASSERT_TRUE(p.has_value()) << b.name;
    EXPECT_EQ(p->name, b.name);
    EXPECT_EQ(std::string(b.file), std::string(b.name) + ".terms");
    EXPECT_TRUE(f.diagnostics().all().empty()) << b.name << ::testing::PrintToString(f.diagnostic_lines());
  }
  EXPECT_NE(find_builtin_profile(kDefaultProfile), nullptr);
}

class Expectations : public ::testing::Test {
 protected:
  std::vector<ExpectationOutcome> check(const std::string& agreement, AgreementResult& result) {
    const UnitId unit = fixture.load(agreement);
    const CompiledProfile& profile = fixture.builtin("stepwise-2020");
    result = fixture.evaluate(unit, profile);
    return check_expectations(fixture.agreement(unit), result, profile, fixture.diagnostics());
  }
  EngineFixture fixture;
};

TEST_F(Expectations, AConditionTheProfileLacksIsADiagnostic) {
  AgreementResult r;
  auto outcomes = check("agreement a \"\" {\n  lift sanctions all;\n  expect violated sanction-retained;\n}\n", r);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_FALSE(outcomes[0].passed);
  EXPECT_EQ(fixture.diagnostic_lines(), (Lines{"E0501 4:19 profile `stepwise-2020` has no condition `sanction-retained`"}));
  EXPECT_EQ(fixture.diagnostics().all()[0].help, (std::vector<std::string>{"did you mean `sanctions-retained`?"}));
}

TEST_F(Expectations, MismatchesShowBothSidesAndTheEvidence) {
  AgreementResult r;
  auto outcomes = check(
      "agreement a \"\" {\n  lift sanctions all;\n  expect acceptable;\n  expect satisfied sanctions-retained;\n"
      "  expect violated builds-on-previous;\n}\n",
      r);
  ASSERT_EQ(outcomes.size(), 3u);
  EXPECT_FALSE(outcomes[0].passed);
  EXPECT_FALSE(outcomes[1].passed);
  EXPECT_TRUE(outcomes[2].passed);
  const Diagnostic verdict = mismatch_diagnostic(outcomes[0], r);
  EXPECT_EQ(verdict.code, "E0502");
  EXPECT_EQ(verdict.message, "expected `a` to be acceptable, but it is unacceptable under `stepwise-2020`");
  const Diagnostic cond = mismatch_diagnostic(outcomes[1], r);
  EXPECT_EQ(cond.message, "expected `sanctions-retained` holds for `a`, but it is violated under `stepwise-2020`");
  EXPECT_EQ(cond.notes, (std::vector<std::string>{
                            "`sanctions-retained` (require): Some sanctions stay in force after the agreement",
                            "rule: share of sanctions in full force at end is greater than 10%",
                            "found: `share of sanctions in full force at end` is 0% (0 of 4 sanctions); 4 "
                            "sanctions do not count in full yet: 0% is less than 10%"}));
  ASSERT_EQ(cond.related.size(), 1u);
  EXPECT_EQ(cond.related[0].message,
            "`unsc-2397`, `unsc-2375`, `us-primary` and `us-secondary` do not count yet among the sanctions in full "
            "force at end (after this clause: lifted)");
}

TEST_F(Expectations, ContradictoryExpectationsAreReported) {
  AgreementResult r;
  (void)check("agreement a \"\" {\n  freeze yongbyon;\n  expect acceptable;\n  expect unacceptable;\n"
              "  expect violated milestones;\n  expect satisfied milestones;\n}\n",
              r);
  EXPECT_EQ(fixture.diagnostic_lines(),
            (Lines{"E0503 5:3 `a` expects both `acceptable` and `unacceptable`",
                   "E0503 7:3 `a` expects condition `milestones` to be both violated and satisfied"}));
}

}  // namespace
}  // namespace terms::engine::testing
