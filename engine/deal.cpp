#include "engine/deal.hpp"

#include <algorithm>
#include <functional>
#include <queue>

#include <fmt/format.h>

namespace terms::engine {

bool FacilityState::verified_by(std::string_view who) const {
  if (!verified) return false;
  return std::find(verifiers.begin(), verifiers.end(), who) != verifiers.end();
}

std::string DealStep::display_name() const {
  if (implicit()) return "the clauses outside any step";
  return fmt::format("step `{}`", name);
}

std::string_view to_string(Domain d) {
  switch (d) {
    case Domain::clause: return "clause";
    case Domain::step: return "step";
    case Domain::facility: return "facility";
    case Domain::program: return "program";
    case Domain::sanction: return "sanction";
    case Domain::benefit: return "benefit";
    case Domain::party: return "party";
    case Domain::agreement: return "agreement";
  }
  return "?";
}

std::string_view plural(Domain d) {
  switch (d) {
    case Domain::clause: return "clauses";
    case Domain::step: return "steps";
    case Domain::facility: return "facilities";
    case Domain::program: return "programs";
    case Domain::sanction: return "sanctions";
    case Domain::benefit: return "benefits";
    case Domain::party: return "parties";
    case Domain::agreement: return "agreements";
  }
  return "?";
}

namespace {

std::optional<Domain> domain_of(ast::DeclKind k) {
  switch (k) {
    case ast::DeclKind::party: return Domain::party;
    case ast::DeclKind::program: return Domain::program;
    case ast::DeclKind::facility: return Domain::facility;
    // A material is a thing of its program, as a facility is: profiles count
    // it among the facilities (docs/profiles.md).
    case ast::DeclKind::material: return Domain::facility;
    case ast::DeclKind::sanction: return Domain::sanction;
    case ast::DeclKind::benefit: return Domain::benefit;
    case ast::DeclKind::verifier: return std::nullopt;
  }
  return std::nullopt;
}

std::size_t slot(Domain d) { return static_cast<std::size_t>(d); }

// The last change at or before `at` (changes are in step order).
template <typename State>
const Change<State>* last_at(std::span<const Change<State>> changes, Position at) {
  auto it = std::upper_bound(changes.begin(), changes.end(), at,
                             [](Position p, const Change<State>& c) { return p < c.step; });
  if (it == changes.begin()) return nullptr;
  return &*std::prev(it);
}

}  // namespace

Deal::Deal(const Workspace& workspace, UnitId unit, const ast::Agreement& agreement)
    : workspace_(&workspace), unit_(unit), agreement_(&agreement), date_(agreement.date()) {
  collect_things();
  order_steps();
  normalise_clauses();
  infer_sanctioned_side();
  compute_timelines();
}

const std::vector<EntityId>& Deal::things(Domain d) const { return by_domain_[slot(d)]; }

namespace {
std::size_t hash_id(EntityId id) { return static_cast<std::size_t>(id) * 0x9E3779B97F4A7C15ull >> 20; }
}  // namespace

const Deal::Slot* Deal::find_hashed(EntityId id) const {
  if (slots_.empty() || id == kNoEntity) return nullptr;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash_id(id) & mask;; i = (i + 1) & mask) {
    if (slots_[i].id == id) return &slots_[i];
    if (slots_[i].id == kNoEntity) return nullptr;
  }
}

bool Deal::insert_slot(EntityId id, std::uint32_t local, Domain domain) {
  if (direct_) {
    Slot& s = slots_[static_cast<std::size_t>(id) - base_];
    if (s.id == id) return false;
    s = Slot{id, local, slot_count_++, domain};
    return true;
  }
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash_id(id) & mask;; i = (i + 1) & mask) {
    if (slots_[i].id == id) return false;
    if (slots_[i].id == kNoEntity) {
      slots_[i] = Slot{id, local, slot_count_++, domain};
      return true;
    }
  }
}

