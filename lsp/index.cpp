#include "lsp/index.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace terms::lsp {

namespace {

// Walks one unit's tree and records its occurrences.
class Indexer {
 public:
  Indexer(const Workspace& ws, UnitId unit) : ws_(ws), unit_(unit), u_(ws.unit(unit)) {}

  std::vector<Occurrence> run() {
    for (const auto& item : u_.tree.items) {
      if (const auto* decl = std::get_if<ast::Decl>(&item)) {
        index_decl(*decl);
      } else if (const auto* agreement = std::get_if<ast::Agreement>(&item)) {
        index_agreement(*agreement);
      } else if (const auto* profile = std::get_if<std::shared_ptr<ast::Profile>>(&item)) {
        if (*profile) index_profile(**profile);
      }
    }
    std::sort(out_.begin(), out_.end(),
              [](const Occurrence& a, const Occurrence& b) { return a.span.begin < b.span.begin; });
    return std::move(out_);
  }

 private:
  std::string path_of_unit(UnitId id) const { return ws_.unit(id).canonical_path; }

  std::string entity_key(EntityId id) const {
    const Entity& e = ws_.entity(id);
    return fmt::format("entity:{}#{}", path_of_unit(e.unit), e.name);
  }

  std::string agreement_key(const ast::Agreement& a) const {
    const UnitId owner = ws_.unit_of(&a).value_or(unit_);
    return fmt::format("agreement:{}#{}", path_of_unit(owner), a.name.name);
  }

  void entity_occurrence(const ast::Ident& ident, EntityId id, bool declaration) {
    if (!ident.span.valid()) return;
    Occurrence o;
    o.span = ident.span;
    o.declaration = ws_.entity(id).decl->name.span;
    o.key = entity_key(id);
    o.what = SymbolClass::entity;
    o.is_declaration = declaration;
    o.entity = id;
    out_.push_back(std::move(o));
  }

  void entity_reference(const ast::Ident& ident) {
    if (ident.name.empty()) return;
    if (auto id = ws_.lookup(unit_, ident.name)) entity_occurrence(ident, *id, false);
  }

  void index_decl(const ast::Decl& decl) {
    // The entity this declaration made: the one the scope maps its name to,
    // when that is this very declaration (a duplicate maps to the first).
    if (auto it = u_.own_names.find(decl.name.name); it != u_.own_names.end()) {
      if (ws_.entity(it->second).decl == &decl) entity_occurrence(decl.name, it->second, true);
    }
    if (decl.owner) entity_reference(*decl.owner);
  }

  void agreement_occurrence(const ast::Ident& ident, const ast::Agreement& a, bool declaration) {
    if (!ident.span.valid()) return;
    Occurrence o;
    o.span = ident.span;
    o.declaration = a.name.span;
    o.key = agreement_key(a);
    o.what = SymbolClass::agreement;
    o.is_declaration = declaration;
    o.agreement = &a;
    out_.push_back(std::move(o));
  }

  void step_occurrence(const ast::Ident& ident, const ast::Agreement& a, const ast::Step& s, bool declaration) {
    if (!ident.span.valid()) return;
    Occurrence o;
    o.span = ident.span;
    o.declaration = s.name.span;
    o.key = agreement_key(a) + "/step:" + s.name.name;
    o.what = SymbolClass::step;
    o.is_declaration = declaration;
    o.agreement = &a;
    o.step = &s;
    out_.push_back(std::move(o));
  }

  void index_clause(const ast::Clause& clause) {
    if (clause.targets.kind == ast::Targets::Kind::names) {
      for (const auto& name : clause.targets.names) entity_reference(name);
    } else if (clause.targets.by) {
      entity_reference(*clause.targets.by);
    }
    for (const auto& m : clause.modifiers) {
      for (const auto& v : m.verifiers) entity_reference(v);
    }
  }

  void index_agreement(const ast::Agreement& a) {
    agreement_occurrence(a.name, a, true);
    std::vector<const ast::Step*> steps = a.steps();
    auto find_step = [&](const std::string& name) -> const ast::Step* {
      for (const ast::Step* s : steps) {
        if (s->name.name == name) return s;
      }
      return nullptr;
    };
    for (const auto& item : a.items) {
      if (const auto* b = std::get_if<ast::BuildsOn>(&item)) {
        for (const auto& ref : b->agreements) {
          if (const ast::Agreement* target = ws_.lookup_agreement(unit_, ref.name)) {
            agreement_occurrence(ref, *target, false);
          }
        }
      } else if (const auto* s = std::get_if<ast::Step>(&item)) {
        // Only the first step of a name is its declaration (E0209 reports the rest).
        if (find_step(s->name.name) == s) step_occurrence(s->name, a, *s, true);
        for (const auto& ref : s->after) {
          if (const ast::Step* target = find_step(ref.name)) step_occurrence(ref, a, *target, false);
        }
        for (const auto& c : s->clauses) index_clause(c);
      } else if (const auto* c = std::get_if<ast::Clause>(&item)) {
        index_clause(*c);
      } else if (const auto* st = std::get_if<ast::Sanctioned>(&item)) {
        for (const auto& p : st->parties) entity_reference(p);
      } else if (const auto* e = std::get_if<ast::Expectation>(&item)) {
        if (e->condition) condition_reference(*e->condition);
      }
    }
  }

  void condition_reference(const ast::Ident& ident) {
    if (!ident.span.valid()) return;
    // Conditions of profiles written in term files in scope; the built-in
    // profiles have no file to point at.
    for (UnitId v : u_.visible_units) {
      for (const auto& [name, profile] : ws_.unit(v).own_profiles) {
        for (const auto& cond : profile->conditions) {
          if (cond.id.name != ident.name) continue;
          Occurrence o;
          o.span = ident.span;
          o.declaration = cond.id.span;
          o.key = "condition:" + ident.name;
          o.what = SymbolClass::condition;
          o.profile = profile;
          o.condition = &cond;
          out_.push_back(std::move(o));
          return;
        }
      }
    }
  }

  void index_profile(const ast::Profile& p) {
    if (p.name.span.valid()) {
      Occurrence o;
      o.span = p.name.span;
      o.declaration = p.name.span;
      o.key = fmt::format("profile:{}#{}", path_of_unit(unit_), p.name.name);
      o.what = SymbolClass::profile;
      o.is_declaration = true;
      o.profile = &p;
      out_.push_back(std::move(o));
    }
    for (const auto& cond : p.conditions) {
      if (!cond.id.span.valid()) continue;
      Occurrence o;
      o.span = cond.id.span;
      o.declaration = cond.id.span;
      o.key = "condition:" + cond.id.name;
      o.what = SymbolClass::condition;
      o.is_declaration = true;
      o.profile = &p;
      o.condition = &cond;
      out_.push_back(std::move(o));
    }
  }

  const Workspace& ws_;
  UnitId unit_;
  const Unit& u_;
  std::vector<Occurrence> out_;
};

}  // namespace

std::vector<Occurrence> index_unit(const Workspace& ws, UnitId unit) { return Indexer(ws, unit).run(); }

const Occurrence* occurrence_at(const std::vector<Occurrence>& occurrences, std::uint32_t offset) {
  // Occurrences are sorted by start and do not overlap.
  auto it = std::upper_bound(occurrences.begin(), occurrences.end(), offset,
                             [](std::uint32_t off, const Occurrence& o) { return off < o.span.begin; });
  if (it == occurrences.begin()) return nullptr;
  --it;
  if (offset >= it->span.begin && offset <= it->span.end) return &*it;
  return nullptr;
}

}  // namespace terms::lsp
