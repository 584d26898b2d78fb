// `terms check PATH...`: parse, resolve and check term files; print every
// diagnostic (text or JSON) and a summary; exit 0 (clean), 1 (an error
// diagnostic) or 2 (usage or I/O error).

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <fmt/core.h>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "driver/inputs.hpp"
#include "cli/load_options.hpp"
#include "cli/output.hpp"
#include "driver/runner.hpp"
#include "cli/verdicts.hpp"
#include "engine/builtin_profiles.hpp"
#include "engine/report.hpp"
#include "engine/verdict_diagnostics.hpp"
#include "dsl/render.hpp"
#include "dsl/resolve.hpp"

namespace terms::cli {
namespace {

ArgParser make_parser() {
  ArgParser p("check", "parse, resolve and check term files");
  p.positional("PATH", "a term file, a directory (searched for `*.terms`), or `-` for standard input",
               Arity::one_or_more);
  add_output_options(p);  // --format text|json|sarif|junit|github|gcc, --fail-level (cli/output.hpp)
  add_color_option(p);
  add_profile_option(p);  // engine: verdicts (cli/verdicts.hpp)
  add_load_options(p);  // --max-file-size, --library-root and the limits (cli/load_options.hpp)
  add_jobs_option(p);   // --jobs N (cli/load_options.hpp)
  p.flag("all", "list every item behind each verdict (the short form shows the first few of each condition)");
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

// The whole-run path's output (run_check_whole): every input in one Workspace.
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

  // Verdicts (engine, issue 3): computed by compute_verdicts() in run_check_whole;
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
                       summary_counts(counts));
    fmt::print("{}", out);
  }
  if (run.io_error) return kExitUsage;
  RunOutput counted;  // --fail-level decides which diagnostics are findings
  counted.diagnostics = diags;
  return status_with_verdicts(verdicts, exit_status(counted, fail_level));
}

// ---- file by file --------------------------------------------------------------------
//
// The usual run: each input is checked on one of `--jobs` workers, and its
// output (diagnostics, verdict text or JSON) is gathered in input order as
// soon as it is ready. Each worker keeps one Workspace for all its inputs, so
// a library file that many inputs import is parsed once per worker, and
// releases each input once it has been checked, so memory stays bounded by
// the largest file and the library it imports, not by the whole run.
//
// The result is the same as loading every input into one Workspace (the
// whole-run path below), which is still used when the profile is declared in
// the inputs themselves: only a scan of every input can find it.

// One worker: its Workspace, and the profile compiled into its sources.
struct CheckWorker {
  CheckWorker(const LoadOptions& options, const std::string& spec, std::string default_profile_, bool all_)
      : w(options), default_profile(std::move(default_profile_)), all(all_) {
    bool usage_error = false;
    profile = driver::select_profile(spec, w.workspace, w.sources, w.bag, usage_error, &attempted);
    // Diagnostics of the profile itself were reported by the probe (run_check).
    w.bag.clear();
  }
  ReusedWorkspace w;
  std::string default_profile;  // the profile `expect` lines without `under` are for
  bool all = false;             // --all: every item of the evidence
  std::optional<driver::SelectedProfile> profile;
  const ast::Profile* attempted = nullptr;
  std::unordered_set<UnitId> seen;  // loaded units whose profiles have been compiled
};

// What checking one input gave, self-contained (the worker moves on).
struct CheckedInput {
  InputResult input;
  bool unacceptable = false;      // an agreement is unacceptable and does not expect it
  bool declares_profile = false;  // a loaded file declares the profile's name: use the whole-run path
  std::vector<Diagnostic> verdict_diagnostics;  // the CI formats, in input.sources
  // text: the verdict blocks, each ending in a newline; json: the members of
  // the "verdicts" array as printed (see json_item), separated by ",\n".
  std::string verdict_text;
};

// A JSON value dumped as dump_json prints it `depth` levels deep in the
// report (every line after the first indented by two spaces per level).
std::string dumped_at(const nlohmann::ordered_json& value, unsigned depth) {
  const std::string dumped = value.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  const std::string indent(2 * depth, ' ');
  std::string out;
  out.reserve(dumped.size() + dumped.size() / 8);
  for (const char c : dumped) {
    out += c;
    if (c == '\n') out += indent;
  }
  return out;
}

// One member of the report's "verdicts" array, dumped as one value as soon as
// its agreement is evaluated, and indented as it stands in the array.
std::string json_item(const nlohmann::ordered_json& item) { return "    " + dumped_at(item, 2); }

// Writes the JSON report of a file-by-file run to standard output, member by
// member (each member's value dumped by nlohmann_json), then the "verdicts"
// array from the items gathered in `items` (json_item, separated by ",\n"):
// byte for byte what dump_json prints for the whole document, without
// holding the verdicts of the whole run as one value.
void write_json_report(const nlohmann::ordered_json& head, TextSpool& items) {
  std::string text = "{";
  for (const auto& member : head.items()) {
    text += text.size() == 1 ? "\n  " : ",\n  ";
    text += nlohmann::ordered_json(member.key()).dump() + ": " + dumped_at(member.value(), 1);
  }
  text += text.size() == 1 ? "\n  \"verdicts\": " : ",\n  \"verdicts\": ";
  if (items.empty()) {
    text += "[]\n}\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
    return;
  }
  text += "[\n";
  std::fwrite(text.data(), 1, text.size(), stdout);
  items.append("\n  ]\n}\n");
  items.write_to(stdout);
}

