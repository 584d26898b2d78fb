#include "engine/evaluate.hpp"

#include <algorithm>
#include <limits>
#include <cmath>
#include <forward_list>
#include <optional>

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
  // Conversion and removal count as complete dismantlement; the words say which.
  if (s.converted) parts.emplace_back("converted to civilian use");
  if (s.removed) parts.emplace_back("removed");
  if (s.dismantled == Dismantlement::complete && !s.converted && !s.removed) {
    parts.emplace_back("dismantled completely");
  }
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

namespace {

std::string_view describe_words(const SanctionState& s) {
  switch (s.status) {
    case SanctionStatus::in_force: return s.retained ? "in force (retained)" : "in force";
    case SanctionStatus::eased: return s.snapback ? "eased, with snapback" : "eased";
    case SanctionStatus::suspended: return s.snapback ? "suspended, with snapback" : "suspended";
    case SanctionStatus::lifted: return "lifted";
  }
  return "?";
}

}  // namespace

std::string describe(const SanctionState& s) { return std::string(describe_words(s)); }

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

// What evidence says its subject is. Two subjects are the same exactly when
// their texts are: a literal is shown as is, a name in backticks, a step as
// "step `name`".
struct Subject {
  enum class Kind : std::uint8_t { literal, name, step };
  Kind kind = Kind::literal;
  std::string_view text;
  friend bool operator==(const Subject&, const Subject&) = default;
};

// The note on an element's state: none, " (after this clause: STATE)" or
// " (no clause changes it: STATE)".
enum class NoteKind : std::uint8_t { none, after_clause, no_clause };
enum class StateKind : std::uint8_t { none, facility, words };

// One piece of evidence before merging: what is said of a subject at a span.
// Items with the same span and the same words are merged into one label that
// lists their subjects ("`unsc-1718`, `unsc-1874` and 13 more are lifted ...").
// Items hold no strings of their own: the label of an item is written only if
// it is among the evidence shown (see Merger).
struct Item {
  Span span;
  Subject subject;                   // "`yongbyon`", "this clause"
  std::uint32_t says = 0;            // says_one, interned: same words, same id
  const std::string* says_one = nullptr;   // "is not in force at end"
  const std::string* says_many = nullptr;  // "are not in force at end"
  NoteKind note = NoteKind::none;
  StateKind state = StateKind::none;
  std::string_view words;                   // StateKind::words: the state described
  const FacilityState* facility = nullptr;  // StateKind::facility
};

struct Outcome {
  bool value = false;
  std::string reason;
  std::vector<Item> evidence;
};

// Whether two facility states read the same (describe() gives the same text).
bool same_description(const FacilityState& a, const FacilityState& b) {
  if (a.declared != b.declared || a.frozen != b.frozen || a.dismantled != b.dismantled) return false;
  if (a.converted != b.converted || a.removed != b.removed) return false;
  const bool untouched = !a.declared && !a.frozen && a.dismantled == Dismantlement::none;
  if (untouched) return true;  // "untouched", whatever the verification
  if (a.verified != b.verified) return false;
  return !a.verified || a.verifiers == b.verifiers;
}

bool same_note(const Item& a, const Item& b) {
  if (a.note != b.note || a.state != b.state) return false;
  switch (a.state) {
    case StateKind::none: return true;
    case StateKind::words: return a.words == b.words;
    case StateKind::facility: return same_description(*a.facility, *b.facility);
  }
  return false;
}

std::string note_text(const Item& it) {
  if (it.note == NoteKind::none) return {};
  std::string state;
  switch (it.state) {
    case StateKind::none: break;
    case StateKind::words: state = it.words; break;
    case StateKind::facility: state = describe(*it.facility); break;
  }
  return it.note == NoteKind::after_clause ? fmt::format(" (after this clause: {})", state)
                                           : fmt::format(" (no clause changes it: {})", state);
}

void append_subject(std::string& out, const Subject& s) {
  switch (s.kind) {
    case Subject::Kind::literal: out += s.text; return;
    case Subject::Kind::name:
      out += '`';
      out += s.text;
      out += '`';
      return;
    case Subject::Kind::step:
      out += "step `";
      out += s.text;
      out += '`';
      return;
  }
}

