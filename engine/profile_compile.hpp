#pragma once
// The profile compiler: ast::Profile -> CompiledProfile.
//
// The parser accepts any word in a noun phrase or after `is`; the compiler
// decides what each word means and what it may describe. It resolves nouns to
// domains (clause, step, facility ...), adjectives to filters, state words to
// states, and checks that every filter, property and relation fits the kind of
// thing it describes. Every problem is a diagnostic (E04xx) at the word's
// position, with "did you mean" for misspelt words. The compiled tree also
// keeps the text of each phrase, in singular and plural, so that explanations
// can quote the profile in full sentences.
//
// Lifetime: a CompiledProfile owns all its data (strings are copied); spans
// refer to the profile's SourceFile by id.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dsl/diagnostics.hpp"
#include "dsl/profile_ast.hpp"
#include "dsl/source.hpp"
#include "engine/deal.hpp"

namespace terms::engine {

enum class StateWord : std::uint8_t {
  active, declared, frozen, dismantled, verified, unverified,  // facilities, programs (verified: clauses too)
  eased, suspended, lifted, retained, in_force,                  // sanctions
  in_full_force,  // sanctions: neither lifted, suspended nor eased
  relieved,       // sanctions: lifted, suspended or eased (in shares, eased counts kEasedReliefFraction)
  provided,                                                      // benefits
  partial, complete,                                             // dismantle clauses
  converted, removed,                                            // facilities, programs, materials
};

struct CNounPhrase;
struct CPredicate;
using PhrasePtr = std::shared_ptr<const CNounPhrase>;
using PredicatePtr = std::shared_ptr<const CPredicate>;

struct CQuantified {
  ast::QuantifierKind kind = ast::QuantifierKind::some;
  std::uint64_t count = 0;
  PhrasePtr phrase;
  std::string text;  // "some step that holds a verified concession clause"
};

struct CAnchor {
  ast::StepAnchor::Kind kind = ast::StepAnchor::Kind::named;
  std::string step;                        // named
  PhrasePtr phrase;                        // first, last
  std::optional<CQuantified> quantified;   // quantified
  std::string text;
};

struct CMoment {
  ast::Moment::Kind kind = ast::Moment::Kind::end;
  std::optional<CAnchor> anchor;
  std::string text;  // "at end", "after step freeze"
};

struct CObject {
  std::optional<std::string> name;          // a declared name
  std::optional<CQuantified> quantified;
  Span span;
  std::string text;
};

// A property of one thing of a given domain.
struct CPredicate {
  enum class Kind : std::uint8_t {
    all_of, any_of, negation, at_moment,
    state, verbs, side, kind, owner, in_step, in_program, in_steps, snapback, deadline, within,
    holding, targeting, order,
  };
  Kind kind = Kind::state;
  std::vector<PredicatePtr> operands;
  std::optional<CMoment> moment;       // at_moment
  StateWord state = StateWord::active; // state
  std::optional<Dismantlement> dismantlement;  // state dismantled: completely / partially
  std::optional<bool> snapback;        // state eased / suspended: with / without snapback
  std::string verifier;                // state verified: `by NAME` (among the verifiers)
  bool independent = false;            // state verified: `independently` (docs/profiles.md)
  std::uint16_t verbs = 0;             // verbs: bit per ast::Verb
  bool sanctioned_side = true;         // side
  std::string name;                    // kind, owner, in_step, in_program
  std::uint64_t days = 0;              // within
  std::optional<CObject> object;       // in_steps, holding, targeting
  bool negated = false;                // holding, targeting
  ast::StepOrder order = ast::StepOrder::after;
  std::optional<CAnchor> anchor;       // order
  std::string text;                    // as written
  Span span;
};

// What a quantifier or a count ranges over. `slot` numbers the phrase within
// its profile, so the evaluator can compute each phrase's members once.
struct CNounPhrase {
  Domain domain = Domain::clause;
  std::vector<PredicatePtr> filters;   // adjectives and filters: all must hold
  PredicatePtr relative;               // relative clause or participle; may be null
  std::string singular;                // "facility of the sanctioned side"
  std::string plural;                  // "facilities of the sanctioned side"
  std::string plural_without_relative; // for shares: the denominator
  std::string singular_without_relative;
  std::uint32_t slot = 0;
  Span span;
};

// A verb phrase in the four forms explanations need.
struct CVerbPhrase {
  PredicatePtr predicate;
  std::string affirm_one, affirm_many;  // "is verified" / "are verified"
  std::string deny_one, deny_many;      // "is not verified" / "are not verified"
};

struct CNumeric {
  ast::Numeric::Kind kind = ast::Numeric::Kind::literal;
  double value = 0;
  bool percent = false;
  std::optional<double> factor;
  PhrasePtr phrase;
  std::string text;
};

struct CFormula {
  ast::Formula::Kind kind = ast::Formula::Kind::constant;
  std::vector<std::shared_ptr<const CFormula>> operands;
  bool constant = true;
  std::optional<CQuantified> quantified;
  std::optional<CVerbPhrase> verb_phrase;
  std::optional<CNumeric> lhs, rhs;
  ast::Comparison comparison = ast::Comparison::le;
  std::optional<CObject> object;  // builds_on
  bool negated = false;
  std::string text;
  Span span;
};

struct CompiledCondition {
  std::string id;
  ast::ConditionSeverity severity = ast::ConditionSeverity::require;
  std::string statement;
  std::shared_ptr<const CFormula> formula;
  std::string formula_text;  // whitespace-normalised
  Span span;
  Span id_span;
};

struct CompiledProfile {
  std::string name;
  std::string title;
  std::vector<CompiledCondition> conditions;
  std::uint32_t phrase_count = 0;
  Span span;

  const CompiledCondition* find(std::string_view id) const;
};

// Compiles a profile. Reports every problem to `sink` and returns nullopt if
// there was an error. `sources` gives the text that explanations quote.
std::optional<CompiledProfile> compile_profile(const ast::Profile& profile, const SourceManager& sources,
                                               DiagnosticSink& sink);

// The text of a span with runs of whitespace (and comments) collapsed to one space.
std::string normalised_text(const SourceManager& sources, Span span);

// The words the profile language knows, for documentation and `terms profiles`.
std::vector<std::string_view> known_nouns();
std::vector<std::string_view> known_states();

}  // namespace terms::engine
