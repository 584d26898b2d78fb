#pragma once
// The command line's side of an evaluation run: the `--profile` option and
// the profile terms.json names, loading the inputs of a whole run (test,
// explain, profiles, and check when the inputs declare the profile), and an
// agreement's entry in the "verdicts" of `terms check`'s JSON report (its
// text and printing are cli/cmd_check.cpp's). The run itself (profile, evaluation, `expect` lines) is the
// driver's (driver/run.hpp).
//
// Lifetime: Verdicts refer to the Workspace and SourceManager they were
// computed from (deals point into the Workspace); keep those alive meanwhile.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/args.hpp"
#include "driver/inputs.hpp"
#include "dsl/resolve.hpp"
#include "driver/run.hpp"

namespace terms::driver {}
namespace terms::cli {

using namespace driver;  // NOLINT: the CLI is a front end of the driver

// --profile NAME|FILE, spelled the same in every command that evaluates.
void add_profile_option(ArgParser& parser);
// The profile to evaluate against: `--profile` when given, else the `profile`
// of the nearest terms.json of the first PATH (a `.terms` file named there is
// relative to that terms.json), else "" (the default profile).
std::string profile_spec(const ParsedArgs& args, const std::vector<std::string>& paths);
// The profile the inputs are checked under by default (the `profile` of
// terms.json, else stepwise-2020), by name: the one `expect` lines without
// `under` are for (driver::expectation_applies).
std::string default_profile_for(const std::vector<std::string>& paths);

// The verdicts of one run: the profile (if it could be selected) and every
// agreement of the root files.
struct Verdicts {
  std::optional<driver::SelectedProfile> profile;
  std::vector<driver::AgreementRun> agreements;
  bool usage_error = false;   // --profile names nothing: exit status 2
  bool unacceptable = false;  // some agreement is unacceptable: exit status 1
  bool failed_expectations = false;  // an `expect` line that applies failed (E0502, E0501)
};

// Selects the profile (`spec` empty: stepwise-2020), reports errors in every
// profile the inputs declare, evaluates the agreements of `roots`, and
// enforces their `expect` lines for `default_profile` (E0502 and the like
// into `sink`; `tallies`, if given, gets one entry per agreement).
Verdicts compute_verdicts(Workspace& workspace, SourceManager& sources, const std::vector<UnitId>& roots,
                          const std::string& spec, const std::string& default_profile, DiagnosticSink& sink,
                          std::vector<driver::ExpectationTally>* tallies = nullptr,
                          const engine::EvaluateOptions& evaluate = {});

// True when the agreement says `expect unacceptable;` in a line that applies
// to `profile`: its being unacceptable is then no finding (a library may keep
// deals it documents as bad).
bool expects_unacceptable(const ast::Agreement& agreement, std::string_view profile,
                          std::string_view default_profile);
// One agreement's entry in the "verdicts" array: its verdict, or `null` when
// it was not evaluated.
nlohmann::ordered_json verdict_json(const driver::AgreementRun& run, const std::string& profile_name,
                                    const SourceManager& sources);

// Loaded inputs for the engine's own commands. The Workspace refers to
// `sources` and `file_system`, which are declared (and destroyed) around it.
struct LoadedInputs {
  // Limits and the library root from `options` (cli/load_options.hpp).
  explicit LoadedInputs(const LoadOptions& options);
  // The default limits, with the library root chosen for `paths`, the PATH arguments.
  explicit LoadedInputs(const std::vector<std::string>& paths = {});
  SourceManager sources;
  DiskFileSystem file_system;
  DiagnosticBag diagnostics;
  Workspace workspace;
  std::vector<std::string> files;
  std::vector<UnitId> roots;
  bool io_error = false;
};

// Loads expanded inputs (files and `-`) as roots; used by check, test, explain, profiles.
void load_inputs(LoadedInputs& run, const InputSet& inputs, std::uint64_t max_file_bytes);
// Expands PATH... (files, directories, `-`), refuses inputs that lead out of
// `options.library_root` (E0007), and loads the rest with `options.max_file_bytes`.
// `run` must have been constructed with the same options.
void load_inputs(LoadedInputs& run, const std::vector<std::string>& paths, const LoadOptions& options);
// The same with the default limits (LoadedInputs(paths)).
void load_inputs(LoadedInputs& run, const std::vector<std::string>& paths);

}  // namespace terms::cli
