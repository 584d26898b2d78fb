#include "cli/verdicts.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "driver/config_loader.hpp"
#include "cli/load_options.hpp"
#include "dsl/render.hpp"
#include "engine/builtin_profiles.hpp"
#include "engine/report.hpp"

namespace terms::cli {

// The `profile` of the nearest terms.json of the first PATH (a `.terms` file
// named there is relative to that terms.json), else "".
std::string configured_profile_spec(const std::vector<std::string>& paths);

void add_profile_option(ArgParser& parser) {
  parser.option("profile", "NAME|FILE",
                "the profile to evaluate agreements against: a built-in profile (`terms profiles`), "
                "a profile declared in the inputs, or a file",
                {}, std::string(engine::kDefaultProfile));
}

std::string profile_spec(const ParsedArgs& args, const std::vector<std::string>& paths) {
  if (auto given = args.value("profile")) return *given;
  return configured_profile_spec(paths);
}

std::string default_profile_for(const std::vector<std::string>& paths) {
  return driver::default_profile_name(configured_profile_spec(paths));
}

std::string configured_profile_spec(const std::vector<std::string>& paths) {
  if (paths.empty()) return {};
  // A directory's own terms.json applies to it; a file's is found from its directory.
  std::error_code ec;
  const std::string& first = paths.front();
  const std::string probe = std::filesystem::is_directory(first, ec) ? first + "/terms.json" : first;
  ConfigLoader configs(std::nullopt);
  const LoadedConfig& loaded = configs.for_input(probe);
  if (loaded.has_errors || !loaded.config.profile) return {};
  const std::filesystem::path named(*loaded.config.profile);
  if (named.extension() == ".terms" && named.is_relative() && !loaded.config.directory.empty()) {
    return (std::filesystem::path(loaded.config.directory) / named).lexically_normal().generic_string();
  }
  return *loaded.config.profile;
}

Verdicts compute_verdicts(Workspace& workspace, SourceManager& sources, const std::vector<UnitId>& roots,
                          const std::string& spec, const std::string& default_profile, DiagnosticSink& sink,
                          std::vector<driver::ExpectationTally>* tallies, const engine::EvaluateOptions& evaluate) {
  Verdicts v;
  const ast::Profile* attempted = nullptr;
  v.profile = driver::select_profile(spec, workspace, sources, sink, v.usage_error, &attempted);
  driver::compile_declared_profiles(workspace, sources, sink, attempted);
  if (!v.profile) return v;
  v.agreements = driver::evaluate_roots(workspace, roots, v.profile->profile, evaluate);
  // An unacceptable agreement is a finding unless its file says so itself
  // (`expect unacceptable;`): a library may keep deals it documents as bad, as
  // the examples keep the Hanoi offer. `terms test` checks that expectation.
  const std::string& profile = v.profile->profile.name;
  for (const auto& a : v.agreements) {
    if (a.result) {
      driver::ExpectationTally t =
          driver::enforce_expectations(*a.agreement, *a.result, v.profile->profile, default_profile, sink);
      if (t.failed > 0) v.failed_expectations = true;
      if (tallies) tallies->push_back(std::move(t));
    } else if (tallies) {
      tallies->emplace_back();
    }
    if (a.result && a.result->verdict == engine::Verdict::unacceptable &&
        !expects_unacceptable(*a.agreement, profile, default_profile)) {
      v.unacceptable = true;
    }
  }
  return v;
}

bool expects_unacceptable(const ast::Agreement& agreement, std::string_view profile,
                          std::string_view default_profile) {
  for (const ast::Expectation* e : agreement.expectations()) {
    if (e->kind == ast::Expectation::Kind::unacceptable && driver::expectation_applies(*e, profile, default_profile)) {
      return true;
    }
  }
  return false;
}

nlohmann::ordered_json verdict_json(const driver::AgreementRun& run, const std::string& profile_name,
                                    const SourceManager& sources) {
  if (run.result) return engine::verdict_to_json(*run.result, sources);
  nlohmann::ordered_json j;
  j["agreement"] = run.agreement->name.name;
  const SourceFile* f = sources.find(run.agreement->name.span.file);
  j["file"] = f ? f->path() : std::string();
  j["range"] = range_to_json(run.agreement->name.span, sources);
  j["profile"] = profile_name;
  j["verdict"] = nullptr;
  j["conditions"] = nlohmann::ordered_json::array();
  return j;
}

LoadedInputs::LoadedInputs(const LoadOptions& options)
    : file_system(options.max_file_bytes), workspace(sources, file_system, diagnostics, options) {}

LoadedInputs::LoadedInputs(const std::vector<std::string>& paths)
    : LoadedInputs(default_load_options(paths, kDefaultMaxFileBytes)) {}

void load_inputs(LoadedInputs& run, const std::vector<std::string>& paths, const LoadOptions& options) {
  InputSet inputs = expand_inputs(paths);
  refuse_inputs_leaving_root(inputs, options.library_root);
  load_inputs(run, inputs, options.max_file_bytes);
}

void load_inputs(LoadedInputs& run, const std::vector<std::string>& paths) {
  load_inputs(run, paths, default_load_options(paths, kDefaultMaxFileBytes));
}

void load_inputs(LoadedInputs& run, const InputSet& inputs, std::uint64_t max_file_bytes) {
  for (const Diagnostic& d : inputs.diagnostics) run.diagnostics.emit(d);
  run.io_error = inputs.io_error;
  for (const InputFile& input : inputs.files) {
    if (input.from_stdin) {
      Diagnostic problem;
      std::optional<std::string> text = stdin_input_text(input, max_file_bytes, problem);
      if (!text) {
        run.diagnostics.emit(std::move(problem));
        run.io_error = true;
        continue;
      }
      run.roots.push_back(run.workspace.load_text(input.path, std::move(*text)));
      run.files.push_back(input.path);
      continue;
    }
    std::optional<UnitId> unit = run.workspace.load_file(input.path);
    if (!unit) {
      run.io_error = true;
      continue;
    }
    run.roots.push_back(*unit);
    run.files.push_back(input.path);
  }
}

}  // namespace terms::cli