// Groups items by span, words and note, in order of first appearance, with
// up to 64 distinct subjects each; writes the labels of the first `shown`
// groups only and counts the others. Buffers are kept between calls.
class Merger {
 public:
  // `shown`: how many merged items to keep (the rest are counted in `omitted`).
  // With `shown` unlimited (`terms explain`, `check --all`), every label also
  // names all its subjects instead of "`a`, `b`, `c` and N more".
  std::vector<Evidence> merge(const std::vector<Item>& items, std::size_t shown, std::size_t& omitted) {
    const bool full = shown == std::numeric_limits<std::size_t>::max();
    const std::uint32_t group_cap = full ? std::numeric_limits<std::uint32_t>::max() : 64;
    groups_.clear();
    next_.assign(items.size(), kNone);
    std::size_t capacity = 16;
    while (capacity < items.size() * 2) capacity *= 2;
    slots_.assign(capacity, kNone);
    const std::size_t mask = capacity - 1;
    for (std::uint32_t n = 0; n < items.size(); ++n) {
      const Item& it = items[n];
      std::size_t h = (static_cast<std::size_t>(it.span.file) * 0x9E3779B97F4A7C15ull) ^
                      (static_cast<std::size_t>(it.span.begin) * 0xC2B2AE3D27D4EB4Full) ^
                      (static_cast<std::size_t>(it.span.end) << 17) ^ (static_cast<std::size_t>(it.says) << 40) ^
                      static_cast<std::size_t>(it.note);
      h ^= h >> 29;
      std::size_t slot = h & mask;
      std::uint32_t g = kNone;
      while (slots_[slot] != kNone) {
        const Item& first = items[groups_[slots_[slot]].first];
        if (first.span == it.span && first.says == it.says && same_note(first, it)) {
          g = slots_[slot];
          break;
        }
        slot = (slot + 1) & mask;
      }
      if (g == kNone) {
        slots_[slot] = static_cast<std::uint32_t>(groups_.size());
        groups_.push_back(Group{n, n, 1});
        continue;
      }
      Group& group = groups_[g];
      if (group.size >= group_cap) continue;
      bool dup = false;
      for (std::uint32_t x = group.first; x != kNone && !dup; x = next_[x]) dup = items[x].subject == it.subject;
      if (dup) continue;
      next_[group.last] = n;
      group.last = n;
      ++group.size;
    }
    omitted = groups_.size() > shown ? groups_.size() - shown : 0;
    std::vector<Evidence> out;
    out.reserve(std::min(shown, groups_.size()));
    for (std::size_t k = 0; k < groups_.size() && k < shown; ++k) {
      const Group& g = groups_[k];
      const Item& first = items[g.first];
      std::string label;
      const std::size_t count = full || g.size <= 4 ? g.size : 3;
      std::uint32_t x = g.first;
      for (std::size_t i = 0; i < count; ++i, x = next_[x]) {
        label += i == 0 ? "" : (i + 1 == count && count == g.size) ? " and " : ", ";
        append_subject(label, items[x].subject);
      }
      if (count < g.size) label += fmt::format(" and {} more", g.size - count);
      label += ' ';
      label += g.size == 1 ? *first.says_one : *first.says_many;
      label += note_text(first);
      out.push_back(Evidence{first.span, std::move(label)});
    }
    return out;
  }

 private:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  struct Group {
    std::uint32_t first;  // the first item, whose words the label uses
    std::uint32_t last;   // the last distinct subject so far
    std::uint32_t size;   // distinct subjects (at most 64, unless every subject is shown)
  };
  std::vector<Group> groups_;
  std::vector<std::uint32_t> next_;   // next distinct subject of the same group
  std::vector<std::uint32_t> slots_;  // open addressing: group indices
};

const std::string kBuiltOnOne = "is built on";
const std::string kBuiltOnMany = "are built on";
const std::string kNamesEarlierOne = "names an earlier agreement";
const std::string kNamesEarlierMany = "name an earlier agreement";

