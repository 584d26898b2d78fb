#pragma once
// Lexical rules of the Terms language, shared by agreements and profiles.
//
// PEGTL rules only, one struct per rule, no actions. Whitespace and comments
// (`sp`) are skipped explicitly between tokens. Keywords are contextual: a
// keyword is a word that is not followed by an identifier character, and
// identifiers may still spell a keyword where the grammar expects a name
// (a step may be called `freeze`).

#include <tao/pegtl.hpp>

namespace terms::grammar {

namespace pegtl = tao::pegtl;

// The message a policy writer sees when a `must<Rule>` fails. Every rule used
// inside must<> has one (checked at compile time by the parser's control).
template <typename Rule>
inline constexpr const char* error_message = nullptr;

// The exception a failed must<> point throws once its diagnostic is recorded;
// the grammar's recovery points catch it (try_catch_type<recoverable_error, ...>)
// and skip to where parsing can resume.
struct recoverable_error {};

// Marks a rule as one level of nesting (blocks, parenthesised formulas); the
// parser limits the depth so that hostile input cannot exhaust the stack.
template <typename Rule>
inline constexpr bool counts_depth = false;

// ---- whitespace and comments ------------------------------------------------

// `# ...` to the end of the line (the line terminator is not part of it).
struct comment : pegtl::seq<pegtl::one<'#'>, pegtl::star<pegtl::not_one<'\n'>>> {};
struct blank : pegtl::plus<pegtl::one<' ', '\t', '\r', '\n', '\f', '\v'>> {};
// Optional separator: any run of whitespace and comments.
struct sp : pegtl::star<pegtl::sor<blank, comment>> {};
struct bom : pegtl::utf8::bom {};

// ---- words ------------------------------------------------------------------

struct ident_first : pegtl::sor<pegtl::alpha, pegtl::one<'_'>> {};
struct ident_rest : pegtl::sor<pegtl::alnum, pegtl::one<'_', '-'>> {};
// A letter or `_`, then letters, digits, `_` or `-`.
struct identifier : pegtl::seq<ident_first, pegtl::star<ident_rest>> {};

// A keyword: the exact word, not followed by an identifier character.
template <typename Str>
struct keyword : pegtl::seq<Str, pegtl::not_at<ident_rest>> {};

#define TERMS_KEYWORD(name, text) \
  struct kw_##name : keyword<TAO_PEGTL_STRING(text)> {}

// ---- literals -----------------------------------------------------------------

struct escaped_char : pegtl::one<'"', '\\'> {};
struct escape : pegtl::seq<pegtl::one<'\\'>, pegtl::must<escaped_char>> {};
struct string_char : pegtl::sor<escape, pegtl::not_one<'"', '\\', '\n'>> {};
struct string_close : pegtl::one<'"'> {};
// A double-quoted string on one line, with `\"` and `\\` escapes.
struct string_lit : pegtl::seq<pegtl::one<'"'>, pegtl::star<string_char>, pegtl::must<string_close>> {};

struct integer : pegtl::plus<pegtl::digit> {};

// ---- punctuation --------------------------------------------------------------

struct semi : pegtl::one<';'> {};
struct comma : pegtl::one<','> {};
struct colon : pegtl::one<':'> {};
struct lbrace : pegtl::one<'{'> {};
struct rbrace : pegtl::one<'}'> {};

template <> inline constexpr const char* error_message<escaped_char> =
    "invalid escape in a string: only `\\\"` and `\\\\` are allowed";
template <> inline constexpr const char* error_message<string_close> =
    "unterminated string: expected a closing `\"` on the same line";

}  // namespace terms::grammar
