// EvaluateOptions: explain_holding off leaves conditions that hold
// unexplained and changes nothing else; max_evidence keeps the first merged
// items and counts the rest.
#include <gtest/gtest.h>

#include "tests/unit/engine/fixture.hpp"

namespace terms::engine::testing {
namespace {

// Fails verified-dismantlement, sanctions-retained and no-all-for-partial;
// milestones and relief-after-verification hold.
constexpr const char* kHanoi = R"(
agreement hanoi "Partial dismantlement for all sanctions" {
  step one "Freeze" {
    freeze yongbyon verified by iaea;
    freeze sohae verified;
  }
  step two "Dismantle" after one {
    dismantle yongbyon partially;
    lift sanctions all;
  }
}
)";

TEST(EvaluateOptions, WithoutExplainingHoldingConditionsOnlyTheirReasonsAndEvidenceAreLeftOut) {
  EngineFixture fx;
  const UnitId unit = fx.load(kHanoi);
  const CompiledProfile& profile = fx.builtin("stepwise-2020");
  const Deal& deal = fx.deal(unit);
  const AgreementResult full = evaluate(profile, deal);
  EvaluateOptions options;
  options.explain_holding = false;
  const AgreementResult brief = evaluate(profile, deal, options);

  EXPECT_EQ(brief.verdict, full.verdict);
  EXPECT_EQ(brief.verdict, Verdict::unacceptable);
  ASSERT_EQ(brief.conditions.size(), full.conditions.size());
  std::size_t holding = 0;
  std::size_t failing = 0;
  for (std::size_t i = 0; i < full.conditions.size(); ++i) {
    const ConditionResult& f = full.conditions[i];
    const ConditionResult& b = brief.conditions[i];
    SCOPED_TRACE(f.id);
    EXPECT_EQ(b.id, f.id);
    EXPECT_EQ(b.statement, f.statement);
    EXPECT_EQ(b.formula, f.formula);
    EXPECT_EQ(b.holds, f.holds);
    if (f.holds) {
      ++holding;
      EXPECT_FALSE(f.reason.empty());
      EXPECT_EQ(b.reason, "");
      EXPECT_TRUE(b.evidence.empty());
      EXPECT_EQ(b.omitted, 0u);
    } else {
      ++failing;
      EXPECT_EQ(b.reason, f.reason);
      ASSERT_EQ(b.evidence.size(), f.evidence.size());
      for (std::size_t k = 0; k < f.evidence.size(); ++k) {
        EXPECT_EQ(b.evidence[k].label, f.evidence[k].label);
        EXPECT_EQ(b.evidence[k].span, f.evidence[k].span);
      }
      EXPECT_EQ(b.omitted, f.omitted);
    }
  }
  EXPECT_GE(holding, 1u);
  EXPECT_GE(failing, 3u);
}

TEST(EvaluateOptions, EvidenceBeyondTheLimitIsCountedNotShown) {
  EngineFixture fx;
  const UnitId unit = fx.load(R"(
agreement many "Eight unverified dismantlements" {
  dismantle yongbyon partially;
  dismantle kangson partially;
  dismantle sohae partially;
  dismantle yongbyon;
  dismantle kangson;
  dismantle sohae;
  dismantle dprk-nuclear;
  dismantle dprk-missiles;
}
)");
  const CompiledProfile& profile = fx.builtin("stepwise-2020");
  const Deal& deal = fx.deal(unit);
  const AgreementResult shown5 = evaluate(profile, deal);
  const ConditionResult* c = shown5.find("verified-dismantlement");
  ASSERT_NE(c, nullptr);
  EXPECT_FALSE(c->holds);
  EXPECT_EQ(c->reason, "none of the 8 dismantle clauses is verified");
  ASSERT_EQ(c->evidence.size(), 5u);
  EXPECT_EQ(c->evidence[0].label, "this clause is not verified");
  EXPECT_EQ(c->omitted, 3u);

  EvaluateOptions options;
  options.max_evidence = 2;
  const AgreementResult shown2 = evaluate(profile, deal, options);
  const ConditionResult* d = shown2.find("verified-dismantlement");
  ASSERT_NE(d, nullptr);
  ASSERT_EQ(d->evidence.size(), 2u);
  EXPECT_EQ(d->evidence[1].span, c->evidence[1].span);
  EXPECT_EQ(d->omitted, 6u);
}

}  // namespace
}  // namespace terms::engine::testing
