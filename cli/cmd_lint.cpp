// `terms lint PATH...`: the front end's diagnostics plus the lint rules
// (dsl/lint/), configured by terms.json, over files checked in parallel;
// `--list-rules` and `--explain RULE` document the rules.

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <fmt/core.h>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "driver/config_loader.hpp"
#include "driver/inputs.hpp"
#include "cli/load_options.hpp"
#include "cli/output.hpp"
#include "driver/runner.hpp"
#include "dsl/lint/lint.hpp"
#include "dsl/render.hpp"

namespace terms::cli {
namespace {

ArgParser make_parser() {
  ArgParser p("lint", "check term files against the lint rules");
  p.positional("PATH", "a term file, a directory (searched for `*.terms`), or `-` for standard input",
               Arity::zero_or_more);
  add_output_options(p);
  add_color_option(p);
  p.option("config", "FILE", "use this configuration instead of the nearest terms.json");
  p.flag("list-rules", "list every rule (with --format text or json) and exit");
  p.option("explain", "RULE", "print the documentation of a rule (code or name, or `all`) and exit");
  add_jobs_option(p);
  add_load_options(p);  // --max-file-size, --library-root and the limits (cli/load_options.hpp)
  p.description(
      "Runs the front end's checks and then the lint rules over every file, and prints a summary\n"
      "line. Each file uses the nearest terms.json above it (rule levels, ignored paths); comments\n"
      "`# terms: ignore RULE` and `# terms: ignore-file RULE` silence a rule. Files with errors are\n"
      "not linted: fix the errors first. See docs/lint.md for every rule.");
  p.exit_status(kExitOk, "no diagnostic at or above the fail level");
  p.exit_status(kExitFinding, "a diagnostic at or above the fail level (default: error)");
  p.exit_status(kExitUsage, "a usage error, an unusable terms.json, or an input that could not be read");
  p.example("terms lint examples/", "lint every `*.terms` file under examples/");
  p.example("terms lint --format sarif lib/ > terms.sarif", "SARIF for GitHub code scanning");
  p.example("terms lint --fail-level warning deal.terms", "fail on warnings too");
  p.example("terms lint --explain unverified-freeze", "what a rule checks and why");
  return p;
}

// One input's result (cli/runner.hpp), and whether it had errors (then it was not linted).
struct LintedInput {
  InputResult input;
  bool has_errors = false;
};

int usage_error(const ArgParser& parser, std::string message, std::optional<std::string> help = std::nullopt) {
  fmt::print(stderr, "{}", parser.format_error(UsageError{std::move(message), std::move(help)}));
  return kExitUsage;
}

std::string level_name(const lint::RuleInfo& rule) { return std::string(to_string(lint::default_level(rule))); }

int list_rules(const OutputOptions& options) {
  if (options.format == OutputFormat::json) {
    nlohmann::ordered_json rules = nlohmann::ordered_json::array();
    for (const lint::Rule* r : lint::all_rules()) {
      const lint::RuleInfo& i = r->info;
      rules.push_back({{"code", i.code},
                       {"name", i.name},
                       {"category", i.category},
                       {"default_level", level_name(i)},
                       {"severity", to_string(i.severity)},
                       {"fixable", i.fixable},
                       {"summary", i.summary},
                       {"docs", fmt::format("docs/lint.md#{}", lint::docs_anchor(i))}});
    }
    nlohmann::ordered_json out = {{"version", 1}, {"rules", std::move(rules)}};
    fmt::print("{}", dump_json(out));
    return kExitOk;
  }
  std::size_t name_width = 4;
  for (const lint::Rule* r : lint::all_rules()) name_width = std::max(name_width, r->info.name.size());
  fmt::print("{:<5} {:<{}} {:<12} {:<7} {:<3} {}\n", "CODE", "NAME", name_width, "CATEGORY", "LEVEL", "FIX", "SUMMARY");
  for (const lint::Rule* r : lint::all_rules()) {
    const lint::RuleInfo& i = r->info;
    fmt::print("{:<5} {:<{}} {:<12} {:<7} {:<3} {}\n", i.code, i.name, name_width, i.category, level_name(i),
               i.fixable ? "yes" : "no", i.summary);
  }
  fmt::print("\n{} rules. `terms lint --explain RULE` prints a rule's documentation; levels are set in terms.json.\n",
             lint::all_rules().size());
  return kExitOk;
}

int explain(const ArgParser& parser, const std::string& name) {
  if (name == "all") {
    fmt::print("{}", lint::rules_markdown());
    return kExitOk;
  }
  const lint::Rule* rule = lint::find_rule(name);
  if (rule == nullptr) {
    std::vector<std::string_view> names;
    for (const lint::Rule* r : lint::all_rules()) {
      names.push_back(r->info.name);
      names.push_back(r->info.code);
    }
    std::optional<std::string> help;
    if (auto best = closest_match(name, names)) {
      help = fmt::format("did you mean `{}`?", *best);
    } else {
      help = "`terms lint --list-rules` lists the rules";
    }
    return usage_error(parser, fmt::format("unknown lint rule `{}`", name), help);
  }
  fmt::print("{}", lint::explain_markdown(rule->info));
  return kExitOk;
}

// The SARIF rule table: every lint rule with its default configuration.
std::vector<RuleDescriptor> lint_rule_descriptors(std::string_view docs_url) {
  std::vector<RuleDescriptor> out;
  for (const lint::Rule* r : lint::all_rules()) {
    const lint::RuleInfo& i = r->info;
    RuleDescriptor d;
    d.id = std::string(i.code);
    d.name = std::string(i.name);
    d.category = std::string(i.category);
    d.short_description = std::string(i.summary);
    d.full_description = std::string(i.what);
    d.help_markdown = lint::explain_markdown(i);
    d.help_uri = fmt::format("{}/lint.md#{}", docs_url, lint::docs_anchor(i));
    d.default_severity = i.severity;
    d.enabled = i.enabled_by_default;
    out.push_back(std::move(d));
  }
  return out;
}

int run_lint(const std::vector<std::string>& argv) {
  const ArgParser parser = make_parser();
  int status = kExitOk;
  std::optional<ParsedArgs> args = parser.parse_or_report(argv, status);
  if (!args) return status;
  const OutputOptions options = output_options(*args);

  if (args->flag("list-rules")) {
    if (options.format != OutputFormat::text && options.format != OutputFormat::json) {
      return usage_error(parser, "`--list-rules` prints text or JSON", "use `--format text` or `--format json`");
    }
    return list_rules(options);
  }
  if (auto name = args->value("explain")) return explain(parser, *name);
  if (args->positionals().empty()) {
    return usage_error(parser, "expected at least one PATH", "give a term file or a directory, like `terms lint examples/`");
  }

  // Each input has its own Workspace; without --library-root, the root of its nearest
  // terms.json, else the one chosen for the PATHs (cli/load_options.hpp).
  std::optional<LoadOptions> load = load_options_or_report(parser, *args, args->positionals(), status);
  if (!load) return status;
  const bool root_given = library_root_given(*args);
  const std::optional<unsigned> jobs_given = jobs_or_report(parser, *args, status);
  if (!jobs_given) return status;
  const unsigned jobs = *jobs_given;

  ConfigLoader configs(args->value("config"));
  InputSet inputs = expand_inputs(args->positionals());
  refuse_inputs_leaving_root(inputs, load->library_root);
  std::vector<InputFile> files;
  std::vector<const lint::Settings*> settings;
  std::size_t ignored = 0;
  for (const InputFile& f : inputs.files) {
    if (configs.ignored(f.path)) {
      ++ignored;
      continue;
    }
    settings.push_back(&configs.for_input(f.path).settings);
    files.push_back(f);
  }

  RunMerger merger;
  // Text is printed as it comes, input by input (a large library's findings
  // need not fit in memory); the other formats are documents made at the end.
  Progress* progress_shown = nullptr;  // erased before text goes out
  if (options.format == OutputFormat::text) {
    RenderOptions render;
    render.color = options.color;
    merger.stream_text(
        [&](std::string_view text) {
          if (progress_shown != nullptr) progress_shown->erase();
          std::fwrite(text.data(), 1, text.size(), stdout);
        },
        render, options.fail_level);
  }
  merger.add_loose(std::move(inputs.diagnostics), nullptr);
  merger.add_loose(configs.diagnostics(), &configs.sources());
  std::string docs_url(kDefaultDocsUrl);
  if (!files.empty() && configs.for_input(files.front().path).config.docs_url) {
    docs_url = *configs.for_input(files.front().path).config.docs_url;
  }

  RunOutput run;
  run.command = "lint";
  run.verb = "linted";
  run.rules = lint_rule_descriptors(docs_url);
  run.io_error = inputs.io_error;

  if (configs.has_errors()) {
    // A configuration that cannot be used: say why, lint nothing.
    run.io_error = true;
    run.summary_detail = " (the configuration has errors: nothing was linted)";
  } else {
    std::size_t not_linted = 0;
    Progress progress("linting", files.size());
    progress_shown = &progress;
    // Each worker keeps a Workspace per library root (cli/runner.hpp's
    // ReusedWorkspace): imports are parsed once per worker, inputs released
    // once linted.
    // Without --library-root, each input's root comes from its directory's
    // nearest terms.json: found once per directory.
    std::vector<std::string> roots(files.size(), load->library_root);
    if (!root_given) {
      std::unordered_map<std::string, std::string> root_of_dir;
      for (std::size_t i = 0; i < files.size(); ++i) {
        const std::string path = files[i].from_stdin ? "-" : files[i].path;
        const std::string dir = path == "-" ? path : std::filesystem::path(path).parent_path().string();
        auto it = root_of_dir.find(dir);
        if (it == root_of_dir.end()) it = root_of_dir.emplace(dir, input_library_root(path, load->library_root)).first;
        roots[i] = it->second;
      }
    }
    std::vector<std::unordered_map<std::string, std::unique_ptr<ReusedWorkspace>>> workers(jobs);
    run_ordered<LintedInput>(
        files.size(), jobs,
        [&](std::size_t i, unsigned self) {
          LoadOptions limits = *load;
          limits.library_root = roots[i];
          std::unique_ptr<ReusedWorkspace>& w = workers[self][limits.library_root];
          if (!w) w = std::make_unique<ReusedWorkspace>(limits);
          LintedInput out;
          const std::optional<UnitId> root = load_input(*w, files[i], out.input);
          FileCopier copier(*out.input.sources);
          take_front_end(*w, root, out.input, copier);
          if (!root) return out;
          // Files with errors are not linted (lint_unit returns false); their
          // front-end diagnostics say what to fix.
          out.has_errors = w->workspace.has_errors(*root);
          DiagnosticBag found;
          lint::lint_unit(w->workspace, *root, *settings[i], found);
          for (Diagnostic& d : found.all()) out.input.extra.push_back(copier.rehome(std::move(d), w->sources));
          release_input(*w, *root);
          return out;
        },
        [&](std::size_t, LintedInput& r) {
          if (r.has_errors) ++not_linted;
          merger.add(r.input);
          progress.tick();
        });
    progress_shown = nullptr;  // `progress` ends with this block
    if (merger.io_error()) run.io_error = true;
    if (ignored > 0) run.summary_detail += fmt::format(" ({} ignored by terms.json)", ignored);
    if (not_linted > 0) {
      run.summary_detail += fmt::format(" ({} with errors, not linted)", not_linted);
    }
  }
  run.files = merger.files();
  if (options.format == OutputFormat::text) {
    merger.flush_text();
    if (merger.streamed_any()) std::fwrite("\n", 1, 1, stdout);
    run.streamed = merger.streamed_counts();
    run.other_findings = run.other_findings || merger.streamed_finding();
  }
  run.diagnostics = std::move(merger.diagnostics());
  run.sources = &merger.sources();
  return print_output(run, options);
}

const CommandRegistration registration{"lint", "check term files against the lint rules", run_lint};

}  // namespace
}  // namespace terms::cli
