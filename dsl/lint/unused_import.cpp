// L019 unused-import: an import that brings in nothing the file uses.

#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "dsl/file_system.hpp"
#include "dsl/lint/analysis.hpp"
#include "dsl/lint/rules.hpp"

namespace terms::lint::rules {
namespace {

// The units that declare something this unit refers to.
std::set<UnitId> units_used(const RuleContext& cx) {
  const Workspace& ws = cx.workspace();
  const UnitId self = cx.unit_id();
  std::set<UnitId> used;
  auto name = [&](const ast::Ident& n) {
    if (auto id = ws.lookup(self, n.name)) used.insert(ws.entity(*id).unit);
  };
  for (const ast::Decl* decl : cx.tree().decls()) {
    if (decl->owner) name(*decl->owner);
  }
  for (const ast::Agreement* agreement : cx.tree().agreements()) {
    for (const ast::Ident* b : agreement->builds_on()) {
      if (const ast::Agreement* other = ws.lookup_agreement(self, b->name)) {
        if (auto u = ws.unit_of(other)) used.insert(*u);
      }
    }
    for (const ast::Sanctioned* st : agreement->sanctioned()) {
      for (const ast::Ident& n : st->parties) name(n);
    }
    for (const StepView& step : steps_of(cx, *agreement)) {
      for (const ast::Clause* clause : step.clauses) {
        for (const ast::Ident& n : clause->targets.names) name(n);
        if (clause->targets.by) name(*clause->targets.by);
        if (clause->targets.kind != ast::Targets::Kind::names) {
          for (EntityId id : target_entities(cx, *clause)) used.insert(ws.entity(id).unit);
        }
        if (const ast::Modifier* v = clause->find(ast::Modifier::Kind::verified); v != nullptr) {
          for (const ast::Ident& n : v->verifiers) name(n);
        }
      }
    }
  }
  return used;
}

std::string normal(const std::string& path) {
  return std::filesystem::path(path).lexically_normal().generic_string();
}

void check(RuleContext& cx) {
  const Workspace& ws = cx.workspace();
  const Unit& self = cx.unit();
  // Profiles may use imported names in formulas this rule does not read.
  if (!cx.tree().profiles().empty()) return;
  const std::set<UnitId> used = units_used(cx);

  // Import clauses map, in order, to the units in Unit::imports; a second
  // import of the same path adds no unit.
  std::set<std::string> seen_paths;
  std::size_t next = 0;
  for (const ast::Import* imp : cx.tree().imports()) {
    const std::string target = normal(resolve_relative(self.source->path(), imp->path.value));
    if (!seen_paths.insert(target).second) {
      Diagnostic& d = cx.report(imp->span, fmt::format("`{}` is imported twice", imp->path.value));
      d.with_label("imported again");
      d.with_help("remove this import");
      d.fix = delete_fix(cx.source(), imp->span, "remove the import");
      continue;
    }
    if (next >= self.imports.size()) return;  // the imports did not load as written: nothing to say
    const Unit& imported = ws.unit(self.imports[next++]);
    bool needed = false;
    for (UnitId v : imported.visible_units) {
      if (used.count(v) != 0 || !ws.unit(v).own_profiles.empty()) needed = true;
    }
    if (needed) continue;
    Diagnostic& d = cx.report(imp->span, fmt::format("nothing that `{}` declares is used in this file", imp->path.value));
    d.with_label("unused import");
    d.with_help("remove the import");
    d.fix = delete_fix(cx.source(), imp->span, "remove the import");
  }
}

}  // namespace

const Rule unused_import{
    {
        .code = "L019",
        .name = "unused-import",
        .category = "library",
        .severity = Severity::warning,
        .enabled_by_default = true,
        .fixable = true,
        .summary = "an import brings in nothing the file uses, or the same file is imported twice",
        .what = "An `import` none of whose declarations (its own, or those of the files it imports) "
                "the file refers to, or a second import of the same path. `lift sanctions all` uses "
                "every imported sanction, and an import that brings profiles is always kept. The fix "
                "removes the import.",
        .why = "Imports widen the scope: every imported sanction joins `all`, and every imported "
               "name can shadow a typo that should have been an error. An import nothing needs "
               "makes the agreement depend on a file it does not use, so an edit to that file can "
               "change this agreement's verdict.",
        .example = R"terms(import "korea.terms";

party dprk "Democratic People's Republic of Korea";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon Nuclear Scientific Research Center";

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
