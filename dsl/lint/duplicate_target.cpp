// L002 duplicate-target: a name listed twice in one list.

#include <map>

#include <fmt/format.h>

#include "dsl/lint/analysis.hpp"
#include "dsl/lint/rules.hpp"

namespace terms::lint::rules {
namespace {

// Reports every name of `names` that an earlier one repeats. The fix deletes
// the repeat with the comma before it.
void check_list(RuleContext& cx, const std::vector<ast::Ident>& names, std::string_view what) {
  std::map<std::string_view, const ast::Ident*> seen;
  for (std::size_t i = 0; i < names.size(); ++i) {
    auto [it, fresh] = seen.emplace(names[i].name, &names[i]);
    if (fresh) continue;
    Diagnostic& d = cx.report(names[i].span, fmt::format("`{}` is listed twice in {}", names[i].name, what));
    d.with_label("listed again here").with_related(it->second->span, "first listed here");
    d.with_help(fmt::format("remove the second `{}`", names[i].name));
    d.fix = Fix{fmt::format("remove the second `{}`", names[i].name),
                {TextEdit{Span{names[i].span.file, names[i - 1].span.end, names[i].span.end}, ""}}};
  }
}

void check(RuleContext& cx) {
  for (const ast::Agreement* agreement : cx.tree().agreements()) {
    for (const ast::AgreementItem& item : agreement->items) {
      if (const auto* b = std::get_if<ast::BuildsOn>(&item)) check_list(cx, b->agreements, "`builds_on`");
    }
    for (const StepView& step : steps_of(cx, *agreement)) {
      if (step.step != nullptr) {
        check_list(cx, step.step->after, fmt::format("the `after` list of step `{}`", step.name()));
      }
      for (const ast::Clause* clause : step.clauses) {
        check_list(cx, clause->targets.names, fmt::format("the targets of `{}`", ast::to_string(clause->verb)));
      }
    }
  }
}

}  // namespace

const Rule duplicate_target{
    {
        .code = "L002",
        .name = "duplicate-target",
        .category = "correctness",
        .severity = Severity::warning,
        .enabled_by_default = true,
        .fixable = true,
        .summary = "a name is listed twice in a clause's targets, an `after` list or `builds_on`",
        .what = "A name that appears twice in one list: the targets of a clause "
                "(`retain sanctions unsc-2270, unsc-2270`), the steps after `after`, or the "
                "agreements after `builds_on`.",
        .why = "The second mention adds nothing. In a long list of sanctions it usually hides the "
               "one the author meant to write, so the clause covers one sanction fewer than the "
               "reader counts.",
        .example = R"terms(party unsc "UN Security Council";
sanction unsc-2270 by unsc "Resolution 2270 (2016)";
sanction unsc-2321 by unsc "Resolution 2321 (2016)";

agreement retain-2020 "Sanctions that stay" {
  retain sanctions unsc-2270, unsc-2321, unsc-2270;
  expect acceptable;
}
)terms",
        .use_instead = R"terms(party unsc "UN Security Council";
sanction unsc-2270 by unsc "Resolution 2270 (2016)";
sanction unsc-2321 by unsc "Resolution 2321 (2016)";

agreement retain-2020 "Sanctions that stay" {
  retain sanctions unsc-2270, unsc-2321;
  expect acceptable;
}
)terms",
    },
    check,
};

}  // namespace terms::lint::rules