void Deal::collect_things() {
  const std::vector<EntityId> visible = workspace_->visible_entities(unit_);
  if (!visible.empty()) {
    const auto [lo, hi] = std::minmax_element(visible.begin(), visible.end());
    const std::size_t range = static_cast<std::size_t>(*hi) - *lo + 1;
    direct_ = range <= 4 * visible.size() + 64;
    base_ = *lo;
    if (direct_) slots_.assign(range, Slot{});
  }
  if (!direct_) {
    std::size_t capacity = 16;
    while (capacity < visible.size() * 2) capacity *= 2;
    slots_.assign(capacity, Slot{});
  }
  std::size_t per_domain[8] = {};
  for (EntityId id : visible) {
    if (auto d = domain_of(workspace_->entity(id).kind)) ++per_domain[slot(*d)];
  }
  for (std::size_t d = 0; d < 8; ++d) by_domain_[d].reserve(per_domain[d]);
  for (EntityId id : visible) {
    const Entity& e = workspace_->entity(id);
    auto d = domain_of(e.kind);
    if (!d) continue;
    // Sanctions the agreement's date does not see are not things of the deal at all.
    if (*d == Domain::sanction && !e.sanction.seen_by(date_)) continue;
    auto& list = by_domain_[slot(*d)];
    if (insert_slot(id, static_cast<std::uint32_t>(list.size()), *d)) list.push_back(id);
  }
  sanctioned_.assign(slot_count_, 0);
  // Facilities by program, in one list (a counting sort keeps their order).
  const auto& facilities = by_domain_[slot(Domain::facility)];
  std::vector<std::uint32_t> owner(facilities.size(), 0);  // program + 1, 0 none
  program_facility_start_.assign(by_domain_[slot(Domain::program)].size() + 1, 0);
  for (std::uint32_t f = 0; f < facilities.size(); ++f) {
    const EntityId program = workspace_->entity(facilities[f]).owner;
    if (program == kNoEntity) continue;
    if (const Slot* p = find_slot(program); p && p->domain == Domain::program) {
      owner[f] = p->local + 1;
      ++program_facility_start_[p->local + 1];
    }
  }
  for (std::size_t p = 1; p < program_facility_start_.size(); ++p) {
    program_facility_start_[p] += program_facility_start_[p - 1];
  }
  program_facility_list_.resize(program_facility_start_.back());
  {
    std::vector<std::uint32_t> cursor(program_facility_start_.begin(), program_facility_start_.end() - 1);
    for (std::uint32_t f = 0; f < facilities.size(); ++f) {
      if (owner[f] != 0) program_facility_list_[cursor[owner[f] - 1]++] = f;
    }
  }
  for (const ast::Ident* name : agreement_->builds_on()) {
    if (const ast::Agreement* a = workspace_->lookup_agreement(unit_, name->name)) builds_on_.push_back(a);
  }
}

