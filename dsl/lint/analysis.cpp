#include "dsl/lint/analysis.hpp"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

namespace terms::lint {

// ---- RuleContext --------------------------------------------------------------------

std::string_view RuleContext::text(Span span) const {
  const std::string_view all = source().text();
  if (!span.valid() || span.begin > span.end || span.end > all.size()) return {};
  return all.substr(span.begin, span.size());
}

const Entity* RuleContext::lookup(const ast::Ident& name) const {
  const std::optional<EntityId> id = ws_.lookup(unit_, name.name);
  return id ? &ws_.entity(*id) : nullptr;
}

Diagnostic& RuleContext::report(Span span, std::string message) {
  Diagnostic d;
  d.code = std::string(rule_.code);
  d.name = std::string(rule_.name);
  d.category = std::string(rule_.category);
  d.severity = rule_.severity;
  d.message = std::move(message);
  d.span = span;
  out_.push_back(std::move(d));
  return out_.back();
}

UnitViews& RuleContext::views() const {
  if (!views_) views_ = std::make_shared<UnitViews>();
  return *views_;
}

// ---- steps ----------------------------------------------------------------------------

const std::vector<StepView>& steps_of(const RuleContext& cx, const ast::Agreement& agreement) {
  auto& cache = cx.views().steps;
  auto it = cache.find(&agreement);
  if (it == cache.end()) it = cache.emplace(&agreement, steps_of(agreement)).first;
  return it->second;
}

std::vector<StepView> steps_of(const ast::Agreement& agreement) {
  std::vector<StepView> out;
  std::optional<std::size_t> implicit;
  for (const ast::AgreementItem& item : agreement.items) {
    if (const auto* step = std::get_if<ast::Step>(&item)) {
      StepView v;
      v.step = step;
      v.position = step->span.begin;
      for (const ast::Clause& c : step->clauses) v.clauses.push_back(&c);
      out.push_back(std::move(v));
    } else if (const auto* clause = std::get_if<ast::Clause>(&item)) {
      if (!implicit) {
        implicit = out.size();
        StepView v;
        v.position = clause->span.begin;
        out.push_back(std::move(v));
      }
      out[*implicit].clauses.push_back(clause);
    }
  }
  return out;
}

std::vector<std::size_t> run_order(const std::vector<StepView>& steps) {
  std::unordered_map<std::string_view, std::size_t> by_name;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].step != nullptr) by_name.emplace(steps[i].step->name.name, i);
  }
  // Repeatedly take the first step (in text order) whose `after` steps have run.
  std::vector<bool> done(steps.size(), false);
  std::vector<std::size_t> order;
  while (order.size() < steps.size()) {
    bool progressed = false;
    for (std::size_t i = 0; i < steps.size(); ++i) {
      if (done[i]) continue;
      bool ready = true;
      if (steps[i].step != nullptr) {
        for (const ast::Ident& a : steps[i].step->after) {
          auto it = by_name.find(a.name);
          if (it != by_name.end() && it->second != i && !done[it->second]) ready = false;
        }
      }
      if (!ready) continue;
      done[i] = true;
      order.push_back(i);
      progressed = true;
      break;
    }
    if (!progressed) {  // a cycle: the rest in text order
      for (std::size_t i = 0; i < steps.size(); ++i) {
        if (!done[i]) {
          done[i] = true;
          order.push_back(i);
        }
      }
    }
  }
  return order;
}

// ---- targets ----------------------------------------------------------------------------

std::vector<EntityId> visible_sanctions(const RuleContext& cx, EntityId by) {
  std::vector<EntityId> out;
  for (EntityId id : cx.workspace().visible_entities(cx.unit_id())) {
    const Entity& e = cx.workspace().entity(id);
    if (e.kind != ast::DeclKind::sanction) continue;
    if (by != kNoEntity && e.owner != by) continue;
    out.push_back(id);
  }
  return out;
}

std::vector<EntityId> target_entities(const RuleContext& cx, const ast::Clause& clause) {
  const ast::Targets& t = clause.targets;
  switch (t.kind) {
    case ast::Targets::Kind::all:
      return visible_sanctions(cx);
    case ast::Targets::Kind::all_by: {
      if (!t.by) return {};
      const std::optional<EntityId> party = cx.workspace().lookup(cx.unit_id(), t.by->name);
      if (!party) return {};
      return visible_sanctions(cx, *party);
    }
    case ast::Targets::Kind::names: break;
  }
  std::vector<EntityId> out;
  for (const ast::Ident& n : t.names) {
    if (auto id = cx.workspace().lookup(cx.unit_id(), n.name)) out.push_back(*id);
  }
  return out;
}

EntityId owning_party(const Workspace& ws, EntityId entity) {
  EntityId current = entity;
  for (int hops = 0; hops < 3 && current != kNoEntity; ++hops) {
    const Entity& e = ws.entity(current);
    if (e.kind == ast::DeclKind::party) return current;
    current = e.owner;
  }
  return kNoEntity;
}

// ---- canonical text ---------------------------------------------------------------------

