// L017 all-with-few-sanctions: `all` where naming the sanctions is short.

#include <fmt/format.h>

#include "dsl/lint/analysis.hpp"
#include "dsl/lint/rules.hpp"

namespace terms::lint::rules {
namespace {

// At most this many sanctions are short enough to name.
constexpr std::size_t kFew = 3;

void check(RuleContext& cx) {
  const Workspace& ws = cx.workspace();
  for (const ast::Agreement* agreement : cx.tree().agreements()) {
    for (const StepView& step : steps_of(cx, *agreement)) {
      for (const ast::Clause* clause : step.clauses) {
        if (clause->targets.kind == ast::Targets::Kind::names) continue;
        const std::vector<EntityId> covered = target_entities(cx, *clause);
        if (covered.empty() || covered.size() > kFew) continue;
        std::string names;
        std::string quoted;
        for (std::size_t i = 0; i < covered.size(); ++i) {
          const std::string_view n = ws.entity(covered[i]).name;
          names += fmt::format("{}{}", i == 0 ? "" : ", ", n);
          quoted += fmt::format("{}`{}`", i == 0 ? "" : (i + 1 == covered.size() ? " and " : ", "), n);
        }
        const std::string_view written = cx.text(clause->targets.span);
        Diagnostic& d = cx.report(clause->targets.span,
                                  covered.size() == 1
                                      ? fmt::format("`{}` covers one sanction here: {}", written, quoted)
                                      : fmt::format("`{}` covers {} sanctions here: {}", written, covered.size(), quoted));
        d.with_label("name them");
        d.with_help(fmt::format("write `{}`: `{}` will also cover every sanction declared later", names, written));
        d.fix = Fix{fmt::format("replace `{}` with `{}`", written, names), {TextEdit{clause->targets.span, names}}};
      }
    }
  }
}

}  // namespace

const Rule all_with_few_sanctions{
    {
        .code = "L017",
        .name = "all-with-few-sanctions",
        .category = "style",
        .severity = Severity::info,
        .enabled_by_default = true,
        .fixable = true,
        .summary = "`all` or `all by PARTY` covers three sanctions or fewer, short enough to name",
        .what = "A target `all` or `all by PARTY` that covers between one and three sanctions in the "
                "file's scope (none at all is the front end's warning E0306).",
        .why = "`all` means every sanction visible to the agreement, now and after the next edit: "
               "when a library adds a sanction, or the file imports one more library, the clause "
               "silently grows, and so does the relief. When the list is short, naming the "
               "sanctions states exactly what was agreed. The fix writes the names.",
        .example = R"terms(party us "United States";
sanction us-primary by us "US primary sanctions";
sanction us-secondary by us "US secondary sanctions";

agreement relief-2020 "Relief" {
  ease sanctions all by us;
  expect acceptable;
}
)terms",
        .use_instead = R"terms(party us "United States";
sanction us-primary by us "US primary sanctions";
sanction us-secondary by us "US secondary sanctions";

agreement relief-2020 "Relief" {
  ease sanctions us-primary, us-secondary;
  expect acceptable;
}
)terms",
    },
    check,
};

}  // namespace terms::lint::rules
