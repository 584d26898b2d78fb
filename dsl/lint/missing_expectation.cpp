// L020 missing-expectation: an agreement with no `expect` line.

#include <fmt/format.h>

#include "dsl/lint/analysis.hpp"
#include "dsl/lint/rules.hpp"

namespace terms::lint::rules {
namespace {

void check(RuleContext& cx) {
  for (const ast::Agreement* agreement : cx.tree().agreements()) {
    if (!agreement->expectations().empty()) continue;
    Diagnostic& d = cx.report(agreement->name.span,
                              fmt::format("agreement `{}` has no expectation", agreement->name.name));
    d.with_label("nothing for `terms test` to check");
    d.with_help("state the verdict you expect: `expect acceptable;` or `expect unacceptable;` in the agreement");
  }
}

}  // namespace

const Rule missing_expectation{
    {
        .code = "L020",
        .name = "missing-expectation",
        .category = "library",
        .severity = Severity::warning,
        .enabled_by_default = true,
        .fixable = false,
        .summary = "an agreement has no `expect` line",
        .what = "An `agreement` without any `expect` line (`expect acceptable;`, "
                "`expect unacceptable;`, `expect violated ID;`, `expect satisfied ID;`).",
        .why = "In a library, expectations are the tests: `terms test` in CI compares them with the "
               "engine and fails the build when an edit to a shared declaration or a profile changes "
               "a verdict. An agreement without one is evaluated but never checked, so such a change "
               "goes unnoticed.",
        .example = R"terms(party dprk "Democratic People's Republic of Korea";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon Nuclear Scientific Research Center";

agreement freeze-2020 "A freeze" {
  freeze yongbyon verified by iaea;
}
)terms",
        .use_instead = R"terms(party dprk "Democratic People's Republic of Korea";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon Nuclear Scientific Research Center";

agreement freeze-2020 "A freeze" {
  freeze yongbyon verified by iaea;
  expect acceptable;
}
)terms",
    },
    check,
};

}  // namespace terms::lint::rules
