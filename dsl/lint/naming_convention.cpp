// L014 naming-convention: declared names that are not kebab-case.

#include <fmt/format.h>

#include "dsl/lint/analysis.hpp"
#include "dsl/lint/rules.hpp"

namespace terms::lint::rules {
namespace {

void report_if_bad(RuleContext& cx, std::string_view what, const ast::Ident& name) {
  if (is_kebab_case(name.name)) return;
  Diagnostic& d = cx.report(name.span, fmt::format("{} name `{}` is not kebab-case", what, name.name));
  d.with_label("not kebab-case");
  const std::string better = to_kebab_case(name.name);
  if (is_kebab_case(better)) {
    d.with_help(fmt::format("rename it to `{}` (lowercase words joined by `-`), here and where it is used", better));
  } else {
    d.with_help("use lowercase letters and digits, words joined by `-`, starting with a letter");
  }
}

void check(RuleContext& cx) {
  for (const ast::Decl* decl : cx.tree().decls()) report_if_bad(cx, ast::to_string(decl->kind), decl->name);
  for (const ast::Agreement* agreement : cx.tree().agreements()) {
    report_if_bad(cx, "agreement", agreement->name);
    for (const ast::Step* step : agreement->steps()) report_if_bad(cx, "step", step->name);
  }
}

}  // namespace

const Rule naming_convention{
    {
        .code = "L014",
        .name = "naming-convention",
        .category = "style",
        .severity = Severity::warning,
        .enabled_by_default = true,
        .fixable = false,
        .summary = "a declared name is not kebab-case",
        .what = "A declaration, agreement or step whose name is not kebab-case: lowercase ASCII letters "
                "and digits, words joined by single hyphens, starting with a letter "
                "(`punggye-ri`, `unsc-2397`, `interim-2020`). Names are checked where they are "
                "declared, not where they are used.",
        .why = "Names are case-sensitive and `_` and `-` are different characters, so a library that "
               "mixes `punggye_ri`, `Punggye-Ri` and `punggye-ri` makes every author guess, and a "
               "wrong guess is an undefined name. One convention, the one the examples and "
               "UN resolution numbers already use, removes the guess.",
        .example = R"terms(party dprk "Democratic People's Republic of Korea";
verifier iaea "International Atomic Energy Agency";
program dprk_nuclear of dprk kind nuclear "Nuclear weapons program";
facility PunggyeRi in dprk_nuclear "Punggye-ri nuclear test site";

agreement test-site-2018 "Closing the test site" {
  dismantle PunggyeRi verified by iaea;
  expect acceptable;
}
)terms",
        .use_instead = R"terms(party dprk "Democratic People's Republic of Korea";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility punggye-ri in dprk-nuclear "Punggye-ri nuclear test site";

agreement test-site-2018 "Closing the test site" {
  dismantle punggye-ri verified by iaea;
  expect acceptable;
}
)terms",
    },
    check,
};

}  // namespace terms::lint::rules
