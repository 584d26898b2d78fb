// L008 empty-step: a step with no clauses.

#include <fmt/format.h>

#include "dsl/lint/analysis.hpp"
#include "dsl/lint/rules.hpp"

namespace terms::lint::rules {
namespace {

void check(RuleContext& cx) {
  for (const ast::Agreement* agreement : cx.tree().agreements()) {
    for (const ast::Step* step : agreement->steps()) {
      if (!step->clauses.empty()) continue;
      Diagnostic& d = cx.report(step->name.span, fmt::format("step `{}` has no clauses", step->name.name));
      d.with_label("empty step");
      d.with_help("write the step's clauses, or remove the step (and any `after` that names it)");
    }
  }
}

}  // namespace

const Rule empty_step{
    {
        .code = "L008",
        .name = "empty-step",
        .category = "sequencing",
        .severity = Severity::warning,
        .enabled_by_default = true,
        .fixable = false,
        .summary = "a step has no clauses",
        .what = "A `step` block with nothing in it.",
        .why = "An empty step is a placeholder left behind: it still orders the steps that come "
               "`after` it and shows up in `terms explain`'s timeline as a stage where nothing "
               "happens, which a reader takes for a deliberate pause.",
        .example = R"terms(party dprk "Democratic People's Republic of Korea";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon Nuclear Scientific Research Center";

agreement interim-2020 "Step by step" {
  step freeze "Freeze" {
    freeze yongbyon verified by iaea;
  }
  step dismantle "Dismantle" after freeze {
  }
  expect acceptable;
}
)terms",
        .use_instead = R"terms(party dprk "Democratic People's Republic of Korea";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon Nuclear Scientific Research Center";

agreement interim-2020 "Step by step" {
  step freeze "Freeze" {
    freeze yongbyon verified by iaea;
  }
  step dismantle "Dismantle" after freeze {
    dismantle yongbyon verified by iaea;
  }
  expect acceptable;
}
)terms",
    },
    check,
};

}  // namespace terms::lint::rules
