// The article's two cases and the contrasting profile, on the shipped
// examples: the Hanoi offer is unacceptable because it fails
// sanctions-retained and no-all-for-partial; the interim deal is acceptable
// under stepwise-2020 and unacceptable under cvid (the engine is general, the
// profile is data).
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/unit/engine/fixture.hpp"

namespace terms::engine::testing {
namespace {

// Copies examples/ into the fixture's in-memory file system.
void add_examples(EngineFixture& f) {
  const std::filesystem::path root = std::filesystem::path(TERMS_SOURCE_DIR) / "examples";
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".terms") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    f.add_file("examples/" + std::filesystem::relative(entry.path(), root).generic_string(), text.str());
  }
}

class Articles : public ::testing::Test {
 protected:
  void SetUp() override { add_examples(fixture); }
  UnitId load(const std::string& path) {
    auto unit = fixture.workspace().load_file(path);
    EXPECT_TRUE(unit.has_value()) << path;
    EXPECT_TRUE(fixture.diagnostics().all().empty()) << ::testing::PrintToString(fixture.diagnostic_lines());
    return unit.value_or(0);
  }
  EngineFixture fixture;
};

TEST_F(Articles, HanoiOfferIsUnacceptableForSanctionsRetainedAndNoAllForPartial) {
  const UnitId unit = load("examples/article/hanoi-2019.terms");
  const AgreementResult r = fixture.evaluate(unit, fixture.builtin("stepwise-2020"), "hanoi-2019");
  EXPECT_EQ(r.verdict, Verdict::unacceptable);
  std::set<std::string> required_failing;
  for (const auto& c : r.conditions) {
    if (!c.holds && c.severity == ast::ConditionSeverity::require) required_failing.insert(c.id);
  }
  EXPECT_EQ(required_failing, (std::set<std::string>{"no-all-for-partial", "sanctions-retained"}));
  // The evidence points at the clause that lifts every sanction.
  const ConditionResult& retained = condition(r, "sanctions-retained");
  ASSERT_FALSE(retained.evidence.empty());
  const SourceFile& file = fixture.sources().get(retained.evidence[0].span.file);
  EXPECT_EQ(file.text().substr(retained.evidence[0].span.begin, retained.evidence[0].span.size()),
            "lift sanctions all;");
}

TEST_F(Articles, InterimDealIsAcceptableUnderStepwise2020) {
  const UnitId unit = load("examples/article/interim-2020.terms");
  const AgreementResult r = fixture.evaluate(unit, fixture.builtin("stepwise-2020"), "interim-2020");
  EXPECT_EQ(failing(r), std::set<std::string>{});
  EXPECT_EQ(r.verdict, Verdict::acceptable);
}

TEST_F(Articles, InterimDealIsUnacceptableUnderCvid) {
  const UnitId unit = load("examples/article/interim-2020.terms");
  const AgreementResult r = fixture.evaluate(unit, fixture.builtin("cvid"), "interim-2020");
  EXPECT_EQ(r.verdict, Verdict::unacceptable);
  EXPECT_EQ(failing(r), std::set<std::string>{"dismantlement-first"});
  // Relief begins in step `freeze`, where nothing is dismantled yet.
  EXPECT_EQ(condition(r, "dismantlement-first").reason,
            "none of the 8 facilities of the sanctioned side is dismantled completely and verified after "
            "the first step that holds a relief clause (step `freeze`)");
}

TEST_F(Articles, CvidAcceptsCompleteVerifiedDismantlementBeforeRelief) {
  const UnitId unit = fixture.load(R"(
agreement cvid-first "Dismantle everything, then relief" {
  step dismantle "Everything, verified" {
    dismantle dprk-nuclear, dprk-missiles verified by iaea;
  }
  step relief "Then relief" after dismantle {
    lift sanctions all;
  }
}
)");
  const AgreementResult r = fixture.evaluate(unit, fixture.builtin("cvid"));
  EXPECT_EQ(failing(r), std::set<std::string>{});
  EXPECT_EQ(r.verdict, Verdict::acceptable);
}

TEST_F(Articles, EveryExampleMeetsItsExpectations) {
  std::size_t checked = 0;
  for (const char* path :
       {"examples/article/hanoi-2019.terms", "examples/article/interim-2020.terms", "examples/iran/jcpoa-2015.terms",
        "examples/iran/jpoa-2013.terms", "examples/korea/agreed-framework-1994.terms",
        "examples/korea/six-party-2007.terms", "examples/korea/leap-day-2012.terms",
        "examples/korea/singapore-2018.terms"}) {
    const UnitId unit = load(path);
    const CompiledProfile& profile = fixture.builtin("stepwise-2020");
    for (const ast::Agreement* a : fixture.workspace().unit(unit).tree.agreements()) {
      const AgreementResult r = fixture.evaluate(unit, profile, a->name.name);
      for (const auto& o : check_expectations(*a, r, profile, fixture.diagnostics())) {
        EXPECT_TRUE(o.passed) << path << ": expected " << o.expected << ", found " << o.found;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 40u);
  EXPECT_TRUE(fixture.diagnostics().all().empty()) << ::testing::PrintToString(fixture.diagnostic_lines());
}

}  // namespace
}  // namespace terms::engine::testing
