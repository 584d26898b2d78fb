#pragma once
// One evaluation run over loaded term files: choose and compile the profile,
// compile every profile the files declare (so that their errors are reported
// even when they are not used), evaluate every agreement of the root files,
// and check their `expect` lines.
//
// Part of the driver layer (driver/README.md), which `terms check`, `test`,
// `explain`, the language server and the public API (engine/terms.hpp) share. No I/O: files are read through the Workspace's
// FileSystem; results and diagnostics are returned or emitted into a sink.
//
// Lifetime: results refer to the Workspace and SourceManager they were
// computed from; both must outlive them. Deals point into the Workspace.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/diagnostics.hpp"
#include "dsl/resolve.hpp"
#include "dsl/source.hpp"
#include "engine/deal.hpp"
#include "engine/evaluate.hpp"
#include "engine/verdict_diagnostics.hpp"
#include "engine/profile_compile.hpp"

namespace terms::driver {

// The engine's types this layer works with.
using engine::AgreementResult;
using engine::CompiledProfile;
using engine::ConditionResult;
using engine::Deal;
using engine::EvaluateOptions;

// Where the chosen profile came from.
enum class ProfileOrigin : std::uint8_t { builtin, input, file };

struct SelectedProfile {
  CompiledProfile profile;
  ProfileOrigin origin = ProfileOrigin::builtin;
};

// Picks the profile named by `spec` (empty: the default, stepwise-2020):
// a profile declared in the loaded files, else a built-in profile, else a
// file path (loaded into the workspace; it must declare exactly one profile,
// or one named like the file). Problems are diagnostics (E0406, E0410, and
// the profile's own errors); returns nullopt after reporting them.
// `usage_error` is set when the spec names nothing at all (exit status 2).
// `attempted` (if given) is set to the declared profile that was chosen, even
// when it failed to compile, so that its errors are not reported twice.
std::optional<SelectedProfile> select_profile(std::string_view spec, Workspace& workspace,
                                              SourceManager& sources, DiagnosticSink& sink,
                                              bool& usage_error, const ast::Profile** attempted = nullptr);

// Parses and compiles a built-in profile. Built-in profiles are tested to be
// free of errors; any diagnostic goes to `sink`.
std::optional<CompiledProfile> load_builtin_profile(std::string_view name, SourceManager& sources,
                                                    DiagnosticSink& sink);

// Compiles every profile declared in the workspace's files (reporting their
// errors once each), except `skip` (the one select_profile compiled).
void compile_declared_profiles(const Workspace& workspace, const SourceManager& sources, DiagnosticSink& sink,
                               const ast::Profile* skip);
// The same, skipping the declared profile that `selected` was compiled from
// (if any). Prefer the overload above: a selected profile that failed to
// compile is null here, and its errors would be reported twice.
void compile_declared_profiles(const Workspace& workspace, const SourceManager& sources, DiagnosticSink& sink,
                               const CompiledProfile* selected);

// One agreement of a root file, with its deal and verdict.
struct AgreementRun {
  UnitId unit = 0;
  const ast::Agreement* agreement = nullptr;
  std::unique_ptr<Deal> deal;            // null when not evaluated
  std::optional<AgreementResult> result; // null when the file (or an import) has errors
};

// The agreements declared in the root units (not those of imported files), in
// file order, each evaluated unless its file or one of its imports has errors.
std::vector<AgreementRun> evaluate_roots(const Workspace& workspace, const std::vector<UnitId>& roots,
                                         const CompiledProfile& profile, const EvaluateOptions& options = {});

// ---- expectations -----------------------------------------------------------------------

struct ExpectationOutcome {
  const ast::Expectation* expectation = nullptr;
  bool passed = false;
  std::string expected;  // "acceptable", "`milestones` is violated"
  std::string found;     // "unacceptable", "`milestones` holds"
  const ConditionResult* condition = nullptr;  // for violated / satisfied
};

// Compares an agreement's `expect` lines with its result. An expectation that
// names a condition the profile lacks is a diagnostic (E0501) and counts as
// failed; contradictory expectations are E0503. Only the lines that apply to
// `profile` are compared (expectation_applies).
std::vector<ExpectationOutcome> check_expectations(const ast::Agreement& agreement, const AgreementResult& result,
                                                   const CompiledProfile& profile, DiagnosticSink& sink,
                                                   std::string_view default_profile = {});

// Whether an `expect` line applies to a run under a profile (defined by the
// engine, which also needs it for verdict diagnostics).
using engine::expectation_applies;

// What enforcing one agreement's expectations gave.
struct ExpectationTally {
  std::vector<ExpectationOutcome> outcomes;  // the lines that apply, in file order
  std::size_t passed = 0;
  std::size_t failed = 0;
  std::size_t skipped = 0;  // lines for another profile (reported once, E0504)
};

// check_expectations, then one E0502 for each mismatch and, when lines were
// skipped, one E0504 (info) on the agreement's name saying so. Every command
// that evaluates (check, test, explain, the language server) calls this, so
// they agree on what an `expect` line means.
ExpectationTally enforce_expectations(const ast::Agreement& agreement, const AgreementResult& result,
                                      const CompiledProfile& profile, std::string_view default_profile,
                                      DiagnosticSink& sink);

// The name of the profile a run's files are checked under by default: the
// `profile` of terms.json as written (`spec`, a name or a `.terms` file, whose
// stem is taken), else stepwise-2020.
std::string default_profile_name(std::string_view spec);

// The diagnostic (E0502) that shows a failed expectation: both sides, the
// reason and the evidence as related spans.
Diagnostic mismatch_diagnostic(const ExpectationOutcome& outcome, const AgreementResult& result);

}  // namespace terms::driver
