#pragma once
// PLACEHOLDER until the engine work replaces it: the actions that build an
// ast::Profile while the parser is inside `profile_decl`.
#include <tao/pegtl.hpp>

#include "dsl/parse_context.hpp"
#include "dsl/profile_ast.hpp"
#include "grammar/profile.hpp"

namespace terms::profile_parse {

// The profile builder. Constructed by change_action_and_state from the parent state.
struct State : parse_detail::StateBase {
  template <typename Input>
  State(const Input&, parse_detail::StateBase& parent) {
    ctx = parent.ctx;
  }
  ast::Profile profile;
};

template <typename Rule>
struct action : tao::pegtl::nothing<Rule> {};

template <>
struct action<grammar::profile_name> {
  template <typename Input>
  static void apply(const Input& in, State& s) {
    s.profile.name = ast::Ident{in.string(), s.ctx->span(in.begin(), in.end())};
  }
};

}  // namespace terms::profile_parse
