#pragma once
// The syntax tree of a profile: `profile ID "title" { CONDITION* }`, each
// condition holding a formula (grammar/profile.hpp).
//
// The tree records what was written, word for word, with spans: which words
// are known and what they may apply to is decided by the engine's profile
// compiler (engine/profile_compile.hpp), which reports misspelt words with
// "did you mean". Nodes are shared_ptr<const ...> so that conditions can be
// copied cheaply and trees shared between a File and compiled profiles.
//
// Lifetime: like the rest of the syntax tree, a profile owns its strings and
// refers to its SourceFile only through span file ids.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dsl/ast.hpp"

namespace terms::ast {

struct Formula;
struct NounPhrase;
struct Predicate;

// A word as written, with its span ("facilities", "lifted").
struct Word {
  std::string text;
  Span span;
};

enum class QuantifierKind : std::uint8_t {
  every,        // every, each, all
  some,         // some, any, a, an
  no,           // no
  at_least,     // at least N, no fewer than N
  at_most,      // at most N, no more than N
  exactly,      // exactly N
  more_than,    // more than N
  fewer_than,   // fewer than N, less than N
};

struct Quantifier {
  QuantifierKind kind = QuantifierKind::some;
  std::uint64_t count = 0;  // for the counting quantifiers
  Span span;
};

// "every dismantle clause", "at least 2 steps".
struct QuantifiedPhrase {
  Quantifier quantifier;
  std::shared_ptr<const NounPhrase> phrase;
  Span span;
};

// A step named in an order or a time: `step ID`, `the first NP`, `the last NP`,
// or (orders only) a quantified phrase.
struct StepAnchor {
  enum class Kind : std::uint8_t { named, first, last, quantified };
  Kind kind = Kind::named;
  std::optional<Ident> step;                       // named
  std::shared_ptr<const NounPhrase> phrase;        // first, last
  std::optional<QuantifiedPhrase> quantified;      // quantified
  Span span;
};

// When a state is read: at the start, at the end, after or before a step.
struct Moment {
  enum class Kind : std::uint8_t { end, start, after, before };
  Kind kind = Kind::end;
  std::optional<StepAnchor> anchor;  // after, before
  Span span;
};

// What a relation points at: a declared name or a quantified phrase.
struct ObjectRef {
  std::optional<Ident> name;
  std::optional<QuantifiedPhrase> quantified;
  Span span;
};

enum class StepOrder : std::uint8_t { after, before, at_or_after, at_or_before };

// A property of one thing: a filter after a noun ("of the sanctioned side"),
// a relative clause ("that is verified"), a property after `is`.
struct Predicate {
  enum class Kind : std::uint8_t {
    all_of,       // a and b and ...            (operands)
    any_of,       // a or b or ...              (operands)
    negation,     // not a                      (operands[0])
    group,        // ( a [moment] )             (operands[0], moment)
    state,        // [adverb] WORD qualifiers*  (word, adverb, qualifiers, verifier)
    in_force,     // in [full] force            (word: the word after `in` or `full`; adverb: `full`)
    within,       // within DURATION            (duration)
    side,         // of the WORD side           (word)
    kind,         // of kind NAME               (name)
    owner,        // of NAME / by NAME          (name)
    in_step,      // in step NAME               (name)
    in_program,   // in program NAME            (name)
    in_steps,     // in QP                      (object)
    snapback,     // with snapback
    deadline,     // with a deadline
    holding,      // with / holding OBJECT, holds OBJECT      (object, negated)
    targeting,    // targeting OBJECT, targets OBJECT         (object, negated)
    order,        // [at or] after / before ANCHOR            (order, anchor)
  };
  Kind kind = Kind::state;
  std::vector<std::shared_ptr<const Predicate>> operands;
  std::optional<Moment> moment;        // group; and the top of a property after `is`
  Word word;                           // state, side
  std::optional<Word> adverb;          // state: completely / fully / partially (before or after)
  std::vector<Word> qualifiers;        // state: `with snapback`, `without snapback`, adverbs after
  std::optional<Ident> name;           // kind, owner, in_step, in_program; state: `verified by NAME`
  std::optional<Duration> duration;    // within
  std::optional<ObjectRef> object;     // in_steps, holding, targeting
  bool negated = false;                // `does not hold`, `does not target`
  StepOrder order = StepOrder::after;  // order
  std::optional<StepAnchor> anchor;    // order
  Span span;
};

// "relief clauses in step freeze that are verified": the words ("relief",
// "clauses"; the last is the noun), the filters after the noun, and an optional
// relative clause or participle ("that are verified", "lifted at end").
struct NounPhrase {
  std::vector<Word> words;
  std::vector<std::shared_ptr<const Predicate>> filters;
  std::shared_ptr<const Predicate> relative;  // may be null
  // For a relative clause (`that is ...`, `which holds ...`): its verb, so that
  // explanations can put the phrase in the singular or the plural.
  std::optional<Word> relative_verb;
  // A moment written right after the words, with no state before it: only a
  // misspelt participle explains it ("sanctions liftd at end").
  std::optional<Span> stray_moment;
  Span span;
};

// A number in a comparison: a literal, `share of NP`, `count of NP`, with an
// optional factor (`2 times share of ...`).
struct Numeric {
  enum class Kind : std::uint8_t { literal, share, count };
  Kind kind = Kind::literal;
  double value = 0;           // literal (a percentage is stored as a fraction)
  bool percent = false;       // literal written with `%`
  std::optional<double> factor;
  std::shared_ptr<const NounPhrase> phrase;  // share, count
  Span span;
};

enum class Comparison : std::uint8_t { le, ge, lt, gt, eq, ne };

struct Formula {
  enum class Kind : std::uint8_t {
    all_of,      // a and b ...                 (operands)
    any_of,      // a or b ...                  (operands)
    negation,    // not a                       (operands[0])
    implication, // if a then b                 (operands[0], operands[1])
    constant,    // true / false                (constant)
    quantified,  // QP [verb phrase]            (quantified, predicate; predicate may be null)
    comparison,  // NUM CMP NUM                 (lhs, comparison, rhs)
    builds_on,   // the agreement [does not] build(s) on OBJECT   (object, negated)
  };
  Kind kind = Kind::constant;
  std::vector<std::shared_ptr<const Formula>> operands;
  bool constant = true;
  std::optional<QuantifiedPhrase> quantified;
  std::shared_ptr<const Predicate> predicate;
  std::optional<Numeric> lhs, rhs;
  Comparison comparison = Comparison::le;
  std::optional<ObjectRef> object;
  bool negated = false;
  Span span;
};

enum class ConditionSeverity : std::uint8_t { require, prefer };
using Severity2 = ConditionSeverity;  // the skeleton's name, kept for existing users

std::string_view to_string(ConditionSeverity s);

struct Condition {
  ConditionSeverity severity = ConditionSeverity::require;
  Span severity_span;
  Ident id;
  String statement;
  std::shared_ptr<const Formula> formula;  // null when the formula did not parse
  Span formula_span;
  Span span;
};

struct Profile {
  Ident name;
  std::optional<String> title;
  std::vector<Condition> conditions;
  Span span;
};

}  // namespace terms::ast
