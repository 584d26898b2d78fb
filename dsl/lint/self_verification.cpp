// L007 self-verification: a concession verified by the party that makes it.

#include <fmt/format.h>

#include "dsl/lint/analysis.hpp"
#include "dsl/lint/rules.hpp"

namespace terms::lint::rules {
namespace {

// Whose a verifier is: a party verifies as itself; a `verifier ID of PARTY` is that party's.
std::optional<EntityId> whose(const Workspace& ws, UnitId unit, const ast::Ident& name) {
  const std::optional<EntityId> id = ws.lookup(unit, name.name);
  if (!id) return std::nullopt;
  const Entity& e = ws.entity(*id);
  if (e.kind == ast::DeclKind::party) return *id;
  if (e.kind == ast::DeclKind::verifier && e.owner != kNoEntity) return e.owner;
  return std::nullopt;
}

void check(RuleContext& cx) {
  const Workspace& ws = cx.workspace();
  for (const ast::Agreement* agreement : cx.tree().agreements()) {
    for (const StepView& step : steps_of(cx, *agreement)) {
      for (const ast::Clause* clause : step.clauses) {
        if (!ast::is_concession(clause->verb)) continue;
        const ast::Modifier* verified = clause->find(ast::Modifier::Kind::verified);
        if (verified == nullptr || verified->verifiers.empty()) continue;
        // Self-verification only when every verifier named is the party's own.
        const std::optional<EntityId> verifier = whose(ws, cx.unit_id(), verified->verifiers.front());
        if (!verifier) continue;
        bool all_own = true;
        for (const ast::Ident& v : verified->verifiers) all_own = all_own && whose(ws, cx.unit_id(), v) == verifier;
        if (!all_own) continue;
        const ast::Ident& first = verified->verifiers.front();
        const std::string_view party = ws.entity(*verifier).name;
        for (const ast::Ident& target : clause->targets.names) {
          const std::optional<EntityId> id = ws.lookup(cx.unit_id(), target.name);
          if (!id || owning_party(ws, *id) != *verifier) continue;
          Diagnostic& d = cx.report(first.span,
                                    fmt::format("`{}` verifies its own {} of `{}`", party,
                                                clause->verb == ast::Verb::declare ? "declaration" : ast::to_string(clause->verb),
                                                target.name));
          d.with_label(first.name == party ? "the party that makes the concession"
                                           : fmt::format("a verifier of `{}`, the party that makes the concession", party))
              .with_related(target.span, fmt::format("owned by `{}`", party));
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
        .what = "A concession clause (`declare`, `freeze`, `dismantle`, `convert`, `remove`) whose "
                "`verified by` names only the party that owns the facility or program (for a facility, "
                "the owner of its program), or verifiers declared `of` that party.",
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
