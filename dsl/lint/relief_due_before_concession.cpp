// L010 relief-due-before-concession: in one step, relief falls due before the
// concession that the step pairs it with.

#include <fmt/format.h>

#include "dsl/lint/analysis.hpp"
#include "dsl/lint/rules.hpp"

namespace terms::lint::rules {
namespace {

void check(RuleContext& cx) {
  for (const ast::Agreement* agreement : cx.tree().agreements()) {
    for (const StepView& step : steps_of(cx, *agreement)) {
      // The concession of the step that is due last.
      const ast::Modifier* latest = nullptr;
      for (const ast::Clause* clause : step.clauses) {
        if (!ast::is_concession(clause->verb)) continue;
        const ast::Modifier* within = clause->find(ast::Modifier::Kind::within);
        if (within == nullptr || !within->duration) continue;
        if (latest == nullptr || within->duration->days() > latest->duration->days()) latest = within;
      }
      if (latest == nullptr) continue;
      for (const ast::Clause* clause : step.clauses) {
        if (!ast::is_relief(clause->verb)) continue;
        const ast::Modifier* within = clause->find(ast::Modifier::Kind::within);
        if (within == nullptr || !within->duration || within->duration->days() >= latest->duration->days()) continue;
        Diagnostic& d = cx.report(within->span, fmt::format("relief is due within {}, before the concession of the same step (within {})",
                                                            describe(*within->duration), describe(*latest->duration)));
        d.with_label("relief due first").with_related(latest->span, "the concession is due later");
        d.with_help("give the relief at least as long as the concession, or move the concession into an earlier step");
      }
    }
  }
}

}  // namespace

const Rule relief_due_before_concession{
    {
        .code = "L010",
        .name = "relief-due-before-concession",
        .category = "sequencing",
        .severity = Severity::warning,
        .enabled_by_default = true,
        .fixable = false,
        .summary = "a relief clause's deadline is shorter than a concession's in the same step",
        .what = "In one step, a relief clause (`lift`, `ease`, `suspend`, `provide`) with `within D` "
                "while a concession of the step (`declare`, `freeze`, `dismantle`, `convert`, `remove`) has a longer "
                "deadline. Durations are compared in days (a month is 30 days, a year 365).",
        .why = "Steps are the unit of exchange, but deadlines decide who delivers first: sanctions "
               "suspended within 30 days against a dismantlement due within 12 months pay for "
               "eleven months of a concession that has not happened yet. The deadline is longer "
               "than the exchange it is supposed to gate.",
        .example = R"terms(party dprk "Democratic People's Republic of Korea";
party unsc "UN Security Council";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon Nuclear Scientific Research Center";
sanction unsc-2375 by unsc "Resolution 2375 (2017)";

agreement dismantle-2020 "Dismantlement" {
  step dismantle "Dismantle Yongbyon" {
    dismantle yongbyon verified by iaea within 12 months;
    suspend sanctions unsc-2375 snapback within 30 days;
  }
  expect acceptable;
}
)terms",
        .use_instead = R"terms(party dprk "Democratic People's Republic of Korea";
party unsc "UN Security Council";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon Nuclear Scientific Research Center";
sanction unsc-2375 by unsc "Resolution 2375 (2017)";

agreement dismantle-2020 "Dismantlement" {
  step dismantle "Dismantle Yongbyon" {
    dismantle yongbyon verified by iaea within 12 months;
    suspend sanctions unsc-2375 snapback within 12 months;
  }
  expect acceptable;
}
)terms",
    },
    check,
};

}  // namespace terms::lint::rules
