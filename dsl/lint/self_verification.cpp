// L007 self-verification: a concession verified by the party that makes it.

#include <fmt/format.h>

#include "dsl/lint/analysis.hpp"
#include "dsl/lint/rules.hpp"

namespace terms::lint::rules {
namespace {

void check(RuleContext& cx) {
  const Workspace& ws = cx.workspace();
  for (const ast::Agreement* agreement : cx.tree().agreements()) {
    for (const StepView& step : steps_of(cx, *agreement)) {
      for (const ast::Clause* clause : step.clauses) {
        if (!ast::is_concession(clause->verb)) continue;
        const ast::Modifier* verified = clause->find(ast::Modifier::Kind::verified);
        if (verified == nullptr || !verified->verifier) continue;
        const std::optional<EntityId> verifier = ws.lookup(cx.unit_id(), verified->verifier->name);
        if (!verifier || ws.entity(*verifier).kind != ast::DeclKind::party) continue;
        for (const ast::Ident& target : clause->targets.names) {
          const std::optional<EntityId> id = ws.lookup(cx.unit_id(), target.name);
          if (!id || owning_party(ws, *id) != *verifier) continue;
          Diagnostic& d = cx.report(verified->verifier->span,
                                    fmt::format("`{}` verifies its own {} of `{}`", verified->verifier->name,
                                                clause->verb == ast::Verb::declare ? "declaration" : ast::to_string(clause->verb),
                                                target.name));
          d.with_label("the party that makes the concession").with_related(target.span, fmt::format("owned by `{}`", verified->verifier->name));
          d.with_help("name an independent verifier (a `verifier` such as the IAEA, or another party)");
          break;  // one report per clause
        }
      }
    }
  }
}

}  // namespace

const Rule self_verification{
    {
        .code = "L007",
        .name = "self-verification",
        .category = "verification",
        .severity = Severity::warning,
        .enabled_by_default = true,
        .fixable = false,
        .summary = "a concession is `verified by` the party that makes it",
        .what = "A `declare`, `freeze` or `dismantle` clause whose `verified by` names the party that "
                "owns the facility or program (for a facility, the owner of its program).",
        .why = "Verification by the side that makes the concession is an assertion, not a check: the "
               "demolition of the Punggye-ri tunnels in May 2018 was shown to journalists but no "
               "expert could confirm it. The profiles count such a clause as verified, so only this "
               "rule points it out.",
        .example = R"terms(party dprk "Democratic People's Republic of Korea";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility punggye-ri in dprk-nuclear "Punggye-ri nuclear test site";

agreement test-site-2018 "Closing the test site" {
  dismantle punggye-ri verified by dprk;
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
