// `terms test PATH...`: evaluate every agreement and compare the verdicts with
// the agreements' `expect` lines. Each mismatch is printed as a diagnostic
// (E0502) showing both sides, the reason and the evidence; the output ends
// with the line `N passed, N failed` (one count per `expect` line).
//
// Exit status: 0 every expectation holds, 1 a failed expectation or an error
// diagnostic, 2 a usage or I/O error (including an unknown --profile).

#include <unistd.h>

#include <string>
#include <vector>

#include <fmt/core.h>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "cli/load_options.hpp"
#include "driver/inputs.hpp"
#include "cli/output.hpp"
#include "cli/verdicts.hpp"
#include "dsl/render.hpp"

namespace terms::cli {
namespace {

ArgParser make_parser() {
  ArgParser p("test", "compare the agreements' `expect` lines with the engine");
  p.positional("PATH", "a term file, a directory (searched for `*.terms`), or `-` for standard input",
               Arity::one_or_more);
  add_profile_option(p);
  add_output_options(p);  // --format text|json|sarif|junit|github|gcc, --fail-level (cli/output.hpp)
  add_color_option(p);
  add_load_options(p);  // --max-file-size, --library-root and the limits (cli/load_options.hpp)
  p.description(
      "Evaluates every agreement of the inputs against the profile and compares the result\n"
      "with its `expect` lines: `expect acceptable;` (every `require` condition holds, so\n"
      "also \"acceptable with reservations\"), `expect unacceptable;`, `expect violated ID;`\n"
      "and `expect satisfied ID;`. Each mismatch is reported with both sides, the reason\n"
      "and the evidence. The output ends with `N passed, N failed`, one count per `expect`\n"
      "line. An agreement whose file (or an import) has errors is not evaluated: its\n"
      "expectations count as failed.");
  p.exit_status(kExitOk, "every expectation holds");
  p.exit_status(kExitFinding, "a failed expectation, or an error diagnostic");
  p.exit_status(kExitUsage, "a usage error (such as an unknown profile), or an input that could not be read");
  p.example("terms test examples/", "check every expectation of the shipped examples");
  p.example("terms test --profile cvid deal.terms", "test against another profile");
  return p;
}

struct AgreementTally {
  const driver::AgreementRun* run = nullptr;
  std::vector<driver::ExpectationOutcome> outcomes;
  std::size_t passed = 0;
  std::size_t failed = 0;
};

int run_test(const std::vector<std::string>& argv) {
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
  std::vector<driver::ExpectationTally> expectation_tallies;
  Verdicts verdicts = compute_verdicts(run.workspace, run.sources, run.roots, profile_spec(*args, args->positionals()),
                                       default_profile_for(args->positionals()), run.diagnostics, &expectation_tallies);

  std::vector<AgreementTally> tallies;
  std::size_t passed = 0;
  std::size_t failed = 0;
  std::size_t skipped = 0;
  for (std::size_t i = 0; i < verdicts.agreements.size(); ++i) {
    const auto& a = verdicts.agreements[i];
    AgreementTally t;
    t.run = &a;
    if (a.result) {
      driver::ExpectationTally& e = expectation_tallies[i];
      t.outcomes = std::move(e.outcomes);
      t.passed = e.passed;
      t.failed = e.failed;
      skipped += e.skipped;
    } else {
      t.failed = a.agreement->expectations().size();
    }
    passed += t.passed;
    failed += t.failed;
    tallies.push_back(std::move(t));
  }
  // Lines for another profile are skipped (E0504 says which), never failed.
  const std::string skipped_phrase = skipped > 0 ? fmt::format(", {} skipped", skipped) : std::string();

  const auto& diags = run.diagnostics.all();
  const OutputOptions output = output_options(*args);
  // The CI formats come from cli/output.hpp: JUnit has one test case per
  // agreement, holding the diagnostics inside it (the mismatches, E0502).
  if (is_ci_format(output.format)) {
    RunOutput out;
    out.command = "test";
    out.verb = "tested";
    out.files = run.files;
    out.diagnostics = diags;
    out.sources = &run.sources;
    out.summary_detail = fmt::format(" ({} passed, {} failed{})", passed, failed, skipped_phrase);
    out.io_error = run.io_error || verdicts.usage_error;
    out.other_findings = failed > 0;
    for (const auto& t : tallies) {
      const ast::Agreement& a = *t.run->agreement;
      const SourceFile* f = run.sources.find(a.name.span.file);
      ReportCase c;
      c.name = a.name.name;
      c.classname = f ? f->path() : std::string();
      c.file = c.classname;
      for (std::size_t i = 0; i < diags.size(); ++i) {
        const Span s = diags[i].span;
        if (s.valid() && s.file == a.span.file && s.begin >= a.span.begin && s.end <= a.span.end) {
          c.diagnostics.push_back(i);
        }
      }
      if (!t.run->result) {
        c.failures.push_back(fmt::format("not evaluated: {} or an import has errors", c.file));
      } else if (t.failed > 0 && c.diagnostics.empty()) {
        c.failures.push_back(fmt::format("{} of {} expectations failed", t.failed, t.failed + t.passed));
      }
      out.cases.push_back(std::move(c));
    }
    return print_output(out, output);
  }
  if (json) {
    nlohmann::ordered_json j = report_to_json(run.files, diags, run.sources);
    auto tests = nlohmann::ordered_json::array();
    for (const auto& t : tallies) {
      nlohmann::ordered_json tj;
      tj["agreement"] = t.run->agreement->name.name;
      const SourceFile* f = run.sources.find(t.run->agreement->name.span.file);
      tj["file"] = f ? f->path() : std::string();
      tj["evaluated"] = t.run->result.has_value();
      tj["verdict"] = t.run->result ? nlohmann::ordered_json(std::string(engine::to_string(t.run->result->verdict)))
                                    : nlohmann::ordered_json(nullptr);
      auto expectations = nlohmann::ordered_json::array();
      for (const auto& o : t.outcomes) {
        nlohmann::ordered_json oj;
        oj["range"] = range_to_json(o.expectation->span, run.sources);
        oj["expected"] = o.expected;
        oj["found"] = o.found;
        oj["passed"] = o.passed;
        expectations.push_back(std::move(oj));
      }
      tj["expectations"] = std::move(expectations);
      tj["passed"] = t.passed;
      tj["failed"] = t.failed;
      tests.push_back(std::move(tj));
    }
    j["tests"] = std::move(tests);
    j["passed"] = passed;
    j["failed"] = failed;
    j["skipped"] = skipped;
    fmt::print("{}", dump_json(j));
  } else {
    RenderOptions options;
    options.color = color;
    std::string out = render_text(diags, run.sources, options);
    if (!out.empty()) out += '\n';
    for (const auto& t : tallies) {
      const ast::Agreement& a = *t.run->agreement;
      const SourceFile* f = run.sources.find(a.name.span.file);
      const std::string where = f ? f->path() : std::string();
      if (!t.run->result) {
        out += fmt::format("not evaluated  {} ({}): its file or an import has errors\n", a.name.name, where);
      } else if (t.outcomes.empty()) {
        out += fmt::format("no expectations  {} ({}): {}\n", a.name.name, where,
                           engine::to_string(t.run->result->verdict));
      } else if (t.failed == 0) {
        out += fmt::format("ok      {} ({}): {} expectation{}\n", a.name.name, where, t.passed,
                           t.passed == 1 ? "" : "s");
      } else {
        out += fmt::format("FAILED  {} ({}): {} of {} expectations failed\n", a.name.name, where, t.failed,
                           t.failed + t.passed);
      }
    }
    if (!tallies.empty()) out += '\n';
    out += fmt::format("{} passed, {} failed{}\n", passed, failed, skipped_phrase);
    fmt::print("{}", out);
  }
  if (verdicts.usage_error || run.io_error) return kExitUsage;
  RunOutput counted;  // --fail-level decides which diagnostics are findings
  counted.diagnostics = diags;
  return failed > 0 || exit_status(counted, output.fail_level) != kExitOk ? kExitFinding : kExitOk;
}

const CommandRegistration registration{"test", "compare the agreements' `expect` lines with the engine", run_test};

}  // namespace
}  // namespace terms::cli
