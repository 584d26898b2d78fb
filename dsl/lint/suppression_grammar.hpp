#pragma once
// The grammar of suppression comments (PEGTL rules only, no actions):
//   # terms: ignore RULE[, RULE]... [-- REASON]
//   # terms: ignore-file RULE[, RULE]... [-- REASON]
// A comment that starts with `# terms:` is meant as a directive; one that then
// does not match `suppression` is reported as invalid (L022).

#include <tao/pegtl.hpp>

namespace terms::lint::grammar {

namespace pegtl = tao::pegtl;

struct blank : pegtl::one<' ', '\t'> {};
struct blanks : pegtl::star<blank> {};
// `# terms:`, with optional blanks around `terms`.
struct marker : pegtl::seq<pegtl::one<'#'>, blanks, TAO_PEGTL_STRING("terms"), blanks, pegtl::one<':'>> {};
struct name_char : pegtl::sor<pegtl::alnum, pegtl::one<'-', '_'>> {};
struct kw_ignore_file : pegtl::seq<TAO_PEGTL_STRING("ignore-file"), pegtl::not_at<name_char>> {};
struct kw_ignore : pegtl::seq<TAO_PEGTL_STRING("ignore"), pegtl::not_at<name_char>> {};
struct directive : pegtl::sor<kw_ignore_file, kw_ignore> {};
// A rule's code or name.
struct rule_ref : pegtl::plus<name_char> {};
struct rule_list : pegtl::list<rule_ref, pegtl::one<','>, blank> {};
struct reason : pegtl::seq<TAO_PEGTL_STRING("--"), pegtl::star<pegtl::any>> {};
struct suppression
    : pegtl::seq<marker, blanks, directive, pegtl::plus<blank>, rule_list, blanks, pegtl::opt<reason>, blanks,
                 pegtl::eof> {};

}  // namespace terms::lint::grammar
