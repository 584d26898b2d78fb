// L006 unnamed-verifier: `verified` without saying by whom.

#include <fmt/format.h>

#include "dsl/lint/analysis.hpp"
#include "dsl/lint/rules.hpp"

namespace terms::lint::rules {
namespace {

void check(RuleContext& cx) {
  for (const ast::Agreement* agreement : cx.tree().agreements()) {
    for (const StepView& step : steps_of(cx, *agreement)) {
      for (const ast::Clause* clause : step.clauses) {
        const ast::Modifier* verified = clause->find(ast::Modifier::Kind::verified);
        if (verified == nullptr || verified->verifier) continue;
        Diagnostic& d = cx.report(verified->span, fmt::format("`{}` is verified, but the clause does not say by whom",
                                                              ast::to_string(clause->verb)));
        d.with_label("verified by whom?");
        d.with_help("name the verifier: `verified by iaea`, or a party, `verified by us`");
      }
    }
  }
}

}  // namespace

const Rule unnamed_verifier{
    {
        .code = "L006",
        .name = "unnamed-verifier",
        .category = "verification",
        .severity = Severity::info,
        .enabled_by_default = true,
        .fixable = false,
        .summary = "`verified` does not name who verifies",
        .what = "A `verified` modifier without `by VERIFIER`.",
        .why = "Who verifies is most of what verification means: the IAEA, the other party's "
               "experts, and journalists invited to watch a demolition are not the same guarantee. "
               "A clause that only says `verified` passes the profiles' verification checks without "
               "telling the reader whose word the agreement rests on.",
        .example = R"terms(party dprk "Democratic People's Republic of Korea";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon Nuclear Scientific Research Center";

agreement dismantle-2020 "Dismantlement" {
  dismantle yongbyon verified;
  expect acceptable;
}
)terms",
        .use_instead = R"terms(party dprk "Democratic People's Republic of Korea";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon Nuclear Scientific Research Center";

agreement dismantle-2020 "Dismantlement" {
  dismantle yongbyon verified by iaea;
  expect acceptable;
}
)terms",
    },
    check,
};

}  // namespace terms::lint::rules
