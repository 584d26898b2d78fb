// L001 duplicate-clause: a clause written twice in one step.

#include <map>

#include <fmt/format.h>

#include "dsl/lint/analysis.hpp"
#include "dsl/lint/rules.hpp"

namespace terms::lint::rules {
namespace {

void check(RuleContext& cx) {
  for (const ast::Agreement* agreement : cx.tree().agreements()) {
    for (const StepView& step : steps_of(cx, *agreement)) {
      std::map<std::string, const ast::Clause*> seen;
      for (const ast::Clause* clause : step.clauses) {
        auto [it, fresh] = seen.emplace(canonical_clause(*clause), clause);
        if (fresh) continue;
        const std::string where = step.step != nullptr ? fmt::format("step `{}`", step.name())
                                                       : fmt::format("agreement `{}`", agreement->name.name);
        Diagnostic& d = cx.report(clause->span, fmt::format("{} repeats a clause", where));
        d.with_label("same effect as an earlier clause")
            .with_related(it->second->span, "first written here")
            .with_help("remove the repeated clause: a clause has the same effect written once or twice");
        d.fix = delete_fix(cx.source(), clause->span, "remove the repeated clause");
      }
    }
  }
}

}  // namespace

const Rule duplicate_clause{
    {
        .code = "L001",
        .name = "duplicate-clause",
        .category = "correctness",
        .severity = Severity::warning,
        .enabled_by_default = true,
        .fixable = true,
        .summary = "a clause is written twice in the same step",
        .what = "A clause that repeats an earlier clause of the same step: the same verb, the same "
        "targets (in any order) and the same modifiers (`within 2 months` and `within 60 days` "
        "are the same). Clauses written outside any step form one implicit step.",
        .why = "A repeated clause changes nothing, so it is usually a copy-paste slip: the author meant "
        "a different facility, a different verb, or a different step. Reviewers of a library read "
        "it as a second obligation that is not there.",
        .example = R"terms(party dprk "Democratic People's Republic of Korea";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon Nuclear Scientific Research Center";
facility kangson in dprk-nuclear "Kangson enrichment site";

agreement freeze-2020 "A freeze" {
  step freeze "Freeze" {
    freeze yongbyon verified by iaea;
    freeze yongbyon verified by iaea;
  }
  expect acceptable;
}
)terms",
        .use_instead = R"terms(party dprk "Democratic People's Republic of Korea";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon Nuclear Scientific Research Center";
facility kangson in dprk-nuclear "Kangson enrichment site";

agreement freeze-2020 "A freeze" {
  step freeze "Freeze" {
    freeze yongbyon verified by iaea;
    freeze kangson verified by iaea;
  }
  expect acceptable;
}
)terms",
    },
    check,
};

}  // namespace terms::lint::rules
