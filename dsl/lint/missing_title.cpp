// L013 missing-title: an agreement, step or declaration without its title.

#include <fmt/format.h>

#include "dsl/lint/analysis.hpp"
#include "dsl/lint/rules.hpp"

namespace terms::lint::rules {
namespace {

void report(RuleContext& cx, std::string_view what, const ast::Ident& name, bool declaration) {
  Diagnostic& d = cx.report(name.span, fmt::format("{} `{}` has no title", what, name.name));
  d.with_label("no title");
  d.with_help(declaration ? std::string("write its title in quotes before the `;`")
                          : fmt::format("write a title in quotes after the name, like `{} {} \"...\"`", what, name.name));
}

void check(RuleContext& cx) {
  for (const ast::Decl* decl : cx.tree().decls()) {
    if (!decl->title) report(cx, ast::to_string(decl->kind), decl->name, true);
  }
  for (const ast::Agreement* agreement : cx.tree().agreements()) {
    if (!agreement->title) report(cx, "agreement", agreement->name, false);
    for (const ast::Step* step : agreement->steps()) {
      if (!step->title) report(cx, "step", step->name, false);
    }
  }
}

}  // namespace

const Rule missing_title{
    {
        .code = "L013",
        .name = "missing-title",
        .category = "style",
        .severity = Severity::warning,
        .enabled_by_default = true,
        .fixable = false,
        .summary = "an agreement, step or declaration has no title",
        .what = "An `agreement`, a `step`, or a declaration (`party`, `verifier`, `program`, "
                "`facility`, `sanction`, `benefit`) written without its quoted title.",
        .why = "Titles are what `terms explain`, the verdicts and the language server show to people "
               "who do not know the identifiers: `unsc-2397` means little to a reader, "
               "\"Resolution 2397 (2017): refined petroleum cap\" says what is at stake.",
        .example = R"terms(party dprk "Democratic People's Republic of Korea";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear;

agreement freeze-2020 {
  freeze yongbyon verified by iaea;
  expect acceptable;
}
)terms",
        .use_instead = R"terms(party dprk "Democratic People's Republic of Korea";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon Nuclear Scientific Research Center";

agreement freeze-2020 "A verified freeze of Yongbyon" {
  freeze yongbyon verified by iaea;
  expect acceptable;
}
)terms",
    },
    check,
};

}  // namespace terms::lint::rules
