#pragma once
// The PEGTL actions that build an ast::Profile while the parser is inside
// `profile_decl` (grammar/profile.hpp). The agreement parser (dsl/parser.cpp)
// switches to these with change_action_and_state<profile_parse::action,
// profile_parse::State> and moves State::profile into the file on success.
//
// Conditions are built by actions; each condition's formula is built by
// build_formula(), which re-reads the formula's (already matched) text with
// PEGTL's parse_tree and converts that tree. A parse tree, unlike actions,
// is immune to the backtracking that English-like formulas need ("lifted
// and verified" vs "... and every sanction ...").
//
// Error recovery: each condition is a recovery point; a broken condition is
// reported and skipped up to its `;` (or the next `require` / `prefer` line),
// so one broken condition does not hide the others.

#include <memory>

#include <tao/pegtl.hpp>

#include "dsl/parse_context.hpp"
#include "dsl/profile_ast.hpp"
#include "grammar/profile.hpp"

namespace terms::profile_parse {

// The profile under construction. Constructed by change_action_and_state from
// the parent parse state; shares its Context (which outlives it).
struct State : parse_detail::StateBase {
  template <typename Input>
  State(const Input&, parse_detail::StateBase& parent) {
    ctx = parent.ctx;
  }
  ast::Profile profile;
  ast::Condition condition;  // the condition being parsed
};

// Builds the formula tree of [begin, end), text that grammar::pf::formula has
// just matched. Positions are taken from ctx. Never throws; returns null (after
// reporting) if the text unexpectedly fails to parse.
std::shared_ptr<const ast::Formula> build_formula(parse_detail::Context& ctx, const char* begin,
                                                  const char* end);

// Reports a skipped, broken condition unless a syntax error already explained it.
void report_skipped_condition(parse_detail::Context& ctx, const char* begin, const char* end);

namespace pf = grammar::pf;

template <typename Rule>
struct action : tao::pegtl::nothing<Rule> {};

template <>
struct action<pf::profile_name> {
  template <typename Input>
  static void apply(const Input& in, State& s) {
    s.profile.name = ast::Ident{in.string(), s.ctx->span(in.begin(), in.end())};
  }
};

template <>
struct action<pf::profile_title> {
  template <typename Input>
  static void apply(const Input& in, State& s) {
    s.profile.title =
        ast::String{parse_detail::unescape(in.string_view()), s.ctx->span(in.begin(), in.end())};
  }
};

template <>
struct action<pf::severity> {
  template <typename Input>
  static void apply(const Input& in, State& s) {
    s.condition = ast::Condition{};
    s.condition.severity =
        in.string_view() == "prefer" ? ast::ConditionSeverity::prefer : ast::ConditionSeverity::require;
    s.condition.severity_span = s.ctx->span(in.begin(), in.end());
  }
};

template <>
struct action<pf::condition_id> {
  template <typename Input>
  static void apply(const Input& in, State& s) {
    s.condition.id = ast::Ident{in.string(), s.ctx->span(in.begin(), in.end())};
  }
};

template <>
struct action<pf::condition_statement> {
  template <typename Input>
  static void apply(const Input& in, State& s) {
    s.condition.statement =
        ast::String{parse_detail::unescape(in.string_view()), s.ctx->span(in.begin(), in.end())};
  }
};

template <>
struct action<pf::condition_formula> {
  template <typename Input>
  static void apply(const Input& in, State& s) {
    s.condition.formula_span = s.ctx->span(in.begin(), in.end());
    s.condition.formula = build_formula(*s.ctx, in.begin(), in.end());
  }
};

template <>
struct action<pf::missing_condition_semi> {
  template <typename Input>
  static void apply(const Input& in, State& s) {
    s.ctx->expected(in.begin(), grammar::error_message<pf::condition_end>, true, true);
  }
};

template <>
struct action<pf::condition> {
  template <typename Input>
  static void apply(const Input& in, State& s) {
    s.condition.span = s.ctx->span(in.begin(), in.end());
    s.profile.conditions.push_back(std::move(s.condition));
    s.condition = ast::Condition{};
  }
};

template <>
struct action<pf::skip_condition> {
  template <typename Input>
  static void apply(const Input& in, State& s) {
    report_skipped_condition(*s.ctx, in.begin(), in.end());
  }
};

template <>
struct action<grammar::profile_decl> {
  template <typename Input>
  static void apply(const Input& in, State& s) {
    s.profile.span = s.ctx->span(in.begin(), in.end());
  }
};

}  // namespace terms::profile_parse
