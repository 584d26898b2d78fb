#pragma once
// The library root a `terms.json` sets, shared by the CLI (cli/load_options.hpp,
// choose_library_root) and the language server (lsp/server.cpp), so that both
// confine imports to the same directory (docs/hardening.md, "The library root").

#include <optional>
#include <string>

#include "dsl/file_system.hpp"

namespace terms {

// The nearest `terms.json` in `dir` or a directory above it, read through
// `fs`: its path, or nullopt. The one walk up the tree that the library root
// (below), the language server's settings (lsp/passes.cpp) and the CLI's
// configuration (driver/config_loader.hpp, which also caches by directory)
// follow.
std::optional<std::string> find_config_file(const FileSystem& fs, const std::string& dir);

// The root that the nearest `terms.json` in `dir` or above sets: its `root`
// key (relative to that terms.json), else the directory that holds it (a
// terms.json marks the top of a library). When it cannot be read or parsed,
// its directory. nullopt when there is no terms.json in `dir` or above.
// `dir` should be absolute; the result is `dir`'s ancestor joined with `root`
// as written, not normalised: callers normalise it as they show paths (the
// Workspace compares canonical paths, symbolic links resolved).
std::optional<std::string> configured_library_root(const FileSystem& fs, const std::string& dir);

}  // namespace terms