void Deal::order_steps() {
  // Steps in text order; the implicit step where its first clause stands.
  std::vector<DealStep> text;
  std::optional<std::size_t> implicit;
  for (const auto& item : agreement_->items) {
    if (const auto* s = std::get_if<ast::Step>(&item)) {
      DealStep step;
      step.name = s->name.name;
      step.syntax = s;
      step.span = s->span;
      step.header_span = s->header_span.valid() ? s->header_span : s->name.span;
      text.push_back(std::move(step));
    } else if (const auto* c = std::get_if<ast::Clause>(&item)) {
      if (!implicit) {
        implicit = text.size();
        DealStep step;
        step.span = c->span;
        step.header_span = c->span;
        text.push_back(std::move(step));
      }
    }
  }
  for (std::uint32_t i = 0; i < text.size(); ++i) text[i].text_order = i;

  // Kahn's algorithm; among the steps that may come next, the first in text.
  std::unordered_map<std::string_view, std::uint32_t> by_name;
  by_name.reserve(text.size());
  for (std::uint32_t i = 0; i < text.size(); ++i) {
    if (!text[i].implicit()) by_name.emplace(text[i].name, i);
  }
  std::vector<std::vector<std::uint32_t>> successors(text.size());
  std::vector<std::uint32_t> waiting(text.size(), 0);
  std::vector<std::uint32_t> seen;  // the steps this one already waits for
  for (std::uint32_t i = 0; i < text.size(); ++i) {
    if (text[i].implicit()) continue;
    seen.clear();
    for (const auto& a : text[i].syntax->after) {
      auto it = by_name.find(a.name);
      if (it == by_name.end() || it->second == i) continue;
      if (std::find(seen.begin(), seen.end(), it->second) != seen.end()) continue;
      seen.push_back(it->second);
      successors[it->second].push_back(i);
      ++waiting[i];
    }
  }
  std::priority_queue<std::uint32_t, std::vector<std::uint32_t>, std::greater<>> ready;
  for (std::uint32_t i = 0; i < text.size(); ++i) {
    if (waiting[i] == 0) ready.push(i);
  }
  std::vector<bool> placed(text.size(), false);
  std::vector<std::uint32_t> order;
  while (order.size() < text.size()) {
    if (ready.empty()) {
      // A cycle (reported by the Workspace): place the first unplaced step in text order.
      for (std::uint32_t i = 0; i < text.size(); ++i) {
        if (!placed[i]) {
          ready.push(i);
          waiting[i] = 0;
          break;
        }
      }
    }
    const std::uint32_t i = ready.top();
    ready.pop();
    if (placed[i]) continue;
    placed[i] = true;
    order.push_back(i);
    for (std::uint32_t s : successors[i]) {
      if (waiting[s] > 0 && --waiting[s] == 0 && !placed[s]) ready.push(s);
    }
  }
  steps_.reserve(text.size());
  for (std::uint32_t i : order) steps_.push_back(std::move(text[i]));
}

EntityId Deal::owner_party(EntityId id) const {
  if (id == kNoEntity) return kNoEntity;
  const Entity& e = workspace_->entity(id);
  switch (e.kind) {
    case ast::DeclKind::facility:
    case ast::DeclKind::material: return owner_party(e.owner);
    case ast::DeclKind::program:
    case ast::DeclKind::sanction:
    case ast::DeclKind::benefit: return e.owner;
    case ast::DeclKind::party: return id;
    case ast::DeclKind::verifier: return kNoEntity;
  }
  return kNoEntity;
}

EntityId Deal::program_of(EntityId facility) const {
  if (facility == kNoEntity) return kNoEntity;
  const Entity& e = workspace_->entity(facility);
  if ((e.kind != ast::DeclKind::facility && e.kind != ast::DeclKind::material) || e.owner == kNoEntity) {
    return kNoEntity;
  }
  return workspace_->entity(e.owner).kind == ast::DeclKind::program ? e.owner : kNoEntity;
}

std::string_view Deal::kind_of(EntityId id) const {
  if (id == kNoEntity) return {};
  const Entity& e = workspace_->entity(id);
  if (e.kind == ast::DeclKind::facility || e.kind == ast::DeclKind::material) return kind_of(program_of(id));
  if (e.kind == ast::DeclKind::program && e.decl && e.decl->program_kind) return e.decl->program_kind->name;
  return {};
}

bool Deal::sanctioned(EntityId party) const {
  if (const Slot* s = find_slot(party)) return sanctioned_[s->dense] != 0;
  // A party that is not visible cannot be among the sanctioned ones unless a
  // clause named something it owns; look it up in the list.
  return std::find(sanctioned_list_.begin(), sanctioned_list_.end(), party) != sanctioned_list_.end();
}

void Deal::add_sanctioned(EntityId party) {
  if (const Slot* s = find_slot(party)) {
    if (sanctioned_[s->dense] != 0) return;
    sanctioned_[s->dense] = 1;
  } else if (std::find(sanctioned_list_.begin(), sanctioned_list_.end(), party) != sanctioned_list_.end()) {
    return;
  }
  sanctioned_list_.push_back(party);
}

