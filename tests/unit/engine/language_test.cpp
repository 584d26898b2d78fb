// The formula language: every construct, evaluated on one agreement whose
// timeline is known, with the result each condition must have.
#include <map>

#include <gtest/gtest.h>

#include "tests/unit/engine/fixture.hpp"

namespace terms::engine::testing {
namespace {

// At the end: yongbyon frozen and dismantled completely (verified by iaea),
// kangson dismantled partially (unverified), sohae frozen (unverified);
// unsc-2397 eased with snapback, unsc-2375 suspended with snapback,
// us-primary in force, us-secondary lifted; hfo provided.
constexpr const char* kAgreement = R"(
agreement features "Every construct" {
  builds_on singapore-2018;
  step one "Freeze" {
    freeze yongbyon verified by iaea;
    freeze sohae;
    ease sanctions unsc-2397 snapback;
  }
  step two "Dismantle" after one {
    dismantle yongbyon verified by iaea within 6 months;
    dismantle kangson partially within 2 years;
    suspend sanctions unsc-2375 snapback;
    lift sanctions us-secondary;
    provide hfo;
  }
}
)";

struct Case {
  const char* formula;
  bool holds;
};

const std::vector<Case> kCases = {
    {"at least 2 steps", true},
    {"exactly 3 steps", false},
    {"no retain clause", true},
    {"the agreement has a relief clause", true},
    {"there is a step with a lift clause", true},
    {"the agreement builds on singapore-2018", true},
    {"the agreement does not build on an earlier agreement", false},
    {"the agreement builds on at least 2 agreements", false},
    {"fewer than 2 agreements", true},
    {"every clause in step one is verified", false},
    {"some facility of kind ballistic is frozen after step one", true},
    {"every facility is active before step one", true},
    {"every sanction is in force at start", true},
    {"every facility of kind nuclear is frozen after the first step", false},
    {"count of relief clauses >= 4", true},
    {"the number of relief clauses is greater than 4", false},
    {"share of sanctions lifted at end <= 2 times share of facilities dismantled completely at end", true},
    {"share of sanctions in force at end >= 50%", true},
    {"share of sanctions in force at end > 0.5", false},
    {"share of clauses that are verified = 25%", true},
    {"some clause targets yongbyon", true},
    {"some clause addresses some program of kind ballistic", true},
    {"some step holds every dismantle clause", true},
    {"every step that holds a relief clause comes at or after some step with a verified concession clause", true},
    {"every lift clause comes after step one", true},
    {"every relief clause is in a step after step one", false},
    {"every sanction by unsc is eased or suspended at end", true},
    {"no facility of dprk-missiles is dismantled", true},
    {"some facility in program dprk-nuclear is dismantled completely", true},
    {"every suspend clause is with snapback", true},
    {"every dismantle clause with a deadline is within 1 year", false},
    {"no unverified dismantle clause", false},
    {"some partial dismantle clause", true},
    {"every benefit of the other side is provided", true},
    {"every sanction that is suspended is suspended with snapback", true},
    {"some sanction is eased with snapback", true},
    {"some sanction is eased without snapback", false},
    {"not every sanction is lifted or false", true},
    {"if some sanction is lifted then some facility is dismantled completely", true},
    {"if no sanction is lifted then false", true},
    {"every facility that is frozen at end is verified by iaea", false},
    {"some sanction is retained", false},
    {"exactly 1 party of the sanctioned side", true},
    {"every concession clause is of the sanctioned side", true},
    {"every facility is dismantled or frozen", true},
    {"at most 2 facilities are dismantled", true},
    {"more than one clause is unverified", true},
    {"(every clause is verified) or (some clause is verified)", true},
    {"every sanction of the other side is in force at start", true},
    {"every facility of kind nuclear is (dismantled at end) and not (dismantled before step two)", true},
    {"every clause targeting a facility of kind nuclear is in step two", false},
    {"every facility of the sanctioned side is dismantled completely and verified after the first step that "
     "holds a relief clause",
     false},
};

class Language : public ::testing::Test {
 protected:
  EngineFixture fixture;
};

TEST_F(Language, EveryConstructEvaluatesAsExpected) {
  std::string profile = "profile features \"Features\" {\n";
  std::size_t n = 0;
  std::map<std::string, Case> by_id;
  for (const Case& c : kCases) {
    const std::string id = "c" + std::to_string(++n);
    profile += "  require " + id + " \"\": " + c.formula + ";\n";
    by_id.emplace(id, c);
  }
  profile += "}\n";
  auto compiled = fixture.compile(profile);
  ASSERT_TRUE(compiled.has_value()) << ::testing::PrintToString(fixture.diagnostic_lines());
  EXPECT_TRUE(fixture.diagnostics().all().empty()) << ::testing::PrintToString(fixture.diagnostic_lines());
  const UnitId unit = fixture.load(kAgreement);
  const AgreementResult r = fixture.evaluate(unit, *compiled);
  ASSERT_EQ(r.conditions.size(), by_id.size());
  for (const auto& c : r.conditions) {
    const Case& want = by_id.at(c.id);
    EXPECT_EQ(c.holds, want.holds) << want.formula << "\n  reason: " << c.reason;
  }
}

// Reasons quote the profile in full sentences, in the singular or the plural.
TEST_F(Language, ReasonsAreSentences) {
  auto compiled = fixture.compile(R"(
profile p "Reasons" {
  require a "": every facility that is frozen at end is verified by iaea;
  require b "": some sanction is retained;
  require c "": no lift clause;
  require d "": at least 3 steps;
  require e "": every step that holds a relief clause comes after step one;
  require f "": some clause does not target yongbyon;
  require g "": every facility of kind nuclear is dismantled completely after the first step with a lift clause;
}
)");
  ASSERT_TRUE(compiled.has_value()) << ::testing::PrintToString(fixture.diagnostic_lines());
  const AgreementResult r = fixture.evaluate(fixture.load(kAgreement), *compiled);
  EXPECT_EQ(condition(r, "a").reason, "1 of the 2 facilities that are frozen at end is not verified by iaea");
  EXPECT_EQ(condition(r, "b").reason, "none of the 4 sanctions is retained");
  EXPECT_EQ(condition(r, "c").reason, "there is 1 lift clause");
  EXPECT_EQ(condition(r, "d").reason, "there are 2 steps (at least 3 required)");
  EXPECT_EQ(condition(r, "e").reason, "1 of the 2 steps that hold a relief clause does not come after step one");
  EXPECT_EQ(condition(r, "f").reason, "6 of the 8 clauses do not target yongbyon");
  EXPECT_EQ(condition(r, "g").reason,
            "1 of the 2 facilities of kind nuclear is not dismantled completely after the first step with a lift "
            "clause (step `two`)");
  // Evidence: the clause that last changed the thing, and its state then.
  const ConditionResult& a = condition(r, "a");
  ASSERT_EQ(a.evidence.size(), 1u);
  EXPECT_EQ(a.evidence[0].label, "`sohae` is not verified by iaea (after this clause: frozen, unverified)");
}

TEST_F(Language, AnEmptyDomainMakesEveryTrueAndSomeFalse) {
  auto compiled = fixture.compile(R"(
profile p "Empty" {
  require a "": every retain clause is verified;
  require b "": some retain clause is verified;
  require c "": count of retain clauses = 0;
}
)");
  ASSERT_TRUE(compiled.has_value()) << ::testing::PrintToString(fixture.diagnostic_lines());
  const AgreementResult r = fixture.evaluate(fixture.load(kAgreement), *compiled);
  EXPECT_TRUE(condition(r, "a").holds);
  EXPECT_EQ(condition(r, "a").reason, "there is no retain clause, so `every retain clause is verified` holds only because it has nothing to "
            "check");
  EXPECT_FALSE(condition(r, "b").holds);
  EXPECT_TRUE(condition(r, "c").holds);
}

}  // namespace
}  // namespace terms::engine::testing
