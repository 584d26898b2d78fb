#include "dsl/file_system.hpp"

#include <filesystem>

namespace terms {

// Pure path arithmetic (std::filesystem::path's lexical operations never touch
// the disk), so libraries can resolve imports without doing I/O. The result is
// lexically normalised ("lib/../x.terms" -> "x.terms") because it is shown in
// diagnostics; the FileSystem's canonical() decides file identity.
std::string resolve_relative(std::string_view importing_file, std::string_view import_path) {
  namespace fs = std::filesystem;
  const fs::path imported{std::string(import_path)};
  if (imported.is_absolute() || import_path.empty()) return imported.lexically_normal().generic_string();
  const fs::path base = fs::path{std::string(importing_file)}.parent_path();
  fs::path joined = base.empty() ? imported : base / imported;
  std::string out = joined.lexically_normal().generic_string();
  return out.empty() ? std::string(".") : out;
}

}  // namespace terms