void Deal::infer_sanctioned_side() {
  // Sanctions name who imposes them and benefits who provide them, not whom
  // they are for: that side is read as every party owning a visible program
  // that neither imposes a relieved sanction nor provides a benefit given (the
  // DPRK for the UN, US, ROK and Japanese measures, and for fuel oil). A
  // side the agreement states (`sanctioned P;`) is not added to.
  if (stated_sanctioned_) return;
  std::vector<EntityId> imposers;
  for (const DealClause& c : clauses_) {
    if (!ast::is_relief(c.verb)) continue;
    for (EntityId t : c.targets) {
      const ast::DeclKind k = workspace_->entity(t).kind;
      if (k != ast::DeclKind::sanction && k != ast::DeclKind::benefit) continue;
      const EntityId by = workspace_->entity(t).owner;
      if (by != kNoEntity && std::find(imposers.begin(), imposers.end(), by) == imposers.end()) imposers.push_back(by);
    }
  }
  if (imposers.empty()) return;
  for (EntityId program : things(Domain::program)) {
    const EntityId party = workspace_->entity(program).owner;
    if (party == kNoEntity || std::find(imposers.begin(), imposers.end(), party) != imposers.end()) continue;
    add_sanctioned(party);
  }
}

double Deal::weight(EntityId id) const {
  const Entity& e = workspace_->entity(id);
  return e.kind == ast::DeclKind::sanction ? e.sanction.weight : 1.0;
}

std::string_view Deal::name(EntityId id) const { return workspace_->entity(id).name; }

Span Deal::decl_span(EntityId id) const {
  const Entity& e = workspace_->entity(id);
  return e.decl ? e.decl->name.span : Span{};
}

std::optional<Position> Deal::step_position(std::string_view name) const {
  for (std::size_t i = 0; i < steps_.size(); ++i) {
    if (!steps_[i].implicit() && steps_[i].name == name) return static_cast<Position>(i);
  }
  return std::nullopt;
}

