#pragma once
// Where every name of a loaded file is declared and used.
//
// An Occurrence is one identifier in a file's syntax tree that declares or
// refers to something: a declared entity (party, verifier, program,
// facility, sanction, benefit), an agreement, a step, a profile or a
// condition. References are resolved through the Workspace's scopes, so an
// occurrence in one file can point at a declaration in a file it imports.
// `key` identifies the thing across Workspaces (the canonical path of the
// declaring file plus its name), which is what find-references compares.
//
// Lifetime: occurrences point into the Workspace's syntax trees (ast nodes)
// and are valid while that Workspace lives.

#include <cstdint>
#include <string>
#include <vector>

#include "dsl/profile_ast.hpp"
#include "dsl/resolve.hpp"

namespace terms::lsp {

enum class SymbolClass : std::uint8_t { entity, agreement, step, profile, condition };

struct Occurrence {
  Span span;                 // the identifier as written here
  Span declaration;          // the declaring identifier (may be in another file)
  std::string key;           // equal for every occurrence of one thing
  SymbolClass what = SymbolClass::entity;
  bool is_declaration = false;
  EntityId entity = kNoEntity;                   // SymbolClass::entity
  const ast::Agreement* agreement = nullptr;     // agreement, step
  const ast::Step* step = nullptr;               // step
  const ast::Profile* profile = nullptr;         // profile, condition
  const ast::Condition* condition = nullptr;     // condition
};

// Every occurrence in one unit's file, sorted by position. Names that do not
// resolve have no occurrence (the resolver has reported them).
std::vector<Occurrence> index_unit(const Workspace& ws, UnitId unit);

// The occurrence whose identifier contains `offset` (the end counts, so a
// cursor just after a name finds it), or nullptr.
const Occurrence* occurrence_at(const std::vector<Occurrence>& occurrences, std::uint32_t offset);

}  // namespace terms::lsp
