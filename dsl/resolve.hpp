#pragma once
// Loading, imports and name resolution.
//
// A Workspace parses root files and, recursively, the files they import (each
// file once, keyed by its canonical path), builds each file's scope (its own
// declarations plus those of every file it imports, transitively), resolves
// every name, and runs the semantic checks of the front end. Diagnostics go to
// the sink given at construction; each file's diagnostics are emitted once.
//
// Lifetime: a Workspace owns its Units; Units and Entities refer to SourceFiles
// of the SourceManager, which must outlive the Workspace.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dsl/ast.hpp"
#include "dsl/diagnostics.hpp"
#include "dsl/file_system.hpp"
#include "dsl/parser.hpp"
#include "dsl/profile_ast.hpp"
#include "dsl/source.hpp"

namespace terms {

using EntityId = std::uint32_t;
using UnitId = std::uint32_t;
inline constexpr EntityId kNoEntity = 0xffffffffu;

// What a sanction's declaration says beyond its imposer: its weight (1 when
// not written) and the days it is in force (dsl/date.hpp: in_force_on). Dates
// that are not days of the calendar were reported by the parser and are absent.
struct SanctionTerms {
  double weight = 1.0;
  std::optional<Date> since;  // first day in force; none: in force from the start of the record
  std::optional<Date> until;  // first day no longer in force; none: still in force
  bool in_force_on(const Date& d) const { return terms::in_force_on(since, until, d); }
};
SanctionTerms sanction_terms_of(const ast::Decl& decl);

// A declared thing: a party, verifier, program, facility, sanction or benefit.
struct Entity {
  ast::DeclKind kind{};
  const ast::Decl* decl = nullptr;
  std::string_view name;   // points into decl
  UnitId unit = 0;
  // party of a program/sanction/benefit, program of a facility; kNoEntity if
  // unresolved or not applicable.
  EntityId owner = kNoEntity;
  SanctionTerms sanction;  // sanctions only (defaults for other kinds)
};

// One loaded file: its tree, its imports and its scope.
struct Unit {
  UnitId id = 0;
  const SourceFile* source = nullptr;
  std::string canonical_path;
  ast::File tree;
  std::vector<UnitId> imports;            // direct imports that loaded
  std::vector<UnitId> visible_units;      // itself first, then transitive imports
  std::unordered_map<std::string_view, EntityId> own_names;        // declared here
  std::unordered_map<std::string_view, const ast::Agreement*> own_agreements;
  std::unordered_map<std::string_view, const ast::Profile*> own_profiles;
  std::size_t error_count = 0;  // errors in this file itself (syntax, names, semantics)
  bool is_root = false;
  // A slot left by release_root: empty tree and tables, no visible units,
  // `source` an empty file with id kNoFile. The next load may reuse the slot.
  bool released = false;
};

struct LoadOptions {
  std::size_t max_file_bytes = 64u * 1024 * 1024;
  std::size_t max_import_depth = 64;
  std::size_t max_errors_per_file = 100;
  ParseOptions parse;
  // The library root: imports must name files inside this directory (terms.json
  // `root`, or the directory given on the command line), so that checking an
  // untrusted library cannot read other files. Compared after
  // FileSystem::canonical, so neither `..` nor a symbolic link leaves it.
  // Empty: imports may name any file. Root files themselves are not checked.
  std::string library_root;
  // The most files one load (a root and everything it imports) may read
  // through imports; 0: no limit.
  std::size_t max_imports = 4096;
};

class Workspace {
 public:
  Workspace(SourceManager& sources, const FileSystem& fs, DiagnosticSink& sink,
            LoadOptions options = {});
  ~Workspace();

  // Loads a root file from the file system (and its imports). Returns nullopt
  // when the file itself cannot be read (a diagnostic has been emitted).
  std::optional<UnitId> load_file(const std::string& path);
  // Loads a root from text already in memory (standard input, an editor buffer).
  // `path` is used for diagnostics and to resolve relative imports.
  UnitId load_text(const std::string& path, std::string text);

  const Unit& unit(UnitId id) const { return *units_.at(id); }
  std::size_t unit_count() const { return units_.size(); }
  const Entity& entity(EntityId id) const { return entities_.at(id); }
  std::size_t entity_count() const { return entities_.size(); }
  const SourceManager& sources() const { return sources_; }

  // Looks a name up in a unit's scope (its own declarations, then its imports).
  std::optional<EntityId> lookup(UnitId unit, std::string_view name) const;
  const ast::Agreement* lookup_agreement(UnitId unit, std::string_view name) const;
  const ast::Profile* lookup_profile(UnitId unit, std::string_view name) const;
  // Every entity visible from a unit, in declaration order (imports first).
  std::vector<EntityId> visible_entities(UnitId unit) const;
  // The unit that declares an agreement, for agreements found through lookup.
  std::optional<UnitId> unit_of(const ast::Agreement* agreement) const;
  // The unit loaded from a source file (for positions coming from an editor).
  std::optional<UnitId> unit_of_file(FileId file) const;

  // True when the unit or any file it imports has an error.
  bool has_errors(UnitId unit) const;

  // Frees a unit that no other loaded unit imports (normally a root that has
  // been evaluated and rendered): its tree, its scope tables, its source text
  // (SourceManager::release) and its path key, so that loading the same path
  // later reads and parses it afresh. Returns false, and does nothing, when
  // the id is not a loaded unit or another loaded unit imports it (an import
  // that closes a cycle counts; a unit importing itself does not). The units
  // it imports stay loaded for later roots.
  // Afterwards: every Span, string_view, ast pointer and Diagnostic into the
  // unit's file dangles (render first); its entities stay as tombstones
  // (decl == nullptr, empty name) that no lookup returns; its UnitId slot
  // holds an empty Unit with `released` set until a later load reuses the id.
  // unit_count() and entity_count() stay bounded when roots are loaded and
  // released one after another.
  bool release_root(UnitId id);
  // Units loaded and not released.
  std::size_t live_unit_count() const { return units_.size() - free_units_.size(); }

 private:
  struct Impl;
  SourceManager& sources_;
  const FileSystem& fs_;
  DiagnosticSink& sink_;
  LoadOptions options_;
  std::vector<std::unique_ptr<Unit>> units_;
  std::vector<Entity> entities_;
  std::unordered_map<std::string, UnitId> by_path_;
  std::vector<UnitId> free_units_;  // released slots, reused by the next loads
  std::unique_ptr<Impl> impl_;
  friend struct Impl;
};

}  // namespace terms
