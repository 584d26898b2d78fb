#pragma once
// The grammar of profiles and their formulas:
//
//   profile ID "title" {
//     require ID "statement": FORMULA;
//     prefer  ID "statement": FORMULA;
//   }
//
// A formula reads like an English sentence about the agreement:
//
//   every dismantle clause is verified
//   some sanction that is in force at start is in force at end
//   if every sanction is lifted or suspended at end
//     then every facility of the sanctioned side is dismantled completely and verified at end
//   every relief clause is in a step at or after some step that holds a verified concession clause
//   share of sanctions lifted or suspended at end
//     is at most share of facilities of the sanctioned side dismantled and verified at end
//   the agreement builds on an earlier agreement
//
// PEGTL rules only, no actions; dsl/profile_parse.cpp builds the tree. The
// rules live in namespace `pf` so that their names (keywords especially) do not
// collide with the agreement grammar; only `profile_decl` is exported.
//
// Word classes. Function words (quantifiers, connectives, prepositions, verbs
// of the formula) are reserved inside formulas. Any other identifier may be a
// word of a noun phrase ("relief clause", "facilities") or a state word
// ("lifted"); which words are known, and what they may apply to, is checked
// after parsing (engine/profile_compile.cpp), so that a misspelt word gets a
// diagnostic with "did you mean" rather than a bare syntax error.
//
// Rules that name another rule in a role derive from seq<R>, not from R, so
// that R still appears in parse trees (dsl/profile_parse.cpp relies on it).
//
// Precedence, loosest first: `if ... then ...`, `or`, `and`, `not`. Inside a
// property after `is`, `and` / `or` / `not` combine properties of the same
// thing ("lifted or suspended"); an `and` that cannot continue the property
// ("and every sanction ...") belongs to the formula.

#include <string_view>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

#include "grammar/lexical.hpp"
#include "grammar/recovery.hpp"

