// L005 unverified-freeze: a freeze that nobody verifies.

#include <fmt/format.h>

#include "dsl/lint/analysis.hpp"
#include "dsl/lint/rules.hpp"

namespace terms::lint::rules {
namespace {

// The first verifier visible from the unit, for the help line.
std::string_view some_verifier(const RuleContext& cx) {
  for (EntityId id : cx.workspace().visible_entities(cx.unit_id())) {
    if (cx.workspace().entity(id).kind == ast::DeclKind::verifier) return cx.workspace().entity(id).name;
  }
  return {};
}

void check(RuleContext& cx) {
  for (const ast::Agreement* agreement : cx.tree().agreements()) {
    for (const StepView& step : steps_of(cx, *agreement)) {
      for (const ast::Clause* clause : step.clauses) {
        if (clause->verb != ast::Verb::freeze || clause->has(ast::Modifier::Kind::verified)) continue;
        Diagnostic& d = cx.report(clause->span, "nobody verifies this freeze");
        d.with_label("no `verified`");
        const std::string_view verifier = some_verifier(cx);
        d.with_help(verifier.empty() ? std::string("add `verified by VERIFIER` before the `;`")
                                     : fmt::format("add `verified by VERIFIER` before the `;`, for example `verified by {}`",
                                                   verifier));
      }
    }
  }
}

}  // namespace

const Rule unverified_freeze{
    {
        .code = "L005",
        .name = "unverified-freeze",
        .category = "verification",
        .severity = Severity::warning,
        .enabled_by_default = true,
        .fixable = false,
        .summary = "a `freeze` clause has no `verified` modifier",
        .what = "A `freeze` clause without `verified` or `verified by VERIFIER`.",
        .why = "A freeze is reversible by definition, and the only thing that distinguishes a freeze "
               "from a promise is someone watching it: the Agreed Framework's freeze held while IAEA "
               "inspectors were at Yongbyon and ended when they were expelled. The profiles check "
               "that dismantlement is verified; nothing checks a freeze, so this rule does.",
        .example = R"terms(party dprk "Democratic People's Republic of Korea";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon Nuclear Scientific Research Center";

agreement freeze-2020 "A freeze" {
  freeze yongbyon;
  expect acceptable;
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
