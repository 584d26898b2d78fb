// L015 missing-sanctions-keyword: `lift X` where `lift sanctions X` reads better.

#include <fmt/format.h>

#include "dsl/lint/analysis.hpp"
#include "dsl/lint/rules.hpp"

namespace terms::lint::rules {
namespace {

void check(RuleContext& cx) {
  for (const ast::Agreement* agreement : cx.tree().agreements()) {
    for (const StepView& step : steps_of(cx, *agreement)) {
      for (const ast::Clause* clause : step.clauses) {
        if (!ast::takes_sanctions(clause->verb) || clause->sanctions_keyword) continue;
        const std::string_view verb = ast::to_string(clause->verb);
        Diagnostic& d = cx.report(clause->verb_span, fmt::format("write `{} sanctions`", verb));
        d.with_label("`sanctions` left out");
        d.with_help(fmt::format("`{} sanctions {}` says what the targets are", verb, cx.text(clause->targets.span)));
        const Span at{clause->targets.span.file, clause->targets.span.begin, clause->targets.span.begin};
        d.fix = Fix{"insert `sanctions`", {TextEdit{at, "sanctions "}}};
      }
    }
  }
}

}  // namespace

const Rule missing_sanctions_keyword{
    {
        .code = "L015",
        .name = "missing-sanctions-keyword",
        .category = "style",
        .severity = Severity::info,
        .enabled_by_default = true,
        .fixable = true,
        .summary = "`lift`, `ease`, `suspend` or `retain` without the word `sanctions`",
        .what = "A `lift`, `ease`, `suspend` or `retain` clause written without the optional "
                "`sanctions` keyword (`lift unsc-2397;`).",
        .why = "The keyword costs one word and tells the reader what kind of thing the targets are "
               "without looking the names up; it is also the form the language reference and the "
               "examples use, so files written both ways read as if two conventions were meant.",
        .example = R"terms(party unsc "UN Security Council";
sanction unsc-2397 by unsc "Resolution 2397 (2017)";

agreement relief-2020 "Relief" {
  ease unsc-2397;
  expect acceptable;
}
)terms",
        .use_instead = R"terms(party unsc "UN Security Council";
sanction unsc-2397 by unsc "Resolution 2397 (2017)";

agreement relief-2020 "Relief" {
  ease sanctions unsc-2397;
  expect acceptable;
}
)terms",
    },
    check,
};

}  // namespace terms::lint::rules
