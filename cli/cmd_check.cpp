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

// What `check` prints, whichever way the run went (file by file, or the whole
// run in one Workspace below): the diagnostics, then the verdicts.
struct CheckReport {
  RunOutput out;       // the inputs read, the diagnostics and the files they quote
  TextSpool verdicts;  // text: the verdict blocks, "\n" between; json: the items (json_item), ",\n" between
  std::vector<Diagnostic> verdict_diagnostics;  // the CI formats: failing conditions, in *out.sources
  bool unacceptable = false;  // an agreement is unacceptable and does not expect it
  bool usage_error = false;   // the profile names nothing: exit status 2
};

// Prints the report in `format` (text: nullopt) and returns the exit status.
int print_check(CheckReport& r, std::optional<OutputFormat> format, bool color, Severity fail_level) {
  RunOutput& out = r.out;
  out.command = "check";
  out.verb = "checked";
  if (format && is_ci_format(*format)) {
    // The verdicts, which these formats cannot print as blocks, as diagnostics
    // (engine/verdict_diagnostics.hpp) after the front end's.
    out.diagnostics.insert(out.diagnostics.end(), std::make_move_iterator(r.verdict_diagnostics.begin()),
                           std::make_move_iterator(r.verdict_diagnostics.end()));
    out.io_error = out.io_error || r.usage_error;
    out.other_findings = r.unacceptable;
    return print_output(out, OutputOptions{*format, fail_level, false});
  }
  if (format) {  // json
    write_json_report(report_to_json(out.files, out.diagnostics, *out.sources), r.verdicts);
  } else {
    RenderOptions options;
    options.color = color;
    std::string text = render_text(out.diagnostics, *out.sources, options);
    if (!text.empty()) text += '\n';
    std::fwrite(text.data(), 1, text.size(), stdout);
    if (!r.verdicts.empty()) {
      r.verdicts.append("\n");
      r.verdicts.write_to(stdout);
    }
    fmt::print("checked {} file{}: {}\n", out.files.size(), out.files.size() == 1 ? "" : "s",
               summary_counts(count_diagnostics(out.diagnostics)));
  }
  if (out.io_error || r.usage_error) return kExitUsage;
  const int status = exit_status(out, fail_level);
  return status == kExitOk && r.unacceptable ? kExitFinding : status;
}

// One agreement's verdict as `check` prints it, added to `text` (a verdict
// block, or a JSON item) or, for the CI formats, to `diags` (its failing
// conditions, with spans in `sources`).
void add_verdict(const driver::AgreementRun& a, const std::string& profile, std::string_view default_profile,
                 const SourceManager& sources,
                 std::optional<OutputFormat> format, bool color, std::string& text, std::vector<Diagnostic>& diags) {
  if (!format) {
    engine::ReportOptions report;
    report.color = color;
    if (!text.empty()) text += '\n';
    text += a.result ? engine::render_verdict(*a.result, sources, report)
                     : engine::render_not_evaluated(*a.agreement, sources, report);
  } else if (*format == OutputFormat::json) {
    if (!text.empty()) text += ",\n";
    text += json_item(verdict_json(a, profile, sources));
  } else if (a.result) {
    DiagnosticBag found;
    engine::verdict_diagnostics(*a.agreement, *a.result, a.result->name_span.file, found, default_profile);
    for (Diagnostic& d : found.take()) diags.push_back(std::move(d));
  }
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
// the inputs themselves: only a scan of every input can find it. Both print
// through print_check; standard input, read once up front, is an input of either.

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
    const engine::CompiledProfile& profile = worker.profile->profile;
    DiagnosticBag expectations;  // E0502 and the like: counted like every diagnostic
    std::vector<Diagnostic> found;
    for (const driver::AgreementRun& a : runs) {
      if (a.result) driver::enforce_expectations(*a.agreement, *a.result, profile, worker.default_profile, expectations);
      if (a.result && a.result->verdict == engine::Verdict::unacceptable &&
          !expects_unacceptable(*a.agreement, profile.name, worker.default_profile)) {
        out.unacceptable = true;
      }
      add_verdict(a, profile.name, worker.default_profile, w.sources, format, color, out.verdict_text, found);
      for (Diagnostic& d : found) out.verdict_diagnostics.push_back(copier.rehome(std::move(d), w.sources));
      found.clear();
    }
    for (Diagnostic& d : expectations.all()) out.input.extra.push_back(copier.rehome(std::move(d), w.sources));
  }
  // Everything the output needs has been copied or rendered: let the input go
  // (unless a file of this worker imports it), keeping the library it imports.
  if (release_input(w, *root)) worker.seen.erase(*root);
  return out;
}

// What both ways of running take from the command line.
struct CheckSettings {
  LoadOptions load;
  std::string spec;             // --profile, or terms.json's (empty: the default)
  std::string default_profile;  // the profile `expect` lines without `under` are for
  bool all = false;
  unsigned jobs = 1;
  std::optional<OutputFormat> format;  // text: nullopt
  bool color = false;
  Severity fail_level = Severity::error;
};

