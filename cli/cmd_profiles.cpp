// `terms profiles [PATH...]`: list the built-in profiles with their conditions
// (severity, id, statement, formula), and the profiles declared in the given
// files. A profile with errors in a file is reported as diagnostics.
//
// Exit status: 0, 1 an error in a listed profile, 2 a usage or I/O error.

#include <unistd.h>

#include <string>
#include <vector>

#include <fmt/core.h>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "cli/load_options.hpp"
#include "cli/verdicts.hpp"
#include "dsl/render.hpp"
#include "engine/builtin_profiles.hpp"
#include "engine/report.hpp"
#include "driver/run.hpp"

namespace terms::cli {
namespace {

ArgParser make_parser() {
  ArgParser p("profiles", "list the built-in profiles and their conditions");
  p.positional("PATH", "term files or directories whose profiles to list as well", Arity::zero_or_more);
  add_format_option(p, {"text", "json"});
  add_color_option(p);
  add_load_options(p);  // --max-file-size, --library-root and the limits (cli/load_options.hpp)
  p.description(
      "Lists every built-in profile (the default first), then the profiles declared in\n"
      "the given files: for each, its conditions with their severity (`require` makes an\n"
      "agreement unacceptable when it fails, `prefer` only adds a reservation), their\n"
      "statement and their formula. docs/profiles.md explains the language.");
  p.exit_status(kExitOk, "the profiles were listed");
  p.exit_status(kExitFinding, "a profile in the given files has an error");
  p.exit_status(kExitUsage, "a usage error, or an input that could not be read");
  p.example("terms profiles", "the built-in profiles");
  p.example("terms profiles my-profiles.terms", "also the profiles of a file, checked");
  return p;
}

nlohmann::ordered_json profile_json(const engine::CompiledProfile& p, bool is_default, std::string_view origin) {
  nlohmann::ordered_json j;
  j["name"] = p.name;
  j["title"] = p.title;
  j["origin"] = std::string(origin);
  j["default"] = is_default;
  auto conditions = nlohmann::ordered_json::array();
  for (const auto& c : p.conditions) {
    nlohmann::ordered_json cj;
    cj["id"] = c.id;
    cj["severity"] = std::string(ast::to_string(c.severity));
    cj["statement"] = c.statement;
    cj["formula"] = c.formula_text;
    conditions.push_back(std::move(cj));
  }
  j["conditions"] = std::move(conditions);
  return j;
}

int run_profiles(const std::vector<std::string>& argv) {
  const ArgParser parser = make_parser();
  int status = kExitOk;
  std::optional<ParsedArgs> args = parser.parse_or_report(argv, status);
  if (!args) return status;
  const bool json = args->value_or("format", "text") == "json";
  const bool color = !json && use_color(color_mode(*args), STDOUT_FILENO);

  const std::optional<LoadOptions> load = load_options_or_report(parser, *args, args->positionals(), status);
  if (!load) return status;
  LoadedInputs run(*load);
  if (!args->positionals().empty()) load_inputs(run, args->positionals(), *load);

  std::vector<std::pair<engine::CompiledProfile, std::string>> listed;  // (profile, origin)
  // Built-in profiles, the default first.
  std::vector<std::string_view> names = {engine::kDefaultProfile};
  for (const auto& b : engine::builtin_profiles()) {
    if (b.name != engine::kDefaultProfile) names.push_back(b.name);
  }
  for (auto name : names) {
    if (auto p = driver::load_builtin_profile(name, run.sources, run.diagnostics)) {
      listed.emplace_back(std::move(*p), "built-in");
    }
  }
  for (UnitId u = 0; u < run.workspace.unit_count(); ++u) {
    const Unit& unit = run.workspace.unit(u);
    for (const ast::Profile* p : unit.tree.profiles()) {
      if (auto c = engine::compile_profile(*p, run.sources, run.diagnostics)) {
        listed.emplace_back(std::move(*c), unit.source ? unit.source->path() : std::string());
      }
    }
  }

  const auto& diags = run.diagnostics.all();
  const DiagnosticCounts counts = count_diagnostics(diags);
  if (json) {
    nlohmann::ordered_json j = report_to_json(run.files, diags, run.sources);
    auto profiles = nlohmann::ordered_json::array();
    for (const auto& [p, origin] : listed) {
      profiles.push_back(profile_json(p, origin == "built-in" && p.name == engine::kDefaultProfile, origin));
    }
    j["profiles"] = std::move(profiles);
    fmt::print("{}", dump_json(j));
  } else {
    RenderOptions options;
    options.color = color;
    std::string out = render_text(diags, run.sources, options);
    for (const auto& [p, origin] : listed) {
      if (!out.empty()) out += '\n';
      out += engine::render_profile(p, origin == "built-in" && p.name == engine::kDefaultProfile);
      if (origin != "built-in") out += fmt::format("  (declared in {})\n", origin);
    }
    fmt::print("{}", out);
  }
  if (run.io_error) return kExitUsage;
  return counts.errors > 0 ? kExitFinding : kExitOk;
}

const CommandRegistration registration{"profiles", "list the built-in profiles and their conditions",
                                       run_profiles};

}  // namespace
}  // namespace terms::cli
