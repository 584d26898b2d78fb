// L009 relief-without-concession: a step that gives relief and asks for nothing.

#include <fmt/format.h>

#include "dsl/lint/analysis.hpp"
#include "dsl/lint/rules.hpp"

namespace terms::lint::rules {
namespace {

void check(RuleContext& cx) {
  for (const ast::Agreement* agreement : cx.tree().agreements()) {
    for (const StepView& step : steps_of(*agreement)) {
      const ast::Clause* first_relief = nullptr;
      bool concession = false;
      for (const ast::Clause* clause : step.clauses) {
        if (ast::is_concession(clause->verb)) concession = true;
        if (ast::is_relief(clause->verb) && first_relief == nullptr) first_relief = clause;
      }
      if (concession || first_relief == nullptr) continue;
      if (step.step != nullptr) {
        Diagnostic& d = cx.report(step.step->name.span,
                                  fmt::format("step `{}` gives relief but holds no concession", step.name()));
        d.with_label("relief only").with_related(first_relief->span, "relief given here");
        d.with_help("put a `declare`, `freeze` or `dismantle` in the step, or move the relief into the step whose concession it pays for");
      } else {
        Diagnostic& d = cx.report(first_relief->span,
                                  fmt::format("agreement `{}` gives relief but holds no concession", agreement->name.name));
        d.with_label("relief given here");
        d.with_help("write the concession the relief pays for: a `declare`, `freeze` or `dismantle` clause");
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
        .summary = "a step gives relief (`lift`, `ease`, `suspend`, `provide`) and holds no concession",
        .what = "A step, or an agreement without steps, that has relief clauses (`lift`, `ease`, "
                "`suspend`, `provide`) and no concession (`declare`, `freeze`, `dismantle`).",
        .why = "A step-by-step deal trades each increment of relief for an increment of concession; "
               "a step that only gives relief is either a deliberate unilateral gesture or a "
               "concession that ended up in the wrong step. The `relief-after-verification` condition "
               "accepts relief that comes after any verified step, so it does not catch a relief-only "
               "step placed late in the sequence.",
        .example = R"terms(party dprk "Democratic People's Republic of Korea";
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
  step dismantle "Dismantle" after freeze {
    dismantle yongbyon verified by iaea;
    suspend sanctions unsc-2375 snapback;
  }
  expect acceptable;
}
)terms",
    },
    check,
};

}  // namespace terms::lint::rules