void Deal::normalise_clauses() {
  // The position of each step by its place in the text.
  std::vector<Position> position(steps_.size(), 0);
  Position implicit_position = 0;
  for (std::size_t i = 0; i < steps_.size(); ++i) {
    if (steps_[i].implicit()) implicit_position = static_cast<Position>(i);
    position[steps_[i].text_order] = static_cast<Position>(i);
  }
  std::size_t clause_count = 0;
  std::size_t name_count = 0;
  for (const auto& item : agreement_->items) {
    if (const auto* s = std::get_if<ast::Step>(&item)) {
      clause_count += s->clauses.size();
      for (const auto& c : s->clauses) name_count += c.targets.names.size() + 1;
    } else if (const auto* c = std::get_if<ast::Clause>(&item)) {
      ++clause_count;
      name_count += c->targets.names.size() + 1;
    }
  }
  clauses_.reserve(clause_count);
  for (auto& st : steps_) {
    if (st.syntax) st.clauses.reserve(st.syntax->clauses.size());
  }

  // Names looked up once each: the same names come back clause after clause.
  struct Known {
    std::string_view name;
    std::size_t hash = 0;
    std::optional<EntityId> id;
    bool used = false;
  };
  std::size_t known_capacity = 16;
  while (known_capacity < name_count * 2) known_capacity *= 2;
  std::vector<Known> known(known_capacity);
  auto lookup = [&](std::string_view name) -> std::optional<EntityId> {
    const std::size_t h = std::hash<std::string_view>{}(name);
    const std::size_t mask = known.size() - 1;
    for (std::size_t i = (h ^ (h >> 32)) & mask;; i = (i + 1) & mask) {
      Known& k = known[i];
      if (!k.used) {
        k = Known{name, h, workspace_->lookup(unit_, name), true};
        return k.id;
      }
      if (k.hash == h && k.name == name) return k.id;
    }
  };
  const auto& sanctions = things(Domain::sanction);
  const auto& benefits = things(Domain::benefit);

  // `sanctioned P, Q;` states the sanctioned side: stated wins over inferred.
  for (const ast::Sanctioned* st : agreement_->sanctioned()) {
    for (const ast::Ident& n : st->parties) {
      const auto id = workspace_->lookup(unit_, n.name);
      if (!id || workspace_->entity(*id).kind != ast::DeclKind::party) continue;
      stated_sanctioned_ = true;
      add_sanctioned(*id);
    }
  }

  // Which things the clause being normalised already lists, by dense
  // position: a mark equal to the clause's stamp means listed.
  std::vector<std::uint32_t> marks(std::size_t{3} * slot_count_, 0);
  std::uint32_t stamp = 0;

  // The clause's lists are gathered here, then appended to clause_ids_; the
  // clauses' views are set once clause_ids_ is complete (it may move as it grows).
  struct Lists {
    std::vector<EntityId> targets, programs, addressed, actors;
  } d;
  std::vector<std::uint32_t> bounds;  // per clause: where its four lists start, then the end
  bounds.reserve(clause_count * 4 + 1);
  clause_ids_.reserve(name_count * 3);

  auto add_clause = [&](const ast::Clause& c, Position step) {
    DealClause dc;
    dc.syntax = &c;
    dc.verb = c.verb;
    dc.index = static_cast<std::uint32_t>(clauses_.size());
    dc.step = step;
    d.targets.clear();
    d.programs.clear();
    d.addressed.clear();
    d.actors.clear();
    ++stamp;
    // Adds `id` to `list` unless it is there (list 0 targets, 1 addressed, 2 actors).
    auto add_new = [&](std::size_t which, std::vector<EntityId>& list, EntityId id) {
      if (const Slot* s = find_slot(id)) {
        std::uint32_t& m = marks[which * slot_count_ + s->dense];
        if (m == stamp) return false;
        m = stamp;
      } else if (std::find(list.begin(), list.end(), id) != list.end()) {
        return false;
      }
      list.push_back(id);
      return true;
    };
    auto address = [&](EntityId id) {
      if (id != kNoEntity) add_new(1, d.addressed, id);
    };
    auto target = [&](EntityId id) {
      if (id == kNoEntity || !add_new(0, d.targets, id)) return;
      address(id);
      const Entity& e = workspace_->entity(id);
      EntityId party = kNoEntity;
      if (e.kind == ast::DeclKind::facility || e.kind == ast::DeclKind::material) {
        address(program_of(id));
        party = owner_party(e.owner);
      } else {
        party = owner_party(id);
      }
      if (party != kNoEntity) add_new(2, d.actors, party);
    };
    switch (c.targets.kind) {
      case ast::Targets::Kind::names:
        for (const auto& n : c.targets.names) {
          auto id = lookup(n.name);
          if (!id) continue;
          const Entity& e = workspace_->entity(*id);
          if (e.kind == ast::DeclKind::program) {
            address(*id);
            if (std::find(d.programs.begin(), d.programs.end(), *id) == d.programs.end()) d.programs.push_back(*id);
            const EntityId party = e.owner;
            if (party != kNoEntity) add_new(2, d.actors, party);
            if (auto p = local(*id)) {
              for (std::uint32_t f : program_facilities(*p)) target(things(Domain::facility)[f]);
            }
          } else if (e.kind == ast::DeclKind::sanction && !e.sanction.seen_by(date_)) {
            continue;  // not in force on the agreement's date (E0322): not a thing of this deal
          } else if (e.kind != ast::DeclKind::party && e.kind != ast::DeclKind::verifier) {
            target(*id);
          }
        }
        break;
      case ast::Targets::Kind::all:
      case ast::Targets::Kind::all_by: {
        std::optional<EntityId> by;
        if (c.targets.kind == ast::Targets::Kind::all_by) {
          by = c.targets.by ? lookup(c.targets.by->name) : std::nullopt;
          if (!by) break;
        }
        const std::span<const EntityId> pool = c.verb == ast::Verb::provide ? std::span<const EntityId>(benefits)
                                               : ast::takes_sanctions(c.verb) ? std::span<const EntityId>(sanctions)
                                                                              : std::span<const EntityId>();
        for (EntityId id : pool) {
          if (!by || workspace_->entity(id).owner == *by) target(id);
        }
        break;
      }
    }
    // The first modifier of each kind counts (as Clause::find), in one pass.
    const ast::Modifier* first[4] = {};
    for (const auto& m : c.modifiers) {
      const auto k = static_cast<std::size_t>(m.kind);
      if (k < 4 && !first[k]) first[k] = &m;
    }
    if (const auto* m = first[static_cast<std::size_t>(ast::Modifier::Kind::verified)]) {
      dc.verified = true;
      if (m->verifier) dc.verifier = m->verifier->name;
      for (const ast::Ident& v : m->verifiers) {
        if (!dc.verified_by(v.name)) dc.verifiers.push_back(v.name);
      }
    }
    if (const auto* m = first[static_cast<std::size_t>(ast::Modifier::Kind::within)]; m && m->duration) {
      dc.within_days = m->duration->days();
    }
    dc.partial = first[static_cast<std::size_t>(ast::Modifier::Kind::partially)] != nullptr;
    dc.snapback = first[static_cast<std::size_t>(ast::Modifier::Kind::snapback)] != nullptr;
    if (ast::is_concession(c.verb) && !stated_sanctioned_) {
      for (EntityId party : d.actors) add_sanctioned(party);
    }
    for (const auto* list : {&d.targets, &d.programs, &d.addressed, &d.actors}) {
      bounds.push_back(static_cast<std::uint32_t>(clause_ids_.size()));
      clause_ids_.insert(clause_ids_.end(), list->begin(), list->end());
    }
    steps_[static_cast<std::size_t>(step)].clauses.push_back(dc.index);
    clauses_.push_back(dc);
  };

  // Steps in text order are numbered as order_steps numbered them (the
  // implicit step where its first clause stands).
  std::uint32_t text_index = 0;
  bool implicit_seen = false;
  for (const auto& item : agreement_->items) {
    if (const auto* s = std::get_if<ast::Step>(&item)) {
      const Position p = position[text_index++];
      for (const auto& c : s->clauses) add_clause(c, p);
    } else if (const auto* c = std::get_if<ast::Clause>(&item)) {
      if (!implicit_seen) {
        implicit_seen = true;
        ++text_index;
      }
      add_clause(*c, implicit_position);
    }
  }
  bounds.push_back(static_cast<std::uint32_t>(clause_ids_.size()));
  const EntityId* ids = clause_ids_.data();
  for (std::size_t i = 0; i < clauses_.size(); ++i) {
    const std::uint32_t* b = &bounds[4 * i];
    auto view = [&](std::size_t k) { return std::span<const EntityId>(ids + b[k], b[k + 1] - b[k]); };
    clauses_[i].targets = view(0);
    clauses_[i].programs = view(1);
    clauses_[i].addressed = view(2);
    clauses_[i].actors = view(3);
  }
}

