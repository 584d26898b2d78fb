#include "lsp/analysis.hpp"

#include <chrono>

namespace terms::lsp {

Analysis::Analysis(const FileSystem& fs, const std::string& path, std::string text, const LoadOptions& options,
                   const std::vector<std::string>& extra_roots) {
  const auto start = std::chrono::steady_clock::now();
  workspace_ = std::make_unique<Workspace>(sources_, fs, diagnostics_, options);
  root_ = workspace_->load_text(path, std::move(text));
  for (const auto& extra : extra_roots) (void)workspace_->load_file(extra);
  elapsed_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

std::vector<std::string> Analysis::dependencies() const {
  std::vector<std::string> out;
  out.reserve(workspace_->unit_count());
  for (UnitId id = 0; id < workspace_->unit_count(); ++id) out.push_back(workspace_->unit(id).canonical_path);
  return out;
}

const std::vector<Occurrence>& Analysis::occurrences(UnitId unit) const {
  auto it = index_.find(unit);
  if (it == index_.end()) it = index_.emplace(unit, index_unit(*workspace_, unit)).first;
  return it->second;
}

const Analysis::AgreementVerdict* Analysis::verdict_of(const ast::Agreement* agreement) const {
  for (const auto& v : verdicts) {
    if (v.agreement == agreement) return &v;
  }
  return nullptr;
}

const Occurrence* Analysis::occurrence_at(std::uint32_t offset) const {
  return lsp::occurrence_at(occurrences(root_), offset);
}

}  // namespace terms::lsp
