// L011 relief-without-deadline (opt-in): relief with no `within`.

#include <fmt/format.h>

#include "dsl/lint/analysis.hpp"
#include "dsl/lint/rules.hpp"

namespace terms::lint::rules {
namespace {

void check(RuleContext& cx) {
  for (const ast::Agreement* agreement : cx.tree().agreements()) {
    for (const StepView& step : steps_of(cx, *agreement)) {
      for (const ast::Clause* clause : step.clauses) {
        if (!ast::is_relief(clause->verb) || clause->has(ast::Modifier::Kind::within)) continue;
        Diagnostic& d = cx.report(clause->span, fmt::format("`{}` has no deadline", ast::to_string(clause->verb)));
        d.with_label("no `within`");
        d.with_help("say when the relief is due: add `within DURATION` before the `;`, like `within 60 days`");
      }
    }
  }
}

}  // namespace

const Rule relief_without_deadline{
    {
        .code = "L011",
        .name = "relief-without-deadline",
        .category = "sequencing",
        .severity = Severity::info,
        .enabled_by_default = false,
        .fixable = false,
        .summary = "a relief clause has no `within` deadline (opt-in)",
        .what = "A `lift`, `ease`, `suspend` or `provide` clause without `within DURATION`. The rule "
                "is off unless terms.json turns it on (`\"relief-without-deadline\": \"warning\"`).",
        .why = "Relief without a date is relief that can be delayed indefinitely, which is what the "
               "sanctioned side fears most in a sequenced deal (the Agreed Framework's light-water "
               "reactors, aimed at 2003, were never finished). Libraries that model the other side's position "
               "turn this on; most agreements leave relief dates to implementing arrangements, so "
               "it is off by default.",
        .example = R"terms(party dprk "Democratic People's Republic of Korea";
party us "United States";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon Nuclear Scientific Research Center";
benefit hfo by us "Heavy fuel oil deliveries";

agreement freeze-1994 "Freeze for fuel" {
  freeze yongbyon verified by iaea;
  provide hfo;
  expect acceptable;
}
)terms",
        .use_instead = R"terms(party dprk "Democratic People's Republic of Korea";
party us "United States";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon Nuclear Scientific Research Center";
benefit hfo by us "Heavy fuel oil deliveries";

agreement freeze-1994 "Freeze for fuel" {
  freeze yongbyon verified by iaea;
  provide hfo within 3 months;
  expect acceptable;
}
)terms",
    },
    check,
};

}  // namespace terms::lint::rules
