// `terms explain FILE [--agreement ID]`: for each agreement of FILE (or the one
// named), the steps in order, the timeline (the state of every facility and
// sanction at the start and after each step, as a table) and, for each
// condition of the profile, why it holds or fails, with the clauses that
// decide it.
//
// Exit status: 0 every explained agreement is acceptable (possibly with
// reservations), 1 an unacceptable agreement or an error diagnostic, 2 a
// usage or I/O error.

#include <unistd.h>

#include <limits>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "cli/load_options.hpp"
#include "cli/verdicts.hpp"
#include "dsl/render.hpp"
#include "engine/report.hpp"

namespace terms::cli {
namespace {

ArgParser make_parser() {
  ArgParser p("explain", "show an agreement's timeline and why each condition holds or fails");
  p.positional("FILE", "the term file that declares the agreement (`-` for standard input)", Arity::exactly_one);
  p.option("agreement", "ID", "explain only this agreement (default: every agreement of FILE)");
  add_profile_option(p);
  add_format_option(p, {"text", "json"});
  add_color_option(p);
  add_load_options(p);  // --max-file-size, --library-root and the limits (cli/load_options.hpp)
  p.description(
      "For each agreement: its steps in the order the engine runs them, the sanctioned\n"
      "side, a table of the state of every facility and sanction at the start and after\n"
      "each step, and for each condition of the profile its rule, whether it holds, why,\n"
      "and the clauses, steps and declarations that decide it.");
  p.exit_status(kExitOk, "every explained agreement is acceptable (possibly with reservations)");
  p.exit_status(kExitFinding, "an explained agreement is unacceptable, or an error diagnostic");
  p.exit_status(kExitUsage, "a usage error (unknown agreement or profile), or a file that could not be read");
  p.example("terms explain examples/article/hanoi-2019.terms", "why the Hanoi offer is unacceptable");
  p.example("terms explain --profile cvid --agreement interim-2020 examples/article/interim-2020.terms",
            "the interim deal under another profile");
  return p;
}

nlohmann::ordered_json timeline_json(const engine::Deal& deal) {
  nlohmann::ordered_json j;
  auto steps = nlohmann::ordered_json::array();
  for (const auto& s : deal.steps()) steps.push_back(s.implicit() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s.name));
  j["steps"] = std::move(steps);
  auto states = [&](engine::Domain d, auto state_at, auto describe_state) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    const auto& things = deal.things(d);
    for (std::uint32_t i = 0; i < things.size(); ++i) {
      auto row = nlohmann::ordered_json::array();
      row.push_back(describe_state(state_at(i, engine::kStart)));
      for (std::size_t p = 0; p < deal.steps().size(); ++p) {
        row.push_back(describe_state(state_at(i, static_cast<engine::Position>(p))));
      }
      out[std::string(deal.name(things[i]))] = std::move(row);
    }
    return out;
  };
  j["facilities"] = states(engine::Domain::facility,
                           [&](std::uint32_t i, engine::Position at) { return deal.facility_state(i, at); },
                           [](const engine::FacilityState& s) { return engine::describe(s); });
  j["sanctions"] = states(engine::Domain::sanction,
                          [&](std::uint32_t i, engine::Position at) { return deal.sanction_state(i, at); },
                          [](const engine::SanctionState& s) { return engine::describe(s); });
  j["benefits"] = states(engine::Domain::benefit,
                         [&](std::uint32_t i, engine::Position at) { return deal.benefit_state(i, at); },
                         [](const engine::BenefitState& s) { return engine::describe(s); });
  return j;
}

int run_explain(const std::vector<std::string>& argv) {
  const ArgParser parser = make_parser();
  int status = kExitOk;
  std::optional<ParsedArgs> args = parser.parse_or_report(argv, status);
  if (!args) return status;
  const bool json = args->value_or("format", "text") == "json";
  const bool color = !json && use_color(color_mode(*args), STDOUT_FILENO);

  const std::optional<LoadOptions> load = load_options_or_report(parser, *args, args->positionals(), status);
  if (!load) return status;
  LoadedInputs run(*load);
  load_inputs(run, args->positionals(), *load);
  // An explanation is never cut short: every item of every condition's evidence.
  engine::EvaluateOptions evaluate;
  evaluate.max_evidence = std::numeric_limits<std::size_t>::max();
  Verdicts verdicts =
      compute_verdicts(run.workspace, run.sources, run.roots, profile_spec(*args, args->positionals()),
                       default_profile_for(args->positionals()), run.diagnostics, nullptr, evaluate);

  // Pick the agreements to explain.
  std::vector<const driver::AgreementRun*> chosen;
  const std::optional<std::string> wanted = args->value("agreement");
  for (const auto& a : verdicts.agreements) {
    if (!wanted || a.agreement->name.name == *wanted) chosen.push_back(&a);
  }
  if (wanted && chosen.empty() && !run.io_error && verdicts.profile) {
    std::vector<std::string_view> names;
    for (const auto& a : verdicts.agreements) names.push_back(a.agreement->name.name);
    UsageError error{fmt::format("`{}` declares no agreement `{}`",
                                 run.files.empty() ? args->positionals().front() : run.files.front(), *wanted),
                     std::nullopt};
    if (auto m = closest_match(*wanted, names)) {
      error.help = fmt::format("did you mean `{}`?", *m);
    } else if (!names.empty()) {
      std::string list;
      for (auto n : names) list += fmt::format("{}`{}`", list.empty() ? "" : ", ", n);
      error.help = fmt::format("the file declares {}", list);
    }
    fmt::print(stderr, "{}", parser.format_error(error));
    return kExitUsage;
  }

  const auto& diags = run.diagnostics.all();
  const DiagnosticCounts counts = count_diagnostics(diags);
  bool unacceptable = false;
  if (json) {
    nlohmann::ordered_json j = report_to_json(run.files, diags, run.sources);
    auto explained = nlohmann::ordered_json::array();
    for (const auto* a : chosen) {
      if (!a->result) continue;
      unacceptable = unacceptable || a->result->verdict == engine::Verdict::unacceptable;
      nlohmann::ordered_json ej = engine::verdict_to_json(*a->result, run.sources);
      ej["timeline"] = timeline_json(*a->deal);
      explained.push_back(std::move(ej));
    }
    j["explanations"] = std::move(explained);
    fmt::print("{}", dump_json(j));
  } else {
    RenderOptions options;
    options.color = color;
    std::string out = render_text(diags, run.sources, options);
    engine::ReportOptions report;
    report.color = color;
    for (const auto* a : chosen) {
      if (!out.empty()) out += '\n';
      if (!a->result) {
        out += engine::render_not_evaluated(*a->agreement, run.sources, report);
        continue;
      }
      unacceptable = unacceptable || a->result->verdict == engine::Verdict::unacceptable;
      out += engine::render_explanation(*a->result, *a->deal, run.sources, report);
    }
    if (chosen.empty() && verdicts.profile && !run.io_error) {
      if (!out.empty()) out += '\n';
      out += "no agreement to explain: the file declares none\n";
    }
    fmt::print("{}", out);
  }
  if (verdicts.usage_error || run.io_error) return kExitUsage;
  return unacceptable || counts.errors > 0 ? kExitFinding : kExitOk;
}

const CommandRegistration registration{
    "explain", "show an agreement's timeline and why each condition holds or fails", run_explain};

}  // namespace
}  // namespace terms::cli
