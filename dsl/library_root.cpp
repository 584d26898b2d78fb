#include "dsl/library_root.hpp"

#include <filesystem>

#include <nlohmann/json.hpp>

namespace terms {

std::optional<std::string> configured_library_root(const FileSystem& fs, const std::string& start) {
  namespace stdfs = std::filesystem;
  stdfs::path dir(start);
  for (;;) {
    const std::string candidate = (dir / "terms.json").generic_string();
    if (fs.kind(candidate) == FileKind::regular) {
      std::string error;
      const std::optional<std::string> text = fs.read(candidate, error);
      if (text) {
        const auto json = nlohmann::json::parse(*text, nullptr, false);
        if (json.is_object()) {
          const auto it = json.find("root");
          if (it != json.end() && it->is_string()) {
            return (dir / it->get<std::string>()).generic_string();
          }
        }
      }
      return dir.generic_string();
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

}  // namespace terms
