#pragma once
// The library root of a run (docs/hardening.md, "The library root"): which
// directory imports may not leave when `--library-root` is not given, and the
// inputs refused because they lead out of it.

#include <cstdint>
#include <string>
#include <vector>

#include "driver/inputs.hpp"
#include "dsl/resolve.hpp"

namespace terms::driver {

// The library root when --library-root is not given:
//   1. for each PATH, the `root` of the nearest `terms.json` in its directory or
//      above (relative to that file), or the directory that holds that file;
//   2. with no `terms.json` above, the directory given on the command line; for a file (or `-`), the
//      current directory when it holds the file, else the file's directory.
// With several PATHs, the deepest directory holding all of their roots. The
// result is relative to the current directory when inside it, else absolute;
// the Workspace compares canonical paths (symbolic links resolved).
std::string choose_library_root(const std::vector<std::string>& paths);

// The library root of one input file of a run that checks each file on its own
// (terms lint): the root set by the nearest terms.json above the file, else
// `fallback`, the root chosen for the command line's PATHs. So a library with
// no terms.json, given as a directory, keeps that directory as its root.
std::string input_library_root(const std::string& path, const std::string& fallback);

// Inputs that lie inside the library root as written but lead out of it
// through a symbolic link (`x.terms -> /etc/passwd`, a found file in a linked
// directory) are removed from `inputs` and reported (E0007), unread: checking
// an untrusted library must not read, and quote in its messages, other files.
// A file given outside the root, or read through a link that stays inside,
// is kept. `/` as the root allows everything.
void refuse_inputs_leaving_root(InputSet& inputs, const std::string& library_root);

// The defaults with the library root chosen for `paths`, for commands
// without the options above.
LoadOptions default_load_options(const std::vector<std::string>& paths,
                                 std::uint64_t max_file_bytes = 64u * 1024 * 1024);

}  // namespace terms::driver
