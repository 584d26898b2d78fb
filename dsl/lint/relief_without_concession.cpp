// L009 relief-without-concession: relief that comes before any concession.

#include <fmt/format.h>

#include "dsl/lint/analysis.hpp"
#include "dsl/lint/rules.hpp"

namespace terms::lint::rules {
namespace {

void check(RuleContext& cx) {
  for (const ast::Agreement* agreement : cx.tree().agreements()) {
    const std::vector<StepView>& steps = steps_of(cx, *agreement);
    // Steps in the order they run: relief is fine once some concession has
    // come in this step or an earlier one.
    bool conceded = false;
    for (std::size_t index : run_order(steps)) {
      const StepView& step = steps[index];
      const ast::Clause* first_relief = nullptr;
      for (const ast::Clause* clause : step.clauses) {
        if (ast::is_concession(clause->verb)) conceded = true;
        if (ast::is_relief(clause->verb) && first_relief == nullptr) first_relief = clause;
      }
      if (conceded || first_relief == nullptr) continue;
      if (step.step != nullptr) {
        Diagnostic& d = cx.report(step.step->name.span,
                                  fmt::format("step `{}` gives relief before any concession", step.name()));
        d.with_label("relief, and no concession in this step or before it")
            .with_related(first_relief->span, "relief given here");
        d.with_help("put a `declare`, `freeze`, `dismantle`, `convert` or `remove` in this step or an earlier one, "
                    "or move the relief "
                    "into the step whose concession it pays for");
      } else {
        Diagnostic& d = cx.report(first_relief->span,
                                  fmt::format("agreement `{}` gives relief but holds no concession", agreement->name.name));
        d.with_label("relief given here");
        d.with_help("write the concession the relief pays for: a `declare`, `freeze`, `dismantle`, `convert` or "
                    "`remove` clause");
      }
    }
  }
}

}  // namespace

const Rule relief_without_concession{
    {
        .code = "L009",
        .name = "relief-without-concession",
        .category = "sequencing",
        .severity = Severity::warning,
        .enabled_by_default = true,
        .fixable = false,
        .summary = "relief (`lift`, `ease`, `suspend`, `provide`) comes before any concession",
        .what = "A step with relief clauses (`lift`, `ease`, `suspend`, `provide`) when neither it nor "
                "any step that runs before it holds a concession (`declare`, `freeze`, `dismantle`, `convert`, `remove`); "
                "or an agreement without steps that gives relief and holds no concession. Relief-only "
                "steps later in the sequence (a Transition Day, a termination of sanctions) are not "
                "reported.",
        .why = "A step-by-step deal pays for concessions with relief, so relief that comes first is "
               "either a deliberate unilateral gesture or a concession that ended up in the wrong "
               "step. The default profile's `relief-after-verification` catches it only when relief "
               "precedes a verified concession under that profile; this rule says it for every "
               "file, whatever profile a reader evaluates it with.",
        .example = R"terms(party dprk "Democratic People's Republic of Korea";
party unsc "UN Security Council";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon Nuclear Scientific Research Center";
sanction unsc-2397 by unsc "Resolution 2397 (2017)";
sanction unsc-2375 by unsc "Resolution 2375 (2017)";

agreement interim-2020 "Step by step" {
  step relief "Relief first" {
    ease sanctions unsc-2397;
  }
  step freeze "Freeze" after relief {
    freeze yongbyon verified by iaea;
    suspend sanctions unsc-2375 snapback;
  }
  expect unacceptable;
}
)terms",
        .use_instead = R"terms(party dprk "Democratic People's Republic of Korea";
party unsc "UN Security Council";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon Nuclear Scientific Research Center";
sanction unsc-2397 by unsc "Resolution 2397 (2017)";
sanction unsc-2375 by unsc "Resolution 2375 (2017)";

agreement interim-2020 "Step by step" {
  step freeze "Freeze" {
    freeze yongbyon verified by iaea;
    ease sanctions unsc-2397;
  }
  step relief "More relief" after freeze {
    suspend sanctions unsc-2375 snapback;
  }
  expect acceptable;
}
)terms",
    },
    check,
};

}  // namespace terms::lint::rules