// Evaluates formulas over one deal. With `explain` off, only truth values are
// computed (no reasons, no evidence); phrase sets are computed once and kept
// for the whole deal, so that a condition can be evaluated again with
// explanations at little cost.
class Evaluator {
 public:
  Evaluator(const CompiledProfile& profile, const Deal& deal)
      : deal_(deal), sets_(scratch_sets()) {
    // The phrase sets of the previous deal evaluated on this thread, emptied:
    // their buffers are reused.
    if (sets_.size() < profile.phrase_count) sets_.resize(profile.phrase_count);
    for (PhraseSet& s : sets_) {
      s.ready = false;
      s.base.clear();
      s.members.clear();
      s.in.clear();
      s.positions.clear();
    }
  }

  void explain(bool on) { explain_ = on; }

  Outcome formula(const CFormula& f) {
    using K = ast::Formula::Kind;
    switch (f.kind) {
      case K::all_of: return all_of(f);
      case K::any_of: return any_of(f);
      case K::negation: {
        ++no_fixes_;  // under `not`, growing a share may break the formula
        Outcome o = formula(*f.operands.at(0));
        --no_fixes_;
        o.value = !o.value;
        return o;
      }
      case K::implication: return implication(f);
      case K::constant: {
        Outcome o{f.constant, {}, {}};
        if (explain_) o.reason = fmt::format("`{}` is a constant", f.constant ? "true" : "false");
        return o;
      }
      case K::quantified: return quantified(f);
      case K::comparison: return comparison(f);
      case K::builds_on: return builds_on(f);
    }
    return {};
  }

 private:
  const Deal& deal_;
  std::vector<PhraseSet>& sets_;

  static std::vector<PhraseSet>& scratch_sets() {
    thread_local std::vector<PhraseSet> sets;
    return sets;
  }
  bool explain_ = true;
  int no_fixes_ = 0;  // > 0: inside an `if` part or a `not`, where shares list no fixes
  std::vector<std::string_view> words_;   // interned says_one texts
  std::forward_list<std::string> strings_;   // words made here ("is one of the steps")
  std::forward_list<FacilityState> states_;  // program states, which the deal computes on demand

  std::uint32_t intern(const std::string& words) {
    for (std::uint32_t i = 0; i < words_.size(); ++i) {
      if (words_[i] == words) return i;
    }
    words_.push_back(words);
    return static_cast<std::uint32_t>(words_.size() - 1);
  }

  const std::string* keep(std::string s) {
    strings_.push_front(std::move(s));
    return &strings_.front();
  }

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

  Subject element_subject(Domain d, std::uint32_t i) const {
    switch (d) {
      case Domain::clause: return {Subject::Kind::literal, "this clause"};
      case Domain::step: {
        const DealStep& s = deal_.steps()[i];
        if (s.implicit()) return {Subject::Kind::literal, "the implicit step (clauses outside any step)"};
        return {Subject::Kind::step, s.name};
      }
      case Domain::agreement: return {Subject::Kind::name, deal_.builds_on()[i]->name.name};
      default: return {Subject::Kind::name, deal_.name(entity(d, i))};
    }
  }