CheckedInput check_input(CheckWorker& worker, const InputFile& input, const std::string& profile_name,
                         std::optional<OutputFormat> format, bool color) {
  CheckedInput out;
  ReusedWorkspace& w = worker.w;
  Workspace& ws = w.workspace;
  const std::optional<UnitId> root = load_input(w, input, out.input);

  if (root) {
    // Every profile a newly loaded file declares is compiled, for its errors.
    for (UnitId u : ws.unit(*root).visible_units) {
      if (!worker.seen.insert(u).second) continue;
      const Unit& unit = ws.unit(u);
      if (unit.own_profiles.count(profile_name) != 0) out.declares_profile = true;
      for (const ast::Profile* p : unit.tree.profiles()) {
        if (p != worker.attempted) (void)engine::compile_profile(*p, w.sources, w.bag);
      }
    }
  }
  FileCopier copier(*out.input.sources);
  take_front_end(w, root, out.input, copier);
  if (!root) return out;

  if (worker.profile && !out.declares_profile) {
    // Text and the CI formats show failing conditions only (JSON shows all).
    engine::EvaluateOptions evaluate;
    evaluate.explain_holding = format && *format == OutputFormat::json;
    if (worker.all) evaluate.max_evidence = std::numeric_limits<std::size_t>::max();
    const std::vector<driver::AgreementRun> runs = driver::evaluate_roots(ws, {*root}, worker.profile->profile, evaluate);
    engine::ReportOptions report;
    report.color = color;
    const engine::CompiledProfile& profile = worker.profile->profile;
    DiagnosticBag expectations;  // E0502 and the like: counted like every diagnostic
    for (const driver::AgreementRun& a : runs) {
      if (a.result) driver::enforce_expectations(*a.agreement, *a.result, profile, worker.default_profile, expectations);
      if (a.result && a.result->verdict == engine::Verdict::unacceptable &&
          !expects_unacceptable(*a.agreement, profile.name, worker.default_profile)) {
        out.unacceptable = true;
      }
      if (!format) {
        if (!out.verdict_text.empty()) out.verdict_text += '\n';
        out.verdict_text += a.result ? engine::render_verdict(*a.result, w.sources, report)
                                     : engine::render_not_evaluated(*a.agreement, w.sources, report);
      } else if (*format == OutputFormat::json) {
        if (!out.verdict_text.empty()) out.verdict_text += ",\n";
        out.verdict_text += json_item(verdict_json(a, worker.profile->profile.name, w.sources));
      } else if (a.result) {
        DiagnosticBag found;
        engine::verdict_diagnostics(*a.agreement, *a.result, a.result->name_span.file, found);
        for (Diagnostic& d : found.all()) out.verdict_diagnostics.push_back(copier.rehome(std::move(d), w.sources));
      }
    }
    for (Diagnostic& d : expectations.all()) out.input.extra.push_back(copier.rehome(std::move(d), w.sources));
  }
  // Everything the output needs has been copied or rendered: let the input go
  // (unless a file of this worker imports it), keeping the library it imports.
  if (release_input(w, *root)) worker.seen.erase(*root);
  return out;
}

