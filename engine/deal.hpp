#pragma once
// The deal model: one agreement, normalised, with its steps in order and the
// state of every facility, program, sanction and benefit after each step.
//
// Built from an agreement that the Workspace has resolved. Every clause gets
// its actor (implied by its targets), its targets expanded (`all`, `all by P`,
// a program to its facilities) and its modifiers. Steps are ordered by text
// unless `after` says otherwise; clauses outside any step form one implicit
// step, placed in text order by its first clause. States are kept as lists of
// changes (one per clause and target), so building and reading the timeline
// cost time linear in the number of clauses and targets.
//
// Lifetime: a Deal points into the Workspace (entities, syntax trees); the
// Workspace must outlive it and must not load more files meanwhile.

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dsl/ast.hpp"
#include "dsl/resolve.hpp"

namespace terms::engine {

// A moment of the timeline: the state after the step at this position in the
// step order; kStart is before any step.
using Position = std::int32_t;
inline constexpr Position kStart = -1;

enum class Dismantlement : std::uint8_t { none, partial, complete };

// The names after `verified by` that a state records, in the order they came.
// Up to two are kept inline (the usual case: copying a state allocates
// nothing); more go to the heap, all of them together.
class VerifierList {
 public:
  VerifierList() = default;
  VerifierList(const VerifierList& o) : size_(o.size_), inline_(o.inline_) {
    if (o.size_ > kInline) heap_ = o.heap_;
  }
  VerifierList& operator=(const VerifierList& o) {
    if (this != &o) {
      size_ = o.size_;
      inline_ = o.inline_;
      if (o.size_ > kInline) heap_ = o.heap_;
      else heap_.clear();
    }
    return *this;
  }
  VerifierList(VerifierList&&) noexcept = default;
  VerifierList& operator=(VerifierList&&) noexcept = default;

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const std::string_view* begin() const { return size_ > kInline ? heap_.data() : inline_.data(); }
  const std::string_view* end() const { return begin() + size_; }
  const std::string_view& operator[](std::size_t i) const { return begin()[i]; }
  void clear() {
    size_ = 0;
    heap_.clear();
  }
  void push_back(std::string_view v) {
    if (size_ < kInline) {
      inline_[size_++] = v;
      return;
    }
    if (size_ == kInline) heap_.assign(inline_.begin(), inline_.end());
    heap_.push_back(v);
    ++size_;
  }
  // Keeps the names for which keep(name) is true, in order.
  template <typename Keep>
  void keep_if(Keep keep) {
    VerifierList kept;
    for (std::string_view v : *this) {
      if (keep(v)) kept.push_back(v);
    }
    *this = std::move(kept);
  }
  friend bool operator==(const VerifierList& a, const VerifierList& b) {
    return a.size_ == b.size_ && std::equal(a.begin(), a.end(), b.begin());
  }

 private:
  static constexpr std::size_t kInline = 2;
  std::uint32_t size_ = 0;
  std::array<std::string_view, kInline> inline_{};
  std::vector<std::string_view> heap_;  // all of them, when more than kInline
};

// The state of a facility (or of a program without facilities).
struct FacilityState {
  bool declared = false;
  bool frozen = false;
  Dismantlement dismantled = Dismantlement::none;
  // `convert ... to civilian use` and `remove` count as complete dismantlement
  // (of the weapons use; of the country's holding): these say which it was.
  bool converted = false;
  bool removed = false;
  // The most advanced concession so far (0 none, 1 declared, 2 frozen,
  // 3 dismantled partially, 4 dismantled completely, converted or removed) and whether a clause at
  // that level was verified, and by whom. "Dismantled and verified" thus means
  // that the dismantlement itself was verified.
  std::uint8_t level = 0;
  bool verified = false;
  VerifierList verifiers;  // names after `verified by` (empty: unnamed)