  // The span that shows an element, and a note on its state at `at`.
  Item element_evidence(Domain d, std::uint32_t i, Position at, std::uint32_t says, const std::string* says_one,
                        const std::string* says_many) {
    Item e;
    e.subject = element_subject(d, i);
    e.says = says;
    e.says_one = says_one;
    e.says_many = says_many;
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
    switch (d) {
      case Domain::facility:
        e.state = StateKind::facility;
        e.facility = &deal_.facility_state_ref(i, at);
        break;
      case Domain::program:
        e.state = StateKind::facility;
        states_.push_front(deal_.program_state(i, at));
        e.facility = &states_.front();
        break;
      case Domain::sanction:
        e.state = StateKind::words;
        e.words = describe_words(deal_.sanction_state_ref(i, at));
        break;
      case Domain::benefit:
        e.state = StateKind::words;
        e.words = deal_.benefit_state_ref(i, at).provided ? "provided" : "not provided";
        break;
      default: break;
    }
    if (changed) {
      e.span = deal_.clauses()[*changed].syntax->span;
      e.note = NoteKind::after_clause;
    } else {
      e.span = deal_.decl_span(entity(d, i));
      e.note = NoteKind::no_clause;
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
      // Sorted by counting: positions are steps (0 .. end()).
      std::vector<std::uint32_t> per_step(deal_.steps().size(), 0);
      for (std::uint32_t i : s.members) ++per_step[static_cast<std::size_t>(deal_.clauses()[i].step)];
      s.positions.reserve(s.members.size());
      for (std::size_t p = 0; p < per_step.size(); ++p) s.positions.insert(s.positions.end(), per_step[p], static_cast<Position>(p));
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

  // `verified independently`: some named verifier is not of a party to the
  // agreement (a party that makes or gets something in a clause). A declared
  // verifier is of the party after its `of`, or of none; a party verifies as itself.
  bool independent(const VerifierList& verifiers) {
    const Workspace& ws = deal_.workspace();
    for (std::string_view v : verifiers) {
      const auto id = ws.lookup(deal_.unit(), v);
      if (!id) continue;
      const Entity& e = ws.entity(*id);
      EntityId whose = kNoEntity;
      if (e.kind == ast::DeclKind::party) whose = *id;
      else if (e.kind == ast::DeclKind::verifier) whose = e.owner;
      else continue;
      if (whose == kNoEntity || !party_to_agreement(whose)) return true;
    }
    return false;
  }
  bool party_to_agreement(EntityId party) {
    for (const DealClause& c : deal_.clauses()) {
      if (std::find(c.actors.begin(), c.actors.end(), party) != c.actors.end()) return true;
    }
    return false;
  }

  bool state(const CPredicate& p, Domain d, std::uint32_t i, Position at) {
    if (d == Domain::clause) {
      const DealClause& c = deal_.clauses()[i];
      switch (p.state) {
        case StateWord::verified:
          return c.verified && (p.verifier.empty() || c.verified_by(p.verifier)) &&
                 (!p.independent || independent(c.verifiers));
        case StateWord::unverified: return !c.verified;
        case StateWord::partial: return c.verb == ast::Verb::dismantle && c.partial;
        case StateWord::complete:
          return (c.verb == ast::Verb::dismantle && !c.partial) || c.verb == ast::Verb::convert ||
                 c.verb == ast::Verb::remove;
        default: return false;
      }
    }
    if (d == Domain::facility || d == Domain::program) {
      FacilityState program;
      if (d == Domain::program) program = deal_.program_state(i, at);
      const FacilityState& s = d == Domain::facility ? deal_.facility_state_ref(i, at) : program;
      switch (p.state) {
        case StateWord::active: return s.active();
        case StateWord::declared: return s.declared;
        case StateWord::frozen: return s.frozen;
        case StateWord::dismantled:
          if (!p.dismantlement) return s.dismantled != Dismantlement::none;
          return s.dismantled == *p.dismantlement;
        case StateWord::verified:
          return (p.verifier.empty() ? s.verified : s.verified_by(p.verifier)) &&
                 (!p.independent || independent(s.verifiers));
        case StateWord::converted: return s.converted;
        case StateWord::removed: return s.removed;
        case StateWord::unverified: return !s.verified;
        default: return false;
      }
    }
    if (d == Domain::sanction) {
      const SanctionState& s = deal_.sanction_state_ref(i, at);
      const bool snapback_ok = !p.snapback || *p.snapback == s.snapback;
      switch (p.state) {
        case StateWord::in_force: return s.in_force();
        case StateWord::in_full_force: return s.status == SanctionStatus::in_force;
        case StateWord::relieved: return s.status != SanctionStatus::in_force;
        case StateWord::eased: return s.status == SanctionStatus::eased && snapback_ok;
        case StateWord::suspended: return s.status == SanctionStatus::suspended && snapback_ok;
        case StateWord::lifted: return s.status == SanctionStatus::lifted;
        case StateWord::retained: return s.retained && s.in_force();
        default: return false;
      }
    }
    if (d == Domain::benefit) return p.state == StateWord::provided && deal_.benefit_state_ref(i, at).provided;
    return false;
  }

  // How far a thing has a property, for shares (see kPartialDismantlementFraction).
  double degree(const CPredicate& p, Domain d, std::uint32_t i, Position at) {
    using K = CPredicate::Kind;
    switch (p.kind) {
      case K::all_of: {
        double v = 1;
        for (const auto& o : p.operands) {
          v = std::min(v, degree(*o, d, i, at));
          if (v == 0) break;
        }
        return v;
      }
      case K::any_of: {
        double v = 0;
        for (const auto& o : p.operands) {
          v = std::max(v, degree(*o, d, i, at));
          if (v == 1) break;
        }
        return v;
      }
      case K::negation: return p.operands.empty() ? 1.0 : 1.0 - degree(*p.operands[0], d, i, at);
      case K::at_moment: return p.operands.empty() ? 1.0 : degree(*p.operands[0], d, i, moment(*p.moment));
      case K::state:
        if ((d == Domain::facility || d == Domain::program) && p.state == StateWord::dismantled && !p.dismantlement) {
          FacilityState program;
          if (d == Domain::program) program = deal_.program_state(i, at);
          const FacilityState& s = d == Domain::facility ? deal_.facility_state_ref(i, at) : program;
          if (s.dismantled == Dismantlement::complete) return 1.0;
          return s.dismantled == Dismantlement::partial ? kPartialDismantlementFraction : 0.0;
        }
        if (d == Domain::sanction && p.state == StateWord::relieved) {
          const SanctionState& s = deal_.sanction_state_ref(i, at);
          if (s.status == SanctionStatus::in_force) return 0.0;
          return s.status == SanctionStatus::eased ? kEasedReliefFraction : 1.0;
        }
        return test(p, d, i, at) ? 1.0 : 0.0;
      default: return test(p, d, i, at) ? 1.0 : 0.0;
    }
  }

  // A thing's weight in shares: a sanction's declared weight, 1 otherwise.
  double weight(Domain d, std::uint32_t i) const {
    if (d == Domain::sanction) return deal_.weight(entity(d, i));
    return 1.0;
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
  static void append(std::vector<Item>& to, std::vector<Item>&& from) {
    if (to.empty()) {
      to = std::move(from);
      return;
    }
    to.insert(to.end(), from.begin(), from.end());
  }

  Outcome all_of(const CFormula& f) {
    Outcome out{true, {}, {}};
    if (!explain_) {
      for (const auto& o : f.operands) {
        if (!formula(*o).value) return Outcome{false, {}, {}};
      }
      return out;
    }
    std::vector<Outcome> parts;
    parts.reserve(f.operands.size());
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
    // The first operand that holds explains; the ones after it do not matter.
    std::vector<Outcome> parts;
    if (explain_) parts.reserve(f.operands.size());
    for (const auto& o : f.operands) {
      Outcome p = formula(*o);
      if (p.value) {
        p.value = true;
        return p;
      }
      if (explain_) parts.push_back(std::move(p));
    }
    for (auto& p : parts) {
      out.reason += out.reason.empty() ? p.reason : "; and " + p.reason;
      append(out.evidence, std::move(p.evidence));
    }
    return out;
  }

  Outcome implication(const CFormula& f) {
    ++no_fixes_;  // what would make an `if` part hold fixes nothing
    Outcome premise = formula(*f.operands.at(0));
    --no_fixes_;
    if (!premise.value) {
      premise.value = true;
      if (explain_) premise.reason = fmt::format("the `if` part does not hold: {}", premise.reason);
      return premise;
    }
    Outcome conclusion = formula(*f.operands.at(1));
    Outcome out;
    out.value = conclusion.value;
    if (!explain_) return out;
    out.reason = fmt::format("{}, {} {}", premise.reason, conclusion.value ? "and" : "but", conclusion.reason);
    out.evidence = std::move(conclusion.evidence);
    // An `if` that only says the things exist ("if some relief clause") adds
    // nothing the conclusion's evidence does not show.
    const CFormula& p = *f.operands.at(0);
    const bool bare = p.kind == ast::Formula::Kind::quantified && !p.verb_phrase;
    if (!bare) append(out.evidence, std::move(premise.evidence));
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
    const CPredicate* predicate = vp && vp->predicate ? vp->predicate.get() : nullptr;
    const Position end = deal_.end();

    if (!explain_) {
      if (!predicate) {
        out.value = quantifier_holds(q.kind, q.count, n, n);
        return out;
      }
      // `every`, `some` and `no` are decided by the first member that breaks
      // or meets them; counts need every member.
      switch (q.kind) {
        case QK::every:
        case QK::some:
        case QK::no: {
          const bool wanted = q.kind != QK::every;  // the answer that decides
          bool found = false;
          for (std::uint32_t i : s.members) {
            if (test(*predicate, np.domain, i, end) == wanted) {
              found = true;
              break;
            }
          }
          out.value = q.kind == QK::some ? found : !found;
          return out;
        }
        default: break;
      }
      std::size_t k = 0;
      for (std::uint32_t i : s.members) k += test(*predicate, np.domain, i, end) ? 1 : 0;
      out.value = quantifier_holds(q.kind, q.count, k, n);
      return out;
    }

    // The moment the verb phrase reads states at, for the evidence's notes.
    Position at = end;
    if (predicate && predicate->kind == CPredicate::Kind::at_moment) at = moment(*predicate->moment);

    std::vector<std::uint32_t> yes, no;
    for (std::uint32_t i : s.members) {
      if (!predicate || test(*predicate, np.domain, i, end)) {
        yes.push_back(i);
      } else {
        no.push_back(i);
      }
    }
    const std::size_t k = yes.size();
    out.value = quantifier_holds(q.kind, q.count, k, n);

    auto evidence_for = [&](const std::vector<std::uint32_t>& items, bool affirm) {
      if (items.empty()) return;
      const std::string* one = nullptr;
      const std::string* many = nullptr;
      if (vp) {
        one = affirm ? &vp->affirm_one : &vp->deny_one;
        many = affirm ? &vp->affirm_many : &vp->deny_many;
      } else {
        one = keep(fmt::format("is one of the {}", np.plural));
        many = keep(fmt::format("are among the {}", np.plural));
      }
      const std::uint32_t says = intern(*one);
      out.evidence.reserve(out.evidence.size() + items.size());
      for (std::uint32_t i : items) out.evidence.push_back(element_evidence(np.domain, i, at, says, one, many));
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
      // Say plainly that the formula holds of nothing: a policy writer must
      // not read it as a check that passed.
      if (q.kind == QK::every || q.kind == QK::no) {
        out.reason = fmt::format("there is no {}, so `{}` holds only because it has nothing to check", np.singular,
                                 f.text);
      }
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
    if (predicate && predicate->kind == CPredicate::Kind::at_moment) {
      out.reason += moment_note(*predicate->moment);
    }
    return out;
  }

  struct Value {
    double value = 0;
    std::string text;   // "`share of sanctions lifted at end` is 100% (17 of 17 sanctions)"
    std::string shown;  // "100%"
    std::vector<Item> evidence;
  };

  // `fixes`: also list the things that do not count in full yet, which would
  // raise the share (a failing comparison wants this side higher).
  Value numeric(const CNumeric& n, bool fixes = false) {
    Value v;
    bool fraction = n.percent;  // shown as a percentage
    switch (n.kind) {
      case ast::Numeric::Kind::literal:
        v.value = n.value;
        if (explain_) v.text = n.percent ? percent(n.value) : number(n.value);
        break;
      case ast::Numeric::Kind::count:
      case ast::Numeric::Kind::share: {
        if (!n.phrase) break;
        const PhraseSet& s = set(*n.phrase);
        const std::size_t k = s.members.size();
        const std::size_t total = s.base.size();
        // Degrees of the members (only shares weigh them).
        std::vector<double> part;
        if (n.kind == ast::Numeric::Kind::count) {
          v.value = static_cast<double>(k);
          if (explain_) v.text = fmt::format("`{}` is {}", n.text, k);
        } else {
          fraction = true;
          const Domain d = n.phrase->domain;
          const Position end = deal_.end();
          double sum = 0, whole = 0;
          bool plain = true;  // every weight 1 and every degree 0 or 1
          part.assign(domain_size(d), 0.0);
          for (std::uint32_t i : s.base) {
            const double w = weight(d, i);
            const double g = !s.in[i] ? 0.0 : n.phrase->relative ? degree(*n.phrase->relative, d, i, end) : 1.0;
            part[i] = g;
            whole += w;
            sum += w * g;
            plain = plain && w == 1.0 && (g == 0.0 || g == 1.0);
          }
          v.value = whole == 0 ? 0.0 : sum / whole;
          if (explain_) {
            v.text = plain ? fmt::format("`{}` is {} ({} of {} {})", n.text, percent(v.value), k, total,
                                         n.phrase->plural_without_relative)
                           : fmt::format("`{}` is {} ({} of {} {}, counting {} of a weight of {})", n.text,
                                         percent(v.value), k, total, n.phrase->plural_without_relative,
                                         number(sum), number(whole));
          }
        }
        if (explain_ && !s.members.empty()) {
          const std::string* one = keep(fmt::format("counts among the {}", n.phrase->plural));
          const std::string* many = keep(fmt::format("count among the {}", n.phrase->plural));
          const std::string* part_one = keep(fmt::format("counts only in part among the {}", n.phrase->plural));
          const std::string* part_many = keep(fmt::format("count only in part among the {}", n.phrase->plural));
          const std::uint32_t says = intern(*one);
          const std::uint32_t says_part = intern(*part_one);
          v.evidence.reserve(s.members.size());
          for (std::uint32_t i : s.members) {
            const bool in_part = !part.empty() && part[i] < 1.0;
            v.evidence.push_back(element_evidence(n.phrase->domain, i, deal_.end(), in_part ? says_part : says,
                                                  in_part ? part_one : one, in_part ? part_many : many));
          }
        }
        if (explain_ && fixes && n.kind == ast::Numeric::Kind::share && n.phrase->relative) {
          // What would make the share hold: the things that do not count in
          // full yet, listed first (those that count in part say so already).
          const std::string* one = keep(fmt::format("does not count yet among the {}", n.phrase->plural));
          const std::string* many = keep(fmt::format("do not count yet among the {}", n.phrase->plural));
          const std::uint32_t says = intern(*one);
          std::vector<Item> missing;
          std::size_t short_of_whole = 0;
          for (std::uint32_t i : s.base) {
            if (s.in[i] && part[i] >= 1.0) continue;
            ++short_of_whole;
            if (!s.in[i]) missing.push_back(element_evidence(n.phrase->domain, i, deal_.end(), says, one, many));
          }
          if (short_of_whole > 0) {
            v.text += fmt::format("; {} {} {} not count in full yet", short_of_whole,
                                  short_of_whole == 1 ? n.phrase->singular_without_relative
                                                      : n.phrase->plural_without_relative,
                                  short_of_whole == 1 ? "does" : "do");
          }
          append(missing, std::move(v.evidence));
          v.evidence = std::move(missing);
        }
        break;
      }
    }
    if (n.factor && n.kind != ast::Numeric::Kind::literal) {
      v.value *= *n.factor;
      if (explain_) {
        v.text = fmt::format("{}, times {} is {}", v.text, number(*n.factor),
                             fraction ? percent(v.value) : number(v.value));
      }
    } else if (n.factor) {
      v.value *= *n.factor;
      if (explain_) v.text = fraction ? percent(v.value) : number(v.value);
    }
    if (!explain_) return v;
    v.shown = fraction ? percent(v.value) : number(v.value);
    if (n.kind == ast::Numeric::Kind::literal && !n.factor) v.text.clear();
    return v;
  }

  static bool compare(ast::Comparison c, double a, double b) {
    // Shares are sums of fractions: compare with a tolerance, so that 90% of
    // a weight is "at least 90%".
    constexpr double eps = 1e-9;
    switch (c) {
      case ast::Comparison::le: return a <= b + eps;
      case ast::Comparison::ge: return a + eps >= b;
      case ast::Comparison::lt: return a + eps < b;
      case ast::Comparison::gt: return a > b + eps;
      case ast::Comparison::eq: return std::fabs(a - b) <= eps;
      case ast::Comparison::ne: return std::fabs(a - b) > eps;
    }
    return false;
  }

  Outcome comparison(const CFormula& f) {
    Outcome out;
    if (!explain_) {
      out.value = compare(f.comparison, numeric(*f.lhs).value, numeric(*f.rhs).value);
      return out;
    }
    // A failing comparison lists what would fix it on the side that must grow.
    const bool fixes = no_fixes_ == 0;
    const bool lhs_low = fixes && (f.comparison == ast::Comparison::ge || f.comparison == ast::Comparison::gt);
    const bool rhs_low = fixes && (f.comparison == ast::Comparison::le || f.comparison == ast::Comparison::lt);
    const bool holds = compare(f.comparison, numeric(*f.lhs).value, numeric(*f.rhs).value);
    Value l = numeric(*f.lhs, !holds && lhs_low);
    Value r = numeric(*f.rhs, !holds && rhs_low);
    const double a = l.value;
    const double b = r.value;
    out.value = holds;
    const char* relation = std::fabs(a - b) <= 1e-9 ? "equal to" : a < b ? "less than" : "greater than";
    std::string facts = l.text;
    if (!r.text.empty()) facts += facts.empty() ? r.text : " and " + r.text;
    out.reason = facts.empty() ? fmt::format("{} is {} {}", l.shown, relation, r.shown)
                               : fmt::format("{}: {} is {} {}", facts, l.shown, relation, r.shown);
    // The side that must grow, with what would fix it, comes first.
    const bool rhs_first = !holds && rhs_low;
    out.evidence = std::move(rhs_first ? r.evidence : l.evidence);
    append(out.evidence, std::move(rhs_first ? l.evidence : r.evidence));
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
    if (!explain_) return out;
    if (matched.empty()) {
      out.reason = f.object && f.object->name
                       ? fmt::format("the agreement does not build on `{}`", *f.object->name)
                       : std::string("the agreement builds on no earlier agreement");
      const auto* a = &deal_.agreement();
      Item it;
      it.span = a->name.span;
      it.subject = {Subject::Kind::literal, "no `builds_on` line"};
      it.says = intern(kNamesEarlierOne);
      it.says_one = &kNamesEarlierOne;
      it.says_many = &kNamesEarlierMany;
      out.evidence.push_back(it);
      return out;
    }
    std::string names;
    for (std::uint32_t i : matched) names += fmt::format("{}`{}`", names.empty() ? "" : ", ", list[i]->name.name);
    out.reason = fmt::format("the agreement builds on {}", names);
    const std::uint32_t says = intern(kBuiltOnOne);
    for (std::uint32_t i : matched) {
      out.evidence.push_back(element_evidence(Domain::agreement, i, deal_.end(), says, &kBuiltOnOne, &kBuiltOnMany));
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
  if (deal.date()) {
    result.date = deal.date()->to_string();
    const auto items = deal.agreement().date_items();
    if (!items.empty()) result.date_kind = std::string(ast::to_string(items.front()->kind));
  }
  result.conditions.reserve(profile.conditions.size());
  // One evaluator for the deal: phrase sets are computed once, on first use.
  Evaluator ev(profile, deal);
  thread_local Merger merger;  // its buffers are reused from deal to deal
  for (const auto& c : profile.conditions) {
    ConditionResult r;
    r.id = c.id;
    r.severity = c.severity;
    r.statement = c.statement;
    r.formula = c.formula_text;
    r.condition_span = c.span;
    if (c.formula) {
      ev.explain(options.explain_holding);
      Outcome o = ev.formula(*c.formula);
      if (!o.value && !options.explain_holding) {
        // A failing condition is always explained: evaluate it again, with words.
        ev.explain(true);
        o = ev.formula(*c.formula);
      }
      r.holds = o.value;
      r.reason = std::move(o.reason);
      r.evidence = merger.merge(o.evidence, options.max_evidence, r.omitted);
    }
    result.conditions.push_back(std::move(r));
  }
  result.verdict = verdict_of(result.conditions);
  return result;
}

}  // namespace terms::engine
