// `terms check PATH...`: parse, resolve and check term files; print every
// diagnostic (text or JSON) and a summary; exit 0 (clean), 1 (an error
// diagnostic) or 2 (usage or I/O error).

#include <unistd.h>

#include <string>
#include <vector>

#include <fmt/core.h>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "cli/inputs.hpp"
#include "cli/load_options.hpp"
#include "cli/output.hpp"
#include "cli/verdicts.hpp"
#include "engine/verdict_diagnostics.hpp"
#include "dsl/render.hpp"
#include "dsl/resolve.hpp"

namespace terms::cli {
namespace {

// Everything one `terms check` run loaded. The Workspace refers to `sources`
// and `file_system`, so they are declared (and destroyed) around it.

ArgParser make_parser() {
  ArgParser p("check", "parse, resolve and check term files");
  p.positional("PATH", "a term file, a directory (searched for `*.terms`), or `-` for standard input",
               Arity::one_or_more);
  add_output_options(p);  // --format text|json|sarif|junit|github|gcc, --fail-level (cli/output.hpp)
  add_color_option(p);
  add_profile_option(p);  // engine: verdicts (cli/verdicts.hpp)
  add_load_options(p);  // --max-file-size, --library-root and the limits (cli/load_options.hpp)
  p.description(
      "Reads every file (and the files it imports), reports syntax errors, undefined or\n"
      "duplicate names, and clauses that do not make sense, then prints a summary line.");
  p.exit_status(kExitOk, "no error diagnostic");
  p.exit_status(kExitFinding, "at least one error diagnostic, or an unacceptable agreement that does not say `expect unacceptable;`");
  p.exit_status(kExitUsage, "a usage error, or an input that could not be read");
  p.example("terms check examples/", "check every `*.terms` file under examples/");
  p.example("terms check --format json deal.terms", "the diagnostics as JSON");
  p.example("cat deal.terms | terms check -", "check standard input (shown as `<stdin>`)");
  return p;
}

int report(const LoadedInputs& run, const std::string& format, bool color, const Verdicts& verdicts, Severity fail_level) {
  const std::vector<Diagnostic>& diags = run.diagnostics.all();
  const DiagnosticCounts counts = count_diagnostics(diags);

  // The CI formats (sarif, junit, github, gcc) come from cli/output.hpp; an
  // unacceptable agreement counts toward the exit status there too.
  if (const auto ci = parse_output_format(format); ci && is_ci_format(*ci)) {
    RunOutput out;
    out.command = "check";
    out.verb = "checked";
    out.files = run.files;
    out.diagnostics = diags;
    // The verdicts, which these formats cannot print as blocks, as diagnostics
    // (engine/verdict_diagnostics.hpp): a failing condition on its clause.
    DiagnosticBag verdict_diags;
    for (const auto& a : verdicts.agreements) {
      if (a.result) engine::verdict_diagnostics(*a.agreement, *a.result, a.result->name_span.file, verdict_diags);
    }
    out.diagnostics.insert(out.diagnostics.end(), verdict_diags.all().begin(), verdict_diags.all().end());
    out.sources = &run.sources;
    out.io_error = run.io_error || verdicts.usage_error;
    out.other_findings = verdicts.unacceptable;
    return print_output(out, OutputOptions{*ci, fail_level, false});
  }

  // Verdicts (engine, issue 3): computed by compute_verdicts() in run_check;
  // printed after the diagnostics and before the summary line, or added to
  // the JSON report as "verdicts" (cli/verdicts.hpp).

  if (format == "json") {
    nlohmann::ordered_json json = report_to_json(run.files, diags, run.sources);
    json["verdicts"] = verdicts_json(verdicts, run.sources);
    fmt::print("{}", dump_json(json));
  } else {
    RenderOptions options;
    options.color = color;
    std::string out = render_text(diags, run.sources, options);
    if (!out.empty()) out += '\n';
    if (const std::string v = verdicts_text(verdicts, run.sources, color); !v.empty()) out += v + '\n';
    out += fmt::format("checked {} file{}: {}\n", run.files.size(), run.files.size() == 1 ? "" : "s",
                       counts_phrase(counts));
    fmt::print("{}", out);
  }
  if (run.io_error) return kExitUsage;
  RunOutput counted;  // --fail-level decides which diagnostics are findings
  counted.diagnostics = diags;
  return status_with_verdicts(verdicts, exit_status(counted, fail_level));
}

int run_check(const std::vector<std::string>& argv) {
  const ArgParser parser = make_parser();
  int status = kExitOk;
  std::optional<ParsedArgs> args = parser.parse_or_report(argv, status);
  if (!args) return status;

  const std::optional<LoadOptions> load = load_options_or_report(parser, *args, args->positionals(), status);
  if (!load) return status;
  LoadedInputs run(*load);
  load_inputs(run, args->positionals(), *load);
  const Verdicts verdicts =
      compute_verdicts(run.workspace, run.sources, run.roots, profile_spec(*args, args->positionals()), run.diagnostics);
  return report(run, args->value_or("format", "text"), use_color(color_mode(*args), STDOUT_FILENO), verdicts,
                output_options(*args).fail_level);
}

const CommandRegistration registration{"check", "parse, resolve and check term files", run_check};

}  // namespace
}  // namespace terms::cli
