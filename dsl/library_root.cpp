#include "dsl/library_root.hpp"

#include <filesystem>

#include <nlohmann/json.hpp>

namespace terms {

std::optional<std::string> find_config_file(const FileSystem& fs, const std::string& start) {
  namespace stdfs = std::filesystem;
  for (stdfs::path dir(start);; dir = dir.parent_path()) {
    const std::string candidate = (dir / "terms.json").generic_string();
    if (fs.kind(candidate) == FileKind::regular) return candidate;
    if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
  }
}

std::optional<std::string> configured_library_root(const FileSystem& fs, const std::string& start) {
  namespace stdfs = std::filesystem;
  const std::optional<std::string> config = find_config_file(fs, start);
  if (!config) return std::nullopt;
  const stdfs::path dir = stdfs::path(*config).parent_path();
  std::string error;
  if (const std::optional<std::string> text = fs.read(*config, error)) {
    const auto json = nlohmann::json::parse(*text, nullptr, false);
    if (json.is_object()) {
      const auto it = json.find("root");
      if (it != json.end() && it->is_string()) return (dir / it->get<std::string>()).generic_string();
    }
  }
  return dir.generic_string();
}

}  // namespace terms
