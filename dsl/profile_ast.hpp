#pragma once
// The syntax tree of a profile: `profile ID "title" { CONDITION* }`.
// (Placeholder shape; the engine work fills in the formula tree.)

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dsl/ast.hpp"

namespace terms::ast {

struct Formula;  // defined with the formula language

enum class Severity2 : std::uint8_t { require, prefer };

struct Condition {
  Severity2 severity = Severity2::require;
  Span severity_span;
  Ident id;
  String statement;
  std::shared_ptr<Formula> formula;
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