namespace {

void apply_concession(FacilityState& s, const DealClause& c) {
  std::uint8_t level = 0;
  switch (c.verb) {
    case ast::Verb::declare:
      s.declared = true;
      level = 1;
      break;
    case ast::Verb::freeze:
      s.frozen = true;
      level = 2;
      break;
    case ast::Verb::dismantle:
      if (c.partial) {
        if (s.dismantled != Dismantlement::complete) s.dismantled = Dismantlement::partial;
        level = 3;
      } else {
        s.dismantled = Dismantlement::complete;
        level = 4;
      }
      break;
    // Conversion ends the weapons use, removal the country's holding: both
    // count as complete dismantlement (docs/language.md, "convert and remove").
    case ast::Verb::convert:
      s.converted = true;
      s.dismantled = Dismantlement::complete;
      level = 4;
      break;
    case ast::Verb::remove:
      s.removed = true;
      s.dismantled = Dismantlement::complete;
      level = 4;
      break;
    default: return;
  }
  if (level > s.level) {
    s.level = level;
    s.verified = c.verified;
    s.verifiers.clear();
    if (c.verified) s.verifiers = c.verifiers;
  } else if (level == s.level && c.verified) {
    s.verified = true;
    for (std::string_view v : c.verifiers) {
      if (!s.verified_by(v)) s.verifiers.push_back(v);
    }
  }
}

}  // namespace

