#pragma once
// The evaluator: a compiled profile applied to one deal gives a verdict, and
// for every condition whether it holds, why (a sentence), and the evidence
// (labelled spans of the clauses, steps and declarations that decide it).
//
// Cost: every noun phrase of the profile is computed once per deal (phrases
// never refer to the thing an outer quantifier ranges over), relations use
// per-phrase indexes, and states are read from the deal's change lists. The
// cost is therefore linear in the number of clauses and declarations, times
// the size of the profile (bench/engine_scaling measures it).
//
// Lifetime: results own their strings; spans refer to SourceFiles by id.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/deal.hpp"
#include "engine/profile_compile.hpp"

namespace terms::engine {

// In shares (`share of ...`), a thing counts by its weight (a sanction's
// `weight`, 1 for everything else) times how far it has the property:
// - a facility dismantled partially counts for this fraction of `dismantled`
//   (the Hanoi offer was "part of its nuclear production capacity": partial
//   dismantlement must never buy what whole dismantlement buys);
// - an eased sanction counts for this fraction of `relieved` (it is relief,
//   but less than lifting or suspending it).
// `and` takes the smaller fraction, `or` the larger, `not` one minus it. Outside
// shares a property holds or not: a partly dismantled facility is `dismantled`,
// an eased sanction `relieved`.
inline constexpr double kPartialDismantlementFraction = 0.5;
inline constexpr double kEasedReliefFraction = 0.5;

enum class Verdict : std::uint8_t { acceptable, acceptable_with_reservations, unacceptable };
std::string_view to_string(Verdict v);  // "acceptable", "acceptable with reservations", "unacceptable"

// A labelled source span: a clause, a step header or a declaration.
struct Evidence {
  Span span;
  std::string label;
};

struct ConditionResult {
  std::string id;
  ast::ConditionSeverity severity = ast::ConditionSeverity::require;
  std::string statement;
  std::string formula;        // the formula as written (whitespace-normalised)
  Span condition_span;        // in the profile
  bool holds = false;
  std::string reason;         // why, in a sentence
  std::vector<Evidence> evidence;
  std::size_t omitted = 0;    // evidence items left out to keep the report short
};

struct AgreementResult {
  std::string agreement;
  Span name_span;             // the agreement's name
  std::string profile;
  // The agreement's date ("1994-10-21") and whether it was `signed` or
  // `dated`; both empty for an undated agreement.
  std::string date;
  std::string date_kind;
  Verdict verdict = Verdict::acceptable;
  std::vector<ConditionResult> conditions;

  const ConditionResult* find(std::string_view id) const;
};

struct EvaluateOptions {
  std::size_t max_evidence = 5;  // per condition (merged items; the rest are counted)
  // Whether conditions that hold are explained. When false, a condition that
  // holds has an empty `reason`, no `evidence` and `omitted` 0 (its id,
  // severity, statement, formula, condition_span and holds are set as usual);
  // failing conditions are explained in full. For callers that show only
  // failing conditions (`terms check` in text and CI formats): evaluation
  // then builds no text for what holds.
  bool explain_holding = true;
};

AgreementResult evaluate(const CompiledProfile& profile, const Deal& deal, const EvaluateOptions& options = {});

// The verdict that follows from condition results.
Verdict verdict_of(const std::vector<ConditionResult>& conditions);

// Describes states for explanations: "frozen, verified by iaea", "eased with snapback".
std::string describe(const FacilityState& s);
std::string describe(const SanctionState& s);
std::string describe(const BenefitState& s);

}  // namespace terms::engine
