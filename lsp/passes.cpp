#include "lsp/passes.hpp"

#include <algorithm>
#include <filesystem>

#include "dsl/fmt/format.hpp"

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

bool formatting_available() { return true; }

std::optional<json> format_edits(const Analysis& analysis, std::string& error) {
  const SourceFile& source = analysis.root_source();
  std::optional<std::string> formatted = format_file(analysis.root_unit().tree, source);
  if (!formatted) {
    error = "the file has syntax errors; fix them before formatting";
    return std::nullopt;
  }
  const std::string_view before = source.text();
  const std::string_view after = *formatted;
  json edits = json::array();
  if (before == after) return edits;
  // One edit covering only what differs, so the editor keeps the cursor and
  // folds elsewhere. Cut at UTF-8 character boundaries.
  auto continuation = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; };
  std::size_t prefix = 0;
  const std::size_t limit = std::min(before.size(), after.size());
  while (prefix < limit && before[prefix] == after[prefix]) ++prefix;
  while (prefix > 0 && prefix < before.size() && continuation(before[prefix])) --prefix;
  std::size_t suffix = 0;
  while (suffix < limit - prefix && before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix]) ++suffix;
  while (suffix > 0 && continuation(before[before.size() - suffix])) --suffix;
  const auto begin = static_cast<std::uint32_t>(prefix);
  const auto end = static_cast<std::uint32_t>(before.size() - suffix);
  edits.push_back(json{{"range", range_of(source, begin, end)},
                       {"newText", std::string(after.substr(prefix, after.size() - suffix - prefix))}});
  return edits;
}

}  // namespace terms::lsp