// Checks the inputs file by file into `report`. False, with nothing printed,
// when an input declares the profile: the whole run must decide it.
bool run_check_by_file(const InputSet& inputs, const CheckSettings& c, std::vector<Diagnostic> profile_diagnostics,
                       const SourceManager& profile_sources, CheckReport& report, RunMerger& merger) {
  const std::string profile_name = c.spec.empty() ? std::string(engine::kDefaultProfile) : c.spec;
  merger.add_loose(inputs.diagnostics, nullptr);
  std::vector<std::unique_ptr<CheckWorker>> workers(std::max(1u, c.jobs));
  std::atomic<bool> conflict{false};
  {
    Progress progress("checking", inputs.files.size());
    run_ordered<CheckedInput>(
        inputs.files.size(), c.jobs,
        [&](std::size_t i, unsigned self) {
          if (conflict.load(std::memory_order_relaxed)) return CheckedInput{};
          if (!workers[self]) workers[self] = std::make_unique<CheckWorker>(c.load, c.spec, c.default_profile, c.all);
          CheckedInput r = check_input(*workers[self], inputs.files[i], profile_name, c.format, c.color);
          if (r.declares_profile) conflict.store(true, std::memory_order_relaxed);
          return r;
        },
        [&](std::size_t, CheckedInput& r) {
          if (conflict.load(std::memory_order_relaxed)) return;
          merger.add(r.input);
          if (!r.verdict_text.empty()) {
            if (!report.verdicts.empty()) report.verdicts.append(c.format ? ",\n" : "\n");
            report.verdicts.append(r.verdict_text);
          }
          for (Diagnostic& d : r.verdict_diagnostics) {
            report.verdict_diagnostics.push_back(merger.rehome(std::move(d), *r.input.sources));
          }
          report.unacceptable = report.unacceptable || r.unacceptable;
          progress.tick();
        });
  }
  if (conflict) return false;
  workers.clear();
  merger.add_loose(std::move(profile_diagnostics), &profile_sources);
  report.out.files = std::move(merger.files());
  report.out.diagnostics = std::move(merger.diagnostics());
  report.out.sources = &merger.sources();
  report.out.io_error = merger.io_error() || inputs.io_error;
  return true;
}

// ---- the whole run in one Workspace -------------------------------------------------------

int run_check_whole(const InputSet& inputs, const CheckSettings& c) {
  LoadedInputs run(c.load);
  load_inputs(run, inputs, c.load.max_file_bytes);
  engine::EvaluateOptions evaluate;
  if (c.all) evaluate.max_evidence = std::numeric_limits<std::size_t>::max();
  const Verdicts verdicts = compute_verdicts(run.workspace, run.sources, run.roots, c.spec, c.default_profile,
                                            run.diagnostics, nullptr, evaluate);
  CheckReport report;
  report.out.files = run.files;
  report.out.diagnostics = run.diagnostics.all();
  report.out.sources = &run.sources;
  report.out.io_error = run.io_error;
  report.unacceptable = verdicts.unacceptable;
  report.usage_error = verdicts.usage_error;
  std::string text;
  for (const driver::AgreementRun& a : verdicts.agreements) {
    add_verdict(a, verdicts.profile->profile.name, c.default_profile, run.sources, c.format, c.color, text, report.verdict_diagnostics);
  }
  report.verdicts.append(text);
  return print_check(report, c.format, c.color, c.fail_level);
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
  CheckSettings c;
  c.load = *load;
  c.spec = profile_spec(*args, args->positionals());
  c.default_profile = default_profile_for(args->positionals());
  c.all = args->flag("all");
  c.jobs = *jobs;
  const OutputOptions output = output_options(*args);
  if (output.format != OutputFormat::text) c.format = output.format;
  c.color = use_color(color_mode(*args), STDOUT_FILENO);
  c.fail_level = output.fail_level;

  // The inputs, expanded once; standard input is read once, up front, so that
  // it is one more input of the file-by-file run and of its fallback below.
  InputSet inputs = expand_inputs(args->positionals());
  refuse_inputs_leaving_root(inputs, load->library_root);
  read_stdin_once(inputs, load->max_file_bytes);
  // The profile, tried first on its own: a built-in profile or a file. When
  // that fails (or names nothing) the inputs may declare it, and the whole
  // run decides (and reports) what it is.
  SourceManager profile_sources;
  DiagnosticBag profile_diagnostics;
  {
    DiskFileSystem file_system(load->max_file_bytes);
    Workspace probe(profile_sources, file_system, profile_diagnostics, *load);
    bool usage_error = false;
    if (!driver::select_profile(c.spec, probe, profile_sources, profile_diagnostics, usage_error)) {
      return run_check_whole(inputs, c);
    }
  }
  CheckReport report;
  RunMerger merger;  // holds the files report.out quotes
  if (!run_check_by_file(inputs, c, std::move(profile_diagnostics.all()), profile_sources, report, merger)) {
    return run_check_whole(inputs, c);
  }
  return print_check(report, c.format, c.color, c.fail_level);
}

const CommandRegistration registration{"check", "parse, resolve and check term files", run_check};

}  // namespace
}  // namespace terms::cli
