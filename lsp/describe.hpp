#pragma once
// Markdown descriptions of the things in a term file, for hovers and
// completion details: what a declared name is, what a clause does to the
// state, what an expectation or a condition says.
//
// Lifetime: a Describer reads the Analysis it was built on and must not
// outlive it.

#include <string>
#include <string_view>

#include "lsp/analysis.hpp"

namespace terms::lsp {

class Describer {
 public:
  explicit Describer(const Analysis& analysis) : analysis_(analysis), ws_(analysis.workspace()) {}

  std::string occurrence(const Occurrence& o) const;
  std::string entity(EntityId id) const;
  // One line: "facility of program `p` (party `x`)".
  std::string entity_summary(EntityId id) const;
  std::string clause(const ast::Clause& c) const;
  std::string expectation(const ast::Expectation& e) const;
  std::string step(const ast::Agreement& a, const ast::Step& s) const;
  std::string agreement(const ast::Agreement& a) const;
  std::string condition(const ast::Profile& p, const ast::Condition& c) const;
  std::string decl_keyword(ast::DeclKind kind) const;

  // What a verb does to its targets, as in the language reference's table.
  static std::string_view verb_effect(ast::Verb verb);

 private:
  std::string expectation_text(const ast::Expectation& e) const;
  std::string declared_at(Span span) const;
  std::string source_text(Span span) const;
  std::string entity_name(EntityId id) const;

  const Analysis& analysis_;
  const Workspace& ws_;
};

}  // namespace terms::lsp