  bool active() const { return !frozen && dismantled != Dismantlement::complete; }
  bool verified_by(std::string_view who) const;
};

enum class SanctionStatus : std::uint8_t { in_force, eased, suspended, lifted };

struct SanctionState {
  SanctionStatus status = SanctionStatus::in_force;
  bool snapback = false;  // eased or suspended with `snapback`
  bool retained = false;  // a `retain` clause keeps it in force
  // Eased sanctions still count as in force; lifted and suspended ones do not.
  bool in_force() const { return status == SanctionStatus::in_force || status == SanctionStatus::eased; }
};

struct BenefitState {
  bool provided = false;
};

// After clause `clause` (in the step at position `step`), the thing is in `state`.
template <typename State>
struct Change {
  Position step = 0;
  std::uint32_t clause = 0;
  State state;
};

// One clause, normalised. Entity ids are the Workspace's. The lists are
// views into one array that the Deal owns (valid as long as the Deal).
struct DealClause {
  const ast::Clause* syntax = nullptr;
  ast::Verb verb{};
  std::uint32_t index = 0;    // text order within the agreement
  Position step = 0;          // position of its step in the step order
  std::span<const EntityId> targets;    // facilities, sanctions, benefits (programs expanded)
  std::span<const EntityId> programs;   // programs named as targets
  std::span<const EntityId> addressed;  // targets, plus programs named or owning a target facility
  std::span<const EntityId> actors;     // the parties that own the targets
  bool verified = false;
  std::string_view verifier;        // the first name after `verified by`; empty if unnamed
  VerifierList verifiers;           // every name after `verified by`, in order
  bool verified_by(std::string_view who) const {
    return std::find(verifiers.begin(), verifiers.end(), who) != verifiers.end();
  }
  bool partial = false;
  bool snapback = false;
  std::optional<std::uint64_t> within_days;
};

struct DealStep {
  std::string name;                 // "" for the implicit step
  const ast::Step* syntax = nullptr;  // null for the implicit step
  Span span;                        // the step, or its first clause (implicit step)
  Span header_span;                 // `step ID "title" after ...`, or its first clause
  std::vector<std::uint32_t> clauses;  // DealClause indices, text order
  std::uint32_t text_order = 0;
  bool implicit() const { return syntax == nullptr; }
  // "step `freeze`" or "the clauses outside any step".
  std::string display_name() const;
};

// The kinds of things a profile can range over.
enum class Domain : std::uint8_t { clause, step, facility, program, sanction, benefit, party, agreement };
std::string_view to_string(Domain d);          // "clause"
std::string_view plural(Domain d);             // "clauses"

class Deal {
 public:
  // Builds the model. Names that did not resolve (already reported by the
  // Workspace) are left out; a cycle of `after` falls back to text order.
  Deal(const Workspace& workspace, UnitId unit, const ast::Agreement& agreement);
  // Clauses view arrays the Deal owns: no copies.
  Deal(const Deal&) = delete;
  Deal& operator=(const Deal&) = delete;

  const Workspace& workspace() const { return *workspace_; }
  UnitId unit() const { return unit_; }
  const ast::Agreement& agreement() const { return *agreement_; }
  // The agreement's date (`signed`/`dated`); things(Domain::sanction) holds the
  // sanctions it sees (SanctionTerms::seen_by), so `all`, "in force at start"
  // and shares are computed over them.
  const std::optional<Date>& date() const { return date_; }

  const std::vector<DealStep>& steps() const { return steps_; }
  const std::vector<DealClause>& clauses() const { return clauses_; }
  Position end() const { return static_cast<Position>(steps_.size()) - 1; }

  // Things visible to the agreement's file, in declaration order.
  const std::vector<EntityId>& things(Domain d) const;
  // The position of an entity within things(its domain), if visible.
  std::optional<std::uint32_t> local(EntityId id) const {
    if (const Slot* s = find_slot(id)) return s->local;
    return std::nullopt;
  }
  // The agreements this one builds on (resolved).
  const std::vector<const ast::Agreement*>& builds_on() const { return builds_on_; }

  // The party that owns a thing: a facility's program's party, a program's,
  // a sanction's imposer, a benefit's provider. kNoEntity if unknown.
  EntityId owner_party(EntityId id) const;
  // A sanction's weight and dates, as declared (local index within things(Domain::sanction)).
  const SanctionTerms& sanction_terms(std::uint32_t sanction) const {
    return workspace_->entity(by_domain_[static_cast<std::size_t>(Domain::sanction)][sanction]).sanction;
  }
  // A facility's program (kNoEntity if unknown).
  EntityId program_of(EntityId facility) const;
  // The kind word of a program, or of a facility's program ("" if unknown).
  std::string_view kind_of(EntityId id) const;
  // Facilities (local indices) of a program (local index).
  std::span<const std::uint32_t> program_facilities(std::uint32_t program) const {
    return {program_facility_list_.data() + program_facility_start_[program],
            program_facility_start_[program + 1] - program_facility_start_[program]};
  }
  // The sanctioned side: the parties the agreement states (`sanctioned P;`),
  // or else the parties owning what concessions target and, when the deal
  // gives relief (lift, ease, suspend, provide), the parties it is for: every
  // party owning a visible program that imposes none of the relieved
  // sanctions and provides none of the benefits. So relief never leaves the
  // side empty by accident (`lift sanctions all; provide hfo;` touches no
  // program).
  bool sanctioned(EntityId party) const;
  const std::vector<EntityId>& sanctioned_parties() const { return sanctioned_list_; }

