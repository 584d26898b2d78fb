#include "lsp/passes.hpp"

#include <filesystem>

namespace terms::lsp {

Settings settings_for_path(const FileSystem& fs, const std::string& document_path) {
  Settings settings;
  // The nearest terms.json, walking up from the document's directory.
  std::filesystem::path dir = std::filesystem::path(document_path).parent_path();
  for (int depth = 0; depth < 64 && !dir.empty(); ++depth) {
    const std::string candidate = (dir / "terms.json").generic_string();
    if (fs.kind(candidate) == FileKind::regular) {
      settings.config_path = candidate;
      break;
    }
    if (dir == dir.parent_path()) break;
    dir = dir.parent_path();
  }
  return settings;
}

void run_passes(Analysis& analysis, const Settings& settings) {
  (void)analysis;
  (void)settings;
}

bool formatting_available() { return false; }

std::optional<json> format_edits(const Analysis& analysis, std::string& error) {
  (void)analysis;
  error = "formatting is not available in this build";
  return std::nullopt;
}

}  // namespace terms::lsp
