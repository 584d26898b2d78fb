#pragma once
// The limits and the library root a command passes to the Workspace
// (LoadOptions), from its command line: one set of options, spelled the same
// in every command that loads term files (check, test, explain, profiles,
// lint; docs/hardening.md). Each command calls add_load_options() on its
// parser and load_options_or_report() on its arguments, nothing else.
//
//   --max-file-size BYTES  refuse files larger than this (suffixes k, M, G)
//   --library-root DIR     imports may not leave DIR (`/`: anywhere)
//   --max-imports N        files one input may read through imports (0: no limit)
//   --max-import-depth N   how deep imports may nest
//   --max-nesting N        how deep formulas and blocks may nest
//   --max-formula-size N   parts of one profile condition's formula (0: no limit)
//   --max-errors N         diagnostics per file; parsing stops at N syntax errors (0: no limit)
//
// Without --library-root the library root is chosen by choose_library_root.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "cli/args.hpp"
#include "cli/inputs.hpp"
#include "dsl/resolve.hpp"

namespace terms::cli {

void add_load_options(ArgParser& parser);

// LoadOptions for a run over `paths` (the PATH arguments); a usage error for a
// malformed number. Without --library-root the root is chosen for `paths`.
std::variant<LoadOptions, UsageError> load_options(const ParsedArgs& args, const std::vector<std::string>& paths);

// load_options(), printing a usage error (with the command's usage line) on
// standard error and setting `status` to kExitUsage when an option is malformed.
std::optional<LoadOptions> load_options_or_report(const ArgParser& parser, const ParsedArgs& args,
                                                  const std::vector<std::string>& paths, int& status);

// Whether --library-root was given (else the root is chosen per run, or per
// input in `terms lint`, by choose_library_root).
bool library_root_given(const ParsedArgs& args);

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

}  // namespace terms::cli