int run_check_by_file(const std::vector<std::string>& paths, const LoadOptions& load, const std::string& spec,
                      const std::string& default_profile, bool all, unsigned jobs, std::optional<OutputFormat> format, bool color, Severity fail_level,
                      std::vector<Diagnostic> profile_diagnostics, const SourceManager& profile_sources,
                      bool& declared_profile) {
  InputSet inputs = expand_inputs(paths);
  refuse_inputs_leaving_root(inputs, load.library_root);
  const std::string profile_name = spec.empty() ? std::string(engine::kDefaultProfile) : spec;

  RunMerger merger;
  merger.add_loose(std::move(inputs.diagnostics), nullptr);
  std::vector<std::unique_ptr<CheckWorker>> workers(std::max(1u, jobs));
  TextSpool verdict_text;  // the verdicts come after every diagnostic
  std::vector<Diagnostic> verdict_diagnostics;
  bool unacceptable = false;
  std::atomic<bool> conflict{false};
  {
    Progress progress("checking", inputs.files.size());
    run_ordered<CheckedInput>(
        inputs.files.size(), jobs,
        [&](std::size_t i, unsigned self) {
          if (conflict.load(std::memory_order_relaxed)) return CheckedInput{};
          if (!workers[self]) workers[self] = std::make_unique<CheckWorker>(load, spec, default_profile, all);
          CheckedInput r = check_input(*workers[self], inputs.files[i], profile_name, format, color);
          if (r.declares_profile) conflict.store(true, std::memory_order_relaxed);
          return r;
        },
        [&](std::size_t, CheckedInput& r) {
          if (conflict.load(std::memory_order_relaxed)) return;
          merger.add(r.input);
          if (!r.verdict_text.empty()) {
            if (!verdict_text.empty()) verdict_text.append(format ? ",\n" : "\n");
            verdict_text.append(r.verdict_text);
          }
          for (Diagnostic& d : r.verdict_diagnostics) verdict_diagnostics.push_back(merger.rehome(std::move(d), *r.input.sources));
          unacceptable = unacceptable || r.unacceptable;
          progress.tick();
        });
  }
  if (conflict) {
    declared_profile = true;
    return kExitOk;
  }
  workers.clear();
  merger.add_loose(std::move(profile_diagnostics), &profile_sources);

  RunOutput out;
  out.command = "check";
  out.verb = "checked";
  out.files = std::move(merger.files());
  out.diagnostics = std::move(merger.diagnostics());
  out.sources = &merger.sources();
  out.io_error = merger.io_error() || inputs.io_error;
  if (format && is_ci_format(*format)) {
    // The verdicts, which these formats cannot print as blocks, as diagnostics
    // (engine/verdict_diagnostics.hpp) after the front end's.
    out.diagnostics.insert(out.diagnostics.end(), std::make_move_iterator(verdict_diagnostics.begin()),
                           std::make_move_iterator(verdict_diagnostics.end()));
    out.other_findings = unacceptable;
    return print_output(out, OutputOptions{*format, fail_level, false});
  }
  const DiagnosticCounts counts = count_diagnostics(out.diagnostics);
  if (format) {  // json
    write_json_report(report_to_json(out.files, out.diagnostics, *out.sources), verdict_text);
  } else {
    RenderOptions options;
    options.color = color;
    std::string text = render_text(out.diagnostics, *out.sources, options);
    if (!text.empty()) text += '\n';
    std::fwrite(text.data(), 1, text.size(), stdout);
    if (!verdict_text.empty()) {
      verdict_text.append("\n");
      verdict_text.write_to(stdout);
    }
    fmt::print("checked {} file{}: {}\n", out.files.size(), out.files.size() == 1 ? "" : "s", summary_counts(counts));
  }
  if (out.io_error) return kExitUsage;
  const int status = exit_status(out, fail_level);
  return status == kExitOk && unacceptable ? kExitFinding : status;
}

// ---- the whole run in one Workspace -------------------------------------------------------

int run_check_whole(const ParsedArgs& args, const LoadOptions& load, const std::string& spec) {
  LoadedInputs run(load);
  load_inputs(run, args.positionals(), load);
  engine::EvaluateOptions evaluate;
  if (args.flag("all")) evaluate.max_evidence = std::numeric_limits<std::size_t>::max();
  const Verdicts verdicts = compute_verdicts(run.workspace, run.sources, run.roots, spec,
                                            default_profile_for(args.positionals()), run.diagnostics, nullptr, evaluate);
  return report(run, args.value_or("format", "text"), use_color(color_mode(args), STDOUT_FILENO), verdicts,
                output_options(args).fail_level);
}

int run_check(const std::vector<std::string>& argv) {
  const ArgParser parser = make_parser();
  int status = kExitOk;
  std::optional<ParsedArgs> args = parser.parse_or_report(argv, status);
  if (!args) return status;

  const std::optional<LoadOptions> load = load_options_or_report(parser, *args, args->positionals(), status);
  if (!load) return status;
  const std::optional<unsigned> jobs = jobs_or_report(parser, *args, status);
  if (!jobs) return status;
  const std::string spec = profile_spec(*args, args->positionals());

  // Standard input can be read once only, and the file-by-file run may have
  // to start again in one Workspace (a profile declared in the inputs): a run
  // that reads it is one Workspace from the start.
  for (const std::string& path : args->positionals()) {
    if (path == "-") return run_check_whole(*args, *load, spec);
  }
  // The profile, tried first on its own: a built-in profile or a file. When
  // that fails (or names nothing) the inputs may declare it, and the whole
  // run decides (and reports) what it is.
  SourceManager profile_sources;
  DiagnosticBag profile_diagnostics;
  {
    DiskFileSystem file_system(load->max_file_bytes);
    Workspace probe(profile_sources, file_system, profile_diagnostics, *load);
    bool usage_error = false;
    if (!driver::select_profile(spec, probe, profile_sources, profile_diagnostics, usage_error)) {
      return run_check_whole(*args, *load, spec);
    }
  }
  const OutputOptions output = output_options(*args);
  std::optional<OutputFormat> format;  // text: nullopt
  if (output.format != OutputFormat::text) format = output.format;
  bool declared_profile = false;
  const int result = run_check_by_file(args->positionals(), *load, spec, default_profile_for(args->positionals()),
                                       args->flag("all"), *jobs, format,
                                       use_color(color_mode(*args), STDOUT_FILENO), output.fail_level,
                                       std::move(profile_diagnostics.all()), profile_sources, declared_profile);
  return declared_profile ? run_check_whole(*args, *load, spec) : result;
}

const CommandRegistration registration{"check", "parse, resolve and check term files", run_check};

}  // namespace
}  // namespace terms::cli
