// L016 duplicate-expectation: the same `expect` line twice in one agreement.

#include <map>
#include <tuple>

#include <fmt/format.h>

#include "dsl/lint/analysis.hpp"
#include "dsl/lint/rules.hpp"

namespace terms::lint::rules {
namespace {

void check(RuleContext& cx) {
  for (const ast::Agreement* agreement : cx.tree().agreements()) {
    std::map<std::tuple<int, std::string, std::string>, const ast::Expectation*> seen;
    for (const ast::Expectation* e : agreement->expectations()) {
      // `expect under P ...` and the same line for another profile are different lines.
      const std::tuple<int, std::string, std::string> key{static_cast<int>(e->kind),
                                                          e->condition ? e->condition->name : std::string(),
                                                          e->profile ? e->profile->name : std::string()};
      auto [it, fresh] = seen.emplace(key, e);
      if (fresh) continue;
      Diagnostic& d = cx.report(e->span, fmt::format("`{}` is written twice", cx.text(e->span)));
      d.with_label("repeated").with_related(it->second->span, "first written here");
      d.with_help("remove the repeated expectation");
      d.fix = delete_fix(cx.source(), e->span, "remove the repeated expectation");
    }
  }
}

}  // namespace

const Rule duplicate_expectation{
    {
        .code = "L016",
        .name = "duplicate-expectation",
        .category = "style",
        .severity = Severity::warning,
        .enabled_by_default = true,
        .fixable = true,
        .summary = "the same `expect` line appears twice in one agreement",
        .what = "An `expect` line identical to an earlier one of the same agreement.",
        .why = "The repeat tests nothing more, and in a long list of expectations it often stands "
               "where a different condition was meant, so a condition the author wanted pinned is "
               "left untested.",
        .example = R"terms(party dprk "Democratic People's Republic of Korea";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon Nuclear Scientific Research Center";

agreement dismantle-2020 "Dismantlement" {
  dismantle yongbyon verified by iaea;
  expect satisfied verified-dismantlement;
  expect satisfied verified-dismantlement;
}
)terms",
        .use_instead = R"terms(party dprk "Democratic People's Republic of Korea";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon Nuclear Scientific Research Center";

agreement dismantle-2020 "Dismantlement" {
  dismantle yongbyon verified by iaea;
  expect satisfied verified-dismantlement;
  expect violated builds-on-previous;
}
)terms",
    },
    check,
};

}  // namespace terms::lint::rules
