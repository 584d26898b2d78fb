// L004 contradictory-expectations: an agreement expects a verdict and its
// opposite, or a condition both violated and satisfied.

#include <map>
#include <utility>

#include <fmt/format.h>

#include "dsl/lint/analysis.hpp"
#include "dsl/lint/rules.hpp"

namespace terms::lint::rules {
namespace {

using Kind = ast::Expectation::Kind;

std::string_view word(Kind k) {
  switch (k) {
    case Kind::acceptable: return "acceptable";
    case Kind::unacceptable: return "unacceptable";
    case Kind::violated: return "violated";
    case Kind::satisfied: return "satisfied";
  }
  return "";
}

void check(RuleContext& cx) {
  for (const ast::Agreement* agreement : cx.tree().agreements()) {
    // Lines for different profiles (`expect under P ...`) do not contradict each other.
    std::map<std::string_view, const ast::Expectation*> verdicts;
    std::map<std::pair<std::string_view, std::string_view>, const ast::Expectation*> conditions;
    for (const ast::Expectation* e : agreement->expectations()) {
      const std::string_view profile = e->profile ? std::string_view(e->profile->name) : std::string_view();
      const ast::Expectation*& verdict = verdicts[profile];
      if (e->kind == Kind::acceptable || e->kind == Kind::unacceptable) {
        if (verdict != nullptr && verdict->kind != e->kind) {
          Diagnostic& d = cx.report(e->span, fmt::format("agreement `{}` is expected to be both {} and {}",
                                                         agreement->name.name, word(verdict->kind), word(e->kind)));
          d.with_label("contradicts the earlier expectation").with_related(verdict->span, "expected here");
          d.with_help("keep the expectation that matches what you mean; `terms test` can pass only one of them");
        } else if (verdict == nullptr) {
          verdict = e;
        }
        continue;
      }
      if (!e->condition) continue;
      auto [it, fresh] = conditions.emplace(std::make_pair(profile, std::string_view(e->condition->name)), e);
      if (fresh || it->second->kind == e->kind) continue;
      Diagnostic& d = cx.report(e->span, fmt::format("condition `{}` is expected to be both {} and {}",
                                                     e->condition->name, word(it->second->kind), word(e->kind)));
      d.with_label("contradicts the earlier expectation").with_related(it->second->span, "expected here");
      d.with_help("a condition either holds or fails: keep one of the two expectations");
    }
  }
}

}  // namespace

const Rule contradictory_expectations{
    {
        .code = "L004",
        .name = "contradictory-expectations",
        .category = "correctness",
        .severity = Severity::error,
        .enabled_by_default = true,
        .fixable = false,
        .summary = "an agreement expects a verdict and its opposite, or a condition both violated and satisfied",
        .what = "Two `expect` lines of one agreement that cannot both hold: `expect acceptable` with "
                "`expect unacceptable`, or `expect violated ID` with `expect satisfied ID`.",
        .why = "Expectations are the library's test suite: `terms test` compares them with the engine. "
               "A contradictory pair fails whatever the agreement says, so the test says nothing about "
               "the agreement and a real regression goes unnoticed among the failures.",
        .example = R"terms(party dprk "Democratic People's Republic of Korea";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon Nuclear Scientific Research Center";

agreement freeze-2020 "A freeze" {
  freeze yongbyon verified by iaea;
  expect satisfied verified-dismantlement;
  expect violated verified-dismantlement;
}
)terms",
        .use_instead = R"terms(party dprk "Democratic People's Republic of Korea";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon Nuclear Scientific Research Center";

agreement freeze-2020 "A freeze" {
  freeze yongbyon verified by iaea;
  expect satisfied verified-dismantlement;
}
)terms",
    },
    check,
};

}  // namespace terms::lint::rules
