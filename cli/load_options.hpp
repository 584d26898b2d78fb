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
// Without --library-root the library root is chosen by driver::choose_library_root.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "cli/args.hpp"
#include "driver/library_root.hpp"
#include "dsl/resolve.hpp"

namespace terms::cli {

using namespace driver;  // NOLINT: the CLI is a front end of the driver

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

// `--jobs N`: how many files to check at a time (0, the default: one per core).
void add_jobs_option(ArgParser& parser);
// The number of workers `--jobs` asks for (driver::worker_count applied);
// nullopt after printing a usage error (status 2 in `status`) for a value
// that is not a number.
std::optional<unsigned> jobs_or_report(const ArgParser& parser, const ParsedArgs& args, int& status);

}  // namespace terms::cli