namespace {
void apply_sanction(SanctionState& s, const DealClause& c) {
  switch (c.verb) {
    case ast::Verb::lift:
      s.status = SanctionStatus::lifted;
      s.snapback = false;
      s.retained = false;
      break;
    case ast::Verb::ease:
      s.status = SanctionStatus::eased;
      s.snapback = c.snapback;
      break;
    case ast::Verb::suspend:
      s.status = SanctionStatus::suspended;
      s.snapback = c.snapback;
      s.retained = false;
      break;
    case ast::Verb::retain:
      s.status = SanctionStatus::in_force;
      s.snapback = false;
      s.retained = true;
      break;
    default: break;
  }
}

// Turns counts per thing into where each thing's changes start (and the end).
template <typename State>
void place(std::vector<std::uint32_t>& start, std::vector<Change<State>>& changes) {
  std::uint32_t total = 0;
  for (auto& n : start) {
    const std::uint32_t count = n;
    n = total;
    total += count;
  }
  start.push_back(total);
  changes.resize(total);
}
}  // namespace

void Deal::compute_timelines() {
  // Visits every change in step order: on(domain, local thing, position, clause).
  auto visit = [&](auto&& on) {
    for (std::size_t p = 0; p < steps_.size(); ++p) {
      const Position pos = static_cast<Position>(p);
      for (std::uint32_t ci : steps_[p].clauses) {
        const DealClause& c = clauses_[ci];
        if (ast::is_concession(c.verb)) {
          for (EntityId id : c.targets) {
            const Slot* s = find_slot(id);
            if (s && s->domain == Domain::facility) on(Domain::facility, s->local, pos, ci);
          }
          for (EntityId id : c.programs) {
            if (const Slot* s = find_slot(id)) on(Domain::program, s->local, pos, ci);
          }
          continue;
        }
        const bool sanctions = ast::takes_sanctions(c.verb);
        const bool provides = c.verb == ast::Verb::provide;
        if (!sanctions && !provides) continue;
        for (EntityId id : c.targets) {
          const Slot* s = find_slot(id);
          if (!s) continue;
          if (s->domain == Domain::sanction && sanctions) on(Domain::sanction, s->local, pos, ci);
          else if (s->domain == Domain::benefit && provides) on(Domain::benefit, s->local, pos, ci);
        }
      }
    }
  };
  // First count the changes of each thing, then write them in place.
  facility_changes_.start.assign(things(Domain::facility).size(), 0);
  program_changes_.start.assign(things(Domain::program).size(), 0);
  sanction_changes_.start.assign(things(Domain::sanction).size(), 0);
  benefit_changes_.start.assign(things(Domain::benefit).size(), 0);
  visit([&](Domain d, std::uint32_t l, Position, std::uint32_t) {
    switch (d) {
      case Domain::facility: ++facility_changes_.start[l]; break;
      case Domain::program: ++program_changes_.start[l]; break;
      case Domain::sanction: ++sanction_changes_.start[l]; break;
      default: ++benefit_changes_.start[l]; break;
    }
  });
  place(facility_changes_.start, facility_changes_.changes);
  place(program_changes_.start, program_changes_.changes);
  place(sanction_changes_.start, sanction_changes_.changes);
  place(benefit_changes_.start, benefit_changes_.changes);

  // The state so far of each thing and where its next change goes.
  auto cursor = [](const auto& t) {
    return std::vector<std::uint32_t>(t.start.begin(), t.start.end() - 1);
  };
  std::vector<std::uint32_t> next_facility = cursor(facility_changes_);
  std::vector<std::uint32_t> next_program = cursor(program_changes_);
  std::vector<std::uint32_t> next_sanction = cursor(sanction_changes_);
  std::vector<std::uint32_t> next_benefit = cursor(benefit_changes_);
  // A thing's state so far is its latest change (or the initial state).
  auto advance = [](auto& timeline, std::vector<std::uint32_t>& next, std::uint32_t l, Position pos,
                    std::uint32_t ci) -> auto& {
    auto& change = timeline.changes[next[l]];
    if (next[l] > timeline.start[l]) change.state = timeline.changes[next[l] - 1].state;
    change.step = pos;
    change.clause = ci;
    ++next[l];
    return change.state;
  };
  visit([&](Domain d, std::uint32_t l, Position pos, std::uint32_t ci) {
    const DealClause& c = clauses_[ci];
    switch (d) {
      case Domain::facility: apply_concession(advance(facility_changes_, next_facility, l, pos, ci), c); break;
      case Domain::program: apply_concession(advance(program_changes_, next_program, l, pos, ci), c); break;
      case Domain::sanction: apply_sanction(advance(sanction_changes_, next_sanction, l, pos, ci), c); break;
      default: advance(benefit_changes_, next_benefit, l, pos, ci).provided = true; break;
    }
  });
}

