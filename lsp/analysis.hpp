#pragma once
// One check of one document: its text parsed, its imports loaded (through
// the overlay, so open documents shadow the disk), names resolved, and the
// later passes (lint, verdicts) run; plus the name index the editor features
// query.
//
// An Analysis is a snapshot: it is built for one version of a document and
// never changes afterwards (except for the lazily built index). The server
// keeps the latest one per document and rebuilds it when the text changes.
//
// Lifetime: the FileSystem is used only during construction. Everything else
// (sources, trees, diagnostics, index) is owned by the Analysis.

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "dsl/diagnostics.hpp"
#include "dsl/file_system.hpp"
#include "dsl/resolve.hpp"
#include "dsl/source.hpp"
#include "lsp/index.hpp"

namespace terms::lsp {

class Analysis {
 public:
  // Loads `text` as the file `path`, and then each of `extra_roots` (paths
  // read through `fs`), for project-wide queries such as find-references.
  Analysis(const FileSystem& fs, const std::string& path, std::string text, const LoadOptions& options,
           const std::vector<std::string>& extra_roots = {});
  Analysis(const Analysis&) = delete;
  Analysis& operator=(const Analysis&) = delete;

  const Workspace& workspace() const { return *workspace_; }
  const SourceManager& sources() const { return sources_; }
  UnitId root() const { return root_; }
  const Unit& root_unit() const { return workspace_->unit(root_); }
  const SourceFile& root_source() const { return *root_unit().source; }

  // For the passes (lint, verdicts), which may load a profile file and add
  // the built-in profiles' text.
  Workspace& mutable_workspace() { return *workspace_; }
  SourceManager& mutable_sources() { return sources_; }

  // Every diagnostic of the load (all files), then those added by later passes.
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_.all(); }
  DiagnosticBag& mutable_diagnostics() { return diagnostics_; }

  // The canonical paths of every file this analysis read (the root included):
  // a change to any of them makes the analysis stale.
  std::vector<std::string> dependencies() const;

  // The occurrences of names in one unit's file (built on first use).
  const std::vector<Occurrence>& occurrences(UnitId unit) const;
  // The occurrence at a byte offset of the root file, or nullptr.
  const Occurrence* occurrence_at(std::uint32_t offset) const;

  // Milliseconds the load and checks took, for logs and the benchmark.
  double elapsed_ms = 0;

  // The conditions of the profile agreements are checked against (id,
  // statement), for completion after `expect violated` and for hovers. Filled
  // by the verdict pass; empty when no profile is in use.
  std::vector<std::pair<std::string, std::string>> known_conditions;

  // Each agreement of the root file with its verdict, for hovers. Filled by
  // the verdict pass; an agreement whose file has errors is not evaluated.
  struct ConditionVerdict {
    std::string id;
    std::string statement;
    std::string reason;
    bool holds = false;
    bool required = true;
  };
  struct AgreementVerdict {
    const ast::Agreement* agreement = nullptr;
    std::string profile;
    std::string verdict;  // "acceptable", "acceptable with reservations", "unacceptable"; "" if not evaluated
    std::vector<ConditionVerdict> conditions;
  };
  std::vector<AgreementVerdict> verdicts;
  const AgreementVerdict* verdict_of(const ast::Agreement* agreement) const;

 private:
  SourceManager sources_;
  DiagnosticBag diagnostics_;
  std::unique_ptr<Workspace> workspace_;
  UnitId root_ = 0;
  mutable std::unordered_map<UnitId, std::vector<Occurrence>> index_;
};

}  // namespace terms::lsp
