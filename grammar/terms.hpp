#pragma once
// The grammar of term files: imports, declarations, agreements, steps, clauses,
// expectations, and (from grammar/profile.hpp) profiles.
//
// PEGTL rules only. Rules that name something in a particular role (a
// declaration's name, a clause target, a verifier ...) are distinct structs so
// that the parser's actions know the role without looking around. Every rule
// used inside must<> has an error_message below, written for a policy writer.
// Error recovery: each item is tried inside recover<> (try_catch_type); if it fails, a skip rule
// (grammar/recovery.hpp) resumes at the next item.

#include "grammar/lexical.hpp"
#include "grammar/profile.hpp"
#include "grammar/recovery.hpp"

namespace terms::grammar {

using pegtl::eof;
using pegtl::list;
using pegtl::must;
using pegtl::not_at;
using pegtl::opt;
using pegtl::plus;
using pegtl::seq;
using pegtl::sor;
using pegtl::star;
// A recovery point: R, or on a syntax error inside R, failure (input rewound).
template <typename... R>
struct recover : pegtl::try_catch_type<recoverable_error, R...> {};

TERMS_KEYWORD(import, "import");
TERMS_KEYWORD(party, "party");
TERMS_KEYWORD(verifier, "verifier");
TERMS_KEYWORD(program, "program");
TERMS_KEYWORD(facility, "facility");
TERMS_KEYWORD(sanction, "sanction");
TERMS_KEYWORD(benefit, "benefit");
TERMS_KEYWORD(of, "of");
TERMS_KEYWORD(kind, "kind");
TERMS_KEYWORD(in, "in");
TERMS_KEYWORD(by, "by");
TERMS_KEYWORD(agreement, "agreement");
TERMS_KEYWORD(builds_on, "builds_on");
TERMS_KEYWORD(step, "step");
TERMS_KEYWORD(after, "after");
TERMS_KEYWORD(expect, "expect");
TERMS_KEYWORD(acceptable, "acceptable");
TERMS_KEYWORD(unacceptable, "unacceptable");
TERMS_KEYWORD(violated, "violated");
TERMS_KEYWORD(satisfied, "satisfied");
TERMS_KEYWORD(all, "all");
TERMS_KEYWORD(sanctions, "sanctions");
TERMS_KEYWORD(verified, "verified");
TERMS_KEYWORD(within, "within");
TERMS_KEYWORD(partially, "partially");
TERMS_KEYWORD(snapback, "snapback");
TERMS_KEYWORD(weight, "weight");
TERMS_KEYWORD(since, "since");
TERMS_KEYWORD(until, "until");

// ---- clause verbs ----------------------------------------------------------------
TERMS_KEYWORD(declare, "declare");
TERMS_KEYWORD(freeze, "freeze");
TERMS_KEYWORD(dismantle, "dismantle");
TERMS_KEYWORD(lift, "lift");
TERMS_KEYWORD(ease, "ease");
TERMS_KEYWORD(suspend, "suspend");
TERMS_KEYWORD(retain, "retain");
TERMS_KEYWORD(provide, "provide");
struct verb : sor<kw_declare, kw_freeze, kw_dismantle, kw_lift, kw_ease, kw_suspend, kw_retain,
                  kw_provide> {};

// `sanctions` (or `sanction`) after a sanction verb.
struct sanctions_word : sor<kw_sanctions, kw_sanction> {};

// ---- names in their roles ----------------------------------------------------------
struct decl_name : identifier {};
struct owner_name : identifier {};
struct program_kind : identifier {};
struct target_name : identifier {};
struct by_party : identifier {};
struct verifier_name : identifier {};
struct agreement_name : identifier {};
struct builds_on_name : identifier {};
struct step_name : identifier {};
struct after_name : identifier {};
struct condition_ref : identifier {};
struct title : string_lit {};
struct import_path : string_lit {};
struct duration_amount : integer {};
struct duration_unit : identifier {};

// ---- numbers and dates -------------------------------------------------------------
// A sanction's weight: a non-negative decimal, `10` or `2.5` (no sign, no exponent).
struct weight_number : seq<integer, opt<pegtl::one<'.'>, integer>, not_at<ident_rest>> {};
// `YYYY-MM-DD`; whether it names a day of the calendar is checked by the parser's action.
struct date_lit : seq<pegtl::rep<4, pegtl::digit>, pegtl::one<'-'>, pegtl::rep<2, pegtl::digit>,
                      pegtl::one<'-'>, pegtl::rep<2, pegtl::digit>, not_at<ident_rest>> {};
struct since_date : date_lit {};
struct until_date : date_lit {};

// ---- declarations -----------------------------------------------------------------
// Each `;` that ends an item: a `;`, or one evidently missing at a line end.
struct import_end : sor<semi, missing_semi<struct import_end_tag>> {};
struct decl_end : sor<semi, missing_semi<struct decl_end_tag>> {};
struct expect_end : sor<semi, missing_semi<struct expect_end_tag>> {};
struct builds_on_end : sor<semi, missing_semi<struct builds_on_end_tag>> {};
struct import_decl : seq<kw_import, sp, must<import_path>, sp, must<import_end>> {};

template <typename Kw, typename... Tail>
struct declaration : seq<Kw, sp, must<decl_name>, sp, Tail..., opt<title, sp>, must<decl_end>> {};

struct owner_of : seq<kw_of, sp, must<owner_name>> {};
struct owner_in : seq<kw_in, sp, must<owner_name>> {};
struct owner_by : seq<kw_by, sp, must<owner_name>> {};
struct kind_clause : seq<kw_kind, sp, must<program_kind>> {};

struct party_decl : declaration<kw_party> {};
struct verifier_decl : declaration<kw_verifier> {};
struct program_decl : declaration<kw_program, must<owner_of>, sp, must<kind_clause>, sp> {};
struct facility_decl : declaration<kw_facility, must<owner_in>, sp> {};
// sanction ID by PARTY [weight NUMBER] [since DATE] [until DATE] "title";  (in this order)
struct sanction_weight : seq<kw_weight, sp, must<weight_number>> {};
struct sanction_since : seq<kw_since, sp, must<since_date>> {};
struct sanction_until : seq<kw_until, sp, must<until_date>> {};
struct sanction_decl : declaration<kw_sanction, must<owner_by>, sp, opt<sanction_weight, sp>,
                                   opt<sanction_since, sp>, opt<sanction_until, sp>> {};
struct benefit_decl : declaration<kw_benefit, must<owner_by>, sp> {};
struct decl : sor<party_decl, verifier_decl, program_decl, facility_decl, sanction_decl,
                  benefit_decl> {};

// ---- clauses ----------------------------------------------------------------------
struct target_all_by : seq<kw_all, sp, kw_by, sp, must<by_party>> {};
struct target_all : kw_all {};
struct target_list : seq<target_name, star<sp, comma, sp, must<target_name>>> {};
struct targets : sor<target_all_by, target_all, target_list> {};

struct duration : seq<duration_amount, sp, must<duration_unit>> {};
struct verified_by : seq<kw_by, sp, must<verifier_name>> {};
struct mod_verified : seq<kw_verified, opt<sp, verified_by>> {};
struct mod_within : seq<kw_within, sp, must<duration>> {};
struct mod_partially : kw_partially {};
struct mod_snapback : kw_snapback {};
struct modifier : sor<mod_verified, mod_within, mod_partially, mod_snapback> {};

struct clause_end : sor<semi, missing_semi<struct clause_end_tag>> {};
struct clause : seq<verb, sp, opt<sanctions_word, sp>, must<targets>, star<sp, modifier>, sp,
                    must<clause_end>> {};

// ---- agreements and steps -------------------------------------------------------------
struct expectation_verdict : sor<kw_acceptable, kw_unacceptable> {};
struct expectation_violated : seq<kw_violated, sp, must<condition_ref>> {};
struct expectation_satisfied : seq<kw_satisfied, sp, must<condition_ref>> {};
struct expectation_body : sor<expectation_verdict, expectation_violated, expectation_satisfied> {};
struct expect_stmt : seq<kw_expect, sp, must<expectation_body>, sp, must<expect_end>> {};

struct builds_on_list : list<builds_on_name, seq<sp, comma, sp>> {};
struct builds_on_stmt : seq<kw_builds_on, sp, must<builds_on_list>, sp, must<builds_on_end>> {};

// A top-level keyword where a block item was expected: the block was left open.
struct top_keyword : sor<kw_import, kw_party, kw_verifier, kw_program, kw_facility, kw_sanction,
                         kw_benefit, kw_agreement, keyword<TAO_PEGTL_STRING("profile")>> {};
struct block_left_open : sor<eof, pegtl::at<top_keyword>> {};

struct step_open : lbrace {};
struct step_close : rbrace {};
struct step_unclosed : block_left_open {};
struct agreement_unclosed : block_left_open {};
struct after_list : list<after_name, seq<sp, comma, sp>> {};
struct step_after : seq<kw_after, sp, must<after_list>> {};
struct step_item : sor<recover<clause>, skip_block_item> {};
struct step_body : star<not_at<rbrace>, not_at<eof>, step_item, sp> {};
struct step_header : seq<kw_step, sp, must<step_name>, sp, opt<title, sp>, opt<step_after, sp>,
                         must<step_open>> {};
struct step : seq<step_header, sp, step_body, sor<step_close, step_unclosed>> {};

struct agreement_open : lbrace {};
struct agreement_close : rbrace {};
struct agreement_item
    : sor<recover<sor<step, expect_stmt, builds_on_stmt, clause>>, skip_block_item> {};
struct agreement_body : star<not_at<rbrace>, not_at<eof>, agreement_item, sp> {};
struct agreement_header : seq<kw_agreement, sp, must<agreement_name>, sp, opt<title, sp>,
                              must<agreement_open>> {};
struct agreement : seq<agreement_header, sp, agreement_body, sor<agreement_close, agreement_unclosed>> {};

// ---- the file ---------------------------------------------------------------------------
struct top_item : sor<recover<sor<import_decl, decl, agreement, profile_decl>>, skip_top_item> {};
struct file : seq<opt<bom>, sp, star<not_at<eof>, top_item, sp>, eof> {};

// ---- messages for policy writers ------------------------------------------------------
template <> inline constexpr const char* error_message<import_path> =
    "expected the imported file's path as a string, like `\"lib/korea.terms\"`";
template <> inline constexpr const char* error_message<semi> = "expected `;`";
template <> inline constexpr const char* error_message<import_end> = "expected `;` after the import";
template <> inline constexpr const char* error_message<decl_end> = "expected `;` at the end of the declaration";
template <> inline constexpr const char* error_message<expect_end> = "expected `;` after the expectation";
template <> inline constexpr const char* error_message<builds_on_end> = "expected `;` after the list of agreements";
template <> inline constexpr const char* error_message<decl_name> = "expected a name for the declaration";
template <> inline constexpr const char* error_message<owner_of> =
    "expected `of PARTY`: the party that owns the program";
template <> inline constexpr const char* error_message<owner_in> =
    "expected `in PROGRAM`: the program the facility belongs to";
template <> inline constexpr const char* error_message<owner_by> =
    "expected `by PARTY`: the party that imposes or provides it";
template <> inline constexpr const char* error_message<owner_name> = "expected a name after the keyword";
template <> inline constexpr const char* error_message<weight_number> =
    "expected the sanction's weight after `weight`: a number like `10` or `2.5`";
template <> inline constexpr const char* error_message<since_date> =
    "expected the date the sanction took effect after `since`, written `YYYY-MM-DD`";
template <> inline constexpr const char* error_message<until_date> =
    "expected the date the sanction ended after `until`, written `YYYY-MM-DD`";
template <> inline constexpr const char* error_message<kind_clause> =
    "expected `kind KIND` (for example `kind nuclear`)";
template <> inline constexpr const char* error_message<program_kind> =
    "expected the program's kind after `kind` (for example `nuclear` or `ballistic`)";
template <> inline constexpr const char* error_message<targets> =
    "expected what the clause applies to: names separated by commas, `all`, or `all by PARTY`";
template <> inline constexpr const char* error_message<target_name> = "expected a name after `,`";
template <> inline constexpr const char* error_message<by_party> = "expected a party after `all by`";
template <> inline constexpr const char* error_message<duration> =
    "expected a duration after `within`, like `60 days` or `6 months`";
template <> inline constexpr const char* error_message<duration_unit> =
    "expected a unit after the number: `days`, `weeks`, `months` or `years`";
template <> inline constexpr const char* error_message<verifier_name> =
    "expected who verifies after `verified by`";
template <> inline constexpr const char* error_message<clause_end> =
    "expected a modifier (`verified`, `within`, `partially`, `snapback`) or `;` to end the clause";
template <> inline constexpr const char* error_message<expectation_body> =
    "expected `acceptable`, `unacceptable`, `violated CONDITION` or `satisfied CONDITION` after `expect`";
template <> inline constexpr const char* error_message<condition_ref> = "expected a condition id";
template <> inline constexpr const char* error_message<builds_on_list> =
    "expected the names of earlier agreements after `builds_on`";
template <> inline constexpr const char* error_message<step_name> = "expected a name for the step";
template <> inline constexpr const char* error_message<after_list> =
    "expected the names of earlier steps after `after`";
template <> inline constexpr const char* error_message<step_open> =
    "expected `{` to open the step's clauses";
template <> inline constexpr const char* error_message<agreement_name> =
    "expected a name for the agreement";
template <> inline constexpr const char* error_message<agreement_open> =
    "expected `{` to open the agreement";

}  // namespace terms::grammar
