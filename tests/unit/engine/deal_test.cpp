// The deal model: step order, the implicit step, target expansion, actors,
// the sanctioned side, and the state of every thing after each step.
#include <gtest/gtest.h>

#include "engine/report.hpp"
#include "tests/unit/engine/fixture.hpp"

namespace terms::engine::testing {
namespace {

std::vector<std::string> step_names(const Deal& d) {
  std::vector<std::string> out;
  for (const auto& s : d.steps()) out.push_back(s.implicit() ? "<implicit>" : s.name);
  return out;
}

std::vector<std::string> names(const Deal& d, std::span<const EntityId> ids) {
  std::vector<std::string> out;
  for (EntityId id : ids) out.emplace_back(d.name(id));
  return out;
}

std::uint32_t local(const Deal& d, const std::string& name) {
  for (Domain dom : {Domain::facility, Domain::program, Domain::sanction, Domain::benefit, Domain::party}) {
    const auto& things = d.things(dom);
    for (std::uint32_t i = 0; i < things.size(); ++i) {
      if (d.name(things[i]) == name) return i;
    }
  }
  ADD_FAILURE() << "no thing " << name;
  return 0;
}

TEST(Deal, KeepsEveryVerifierAndCountsConversionAndRemovalAsDismantlement) {
  EngineFixture f;
  const UnitId u = f.load(R"(
material plutonium in dprk-nuclear "Plutonium";
agreement a "" {
  step one "" {
    remove plutonium verified by iaea, us;
    convert yongbyon to civilian use verified by iaea;
  }
  step two "" after one { dismantle yongbyon verified by us; }
}
)");
  const Deal& d = f.deal(u);
  ASSERT_EQ(d.clauses().size(), 3u);
  EXPECT_EQ(d.clauses()[0].verifier, "iaea");
  ASSERT_EQ(d.clauses()[0].verifiers.size(), 2u);
  EXPECT_EQ(d.clauses()[0].verifiers[1], "us");
  EXPECT_TRUE(d.clauses()[0].verified_by("us"));
  // A material is a thing of its program: `dismantle dprk-nuclear` would reach it.
  const FacilityState pu = d.facility_state(local(d, "plutonium"), 0);
  EXPECT_TRUE(pu.removed);
  EXPECT_EQ(pu.dismantled, Dismantlement::complete);
  EXPECT_EQ(describe(pu), "removed, verified by iaea and us");
  const FacilityState y1 = d.facility_state(local(d, "yongbyon"), 0);
  EXPECT_TRUE(y1.converted);
  EXPECT_EQ(describe(y1), "converted to civilian use, verified by iaea");
  // A dismantlement after the conversion is at the same level: its verifier is added.
  EXPECT_EQ(describe(d.facility_state(local(d, "yongbyon"), 1)),
            "converted to civilian use, verified by iaea and us");
  EXPECT_EQ(names(d, d.sanctioned_parties()), (std::vector<std::string>{"dprk"}));
}

TEST(Deal, TheStatedSanctionedSideWinsOverTheInferredOne) {
  EngineFixture f;
  const UnitId u = f.load(R"(
agreement a "" {
  sanctioned unsc;
  freeze yongbyon verified by iaea;
}
)");
  const Deal& d = f.deal(u);
  EXPECT_EQ(names(d, d.sanctioned_parties()), (std::vector<std::string>{"unsc"}));
  EXPECT_FALSE(d.sanctioned(d.things(Domain::party)[local(d, "dprk")]));
}

TEST(Deal, StepsRunInTextOrderUnlessAfterSaysOtherwise) {
  EngineFixture f;
  const UnitId u = f.load(R"(
agreement a "" {
  step late "" after middle { freeze yongbyon; }
  step early "" { declare yongbyon; }
  step middle "" { freeze sohae; }
}
)");
  const Deal& d = f.deal(u);
  EXPECT_EQ(step_names(d), (std::vector<std::string>{"early", "middle", "late"}));
  EXPECT_EQ(d.end(), 2);
  EXPECT_EQ(d.step_position("late"), 2);
  EXPECT_EQ(d.clauses()[0].step, 2);  // `freeze yongbyon`, first in the text, runs last
}

TEST(Deal, ClausesOutsideStepsFormOneImplicitStepWhereTheFirstOfThemStands) {
  EngineFixture f;
  const UnitId u = f.load(R"(
agreement a "" {
  step one "" { freeze yongbyon; }
  lift sanctions unsc-2397;
  step two "" { freeze sohae; }
  provide hfo;
}
)");
  const Deal& d = f.deal(u);
  EXPECT_EQ(step_names(d), (std::vector<std::string>{"one", "<implicit>", "two"}));
  EXPECT_EQ(d.steps()[1].clauses.size(), 2u);
  EXPECT_EQ(d.steps()[1].display_name(), "the clauses outside any step");
}

TEST(Deal, AnAgreementWithoutStepsHasOneImplicitStep) {
  EngineFixture f;
  const Deal& d = f.deal(f.load("agreement a \"\" { dismantle yongbyon partially verified; lift sanctions all; }"));
  EXPECT_EQ(step_names(d), (std::vector<std::string>{"<implicit>"}));
  EXPECT_EQ(d.end(), 0);
}

TEST(Deal, ACycleOfAfterFallsBackToTextOrder) {
  EngineFixture f;
  const UnitId u = f.load(R"(
agreement a "" {
  step x "" after y { freeze yongbyon; }
  step y "" after x { freeze sohae; }
}
)");
  EXPECT_TRUE(f.diagnostics().has_errors());  // E0208, from the Workspace
  EXPECT_EQ(step_names(f.deal(u)), (std::vector<std::string>{"x", "y"}));
}

TEST(Deal, TargetsAreExpandedAndActorsImpliedByThem) {
  EngineFixture f;
  const UnitId u = f.load(R"(
agreement a "" {
  dismantle dprk-nuclear verified by iaea;
  lift sanctions all by us;
  suspend sanctions all snapback;
  provide hfo;
}
)");
  const Deal& d = f.deal(u);
  ASSERT_EQ(d.clauses().size(), 4u);
  EXPECT_EQ(names(d, d.clauses()[0].targets), (std::vector<std::string>{"yongbyon", "kangson"}));
  EXPECT_EQ(names(d, d.clauses()[0].programs), (std::vector<std::string>{"dprk-nuclear"}));
  EXPECT_EQ(names(d, d.clauses()[0].actors), (std::vector<std::string>{"dprk"}));
  EXPECT_EQ(d.clauses()[0].verifier, "iaea");
  EXPECT_EQ(names(d, d.clauses()[1].targets), (std::vector<std::string>{"us-primary", "us-secondary"}));
  EXPECT_EQ(names(d, d.clauses()[1].actors), (std::vector<std::string>{"us"}));
  EXPECT_EQ(names(d, d.clauses()[2].targets),
            (std::vector<std::string>{"unsc-2397", "unsc-2375", "us-primary", "us-secondary"}));
  EXPECT_EQ(names(d, d.clauses()[2].actors), (std::vector<std::string>{"unsc", "us"}));
  EXPECT_TRUE(d.clauses()[2].snapback);
  EXPECT_EQ(names(d, d.clauses()[3].actors), (std::vector<std::string>{"us"}));
  EXPECT_EQ(names(d, d.sanctioned_parties()), (std::vector<std::string>{"dprk"}));
}

TEST(Deal, FacilityStatesAfterEachStep) {
  EngineFixture f;
  const UnitId u = f.load(R"(
agreement a "" {
  step one "" { declare yongbyon verified by iaea; freeze yongbyon verified by iaea; }
  step two "" { dismantle yongbyon partially; }
  step three "" { dismantle yongbyon verified by iaea; }
}
)");
  const Deal& d = f.deal(u);
  const std::uint32_t y = local(d, "yongbyon");
  EXPECT_EQ(describe(d.facility_state(y, kStart)), "untouched");
  EXPECT_EQ(describe(d.facility_state(y, 0)), "declared, frozen, verified by iaea");
  // The partial dismantlement was not verified: the state is no longer verified.
  EXPECT_EQ(describe(d.facility_state(y, 1)), "declared, frozen, dismantled partially, unverified");
  EXPECT_EQ(describe(d.facility_state(y, 2)), "declared, frozen, dismantled completely, verified by iaea");
  EXPECT_FALSE(d.facility_state(y, 2).active());
  EXPECT_TRUE(d.facility_state(y, kStart).active());
  // The clause that last changed it, at each moment.
  EXPECT_EQ(d.last_change(Domain::facility, y, kStart), std::nullopt);
  EXPECT_EQ(d.last_change(Domain::facility, y, 1), 2u);
  // A program is in a state when all its facilities are.
  const std::uint32_t nuclear = local(d, "dprk-nuclear");
  EXPECT_EQ(d.program_state(nuclear, 2).dismantled, Dismantlement::partial);  // kangson is untouched
}

TEST(Deal, AFacilityVerifiedByManyAtOneLevelNamesThemAllInOrder) {
  EngineFixture f;
  const UnitId u = f.load(R"(
verifier euratom "Euratom";
verifier abacc "ABACC";
agreement a "" {
  step one "" {
    declare yongbyon verified by iaea; declare yongbyon verified by euratom; declare yongbyon verified by abacc;
    declare yongbyon verified by iaea;
    declare kangson verified by abacc; declare kangson verified by iaea;
  }
  step two "" { freeze yongbyon verified by euratom; }
}
)");
  const Deal& d = f.deal(u);
  const std::uint32_t y = local(d, "yongbyon");
  EXPECT_EQ(describe(d.facility_state(y, 0)), "declared, verified by iaea and euratom and abacc");
  EXPECT_EQ(describe(d.facility_state(local(d, "kangson"), 0)), "declared, verified by abacc and iaea");
  // A program is verified by those who verified every one of its facilities
  // (in the order of its first facility).
  EXPECT_EQ(describe(d.program_state(local(d, "dprk-nuclear"), 0)), "declared, verified by iaea and abacc");
  // A higher level starts the list again.
  EXPECT_EQ(describe(d.facility_state(y, 1)), "declared, frozen, verified by euratom");
  EXPECT_EQ(describe(d.facility_state(y, 0)), "declared, verified by iaea and euratom and abacc");
}

TEST(Deal, SanctionAndBenefitStatesAfterEachStep) {
  EngineFixture f;
  const UnitId u = f.load(R"(
agreement a "" {
  step one "" { ease sanctions unsc-2397 snapback; retain sanctions us-primary; suspend sanctions unsc-2375; }
  step two "" { lift sanctions unsc-2397; suspend sanctions us-primary snapback; provide hfo; }
}
)");
  const Deal& d = f.deal(u);
  auto state = [&](const char* name, Position at) { return describe(d.sanction_state(local(d, name), at)); };
  EXPECT_EQ(state("unsc-2397", kStart), "in force");
  EXPECT_EQ(state("unsc-2397", 0), "eased, with snapback");
  EXPECT_TRUE(d.sanction_state(local(d, "unsc-2397"), 0).in_force());
  EXPECT_EQ(state("unsc-2397", 1), "lifted");
  EXPECT_EQ(state("us-primary", 0), "in force (retained)");
  EXPECT_EQ(state("us-primary", 1), "suspended, with snapback");
  EXPECT_FALSE(d.sanction_state(local(d, "us-primary"), 1).in_force());
  EXPECT_EQ(state("unsc-2375", 0), "suspended");
  EXPECT_EQ(state("us-secondary", 1), "in force");
  EXPECT_FALSE(d.benefit_state(local(d, "hfo"), 0).provided);
  EXPECT_TRUE(d.benefit_state(local(d, "hfo"), 1).provided);
}

TEST(Deal, TheTimelineTableShowsEveryFacilityAndSanction) {
  EngineFixture f;
  const UnitId u = f.load(R"(
agreement a "" {
  step one "" { freeze yongbyon verified by iaea; ease sanctions unsc-2397; }
  step two "" after one { dismantle yongbyon verified by iaea; provide hfo; }
}
)");
  EXPECT_EQ(render_timeline(f.deal(u)),
            "                start         one                       two\n"
            "facilities\n"
            "  yongbyon      untouched     frozen, verified by iaea  frozen, dismantled completely, verified by iaea\n"
            "  kangson       untouched     ·                         ·\n"
            "  sohae         untouched     ·                         ·\n"
            "sanctions\n"
            "  unsc-2397     in force      eased                     ·\n"
            "  unsc-2375     in force      ·                         ·\n"
            "  us-primary    in force      ·                         ·\n"
            "  us-secondary  in force      ·                         ·\n"
            "benefits provided\n"
            "  hfo           not provided  ·                         provided\n");
}

}  // namespace
}  // namespace terms::engine::testing
