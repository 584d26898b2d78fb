#include "driver/library_root.hpp"

#include <filesystem>
#include <optional>
#include <system_error>

#include <fmt/core.h>
#include <fmt/format.h>

#include "dsl/library_root.hpp"

namespace terms::driver {

namespace {

namespace fs = std::filesystem;

fs::path canonical_or_normal(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(fs::absolute(p, ec), ec);
  return ec ? fs::absolute(p).lexically_normal() : c;
}

// The root the nearest terms.json in `dir` or above sets (dsl/library_root.hpp,
// shared with the language server), resolved.
std::optional<fs::path> config_root(const fs::path& dir) {
  const DiskFileSystem disk;
  if (auto root = configured_library_root(disk, dir.string())) return canonical_or_normal(*root);
  return std::nullopt;
}

bool contains(const fs::path& dir, const fs::path& p) {
  auto d = dir.begin();
  auto q = p.begin();
  for (; d != dir.end(); ++d, ++q) {
    if (d->empty()) continue;  // a trailing separator
    if (q == p.end() || *d != *q) return false;
  }
  return true;
}

fs::path common_ancestor(const fs::path& a, const fs::path& b) {
  fs::path out;
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end() && *i == *j; ++i, ++j) out /= *i;
  return out.empty() ? fs::path("/") : out;
}

// Shown in diagnostics: relative to the current directory when inside it,
// so that messages read like the paths the user typed.
std::string shown_root(const fs::path& chosen, const fs::path& cwd) {
  if (contains(cwd, chosen)) {
    const fs::path rel = chosen.lexically_relative(cwd);
    return rel.empty() ? std::string(".") : rel.generic_string();
  }
  return chosen.generic_string();
}

}  // namespace

std::string choose_library_root(const std::vector<std::string>& paths) {
  const fs::path cwd = canonical_or_normal(".");
  std::optional<fs::path> root;
  for (const std::string& path : paths) {
    std::error_code ec;
    fs::path here;  // the directory of the input
    fs::path mine;  // the root it implies without a terms.json
    if (path == "-") {
      here = mine = cwd;
    } else if (fs::is_directory(path, ec)) {
      // One rule for files and directories: the current directory when it
      // holds the input, so that `terms test probes/` may import `../lib/`
      // from a folder that holds both (issue 14).
      here = canonical_or_normal(path);
      mine = contains(cwd, here) ? cwd : here;
    } else {
      // The file where it is written, not where a link leads: a link inside
      // the library (to a file, or to a directory on the way) to somewhere
      // outside must not move the root out with it. (The current directory,
      // which fs::absolute starts from, has no links in it.)
      const fs::path file = fs::absolute(path, ec).lexically_normal();
      here = file.parent_path();
      mine = contains(cwd, file) ? cwd : here;
    }
    if (auto configured = config_root(here)) mine = *configured;
    root = root ? common_ancestor(*root, mine) : mine;
  }
  return shown_root(root ? *root : cwd, cwd);
}

std::string input_library_root(const std::string& path, const std::string& fallback) {
  const fs::path cwd = canonical_or_normal(".");
  std::error_code ec;
  const fs::path here = path == "-" ? cwd : fs::absolute(path, ec).lexically_normal().parent_path();
  if (auto configured = config_root(here)) return shown_root(*configured, cwd);
  return fallback;
}

void refuse_inputs_leaving_root(InputSet& inputs, const std::string& library_root) {
  if (library_root.empty()) return;
  const fs::path cwd = canonical_or_normal(".");
  std::error_code ec;
  const fs::path root_written = fs::absolute(library_root, ec).lexically_normal();
  const fs::path root_resolved = canonical_or_normal(library_root);
  // Shown relative to the current directory when inside it, as the user wrote paths.
  const auto shown = [&](const fs::path& p) {
    if (contains(cwd, p)) {
      const fs::path rel = p.lexically_relative(cwd);
      return rel.empty() ? std::string(".") : rel.generic_string();
    }
    return p.generic_string();
  };
  std::vector<InputFile> kept;
  CanonicalDirCache dirs;  // a library's files share few directories: resolve each once
  const fs::path current = fs::current_path(ec);
  for (InputFile& input : inputs.files) {
    if (input.from_stdin) {
      kept.push_back(std::move(input));
      continue;
    }
    const fs::path given(input.path);
    const fs::path absolute = given.is_absolute() || current.empty() ? fs::absolute(given, ec) : current / given;
    const fs::path written = absolute.lexically_normal();
    // As canonical_or_normal(input.path), with each directory resolved once
    // (or as expand_inputs already resolved it).
    std::string key = !input.canonical.empty() ? input.canonical : weakly_canonical_cached(dirs, absolute.string());
    const fs::path resolved = key.empty() ? canonical_or_normal(input.path) : fs::path(std::move(key));
    if (!contains(root_written, written) || contains(root_resolved, resolved)) {
      kept.push_back(std::move(input));
      continue;
    }
    Diagnostic d = make_diagnostic(
        DiagId::io_leaves_root, Span{},
        fmt::format("`{}` leads outside the library root `{}`: it resolves to `{}`", input.path, library_root,
                    shown(resolved)));
    d.path = input.path;
    d.with_note("it was not read: a file inside the library may not lead to other files on the machine, so "
                "that checking an untrusted library cannot read them");
    d.with_help("copy the file into the library, or widen the library root (`root` in terms.json, or "
                "`--library-root`)");
    inputs.diagnostics.push_back(std::move(d));
    inputs.io_error = true;
  }
  inputs.files = std::move(kept);
}

LoadOptions default_load_options(const std::vector<std::string>& paths, std::uint64_t max_file_bytes) {
  LoadOptions o;
  o.max_file_bytes = static_cast<std::size_t>(max_file_bytes);
  o.library_root = choose_library_root(paths);
  return o;
}

}  // namespace terms::driver
