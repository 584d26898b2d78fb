#pragma once
// Views of a unit that several lint rules share: steps with their clauses
// (the implicit step included), the order steps run in, what a clause's
// targets expand to, canonical text for comparing clauses, and fixes that
// delete whole lines. Internal to dsl/lint/.

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dsl/ast.hpp"
#include "dsl/diagnostics.hpp"
#include "dsl/lint/rule.hpp"

namespace terms::lint {

// One step of an agreement: a written step, or the implicit step formed by
// the clauses written outside any step. Pointers into the agreement's tree.
struct StepView {
  const ast::Step* step = nullptr;  // nullptr for the implicit step
  std::vector<const ast::Clause*> clauses;
  std::uint32_t position = 0;       // byte offset, for text order
  std::string_view name() const { return step != nullptr ? std::string_view(step->name.name) : "(implicit)"; }
};

// The steps of an agreement in text order (the implicit step, if any, where
// its first clause is).
std::vector<StepView> steps_of(const ast::Agreement& agreement);

// The views of one unit that several rules share, each computed on first use.
struct UnitViews {
  std::unordered_map<const ast::Agreement*, std::vector<StepView>> steps;
};

// steps_of(agreement), computed once per unit for all the rules (the rules
// call this one: a dozen of them walk the steps of every agreement).
const std::vector<StepView>& steps_of(const RuleContext& cx, const ast::Agreement& agreement);

// The order the steps run in, as indices into `steps`: text order, except
// that a step waits for the steps its `after` names. Steps in a cycle (an
// error the front end reports) keep their text order.
std::vector<std::size_t> run_order(const std::vector<StepView>& steps);

// The entities a clause's targets stand for, in target order: named targets
// that resolve, or the sanctions `all` / `all by PARTY` covers. Programs are
// not expanded to their facilities.
std::vector<EntityId> target_entities(const RuleContext& cx, const ast::Clause& clause);

// The sanctions visible from the unit (optionally only those `by` imposes).
std::vector<EntityId> visible_sanctions(const RuleContext& cx, EntityId by = kNoEntity);

// The party that owns an entity: itself for a party, the owner of a program,
// sanction or benefit, the program's owner for a facility; kNoEntity if unknown.
EntityId owning_party(const Workspace& ws, EntityId entity);

// A clause as a canonical string (verb, sorted targets, sorted modifiers), so
// that clauses written differently but meaning the same compare equal.
std::string canonical_clause(const ast::Clause& clause);

// A modifier as written canonically: "verified by iaea", "within 60 days".
std::string canonical_modifier(const ast::Modifier& modifier);

// A fix that deletes `span`: the whole line when nothing else is on it, else
// the span and the blanks before it.
Fix delete_fix(const SourceFile& source, Span span, std::string description);

// Whether a name is kebab-case (lowercase ASCII letters and digits, words
// joined by single hyphens, starting with a letter), and its kebab-case form.
bool is_kebab_case(std::string_view name);
std::string to_kebab_case(std::string_view name);

// "1 month", "60 days": a duration as a policy writer reads it.
std::string describe(const ast::Duration& duration);

}  // namespace terms::lint
