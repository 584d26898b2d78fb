// L012 after-later-step: `after` names a step written further down.

#include <map>

#include <fmt/format.h>

#include "dsl/lint/analysis.hpp"
#include "dsl/lint/rules.hpp"

namespace terms::lint::rules {
namespace {

void check(RuleContext& cx) {
  for (const ast::Agreement* agreement : cx.tree().agreements()) {
    const std::vector<const ast::Step*> steps = agreement->steps();
    std::map<std::string_view, std::size_t> index;
    for (std::size_t i = 0; i < steps.size(); ++i) index.emplace(steps[i]->name.name, i);
    for (std::size_t i = 0; i < steps.size(); ++i) {
      for (const ast::Ident& after : steps[i]->after) {
        auto it = index.find(after.name);
        if (it == index.end() || it->second <= i) continue;
        const ast::Step& later = *steps[it->second];
        Diagnostic& d = cx.report(after.span, fmt::format("step `{}` runs after step `{}`, which is written below it",
                                                          steps[i]->name.name, after.name));
        d.with_label("a step further down").with_related(later.name.span, "written here");
        d.with_help(fmt::format("move step `{}` above step `{}`, so that the file reads in the order the steps run",
                                after.name, steps[i]->name.name));
      }
    }
  }
}

}  // namespace

const Rule after_later_step{
    {
        .code = "L012",
        .name = "after-later-step",
        .category = "sequencing",
        .severity = Severity::warning,
        .enabled_by_default = true,
        .fixable = false,
        .summary = "`after` names a step that is written further down",
        .what = "A step whose `after` list names a step written below it in the agreement.",
        .why = "Steps run in the order written unless `after` says otherwise, so a forward `after` "
               "makes the file's order and the agreement's order differ. Readers, and reviewers "
               "comparing the file with the treaty text, read top to bottom and get the sequence "
               "wrong.",
        .example = R"terms(party dprk "Democratic People's Republic of Korea";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon Nuclear Scientific Research Center";

agreement interim-2020 "Step by step" {
  step dismantle "Dismantle" after freeze {
    dismantle yongbyon verified by iaea;
  }
  step freeze "Freeze" {
    freeze yongbyon verified by iaea;
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
