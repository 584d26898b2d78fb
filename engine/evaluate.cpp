#include "engine/evaluate.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_set>

#include <fmt/format.h>

namespace terms::engine {

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::acceptable: return "acceptable";
    case Verdict::acceptable_with_reservations: return "acceptable with reservations";
    case Verdict::unacceptable: return "unacceptable";
  }
  return "?";
}

const ConditionResult* AgreementResult::find(std::string_view id) const {
  for (const auto& c : conditions) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

Verdict verdict_of(const std::vector<ConditionResult>& conditions) {
  bool reservations = false;
  for (const auto& c : conditions) {
    if (c.holds) continue;
    if (c.severity == ast::ConditionSeverity::require) return Verdict::unacceptable;
    reservations = true;
  }
  return reservations ? Verdict::acceptable_with_reservations : Verdict::acceptable;
}

std::string describe(const FacilityState& s) {
  std::vector<std::string> parts;
  if (s.declared) parts.emplace_back("declared");
  if (s.frozen) parts.emplace_back("frozen");
  if (s.dismantled == Dismantlement::partial) parts.emplace_back("dismantled partially");
  if (s.dismantled == Dismantlement::complete) parts.emplace_back("dismantled completely");
  if (parts.empty()) return "untouched";
  std::string out;
  for (const auto& p : parts) out += out.empty() ? p : ", " + p;
  if (s.verified) {
    out += s.verifiers.empty() ? ", verified" : ", verified by ";
    for (std::size_t i = 0; i < s.verifiers.size(); ++i) {
      out += fmt::format("{}{}", i ? " and " : "", s.verifiers[i]);
    }
  } else {
    out += ", unverified";
  }
  return out;
}

std::string describe(const SanctionState& s) {
  switch (s.status) {
    case SanctionStatus::in_force: return s.retained ? "in force (retained)" : "in force";
    case SanctionStatus::eased: return s.snapback ? "eased, with snapback" : "eased";
    case SanctionStatus::suspended: return s.snapback ? "suspended, with snapback" : "suspended";
    case SanctionStatus::lifted: return "lifted";
  }
  return "?";
}

std::string describe(const BenefitState& s) { return s.provided ? "provided" : "not provided"; }

namespace {

using QK = ast::QuantifierKind;

bool quantifier_holds(QK kind, std::uint64_t want, std::size_t k, std::size_t n) {
  switch (kind) {
    case QK::every: return k == n;
    case QK::some: return k >= 1;
    case QK::no: return k == 0;
    case QK::at_least: return k >= want;
    case QK::at_most: return k <= want;
    case QK::exactly: return k == want;
    case QK::more_than: return k > want;
    case QK::fewer_than: return k < want;
  }
  return false;
}

std::string count_words(QK kind, std::uint64_t n) {
  switch (kind) {
    case QK::at_least: return fmt::format("at least {}", n);
    case QK::at_most: return fmt::format("at most {}", n);
    case QK::exactly: return fmt::format("exactly {}", n);
    case QK::more_than: return fmt::format("more than {}", n);
    case QK::fewer_than: return fmt::format("fewer than {}", n);
    default: return {};
  }
}

std::string percent(double v) {
  const double p = v * 100.0;
  if (std::fabs(p - std::round(p)) < 1e-9) return fmt::format("{:.0f}%", p);
  return fmt::format("{:.1f}%", p);
}

std::string number(double v) {
  if (std::fabs(v - std::round(v)) < 1e-9) return fmt::format("{:.0f}", v);
  return fmt::format("{:.3g}", v);
}

// The members of one noun phrase in one deal.
struct PhraseSet {
  bool ready = false;
  std::vector<std::uint32_t> base;     // satisfying the adjectives and filters
  std::vector<std::uint32_t> members;  // and the relative clause
  std::vector<char> in;                // membership (members) by index
  std::vector<Position> positions;     // steps: members' positions, sorted
};

// One piece of evidence before merging: what is said of a subject at a span.
// Items with the same span and the same words are merged into one label that
// lists their subjects ("`unsc-1718`, `unsc-1874` and 13 more are lifted ...").
struct Item {
  Span span;
  std::string subject;              // "`yongbyon`", "this clause"
  std::string says_one, says_many;  // "is not in force at end" / "are not in force at end"
  std::string note;                 // " (after this clause: lifted)"
};

struct Outcome {
  bool value = false;
  std::string reason;
  std::vector<Item> evidence;
};

std::vector<Evidence> merge(const std::vector<Item>& items) {
  std::vector<Evidence> out;
  std::vector<std::vector<const Item*>> groups;
  std::unordered_map<std::string, std::size_t> index;
  for (const Item& it : items) {
    const std::string key = fmt::format("{}:{}:{}\x1f{}\x1f{}", it.span.file, it.span.begin, it.span.end,
                                        it.says_one, it.note);
    auto [pos, fresh] = index.emplace(key, groups.size());
    if (fresh) groups.emplace_back();
    auto& g = groups[pos->second];
    bool dup = false;
    for (const Item* x : g) dup = dup || x->subject == it.subject;
    if (!dup && g.size() < 64) g.push_back(&it);
  }
  for (const auto& g : groups) {
    const Item& first = *g.front();
    std::string subjects;
    const std::size_t shown = g.size() > 4 ? 3 : g.size();
    for (std::size_t i = 0; i < shown; ++i) {
      subjects += i == 0 ? "" : (i + 1 == shown && shown == g.size()) ? " and " : ", ";
      subjects += g[i]->subject;
    }
    if (shown < g.size()) subjects += fmt::format(" and {} more", g.size() - shown);
    out.push_back(Evidence{first.span, fmt::format("{} {}{}", subjects, g.size() == 1 ? first.says_one : first.says_many,
                                                   first.note)});
  }
  return out;
}

class Evaluator {
 public:
  Evaluator(const CompiledProfile& profile, const Deal& deal)
      : deal_(deal), sets_(profile.phrase_count) {}

  Outcome formula(const CFormula& f) {
    using K = ast::Formula::Kind;
    switch (f.kind) {
      case K::all_of: return all_of(f);
      case K::any_of: return any_of(f);
      case K::negation: {
        Outcome o = formula(*f.operands.at(0));
        o.value = !o.value;
        return o;
      }
      case K::implication: return implication(f);
      case K::constant:
        return Outcome{f.constant, fmt::format("`{}` is a constant", f.constant ? "true" : "false"), {}};
      case K::quantified: return quantified(f);
      case K::comparison: return comparison(f);
      case K::builds_on: return builds_on(f);
    }
    return {};
  }

 private:
  const Deal& deal_;
  std::vector<PhraseSet> sets_;

  // ---- elements -------------------------------------------------------------------------
  std::size_t domain_size(Domain d) const {
    switch (d) {
      case Domain::clause: return deal_.clauses().size();
      case Domain::step: return deal_.steps().size();
      case Domain::agreement: return deal_.builds_on().size();
      default: return deal_.things(d).size();
    }
  }

  EntityId entity(Domain d, std::uint32_t i) const { return deal_.things(d)[i]; }

  std::string element_name(Domain d, std::uint32_t i) const {
    switch (d) {
      case Domain::clause: return "this clause";
      case Domain::step: {
        const DealStep& s = deal_.steps()[i];
        return s.implicit() ? std::string("the implicit step (clauses outside any step)") : s.display_name();
      }
      case Domain::agreement: return fmt::format("`{}`", deal_.builds_on()[i]->name.name);
      default: return fmt::format("`{}`", deal_.name(entity(d, i)));
    }
  }

  // The span that shows an element, and a note on its state at `at`.
  Item element_evidence(Domain d, std::uint32_t i, Position at, std::string says_one, std::string says_many) const {
    Item e;
    e.subject = element_name(d, i);
    e.says_one = std::move(says_one);
    e.says_many = std::move(says_many);
    switch (d) {
      case Domain::clause:
        e.span = deal_.clauses()[i].syntax->span;
        return e;
      case Domain::step:
        e.span = deal_.steps()[i].header_span;
        return e;
      case Domain::agreement: {
        const ast::Agreement* a = deal_.builds_on()[i];
        e.span = a->name.span;
        for (const ast::Ident* id : deal_.agreement().builds_on()) {
          if (id->name == a->name.name) e.span = id->span;
        }
        return e;
      }
      case Domain::party:
        e.span = deal_.decl_span(entity(d, i));
        return e;
      default: break;
    }
    const auto changed = deal_.last_change(d, i, at);
    std::string state;
    switch (d) {
      case Domain::facility: state = describe(deal_.facility_state(i, at)); break;
      case Domain::program: state = describe(deal_.program_state(i, at)); break;
      case Domain::sanction: state = describe(deal_.sanction_state(i, at)); break;
      case Domain::benefit: state = describe(deal_.benefit_state(i, at)); break;
      default: break;
    }
    if (changed) {
      e.span = deal_.clauses()[*changed].syntax->span;
      e.note = fmt::format(" (after this clause: {})", state);
    } else {
      e.span = deal_.decl_span(entity(d, i));
      e.note = fmt::format(" (no clause changes it: {})", state);
    }
    return e;
  }

  // ---- moments and anchors -----------------------------------------------------------------
  Position moment(const CMoment& m) {
    switch (m.kind) {
      case ast::Moment::Kind::end: return deal_.end();
      case ast::Moment::Kind::start: return kStart;
      case ast::Moment::Kind::after:
      case ast::Moment::Kind::before: {
        const std::optional<Position> p = m.anchor ? anchor_position(*m.anchor) : std::nullopt;
        if (!p) return deal_.end();  // no such step: read the state at the end
        return m.kind == ast::Moment::Kind::after ? *p : *p - 1;
      }
    }
    return deal_.end();
  }

  // " (step `freeze`)": which step a moment like "after the first step that
  // ..." turned out to be, for reasons.
  std::string moment_note(const CMoment& m) {
    if (m.kind != ast::Moment::Kind::after && m.kind != ast::Moment::Kind::before) return {};
    if (!m.anchor || m.anchor->kind == ast::StepAnchor::Kind::named) return {};
    const auto p = anchor_position(*m.anchor);
    if (!p) return " (there is no such step, so the state at the end is read)";
    const DealStep& st = deal_.steps()[static_cast<std::size_t>(*p)];
    return st.implicit() ? std::string(" (the clauses outside any step)") : fmt::format(" (step `{}`)", st.name);
  }

  std::optional<Position> anchor_position(const CAnchor& a) {
    switch (a.kind) {
      case ast::StepAnchor::Kind::named: return deal_.step_position(a.step);
      case ast::StepAnchor::Kind::first:
      case ast::StepAnchor::Kind::last: {
        if (!a.phrase) return std::nullopt;
        const PhraseSet& s = set(*a.phrase);
        if (s.positions.empty()) return std::nullopt;
        return a.kind == ast::StepAnchor::Kind::first ? s.positions.front() : s.positions.back();
      }
      case ast::StepAnchor::Kind::quantified: return std::nullopt;
    }
    return std::nullopt;
  }

  // ---- noun phrases ---------------------------------------------------------------------------
  const PhraseSet& set(const CNounPhrase& np) {
    PhraseSet& s = sets_.at(np.slot);
    if (s.ready) return s;
    const std::size_t n = domain_size(np.domain);
    s.in.assign(n, 0);
    const Position end = deal_.end();
    for (std::uint32_t i = 0; i < n; ++i) {
      bool ok = true;
      for (const auto& f : np.filters) {
        if (!test(*f, np.domain, i, end)) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      s.base.push_back(i);
      if (np.relative && !test(*np.relative, np.domain, i, end)) continue;
      s.members.push_back(i);
      s.in[i] = 1;
    }
    if (np.domain == Domain::step) {
      for (std::uint32_t i : s.members) s.positions.push_back(static_cast<Position>(i));
    } else if (np.domain == Domain::clause) {
      for (std::uint32_t i : s.members) s.positions.push_back(deal_.clauses()[i].step);
      std::sort(s.positions.begin(), s.positions.end());
    }
    s.ready = true;
    return s;
  }

  // How many members of the object phrase a relation reaches, checked against its quantifier.
  bool relation(const CQuantified& q, std::size_t reached) {
    const std::size_t n = q.phrase ? set(*q.phrase).members.size() : 0;
    return quantifier_holds(q.kind, q.count, reached, n);
  }

  bool entity_in(const CQuantified& q, EntityId id) {
    if (!q.phrase) return false;
    const Domain d = q.phrase->domain;
    auto l = deal_.local(id);
    if (!l || deal_.things(d).size() <= *l || deal_.things(d)[*l] != id) return false;
    return set(*q.phrase).in[*l] != 0;
  }

  // ---- predicates ------------------------------------------------------------------------------
  bool test(const CPredicate& p, Domain d, std::uint32_t i, Position at) {
    using K = CPredicate::Kind;
    switch (p.kind) {
      case K::all_of:
        for (const auto& o : p.operands) {
          if (!test(*o, d, i, at)) return false;
        }
        return true;
      case K::any_of:
        for (const auto& o : p.operands) {
          if (test(*o, d, i, at)) return true;
        }
        return false;
      case K::negation: return p.operands.empty() || !test(*p.operands[0], d, i, at);
      case K::at_moment: return p.operands.empty() || test(*p.operands[0], d, i, moment(*p.moment));
      case K::state: return state(p, d, i, at);
      case K::verbs:
        return d == Domain::clause &&
               (p.verbs & (1u << static_cast<unsigned>(deal_.clauses()[i].verb))) != 0;
      case K::side: return side(p.sanctioned_side, d, i);
      case K::kind: return kind(p.name, d, i);
      case K::owner: return owner(p.name, d, i);
      case K::in_step: {
        if (d != Domain::clause) return false;
        const DealStep& s = deal_.steps()[static_cast<std::size_t>(deal_.clauses()[i].step)];
        return !s.implicit() && s.name == p.name;
      }
      case K::in_program: return in_program(p.name, d, i);
      case K::in_steps: {
        if (d != Domain::clause || !p.object || !p.object->quantified) return false;
        const auto& q = *p.object->quantified;
        if (!q.phrase) return false;
        const bool member = set(*q.phrase).in.at(static_cast<std::size_t>(deal_.clauses()[i].step)) != 0;
        return relation(q, member ? 1 : 0);
      }
      case K::snapback: return d == Domain::clause && deal_.clauses()[i].snapback;
      case K::deadline: return d == Domain::clause && deal_.clauses()[i].within_days.has_value();
      case K::within: {
        if (d != Domain::clause) return false;
        const auto& w = deal_.clauses()[i].within_days;
        return w && *w <= p.days;
      }
      case K::holding: return holding(p, d, i) != p.negated;
      case K::targeting: return targeting(p, d, i) != p.negated;
      case K::order: return order(p, d, i);
    }
    return false;
  }

  bool state(const CPredicate& p, Domain d, std::uint32_t i, Position at) {
    if (d == Domain::clause) {
      const DealClause& c = deal_.clauses()[i];
      switch (p.state) {
        case StateWord::verified: return c.verified && (p.verifier.empty() || c.verifier == p.verifier);
        case StateWord::unverified: return !c.verified;
        case StateWord::partial: return c.verb == ast::Verb::dismantle && c.partial;
        case StateWord::complete: return c.verb == ast::Verb::dismantle && !c.partial;
        default: return false;
      }
    }
    if (d == Domain::facility || d == Domain::program) {
      const FacilityState s = d == Domain::facility ? deal_.facility_state(i, at) : deal_.program_state(i, at);
      switch (p.state) {
        case StateWord::active: return s.active();
        case StateWord::declared: return s.declared;
        case StateWord::frozen: return s.frozen;
        case StateWord::dismantled:
          if (!p.dismantlement) return s.dismantled != Dismantlement::none;
          return s.dismantled == *p.dismantlement;
        case StateWord::verified: return p.verifier.empty() ? s.verified : s.verified_by(p.verifier);
        case StateWord::unverified: return !s.verified;
        default: return false;
      }
    }
    if (d == Domain::sanction) {
      const SanctionState s = deal_.sanction_state(i, at);
      const bool snapback_ok = !p.snapback || *p.snapback == s.snapback;
      switch (p.state) {
        case StateWord::in_force: return s.in_force();
        case StateWord::eased: return s.status == SanctionStatus::eased && snapback_ok;
        case StateWord::suspended: return s.status == SanctionStatus::suspended && snapback_ok;
        case StateWord::lifted: return s.status == SanctionStatus::lifted;
        case StateWord::retained: return s.retained && s.in_force();
        default: return false;
      }
    }
    if (d == Domain::benefit) return p.state == StateWord::provided && deal_.benefit_state(i, at).provided;
    return false;
  }

  bool side(bool sanctioned, Domain d, std::uint32_t i) const {
    auto on_side = [&](EntityId party) { return party != kNoEntity && deal_.sanctioned(party) == sanctioned; };
    switch (d) {
      case Domain::clause:
        for (EntityId a : deal_.clauses()[i].actors) {
          if (on_side(a)) return true;
        }
        return false;
      case Domain::party: return on_side(entity(d, i));
      case Domain::facility:
      case Domain::program:
      case Domain::sanction:
      case Domain::benefit: return on_side(deal_.owner_party(entity(d, i)));
      default: return false;
    }
  }

  bool kind(const std::string& k, Domain d, std::uint32_t i) const {
    if (d == Domain::facility || d == Domain::program) return deal_.kind_of(entity(d, i)) == k;
    if (d == Domain::clause) {
      for (EntityId id : deal_.clauses()[i].addressed) {
        if (deal_.kind_of(id) == k) return true;
      }
    }
    return false;
  }

  bool owner(const std::string& name, Domain d, std::uint32_t i) const {
    auto named = [&](EntityId id) { return id != kNoEntity && deal_.name(id) == name; };
    switch (d) {
      case Domain::facility: {
        const EntityId id = entity(d, i);
        return named(deal_.program_of(id)) || named(deal_.owner_party(id));
      }
      case Domain::program:
      case Domain::sanction:
      case Domain::benefit: return named(deal_.owner_party(entity(d, i)));
      case Domain::clause:
        for (EntityId a : deal_.clauses()[i].actors) {
          if (named(a)) return true;
        }
        for (EntityId a : deal_.clauses()[i].addressed) {
          if (named(a) && deal_.workspace().entity(a).kind == ast::DeclKind::program) return true;
        }
        return false;
      default: return false;
    }
  }

  bool in_program(const std::string& name, Domain d, std::uint32_t i) const {
    if (d == Domain::facility) {
      const EntityId p = deal_.program_of(entity(d, i));
      return p != kNoEntity && deal_.name(p) == name;
    }
    if (d == Domain::clause) {
      for (EntityId id : deal_.clauses()[i].addressed) {
        if (deal_.workspace().entity(id).kind == ast::DeclKind::program && deal_.name(id) == name) return true;
      }
    }
    return false;
  }

  bool holding(const CPredicate& p, Domain d, std::uint32_t i) {
    if (d != Domain::step || !p.object || !p.object->quantified || !p.object->quantified->phrase) return false;
    const auto& q = *p.object->quantified;
    const PhraseSet& s = set(*q.phrase);
    std::size_t reached = 0;
    for (std::uint32_t c : deal_.steps()[i].clauses) reached += s.in[c] ? 1 : 0;
    return relation(q, reached);
  }

  bool targeting(const CPredicate& p, Domain d, std::uint32_t i) {
    if (d != Domain::clause || !p.object) return false;
    const DealClause& c = deal_.clauses()[i];
    if (p.object->name) {
      for (EntityId id : c.addressed) {
        if (deal_.name(id) == *p.object->name) return true;
      }
      return false;
    }
    if (!p.object->quantified) return false;
    const auto& q = *p.object->quantified;
    std::size_t reached = 0;
    for (EntityId id : c.addressed) reached += entity_in(q, id) ? 1 : 0;
    return relation(q, reached);
  }

  bool order(const CPredicate& p, Domain d, std::uint32_t i) {
    if (!p.anchor) return false;
    const Position here = d == Domain::step ? static_cast<Position>(i) : deal_.clauses()[i].step;
    auto compare = [&](Position there) {
      switch (p.order) {
        case ast::StepOrder::after: return here > there;
        case ast::StepOrder::before: return here < there;
        case ast::StepOrder::at_or_after: return here >= there;
        case ast::StepOrder::at_or_before: return here <= there;
      }
      return false;
    };
    if (p.anchor->kind != ast::StepAnchor::Kind::quantified) {
      const auto there = anchor_position(*p.anchor);
      return there && compare(*there);
    }
    const auto& q = *p.anchor->quantified;
    if (!q.phrase) return false;
    const auto& pos = set(*q.phrase).positions;
    std::size_t reached = 0;
    switch (p.order) {
      case ast::StepOrder::after:
        reached = static_cast<std::size_t>(std::lower_bound(pos.begin(), pos.end(), here) - pos.begin());
        break;
      case ast::StepOrder::at_or_after:
        reached = static_cast<std::size_t>(std::upper_bound(pos.begin(), pos.end(), here) - pos.begin());
        break;
      case ast::StepOrder::before:
        reached = static_cast<std::size_t>(pos.end() - std::upper_bound(pos.begin(), pos.end(), here));
        break;
      case ast::StepOrder::at_or_before:
        reached = static_cast<std::size_t>(pos.end() - std::lower_bound(pos.begin(), pos.end(), here));
        break;
    }
    return relation(q, reached);
  }

  // ---- formulas ----------------------------------------------------------------------------------
  static void append(std::vector<Item>& to, std::vector<Item> from) {
    for (auto& e : from) to.push_back(std::move(e));
  }

  Outcome all_of(const CFormula& f) {
    Outcome out{true, {}, {}};
    std::vector<Outcome> parts;
    for (const auto& o : f.operands) parts.push_back(formula(*o));
    for (const auto& p : parts) out.value = out.value && p.value;
    for (auto& p : parts) {
      if (out.value || !p.value) {
        out.reason += out.reason.empty() ? p.reason : "; " + p.reason;
        append(out.evidence, std::move(p.evidence));
      }
    }
    return out;
  }

  Outcome any_of(const CFormula& f) {
    Outcome out{false, {}, {}};
    std::vector<Outcome> parts;
    for (const auto& o : f.operands) parts.push_back(formula(*o));
    for (auto& p : parts) {
      if (p.value) {
        out.value = true;
        out.reason = std::move(p.reason);
        out.evidence = std::move(p.evidence);
        return out;
      }
    }
    for (auto& p : parts) {
      out.reason += out.reason.empty() ? p.reason : "; and " + p.reason;
      append(out.evidence, std::move(p.evidence));
    }
    return out;
  }

  Outcome implication(const CFormula& f) {
    Outcome premise = formula(*f.operands.at(0));
    if (!premise.value) {
      premise.value = true;
      premise.reason = fmt::format("the `if` part does not hold: {}", premise.reason);
      return premise;
    }
    Outcome conclusion = formula(*f.operands.at(1));
    Outcome out;
    out.value = conclusion.value;
    out.reason = fmt::format("{}, {} {}", premise.reason, conclusion.value ? "and" : "but", conclusion.reason);
    out.evidence = std::move(conclusion.evidence);
    append(out.evidence, std::move(premise.evidence));
    return out;
  }

  Outcome quantified(const CFormula& f) {
    Outcome out;
    const CQuantified& q = *f.quantified;
    if (!q.phrase) return out;
    const CNounPhrase& np = *q.phrase;
    const PhraseSet& s = set(np);
    const std::size_t n = s.members.size();
    const CVerbPhrase* vp = f.verb_phrase ? &*f.verb_phrase : nullptr;
    // The moment the verb phrase reads states at, for the evidence's notes.
    Position at = deal_.end();
    if (vp && vp->predicate && vp->predicate->kind == CPredicate::Kind::at_moment) at = moment(*vp->predicate->moment);

    std::vector<std::uint32_t> yes, no;
    for (std::uint32_t i : s.members) {
      if (!vp || !vp->predicate || test(*vp->predicate, np.domain, i, deal_.end())) {
        yes.push_back(i);
      } else {
        no.push_back(i);
      }
    }
    const std::size_t k = yes.size();
    out.value = quantifier_holds(q.kind, q.count, k, n);

    auto evidence_for = [&](const std::vector<std::uint32_t>& items, bool affirm) {
      for (std::uint32_t i : items) {
        if (vp) {
          out.evidence.push_back(element_evidence(np.domain, i, at, affirm ? vp->affirm_one : vp->deny_one,
                                                  affirm ? vp->affirm_many : vp->deny_many));
        } else {
          out.evidence.push_back(element_evidence(np.domain, i, at, fmt::format("is one of the {}", np.plural),
                                                  fmt::format("are among the {}", np.plural)));
        }
      }
    };

    if (!vp) {
      // "at least 2 steps", "the agreement has a relief clause".
      if (n == 0) {
        out.reason = fmt::format("there are no {}", np.plural);
      } else if (n == 1) {
        out.reason = fmt::format("there is 1 {}", np.singular);
      } else {
        out.reason = fmt::format("there are {} {}", n, np.plural);
      }
      if (q.kind != QK::every && q.kind != QK::some && q.kind != QK::no) {
        out.reason += fmt::format(" ({} required)", count_words(q.kind, q.count));
      }
      evidence_for(s.members, true);
      return out;
    }

    auto share = [&](std::size_t count, bool affirm) {
      const std::string& verb = affirm ? (count == 1 ? vp->affirm_one : vp->affirm_many)
                                       : (count == 1 ? vp->deny_one : vp->deny_many);
      if (n == 1 && count == 1) return fmt::format("the only {} {}", np.singular, verb);
      return fmt::format("{} of the {} {} {}", count, n, np.plural, verb);
    };

    if (n == 0) {
      out.reason = fmt::format("there are no {}", np.plural);
      if (q.kind == QK::every || q.kind == QK::no) out.reason += fmt::format(", so `{}` holds", f.text);
      return out;
    }
    switch (q.kind) {
      case QK::every:
        if (out.value) {
          out.reason = n == 1 ? share(1, true) : fmt::format("all {} {} {}", n, np.plural, vp->affirm_many);
          evidence_for(yes, true);
        } else {
          out.reason = no.size() == n && n > 1
                           ? fmt::format("none of the {} {} {}", n, np.plural, vp->affirm_one)
                           : share(no.size(), false);
          evidence_for(no, false);
        }
        break;
      case QK::some:
        if (out.value) {
          out.reason = share(k, true);
          evidence_for(yes, true);
        } else {
          out.reason = n == 1 ? share(1, false) : fmt::format("none of the {} {} {}", n, np.plural, vp->affirm_one);
          evidence_for(no, false);
        }
        break;
      case QK::no:
        if (out.value) {
          out.reason = n == 1 ? share(1, false) : fmt::format("none of the {} {} {}", n, np.plural, vp->affirm_one);
          evidence_for(no, false);
        } else {
          out.reason = share(k, true);
          evidence_for(yes, true);
        }
        break;
      default:
        out.reason = fmt::format("{} ({} required)", share(k, true), count_words(q.kind, q.count));
        evidence_for(yes, true);
        break;
    }
    if (vp && vp->predicate && vp->predicate->kind == CPredicate::Kind::at_moment) {
      out.reason += moment_note(*vp->predicate->moment);
    }
    return out;
  }

  struct Value {
    double value = 0;
    std::string text;   // "`share of sanctions lifted at end` is 100% (17 of 17 sanctions)"
    std::string shown;  // "100%"
    std::vector<Item> evidence;
  };

  Value numeric(const CNumeric& n) {
    Value v;
    bool fraction = n.percent;  // shown as a percentage
    switch (n.kind) {
      case ast::Numeric::Kind::literal:
        v.value = n.value;
        v.text = n.percent ? percent(n.value) : number(n.value);
        break;
      case ast::Numeric::Kind::count:
      case ast::Numeric::Kind::share: {
        if (!n.phrase) break;
        const PhraseSet& s = set(*n.phrase);
        const std::size_t k = s.members.size();
        const std::size_t total = s.base.size();
        if (n.kind == ast::Numeric::Kind::count) {
          v.value = static_cast<double>(k);
          v.text = fmt::format("`{}` is {}", n.text, k);
        } else {
          fraction = true;
          v.value = total == 0 ? 0.0 : static_cast<double>(k) / static_cast<double>(total);
          v.text = fmt::format("`{}` is {} ({} of {} {})", n.text, percent(v.value), k, total,
                               n.phrase->plural_without_relative);
        }
        for (std::uint32_t i : s.members) {
          v.evidence.push_back(element_evidence(n.phrase->domain, i, deal_.end(),
                                                fmt::format("counts among the {}", n.phrase->plural),
                                                fmt::format("count among the {}", n.phrase->plural)));
        }
        break;
      }
    }
    if (n.factor && n.kind != ast::Numeric::Kind::literal) {
      v.value *= *n.factor;
      v.text = fmt::format("{}, times {} is {}", v.text, number(*n.factor), fraction ? percent(v.value) : number(v.value));
    } else if (n.factor) {
      v.value *= *n.factor;
      v.text = fraction ? percent(v.value) : number(v.value);
    }
    v.shown = fraction ? percent(v.value) : number(v.value);
    if (n.kind == ast::Numeric::Kind::literal && !n.factor) v.text.clear();
    return v;
  }

  Outcome comparison(const CFormula& f) {
    Value l = numeric(*f.lhs);
    Value r = numeric(*f.rhs);
    Outcome out;
    const double a = l.value;
    const double b = r.value;
    switch (f.comparison) {
      case ast::Comparison::le: out.value = a <= b; break;
      case ast::Comparison::ge: out.value = a >= b; break;
      case ast::Comparison::lt: out.value = a < b; break;
      case ast::Comparison::gt: out.value = a > b; break;
      case ast::Comparison::eq: out.value = a == b; break;
      case ast::Comparison::ne: out.value = a != b; break;
    }
    const char* relation = a < b ? "less than" : a > b ? "greater than" : "equal to";
    std::string facts = l.text;
    if (!r.text.empty()) facts += facts.empty() ? r.text : " and " + r.text;
    out.reason = facts.empty() ? fmt::format("{} is {} {}", l.shown, relation, r.shown)
                               : fmt::format("{}: {} is {} {}", facts, l.shown, relation, r.shown);
    out.evidence = std::move(l.evidence);
    append(out.evidence, std::move(r.evidence));
    return out;
  }

  Outcome builds_on(const CFormula& f) {
    Outcome out;
    const auto& list = deal_.builds_on();
    std::vector<std::uint32_t> matched;
    bool positive = false;
    if (f.object && f.object->name) {
      for (std::uint32_t i = 0; i < list.size(); ++i) {
        if (list[i]->name.name == *f.object->name) matched.push_back(i);
      }
      positive = !matched.empty();
    } else if (f.object && f.object->quantified && f.object->quantified->phrase) {
      const auto& q = *f.object->quantified;
      matched = set(*q.phrase).members;
      positive = relation(q, matched.size());
    }
    out.value = positive != f.negated;
    if (matched.empty()) {
      out.reason = f.object && f.object->name
                       ? fmt::format("the agreement does not build on `{}`", *f.object->name)
                       : std::string("the agreement builds on no earlier agreement");
      const auto* a = &deal_.agreement();
      out.evidence.push_back(Item{a->name.span, "no `builds_on` line", "names an earlier agreement", "name an earlier agreement", ""});
      return out;
    }
    std::string names;
    for (std::uint32_t i : matched) names += fmt::format("{}`{}`", names.empty() ? "" : ", ", list[i]->name.name);
    out.reason = fmt::format("the agreement builds on {}", names);
    for (std::uint32_t i : matched) {
      out.evidence.push_back(element_evidence(Domain::agreement, i, deal_.end(), "is built on", "are built on"));
    }
    return out;
  }
};

}  // namespace

AgreementResult evaluate(const CompiledProfile& profile, const Deal& deal, const EvaluateOptions& options) {
  AgreementResult result;
  result.agreement = deal.agreement().name.name;
  result.name_span = deal.agreement().name.span;
  result.profile = profile.name;
  for (const auto& c : profile.conditions) {
    // Each condition gets a fresh evaluator: phrase sets are shared within a
    // condition only, which keeps memory proportional to one formula.
    Evaluator ev(profile, deal);
    ConditionResult r;
    r.id = c.id;
    r.severity = c.severity;
    r.statement = c.statement;
    r.formula = c.formula_text;
    r.condition_span = c.span;
    if (c.formula) {
      Outcome o = ev.formula(*c.formula);
      r.holds = o.value;
      r.reason = std::move(o.reason);
      std::vector<Evidence> unique = merge(o.evidence);
      if (unique.size() > options.max_evidence) {
        r.omitted = unique.size() - options.max_evidence;
        unique.resize(options.max_evidence);
      }
      r.evidence = std::move(unique);
    }
    result.conditions.push_back(std::move(r));
  }
  result.verdict = verdict_of(result.conditions);
  return result;
}

}  // namespace terms::engine