  // States at a moment (kStart .. end()).
  FacilityState facility_state(std::uint32_t facility, Position at) const;
  FacilityState program_state(std::uint32_t program, Position at) const;
  SanctionState sanction_state(std::uint32_t sanction, Position at) const;
  BenefitState benefit_state(std::uint32_t benefit, Position at) const;
  // The same without a copy: references into the timeline, valid as long as the Deal.
  const FacilityState& facility_state_ref(std::uint32_t facility, Position at) const;
  const SanctionState& sanction_state_ref(std::uint32_t sanction, Position at) const;
  const BenefitState& benefit_state_ref(std::uint32_t benefit, Position at) const;
  // The clause that last changed the thing at or before the moment, if any.
  std::optional<std::uint32_t> last_change(Domain d, std::uint32_t local, Position at) const;

  // Position of a named step, if the agreement has it.
  std::optional<Position> step_position(std::string_view name) const;

  // A thing's weight in shares: a sanction's `weight` (default 1), 1 otherwise.
  double weight(EntityId id) const;

  // Display helpers: the entity's name and the span that declares it.
  std::string_view name(EntityId id) const;
  Span decl_span(EntityId id) const;

 private:
  void collect_things();
  void order_steps();
  void normalise_clauses();
  void compute_timelines();
  void infer_sanctioned_side();
  void add_sanctioned(EntityId party);

  const Workspace* workspace_;
  UnitId unit_;
  const ast::Agreement* agreement_;
  std::optional<Date> date_;
  std::vector<DealStep> steps_;
  std::vector<DealClause> clauses_;
  // Finds an entity among the visible things. When their ids are close
  // together (the usual case), slots_ is indexed by id - base_; otherwise it
  // is an open-addressing table (capacity a power of two). Empty slots hold
  // kNoEntity.
  struct Slot {
    EntityId id = kNoEntity;
    std::uint32_t local = 0;  // position within things(its domain)
    std::uint32_t dense = 0;  // position among all visible things
    Domain domain = Domain::party;
  };
  const Slot* find_slot(EntityId id) const {
    if (direct_) {
      const std::size_t i = static_cast<std::size_t>(id) - base_;
      return id >= base_ && i < slots_.size() && slots_[i].id == id ? &slots_[i] : nullptr;
    }
    return find_hashed(id);
  }
  const Slot* find_hashed(EntityId id) const;
  bool insert_slot(EntityId id, std::uint32_t local, Domain domain);

  // Changes of each thing of a kind, thing after thing, in step order:
  // those of thing i are changes[start[i] .. start[i + 1]).
  template <typename State>
  struct Timeline {
    std::vector<Change<State>> changes;
    std::vector<std::uint32_t> start;
    std::span<const Change<State>> of(std::uint32_t i) const {
      return {changes.data() + start[i], start[i + 1] - start[i]};
    }
  };

  std::vector<EntityId> by_domain_[8];
  std::vector<Slot> slots_;
  std::uint32_t slot_count_ = 0;
  bool direct_ = false;
  EntityId base_ = 0;
  std::vector<std::uint32_t> program_facility_list_;   // local facility indices, program after program
  std::vector<std::uint32_t> program_facility_start_;  // per program, then the end
  std::vector<EntityId> clause_ids_;  // every clause's targets, programs, addressed, actors
  std::vector<const ast::Agreement*> builds_on_;
  std::vector<char> sanctioned_;  // by dense position
  std::vector<EntityId> sanctioned_list_;
  bool stated_sanctioned_ = false;  // `sanctioned P;` named a party: nothing is inferred
  Timeline<FacilityState> facility_changes_;
  Timeline<FacilityState> program_changes_;
  Timeline<SanctionState> sanction_changes_;
  Timeline<BenefitState> benefit_changes_;
};

}  // namespace terms::engine
