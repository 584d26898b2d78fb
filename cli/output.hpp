#pragma once
// The output formats and exit statuses that `terms check`, `terms lint` and
// `terms test` share: `--format text|json|sarif|junit|github|gcc` and
// `--fail-level error|warning|info`.
//
// A command gathers what it found into a RunOutput and calls print_output(),
// which writes the chosen format to standard output (the summary line goes to
// standard output for text, to standard error for gcc and github, and is left
// out of the JSON, SARIF and JUnit documents) and returns the exit status:
//   2  an input or the configuration could not be used (io_error)
//   1  a diagnostic at or above the fail level, or another finding of the
//      command (an unacceptable agreement, a failed expectation)
//   0  otherwise
// A command that prints text or JSON its own way (terms check, with its
// verdicts) can call print_output() for the other formats only:
//   if (is_ci_format(options.format)) return print_output(run, options);

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/args.hpp"
#include "dsl/diagnostics.hpp"
#include "dsl/render.hpp"
#include "dsl/render_ci.hpp"
#include "dsl/source.hpp"

namespace terms::driver {
class TextSpool;  // driver/runner.hpp
}  // namespace terms::driver
namespace terms::cli {

using namespace driver;  // NOLINT: the CLI is a front end of the driver

// Where docs/*.md are published, for the helpUri of SARIF rules. A
// placeholder (the reserved .invalid domain) until the project publishes its
// documentation; a library sets its own with `docs_url` in terms.json.
inline constexpr std::string_view kDefaultDocsUrl = "https://terms.invalid/docs";

enum class OutputFormat : unsigned char { text, json, sarif, junit, github, gcc };

// Every format's name, in the order `--help` lists them.
const std::vector<std::string>& output_format_names();
std::optional<OutputFormat> parse_output_format(std::string_view name);
// sarif, junit, github and gcc: the formats this file renders for every command.
bool is_ci_format(OutputFormat format);

// Adds `--format` (with every format) and `--fail-level` to a command.
void add_output_options(ArgParser& parser);

struct OutputOptions {
  OutputFormat format = OutputFormat::text;
  Severity fail_level = Severity::error;
  bool color = false;  // text only
};
// Reads `--format`, `--fail-level` and `--color` (colour for standard output).
OutputOptions output_options(const ParsedArgs& args);

// What one run of a command found, for print_output().
struct RunOutput {
  std::string command;  // "check", "lint", "test"
  std::string verb;     // "checked", "linted", "tested": the summary line's first word
  std::vector<std::string> files;        // the inputs, in order
  std::vector<Diagnostic> diagnostics;   // in output order
  const SourceManager* sources = nullptr;
  std::vector<RuleDescriptor> rules;     // for SARIF (front-end codes are added automatically)
  std::vector<ReportCase> cases;         // for JUnit (default: one case per file)
  std::string summary_detail;            // inserted after the file count: " (2 ignored)"
  // Text printed after the diagnostics and before the summary line (text format only).
  std::string text_after;
  // Adds members to the JSON report (render.hpp's report_to_json) before it is printed.
  std::function<void(nlohmann::ordered_json&)> extend_json;
  bool io_error = false;        // exit status 2
  bool other_findings = false;  // exit status 1 whatever the diagnostics
  // Text output printed as the run went (cli/runner.hpp's RunMerger::stream_text):
  // the diagnostics are gone, and these counts stand in for them in the summary
  // line; a diagnostic at the fail level is then one of other_findings.
  std::optional<DiagnosticCounts> streamed;
};

// "0 errors, 1 warning", with ", 2 infos" when there are infos.
std::string summary_counts(const DiagnosticCounts& counts);
// The summary line, without a newline: "linted 3 files: 0 errors, 1 warning".
std::string summary_line(const RunOutput& run);

// The exit status (see above).
int exit_status(const RunOutput& run, Severity fail_level);

// Renders the run in the chosen format and prints it; returns the exit status.
int print_output(const RunOutput& run, const OutputOptions& options);

// The whole output as text, for tests: what print_output would write to
// standard output and to standard error.
struct RenderedOutput {
  std::string out;
  std::string err;
};
RenderedOutput render_output(const RunOutput& run, const OutputOptions& options);

// The JSON report of `terms check` written as it was gathered: one member of
// its "verdicts" array dumped as it stands in the array (two levels deep).
std::string json_item(const nlohmann::ordered_json& item);
// Writes `head` (report_to_json's members) and then the "verdicts" array from
// the items in `items` (json_item, separated by ",\n") to standard output:
// byte for byte what dump_json prints for the whole document, without holding
// the verdicts of the whole run as one value.
void write_json_report(const nlohmann::ordered_json& head, TextSpool& items);

}  // namespace terms::cli