namespace {

// Appends canonical_modifier(m) to `out`.
void append_modifier(std::string& out, const ast::Modifier& m) {
  switch (m.kind) {
    case ast::Modifier::Kind::verified:
      out += "verified";
      for (std::size_t i = 0; i < m.verifiers.size(); ++i) {
        out += i == 0 ? " by " : ", ";
        out += m.verifiers[i].name;
      }
      return;
    case ast::Modifier::Kind::within:
      out += "within";
      if (m.duration) {
        out += ' ';
        out += std::to_string(m.duration->days());
        out += " days";
      }
      return;
    case ast::Modifier::Kind::partially: out += "partially"; return;
    case ast::Modifier::Kind::snapback: out += "snapback"; return;
  }
}

// The order of canonical_modifier's strings: their first words
// ("partially" < "snapback" < "verified" < "within") order the kinds; two
// modifiers of the same kind (a repeated modifier) compare by their text.
unsigned modifier_text_rank(ast::Modifier::Kind k) {
  switch (k) {
    case ast::Modifier::Kind::partially: return 0;
    case ast::Modifier::Kind::snapback: return 1;
    case ast::Modifier::Kind::verified: return 2;
    case ast::Modifier::Kind::within: return 3;
  }
  return 4;
}

}  // namespace

std::string canonical_modifier(const ast::Modifier& m) {
  std::string out;
  append_modifier(out, m);
  return out;
}

// Built by appending (no formatting, no string per modifier): duplicate-clause
// computes it for every clause of a library.
std::string canonical_clause(const ast::Clause& clause) {
  std::string out;
  out.reserve(64);
  out += ast::to_string(clause.verb);
  const ast::Targets& t = clause.targets;
  if (t.kind == ast::Targets::Kind::all) {
    out += " all";
  } else if (t.kind == ast::Targets::Kind::all_by) {
    out += " all by ";
    if (t.by) out += t.by->name;
  } else if (t.names.size() == 1) {
    out += ' ';
    out += t.names.front().name;
  } else {
    std::vector<std::string_view> names;
    names.reserve(t.names.size());
    for (const ast::Ident& n : t.names) names.push_back(n.name);
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    for (std::size_t i = 0; i < names.size(); ++i) {
      out += i == 0 ? " " : ", ";
      out += names[i];
    }
  }
  // The modifiers in the order of their canonical strings.
  const std::vector<ast::Modifier>& ms = clause.modifiers;
  std::vector<const ast::Modifier*> mods;
  mods.reserve(ms.size());
  for (const ast::Modifier& m : ms) mods.push_back(&m);
  std::sort(mods.begin(), mods.end(), [](const ast::Modifier* a, const ast::Modifier* b) {
    const unsigned ra = modifier_text_rank(a->kind);
    const unsigned rb = modifier_text_rank(b->kind);
    if (ra != rb) return ra < rb;
    return canonical_modifier(*a) < canonical_modifier(*b);
  });
  for (const ast::Modifier* m : mods) {
    out += ' ';
    append_modifier(out, *m);
  }
  return out;
}

// ---- fixes --------------------------------------------------------------------------------

Fix delete_fix(const SourceFile& source, Span span, std::string description) {
  const std::string_view text = source.text();
  std::uint32_t line_begin = span.begin;
  while (line_begin > 0 && text[line_begin - 1] != '\n') --line_begin;
  std::uint32_t after = span.end;
  while (after < text.size() && (text[after] == ' ' || text[after] == '\t' || text[after] == '\r')) ++after;
  const bool alone_before = std::all_of(text.begin() + line_begin, text.begin() + span.begin,
                                        [](char c) { return c == ' ' || c == '\t'; });
  const bool alone_after = after == text.size() || text[after] == '\n';
  Span del{span.file, span.begin, span.end};
  if (alone_before && alone_after) {
    del.begin = line_begin;
    del.end = after < text.size() ? after + 1 : after;  // with the line's newline
  } else {
    // Keep the rest of the line; take the blanks in front of the span with it.
    std::uint32_t b = span.begin;
    while (b > line_begin && (text[b - 1] == ' ' || text[b - 1] == '\t')) --b;
    del.begin = b;
  }
  return Fix{std::move(description), {TextEdit{del, ""}}};
}

// ---- names --------------------------------------------------------------------------------

bool is_kebab_case(std::string_view name) {
  if (name.empty() || name.front() < 'a' || name.front() > 'z') return false;
  if (name.back() == '-') return false;
  char prev = 0;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
    if (c == '-' && prev == '-') return false;
    prev = c;
  }
  return true;
}

std::string to_kebab_case(std::string_view name) {
  std::string out;
  char prev = 0;
  for (char c : name) {
    if (c == '_' || c == '-') {
      if (!out.empty() && out.back() != '-') out += '-';
    } else if (c >= 'A' && c <= 'Z') {
      // camelCase: a hyphen where a lowercase letter or digit meets a capital.
      if (!out.empty() && out.back() != '-' && ((prev >= 'a' && prev <= 'z') || (prev >= '0' && prev <= '9'))) {
        out += '-';
      }
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += c;
    }
    prev = c;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  while (!out.empty() && out.front() == '-') out.erase(out.begin());
  return out;
}

std::string describe(const ast::Duration& d) {
  const bool plural = d.amount != 1;
  return fmt::format("{} {}", d.amount,
                     d.unit == ast::DurationUnit::unknown ? std::string_view(d.unit_text) : ast::to_string(d.unit, plural));
}

}  // namespace terms::lint