namespace terms::grammar {

namespace pf {

using pegtl::at;
using pegtl::digit;
using pegtl::eof;
using pegtl::must;
using pegtl::not_at;
using pegtl::one;
using pegtl::opt;
using pegtl::plus;
using pegtl::seq;
using pegtl::sor;
using pegtl::star;

#define TERMS_PWORD(name, text) \
  struct w_##name : keyword<TAO_PEGTL_STRING(text)> {}

// ---- structure -----------------------------------------------------------------
TERMS_PWORD(profile, "profile");
TERMS_PWORD(require, "require");
TERMS_PWORD(prefer, "prefer");

// ---- function words ------------------------------------------------------------------
TERMS_PWORD(if, "if");
TERMS_PWORD(then, "then");
TERMS_PWORD(and, "and");
TERMS_PWORD(or, "or");
TERMS_PWORD(not, "not");
TERMS_PWORD(true, "true");
TERMS_PWORD(false, "false");
TERMS_PWORD(every, "every");
TERMS_PWORD(each, "each");
TERMS_PWORD(all, "all");
TERMS_PWORD(any, "any");
TERMS_PWORD(some, "some");
TERMS_PWORD(a, "a");
TERMS_PWORD(an, "an");
TERMS_PWORD(no, "no");
TERMS_PWORD(at, "at");
TERMS_PWORD(least, "least");
TERMS_PWORD(most, "most");
TERMS_PWORD(exactly, "exactly");
TERMS_PWORD(more, "more");
TERMS_PWORD(fewer, "fewer");
TERMS_PWORD(less, "less");
TERMS_PWORD(greater, "greater");
TERMS_PWORD(than, "than");
TERMS_PWORD(equal, "equal");
TERMS_PWORD(equals, "equals");
TERMS_PWORD(to, "to");
TERMS_PWORD(is, "is");
TERMS_PWORD(are, "are");
TERMS_PWORD(that, "that");
TERMS_PWORD(which, "which");
TERMS_PWORD(who, "who");
TERMS_PWORD(the, "the");
TERMS_PWORD(of, "of");
TERMS_PWORD(kind, "kind");
TERMS_PWORD(in, "in");
TERMS_PWORD(by, "by");
TERMS_PWORD(with, "with");
TERMS_PWORD(without, "without");
TERMS_PWORD(side, "side");
TERMS_PWORD(step, "step");
TERMS_PWORD(program, "program");
TERMS_PWORD(after, "after");
TERMS_PWORD(before, "before");
TERMS_PWORD(end, "end");
TERMS_PWORD(start, "start");
TERMS_PWORD(first, "first");
TERMS_PWORD(last, "last");
TERMS_PWORD(force, "force");
TERMS_PWORD(full, "full");
TERMS_PWORD(snapback, "snapback");
TERMS_PWORD(deadline, "deadline");
TERMS_PWORD(within, "within");
TERMS_PWORD(completely, "completely");
TERMS_PWORD(fully, "fully");
TERMS_PWORD(partially, "partially");
TERMS_PWORD(independently, "independently");
TERMS_PWORD(targets, "targets");
TERMS_PWORD(target, "target");
TERMS_PWORD(targeting, "targeting");
TERMS_PWORD(addresses, "addresses");
TERMS_PWORD(address, "address");
TERMS_PWORD(addressing, "addressing");
TERMS_PWORD(holds, "holds");
TERMS_PWORD(hold, "hold");
TERMS_PWORD(holding, "holding");
TERMS_PWORD(contains, "contains");
TERMS_PWORD(contain, "contain");
TERMS_PWORD(has, "has");
TERMS_PWORD(have, "have");
TERMS_PWORD(does, "does");
TERMS_PWORD(do, "do");
TERMS_PWORD(comes, "comes");
TERMS_PWORD(come, "come");
TERMS_PWORD(builds, "builds");
TERMS_PWORD(build, "build");
TERMS_PWORD(on, "on");
TERMS_PWORD(there, "there");
TERMS_PWORD(share, "share");
TERMS_PWORD(count, "count");
TERMS_PWORD(number, "number");
TERMS_PWORD(times, "times");
TERMS_PWORD(agreement, "agreement");
TERMS_PWORD(one, "one");
TERMS_PWORD(two, "two");
TERMS_PWORD(three, "three");
TERMS_PWORD(four, "four");
TERMS_PWORD(five, "five");
// Known state words that may also stand before a noun ("a verified clause").
TERMS_PWORD(verified, "verified");
TERMS_PWORD(unverified, "unverified");
TERMS_PWORD(partial, "partial");
TERMS_PWORD(complete, "complete");

#undef TERMS_PWORD

// Words that end a noun phrase or a state word: they carry the formula's structure.
struct function_word
    : sor<w_if, w_then, w_and, w_or, w_not, w_true, w_false, w_every, w_each, w_all, w_any, w_some,
          w_a, w_an, w_no, w_at, w_least, w_most, w_exactly, w_more, w_fewer, w_less, w_greater,
          w_than, w_equal, w_equals, w_to, w_is, w_are, w_that, w_which, w_who, w_the, w_of, w_in,
          w_by, w_with, w_without, w_after, w_before, w_within, w_completely, w_fully, w_partially,
          w_independently, w_targets, w_target, w_targeting, w_addresses, w_address, w_addressing, w_holds, w_hold,
          w_holding, w_contains, w_contain, w_has, w_have, w_does, w_do, w_comes, w_come,
          w_builds, w_build, w_on, w_there, w_share, w_count, w_number, w_times, w_require,
          w_prefer, w_profile> {};

// State words the grammar knows; a known state word after a noun starts a
// participle ("sanctions lifted at end"). Other state words are checked later.
struct known_state_word
    : sor<keyword<TAO_PEGTL_STRING("active")>, keyword<TAO_PEGTL_STRING("declared")>,
          keyword<TAO_PEGTL_STRING("frozen")>, keyword<TAO_PEGTL_STRING("dismantled")>,
          keyword<TAO_PEGTL_STRING("eased")>, keyword<TAO_PEGTL_STRING("suspended")>,
          keyword<TAO_PEGTL_STRING("lifted")>, keyword<TAO_PEGTL_STRING("retained")>,
          keyword<TAO_PEGTL_STRING("provided")>, keyword<TAO_PEGTL_STRING("relieved")>, keyword<TAO_PEGTL_STRING("converted")>,
          keyword<TAO_PEGTL_STRING("removed")>, w_verified, w_unverified, w_partial, w_complete> {};

// ---- numbers ----------------------------------------------------------------------
struct decimal : seq<plus<digit>, opt<one<'.'>, plus<digit>>> {};
struct percent_sign : one<'%'> {};
struct count_word : sor<w_one, w_two, w_three, w_four, w_five> {};
// A whole count, in digits or a small number word.
struct count_value : sor<integer, count_word> {};

// ---- names in their roles --------------------------------------------------------------
struct profile_name : identifier {};
struct profile_title : string_lit {};
struct condition_id : identifier {};
struct condition_statement : string_lit {};
struct side_word : identifier {};
struct kind_name : identifier {};
struct owner_ref : identifier {};
struct step_ref : identifier {};
struct program_ref : identifier {};
struct verifier_ref : identifier {};
struct entity_ref : identifier {};
struct agreement_ref : identifier {};
struct duration_amount : integer {};
struct duration_unit : identifier {};
struct duration : seq<duration_amount, sp, must<duration_unit>> {};

// ---- formulas ------------------------------------------------------------------------
struct formula;
struct noun_phrase;
struct predicate_expr;
struct qnp;

// Quantifiers. `any`, `a`, `an` mean `some`; `each` and `all` mean `every`.
struct q_every : sor<w_every, w_each, w_all> {};
struct q_some : sor<w_some, w_any, w_an, w_a> {};
struct q_at_least : seq<w_at, sp, w_least, sp, must<count_value>> {};
struct q_at_most : seq<w_at, sp, w_most, sp, must<count_value>> {};
struct q_no_more_than : seq<w_no, sp, w_more, sp, w_than, sp, must<count_value>> {};
struct q_no_fewer_than : seq<w_no, sp, sor<w_fewer, w_less>, sp, w_than, sp, must<count_value>> {};
struct q_no : w_no {};
struct q_exactly : seq<w_exactly, sp, must<count_value>> {};
struct q_more_than : seq<w_more, sp, w_than, sp, must<count_value>> {};
struct q_fewer_than : seq<sor<w_fewer, w_less>, sp, w_than, sp, must<count_value>> {};
struct quantifier : sor<q_every, q_at_least, q_at_most, q_no_more_than, q_no_fewer_than, q_no,
                        q_exactly, q_more_than, q_fewer_than, q_some> {};

// Noun-phrase words: "dismantle clause", "facilities", "verified concession clause".
// A known state word counts as a word of the noun phrase only before another word.
struct np_plain_word : seq<not_at<function_word>, not_at<known_state_word>, identifier> {};
struct np_state_word : seq<known_state_word, at<sp, np_plain_word>> {};
struct np_word : sor<np_plain_word, np_state_word> {};
struct np_words : seq<np_word, star<sp, np_word>> {};

// Steps named in an order or a time: `step ID`, `the first NP`, `the last NP`.
struct anchor_named : seq<w_step, sp, must<step_ref>> {};
struct anchor_first : seq<w_the, sp, w_first, sp, must<noun_phrase>> {};
struct anchor_last : seq<w_the, sp, w_last, sp, must<noun_phrase>> {};
struct time_anchor : sor<anchor_named, anchor_first, anchor_last> {};
struct step_anchor : sor<anchor_named, anchor_first, anchor_last, qnp> {};

// The moment a state is read at. Without one, a state is read at the end.
struct t_end : seq<sor<w_at, w_by>, sp, opt<w_the, sp>, w_end> {};
struct t_start : seq<w_at, sp, opt<w_the, sp>, w_start> {};
struct t_after : seq<w_after, sp, must<time_anchor>> {};
struct t_before : seq<w_before, sp, must<time_anchor>> {};
struct time : sor<t_end, t_start, t_after, t_before> {};

// What a relation points at: a quantified noun phrase or a declared name.
struct object_ref : sor<qnp, entity_ref> {};

// Filters after a noun, also usable as properties after `is`.
struct side_keyword : w_side {};
struct flt_side : seq<w_of, sp, w_the, sp, must<side_word>, sp, must<side_keyword>> {};
struct flt_kind : seq<w_of, sp, w_kind, sp, must<kind_name>> {};
struct flt_owner : seq<sor<w_of, w_by>, sp, not_at<w_the>, not_at<w_end>, owner_ref> {};
struct flt_in_step : seq<w_in, sp, w_step, sp, must<step_ref>> {};
struct flt_in_program : seq<w_in, sp, w_program, sp, must<program_ref>> {};
struct flt_in_steps : seq<w_in, sp, qnp> {};
struct flt_snapback : seq<w_with, sp, w_snapback> {};
struct flt_deadline : seq<w_with, sp, sor<w_a, w_an>, sp, w_deadline> {};
struct flt_with : seq<sor<w_with, w_holding>, sp, must<object_ref>> {};
struct flt_targeting : seq<sor<w_targeting, w_addressing>, sp, must<object_ref>> {};
struct o_at_or_after : seq<w_at, sp, w_or, sp, w_after> {};
struct o_at_or_before : seq<w_at, sp, w_or, sp, w_before> {};
struct o_after : w_after {};
struct o_before : w_before {};
struct order_word : sor<o_at_or_after, o_at_or_before, o_after, o_before> {};
struct flt_order : seq<order_word, sp, must<step_anchor>> {};
struct filter : sor<flt_side, flt_kind, flt_in_step, flt_in_program, flt_in_steps, flt_snapback,
                    flt_deadline, flt_with, flt_targeting, flt_order, flt_owner> {};

// Properties after `is` / `are`, combined with and / or / not.
// `independently` qualifies `verified`: by a verifier that is not of a party to the agreement.
struct state_adverb : sor<w_completely, w_fully, w_partially, w_independently> {};
struct snapback_with : seq<w_with, sp, w_snapback> {};
struct snapback_without : seq<w_without, sp, w_snapback> {};
struct verified_by : seq<w_by, sp, not_at<w_the>, not_at<w_end>, verifier_ref> {};
struct state_qualifier : sor<state_adverb, snapback_with, snapback_without, verified_by> {};
struct state_word : seq<not_at<function_word>, identifier> {};
struct p_state : seq<opt<state_adverb, sp>, state_word, star<sp, state_qualifier>> {};
// `in force` and `in full force`; any other word after `in` (not a step or a
// quantified phrase) is read as a misspelt `force`, so that it gets "did you mean".
struct force_word : identifier {};
struct full_word : seq<w_full> {};
struct p_in_force : seq<w_in, sp, not_at<quantifier>, not_at<w_step>, not_at<w_program>, not_at<w_the>,
                        opt<full_word, sp, at<identifier>>, force_word> {};
struct p_within : seq<w_within, sp, must<duration>> {};
struct p_open : one<'('> {};
struct p_close : one<')'> {};
struct p_group : seq<p_open, sp, predicate_expr, opt<sp, time>, sp, p_close> {};
struct p_atom : sor<p_group, p_in_force, p_within, filter, p_state> {};
struct p_unary;
struct p_not : seq<w_not, sp, p_unary> {};
struct p_unary : sor<p_not, p_atom> {};
struct p_and : seq<p_unary, star<sp, w_and, sp, p_unary>> {};
struct p_or : seq<p_and, star<sp, w_or, sp, p_and>> {};
struct predicate_expr : seq<p_or> {};
// A property with the moment it is read at.
struct property : seq<predicate_expr, opt<sp, time>> {};

// Verb phrases: what is said of each thing a quantifier ranges over.
struct vp_negation : seq<sor<w_does, w_do>, sp, w_not, sp> {};
struct vp_be : seq<sor<w_is, w_are>, sp, must<property>> {};
struct vp_targets : seq<opt<vp_negation>, sor<w_targets, w_target, w_addresses, w_address>, sp,
                        must<object_ref>> {};
struct vp_holds : seq<opt<vp_negation>, sor<w_holds, w_hold, w_contains, w_contain, w_has, w_have>,
                      sp, must<object_ref>> {};
struct vp_comes : seq<sor<w_comes, w_come>, sp, must<flt_order>> {};
struct verb_phrase : sor<vp_be, vp_targets, vp_holds, vp_comes> {};

// A relative clause: `that is ...`, or a participle ("sanctions lifted at end").
struct relative_that : seq<sor<w_that, w_which, w_who>, sp, must<verb_phrase>> {};
struct participle_start : sor<seq<opt<state_adverb, sp>, known_state_word>, p_in_force> {};
struct participle : seq<at<participle_start>, property> {};
struct relative : sor<relative_that, participle> {};

// "relief clauses in step freeze that are verified"
// A moment right after the words ("sanctions liftd at end") can only belong to
// a misspelt participle: it is kept so that the compiler can say so.
struct stray_moment : time {};
struct noun_phrase : seq<opt<w_the, sp>, np_words, star<sp, filter>, opt<sp, sor<relative, stray_moment>>> {};
// A quantified noun phrase: "every dismantle clause", "at least 2 steps".
struct qnp : seq<quantifier, sp, must<noun_phrase>> {};

// Numbers and comparisons: "share of X is at most share of Y", "count of steps >= 2".
struct num_literal : seq<decimal, opt<percent_sign>> {};
struct num_share : seq<opt<w_the, sp>, w_share, sp, must<w_of>, sp, must<noun_phrase>> {};
struct num_count : seq<opt<w_the, sp>, sor<w_count, w_number>, sp, must<w_of>, sp, must<noun_phrase>> {};
struct num_base : sor<num_share, num_count, num_literal> {};
struct num_factor : seq<decimal, sp, w_times> {};
struct numeric : sor<seq<num_factor, sp, must<num_base>>, num_base> {};
struct cmp_le : sor<TAO_PEGTL_STRING("<="),
                    seq<w_is, sp, w_at, sp, w_most>,
                    seq<w_is, sp, w_no, sp, sor<w_greater, w_more>, sp, w_than>> {};
struct cmp_ge : sor<TAO_PEGTL_STRING(">="),
                    seq<w_is, sp, w_at, sp, w_least>,
                    seq<w_is, sp, w_no, sp, sor<w_less, w_fewer>, sp, w_than>> {};
struct cmp_ne : sor<TAO_PEGTL_STRING("!="), seq<w_is, sp, w_not, sp, w_equal, sp, w_to>> {};
struct cmp_lt : sor<one<'<'>, seq<w_is, sp, sor<w_less, w_fewer>, sp, w_than>> {};
struct cmp_gt : sor<one<'>'>, seq<w_is, sp, sor<w_greater, w_more>, sp, w_than>> {};
struct cmp_eq : sor<one<'='>, seq<w_is, sp, w_equal, sp, w_to>, w_equals> {};
struct comparator : sor<cmp_le, cmp_ge, cmp_ne, cmp_lt, cmp_gt, cmp_eq> {};
struct comparison_rhs : seq<numeric> {};
struct comparison : seq<numeric, sp, must<comparator>, sp, must<comparison_rhs>> {};

// Sentences about the agreement itself.
struct agreement_subject : seq<w_the, sp, w_agreement> {};
struct builds_on_positive : seq<w_builds, sp, must<w_on>, sp, must<object_ref>> {};
struct builds_on_negative : seq<vp_negation, w_build, sp, must<w_on>, sp, must<object_ref>> {};
struct agreement_has : seq<sor<w_has, w_have>, sp, must<qnp>> {};
struct agreement_predicate : sor<builds_on_positive, builds_on_negative, agreement_has> {};
struct agreement_sentence : seq<agreement_subject, sp, must<agreement_predicate>> {};
struct there_sentence : seq<w_there, sp, sor<w_is, w_are>, sp, must<qnp>> {};

// "every dismantle clause is verified", "at least 2 steps", "some sanction is in force".
struct quantified : seq<quantifier, sp, must<noun_phrase>, opt<sp, verb_phrase>> {};

struct f_open : one<'('> {};
struct f_close : one<')'> {};
struct f_paren : seq<f_open, sp, must<formula>, sp, must<f_close>> {};
struct then_part : seq<w_then, sp, must<formula>> {};
struct if_condition;
struct f_if : seq<w_if, sp, must<if_condition>, sp, must<then_part>> {};
struct f_true : w_true {};
struct f_false : w_false {};
struct f_atom : sor<f_paren, f_if, f_true, f_false, comparison, agreement_sentence,
                    there_sentence, quantified> {};
struct f_unary;
struct f_not : seq<w_not, sp, must<f_unary>> {};
struct f_unary : sor<f_not, f_atom> {};
struct f_and : seq<f_unary, star<sp, w_and, sp, must<f_unary>>> {};
struct f_or : seq<f_and, star<sp, w_or, sp, must<f_and>>> {};
struct formula : seq<f_or> {};
struct if_condition : seq<formula> {};

// ---- conditions and the profile -------------------------------------------------------
struct severity : sor<w_require, w_prefer> {};
struct condition_colon : colon {};
struct condition_formula : seq<formula> {};
// A `;` that is evidently missing (the formula ended a line and the next line
// starts a condition or closes the profile) is reported, and the condition kept.
struct missing_condition_semi {
  using rule_t = missing_condition_semi;
  using subs_t = tao::pegtl::empty_list;
  template <typename ParseInput>
  static bool match(ParseInput& in);
};
struct condition_end : sor<semi, missing_condition_semi> {};
struct condition : seq<severity, sp, must<condition_id>, sp, must<condition_statement>, sp,
                       must<condition_colon>, sp, must<condition_formula>, sp,
                       must<condition_end>> {};

inline bool is_condition_starter(std::string_view w) {
  return w == "require" || w == "prefer" || recovery_detail::is_top_starter(w);
}

template <typename ParseInput>
bool missing_condition_semi::match(ParseInput& in) {
  const char* p = in.current();
  bool newline = false;
  for (const char* q = p; q > in.begin(); --q) {
    const char c = q[-1];
    if (c == '\n') {
      newline = true;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      break;
    }
  }
  if (!newline) return false;
  if (p == in.end() || *p == '}') return true;
  return is_condition_starter(recovery_detail::word_at(p, in.end()));
}

// Skips a broken condition: to its `;`, or to a line starting a new condition.
// A top-level keyword means the profile was left open: stop, so it still ends.
struct skip_condition {
  using rule_t = skip_condition;
  using subs_t = tao::pegtl::empty_list;
  template <typename ParseInput>
  static bool match(ParseInput& in) {
    if (recovery_detail::is_top_starter(recovery_detail::word_at(in.current(), in.end()))) return false;
    return recovery_detail::skip(in, is_condition_starter, true);
  }
};

struct profile_open : lbrace {};
struct profile_close : rbrace {};
struct profile_item
    : sor<pegtl::try_catch_type<recoverable_error, condition>, skip_condition> {};
struct profile_body : star<not_at<rbrace>, not_at<eof>, profile_item, sp> {};
struct profile_header : seq<w_profile, sp, must<profile_name>, sp, opt<profile_title, sp>,
                            must<profile_open>> {};

}  // namespace pf

// `profile ID "title" { CONDITION* }`: a top-level item of any term file.
struct profile_decl
    : pegtl::seq<pf::profile_header, sp, pf::profile_body, pegtl::must<pf::profile_close>> {};

// ---- nesting ------------------------------------------------------------------------------
// Every way a formula nests goes through f_unary (parentheses, `not`, `if` /
// `then`), every way a property nests through p_unary (parentheses, `not`), and
// relative clauses through noun_phrase. These rules are tried only where a
// nested formula, property or phrase must start, so a level is counted only
// when the input really nests (a rule such as f_paren is tried at every atom,
// which would count a level the input does not have). The formula itself is
// the first level: `(true)` is two.
template <> inline constexpr bool counts_depth<pf::f_unary> = true;
template <> inline constexpr bool counts_depth<pf::p_unary> = true;
template <> inline constexpr bool counts_depth<pf::noun_phrase> = true;

// ---- messages for policy writers ------------------------------------------------------------
template <> inline constexpr const char* error_message<pf::profile_name> = "expected a name for the profile";
template <> inline constexpr const char* error_message<pf::profile_open> =
    "expected `{` to open the profile's conditions";
template <> inline constexpr const char* error_message<pf::profile_close> =
    "expected `}` to close the profile";
template <> inline constexpr const char* error_message<pf::condition_id> =
    "expected an id for the condition after `require` or `prefer`";
template <> inline constexpr const char* error_message<pf::condition_statement> =
    "expected the condition's statement, a one-line string like `\"Dismantlement must be verifiable\"`";
template <> inline constexpr const char* error_message<pf::condition_colon> =
    "expected `:` between the condition's statement and its formula";
template <> inline constexpr const char* error_message<pf::condition_formula> =
    "expected a formula, like `every dismantle clause is verified`";
template <> inline constexpr const char* error_message<pf::condition_end> =
    "expected `;` at the end of the condition";
template <> inline constexpr const char* error_message<pf::formula> =
    "expected a formula, like `every dismantle clause is verified`";
template <> inline constexpr const char* error_message<pf::if_condition> =
    "expected a formula after `if`";
template <> inline constexpr const char* error_message<pf::then_part> =
    "expected `then` and a formula after the condition of `if`";
template <> inline constexpr const char* error_message<pf::f_unary> =
    "expected a formula after `and`, `or` or `not`";
template <> inline constexpr const char* error_message<pf::f_and> = "expected a formula after `or`";
template <> inline constexpr const char* error_message<pf::f_close> =
    "expected `)` to close the parenthesised formula";
template <> inline constexpr const char* error_message<pf::count_value> =
    "expected a number, like `2` or `one`";
template <> inline constexpr const char* error_message<pf::noun_phrase> =
    "expected what the formula speaks of, like `clause`, `step`, `facility`, `program`, `sanction` "
    "or `benefit`";
template <> inline constexpr const char* error_message<pf::qnp> =
    "expected a quantified phrase, like `some step` or `at least 2 clauses`";
template <> inline constexpr const char* error_message<pf::object_ref> =
    "expected a name or a quantified phrase, like `some program of kind nuclear`";
template <> inline constexpr const char* error_message<pf::property> =
    "expected a property after `is`, like `verified`, `lifted at end` or `in force`";
template <> inline constexpr const char* error_message<pf::flt_order> =
    "expected `after`, `before`, `at or after` or `at or before` and a step";
template <> inline constexpr const char* error_message<pf::step_anchor> =
    "expected a step: `step ID`, `the first step ...`, or a phrase like `some step ...`";
template <> inline constexpr const char* error_message<pf::time_anchor> =
    "expected one step: `step ID`, `the first step ...` or `the last step ...`";
template <> inline constexpr const char* error_message<pf::step_ref> = "expected a step's name";
template <> inline constexpr const char* error_message<pf::program_ref> = "expected a program's name";
template <> inline constexpr const char* error_message<pf::side_word> =
    "expected `sanctioned` or `other` in `of the ... side`";
template <> inline constexpr const char* error_message<pf::side_keyword> =
    "expected `side`, as in `of the sanctioned side`";
template <> inline constexpr const char* error_message<pf::kind_name> =
    "expected a program kind after `of kind`, like `nuclear`";
template <> inline constexpr const char* error_message<pf::duration> =
    "expected a duration after `within`, like `60 days` or `6 months`";
template <> inline constexpr const char* error_message<pf::duration_unit> =
    "expected a unit after the number: `days`, `weeks`, `months` or `years`";
template <> inline constexpr const char* error_message<pf::comparator> =
    "expected a comparison after the number, like `<=`, `is at most` or `is greater than`";
template <> inline constexpr const char* error_message<pf::comparison_rhs> =
    "expected a number, a `share of ...` or a `count of ...` after the comparison";
template <> inline constexpr const char* error_message<pf::num_base> =
    "expected a number, a `share of ...` or a `count of ...` after `times`";
template <> inline constexpr const char* error_message<pf::w_of> = "expected `of`";
template <> inline constexpr const char* error_message<pf::w_on> = "expected `on` after `builds`";
template <> inline constexpr const char* error_message<pf::agreement_predicate> =
    "expected `builds on ...`, `does not build on ...` or `has ...` after `the agreement`";
template <> inline constexpr const char* error_message<pf::verb_phrase> =
    "expected `is`, `are`, `targets`, `holds` or `comes` after `that`";

}  // namespace terms::grammar

// The skip consumes at least one character or fails, like `any`; the missing
// `;` may succeed without consuming, like `success`.
template <typename Name>
struct tao::pegtl::analyze_traits<Name, terms::grammar::pf::skip_condition> : analyze_any_traits<> {};
template <typename Name>
struct tao::pegtl::analyze_traits<Name, terms::grammar::pf::missing_condition_semi>
    : analyze_opt_traits<> {};
