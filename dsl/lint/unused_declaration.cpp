// L018 unused-declaration: a declaration in an agreement file that nothing uses.

#include <set>

#include <fmt/format.h>

#include "dsl/lint/analysis.hpp"
#include "dsl/lint/rules.hpp"

namespace terms::lint::rules {
namespace {

void check(RuleContext& cx) {
  const ast::File& tree = cx.tree();
  // Library files (no agreements) declare names for their importers; a file
  // with profiles may use names in formulas this rule does not read.
  if (tree.agreements().empty() || !tree.profiles().empty()) return;

  std::set<std::string_view> used;
  for (const ast::Decl* decl : tree.decls()) {
    if (decl->owner) used.insert(decl->owner->name);
  }
  const Workspace& ws = cx.workspace();
  for (const ast::Agreement* agreement : tree.agreements()) {
    for (const ast::Sanctioned* st : agreement->sanctioned()) {
      for (const ast::Ident& n : st->parties) used.insert(n.name);
    }
    for (const StepView& step : steps_of(cx, *agreement)) {
      for (const ast::Clause* clause : step.clauses) {
        for (const ast::Ident& n : clause->targets.names) used.insert(n.name);
        if (clause->targets.by) used.insert(clause->targets.by->name);
        if (clause->targets.kind != ast::Targets::Kind::names) {
          for (EntityId id : target_entities(cx, *clause)) used.insert(ws.entity(id).name);
        }
        if (const ast::Modifier* v = clause->find(ast::Modifier::Kind::verified); v != nullptr) {
          for (const ast::Ident& n : v->verifiers) used.insert(n.name);
        }
      }
    }
  }
  for (const ast::Decl* decl : tree.decls()) {
    if (used.count(decl->name.name) != 0) continue;
    Diagnostic& d = cx.report(decl->name.span, fmt::format("{} `{}` is declared but nothing in this file uses it",
                                                           ast::to_string(decl->kind), decl->name.name));
    d.with_label("unused");
    d.with_help("remove it, or move it to a library file (one without agreements) that agreements import");
  }
}

}  // namespace

const Rule unused_declaration{
    {
        .code = "L018",
        .name = "unused-declaration",
        .category = "library",
        .severity = Severity::warning,
        .enabled_by_default = true,
        .fixable = false,
        .summary = "a declaration in a file with agreements is used by nothing in that file",
        .what = "In a file that declares at least one agreement, a `party`, `verifier`, `program`, "
                "`facility`, `sanction` or `benefit` that no clause, `verified by`, `all by` or "
                "other declaration of the file refers to. A sanction covered by `all` counts as "
                "used. Files without agreements are libraries: their declarations are for the files "
                "that import them, and the rule skips them (as it skips files with profiles).",
        .why = "A declaration next to the agreements is read as part of the deal. An unused one is "
               "either left over from an edit or a sign that a clause naming it was forgotten; and "
               "an unused sanction still changes what `lift sanctions all` lifts in every file that "
               "imports this one.",
        .example = R"terms(party dprk "Democratic People's Republic of Korea";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon Nuclear Scientific Research Center";
facility taechon in dprk-nuclear "Taechon 200 MWe reactor (unfinished)";

agreement freeze-2020 "A freeze" {
  freeze yongbyon verified by iaea;
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