FacilityState Deal::facility_state(std::uint32_t facility, Position at) const {
  const auto* c = last_at(facility_changes_.of(facility), at);
  return c ? c->state : FacilityState{};
}

FacilityState Deal::program_state(std::uint32_t program, Position at) const {
  const auto facilities = program_facilities(program);
  if (facilities.empty()) {
    const auto* c = last_at(program_changes_.of(program), at);
    return c ? c->state : FacilityState{};
  }
  // A program is in a state when every one of its facilities is.
  FacilityState all;
  all.declared = all.frozen = all.verified = true;
  all.level = 4;
  bool any_dismantled = false;
  bool all_complete = true;
  bool first = true;
  for (std::uint32_t f : facilities) {
    const FacilityState s = facility_state(f, at);
    all.declared = all.declared && s.declared;
    all.frozen = all.frozen && s.frozen;
    all.verified = all.verified && s.verified;
    all.level = std::min(all.level, s.level);
    any_dismantled = any_dismantled || s.dismantled != Dismantlement::none;
    all_complete = all_complete && s.dismantled == Dismantlement::complete;
    if (first) {
      all.verifiers = s.verifiers;
      first = false;
    } else {
      all.verifiers.keep_if([&](std::string_view v) { return s.verified_by(v); });
    }
  }
  all.dismantled = all_complete ? Dismantlement::complete
                   : any_dismantled ? Dismantlement::partial
                                    : Dismantlement::none;
  if (!all.verified) all.verifiers.clear();
  return all;
}

namespace {
const FacilityState kUntouched{};
const SanctionState kInForce{};
const BenefitState kNotProvided{};
}  // namespace

const FacilityState& Deal::facility_state_ref(std::uint32_t facility, Position at) const {
  const auto* c = last_at(facility_changes_.of(facility), at);
  return c ? c->state : kUntouched;
}

const SanctionState& Deal::sanction_state_ref(std::uint32_t sanction, Position at) const {
  const auto* c = last_at(sanction_changes_.of(sanction), at);
  return c ? c->state : kInForce;
}

const BenefitState& Deal::benefit_state_ref(std::uint32_t benefit, Position at) const {
  const auto* c = last_at(benefit_changes_.of(benefit), at);
  return c ? c->state : kNotProvided;
}

SanctionState Deal::sanction_state(std::uint32_t sanction, Position at) const {
  const auto* c = last_at(sanction_changes_.of(sanction), at);
  return c ? c->state : SanctionState{};
}

BenefitState Deal::benefit_state(std::uint32_t benefit, Position at) const {
  const auto* c = last_at(benefit_changes_.of(benefit), at);
  return c ? c->state : BenefitState{};
}

std::optional<std::uint32_t> Deal::last_change(Domain d, std::uint32_t l, Position at) const {
  auto pick = [&](const auto& changes) -> std::optional<std::uint32_t> {
    const auto* c = last_at(changes, at);
    if (!c) return std::nullopt;
    return c->clause;
  };
  switch (d) {
    case Domain::facility: return pick(facility_changes_.of(l));
    case Domain::sanction: return pick(sanction_changes_.of(l));
    case Domain::benefit: return pick(benefit_changes_.of(l));
    case Domain::program: {
      std::optional<std::uint32_t> best = pick(program_changes_.of(l));
      for (std::uint32_t f : program_facilities(l)) {
        auto c = pick(facility_changes_.of(f));
        auto later = [&](std::uint32_t a, std::uint32_t b) {
          return clauses_[a].step != clauses_[b].step ? clauses_[a].step > clauses_[b].step : a > b;
        };
        if (c && (!best || later(*c, *best))) best = c;
      }
      return best;
    }
    default: return std::nullopt;
  }
}

}  // namespace terms::engine
