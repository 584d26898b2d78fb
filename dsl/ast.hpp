#pragma once
// The syntax tree of one term file.
//
// Every node keeps its source Span. Comments are kept in File::comments, in
// source order, with their spans (the way gofmt keeps comment groups beside the
// tree); blank lines are recovered from the source text between spans. The tree
// plus its SourceFile is therefore lossless: the formatter and the language
// server can reproduce or re-lay out everything the author wrote.
//
// Lifetime: a File refers to its SourceFile only through Span::file ids; it owns
// all of its strings. Nodes that failed to parse are absent; the parser reports
// them as diagnostics and keeps going (error recovery).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "dsl/date.hpp"
#include "dsl/source.hpp"

namespace terms::ast {

struct Ident {
  std::string name;
  Span span;
};

struct String {
  std::string value;  // unescaped
  Span span;          // including the quotes
};

// `# ...` to the end of the line. `text` excludes the line terminator.
struct Comment {
  std::string text;   // including the leading '#'
  Span span;
  bool own_line = false;  // nothing but whitespace before it on its line
};

struct Import {
  String path;
  Span span;
};

// `weight NUMBER`: the value, and the spans of the keyword and of the number as written.
struct Weight {
  double value = 1.0;
  Span keyword_span;
  Span span;  // the number
};

// `since DATE`, `until DATE`, `signed DATE`, `dated DATE`. `date` is empty
// when the text is not a day of the calendar (2018-02-30; reported by the parser).
struct DateLit {
  std::optional<Date> date;
  Span keyword_span;
  Span span;  // the date
};

enum class DeclKind : std::uint8_t { party, verifier, program, facility, sanction, benefit };
std::string_view to_string(DeclKind k);

// party ID "title"; | verifier ID "title"; | program ID of PARTY kind KIND "title";
// facility ID in PROGRAM "title"; | benefit ID by PARTY "title";
// sanction ID by PARTY [weight NUMBER] [since DATE] [until DATE] "title";
struct Decl {
  DeclKind kind{};
  Span keyword_span;
  Ident name;
  std::optional<Ident> owner;         // of PARTY / in PROGRAM / by PARTY
  std::optional<Ident> program_kind;  // program only: kind KIND
  std::optional<Weight> weight;       // sanction only; absent means weight 1
  std::optional<DateLit> since;       // sanction only: first day in force
  std::optional<DateLit> until;       // sanction only: first day no longer in force
  std::optional<String> title;
  Span span;
};

enum class Verb : std::uint8_t { declare, freeze, dismantle, lift, ease, suspend, retain, provide };
std::string_view to_string(Verb v);
bool is_concession(Verb v);      // declare, freeze, dismantle
bool is_relief(Verb v);          // lift, ease, suspend, provide
bool takes_sanctions(Verb v);    // lift, ease, suspend, retain

struct Targets {
  enum class Kind : std::uint8_t { names, all, all_by };
  Kind kind = Kind::names;
  std::vector<Ident> names;   // Kind::names
  std::optional<Ident> by;    // Kind::all_by
  Span span;
};

enum class DurationUnit : std::uint8_t { day, week, month, year, unknown };
std::string_view to_string(DurationUnit u, bool plural);

struct Duration {
  std::uint64_t amount = 0;
  DurationUnit unit = DurationUnit::day;
  std::string unit_text;  // as written ("months", "month", or an unknown word)
  Span span;
  // The duration in days (months = 30, years = 365), for comparisons.
  std::uint64_t days() const;
};

struct Modifier {
  enum class Kind : std::uint8_t { verified, within, partially, snapback };
  Kind kind{};
  std::optional<Ident> verifier;   // verified by VERIFIER
  std::optional<Duration> duration;  // within DURATION
  Span span;
};
std::string_view to_string(Modifier::Kind k);

// VERB [sanctions] TARGETS MODIFIERS* ;
struct Clause {
  Verb verb{};
  Span verb_span;
  bool sanctions_keyword = false;  // `sanctions` / `sanction` was written
  Span sanctions_keyword_span;
  Targets targets;
  std::vector<Modifier> modifiers;
  Span span;

  const Modifier* find(Modifier::Kind k) const;
  bool has(Modifier::Kind k) const { return find(k) != nullptr; }
};

struct Step {
  Ident name;
  std::optional<String> title;
  std::vector<Ident> after;
  std::vector<Clause> clauses;
  Span span;
  Span header_span;  // `step ID "title" after ...` up to the `{`
};

struct Expectation {
  enum class Kind : std::uint8_t { acceptable, unacceptable, violated, satisfied };
  Kind kind{};
  std::optional<Ident> condition;  // violated / satisfied ID
  Span span;
};

struct BuildsOn {
  std::vector<Ident> agreements;
  Span span;
};

// The items of an agreement body, in source order. Clauses written outside any
// step are the agreement's implicit step (see Agreement::implicit_clauses).
using AgreementItem = std::variant<BuildsOn, Step, Clause, Expectation>;

struct Agreement {
  Ident name;
  std::optional<String> title;
  std::vector<AgreementItem> items;
  Span span;
  Span header_span;

  // Convenience views over items (pointers into items; valid while items is unchanged).
  std::vector<const Step*> steps() const;
  std::vector<const Clause*> implicit_clauses() const;
  std::vector<const Expectation*> expectations() const;
  std::vector<const Ident*> builds_on() const;
};

// Profiles: `profile ID "title" { CONDITION* }`. The formula language is
// defined by grammar/profile.hpp; its tree lives in dsl/profile_ast.hpp.
struct Profile;

// A top-level item, in source order.
using Item = std::variant<Import, Decl, Agreement, std::shared_ptr<Profile>>;

struct File {
  FileId file = kNoFile;
  std::vector<Item> items;
  std::vector<Comment> comments;
  bool has_syntax_errors = false;

  std::vector<const Import*> imports() const;
  std::vector<const Decl*> decls() const;
  std::vector<const Agreement*> agreements() const;
  std::vector<const Profile*> profiles() const;
};

}  // namespace terms::ast
