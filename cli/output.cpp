#include "driver/version.hpp"
#include "cli/output.hpp"

#include <unistd.h>

#include <cstdio>

#include <fmt/core.h>

#include "cli/command.hpp"
#include "driver/runner.hpp"
#include "dsl/render.hpp"


namespace terms::cli {

const std::vector<std::string>& output_format_names() {
  static const std::vector<std::string> names = {"text", "json", "sarif", "junit", "github", "gcc"};
  return names;
}

std::optional<OutputFormat> parse_output_format(std::string_view name) {
  if (name == "text") return OutputFormat::text;
  if (name == "json") return OutputFormat::json;
  if (name == "sarif") return OutputFormat::sarif;
  if (name == "junit") return OutputFormat::junit;
  if (name == "github") return OutputFormat::github;
  if (name == "gcc") return OutputFormat::gcc;
  return std::nullopt;
}

bool is_ci_format(OutputFormat format) {
  return format == OutputFormat::sarif || format == OutputFormat::junit || format == OutputFormat::github ||
         format == OutputFormat::gcc;
}

void add_output_options(ArgParser& parser) {
  add_format_option(parser, output_format_names());
  parser.option("fail-level", "LEVEL", "exit with status 1 when a diagnostic is at least this severe",
                {"error", "warning", "info"}, "error");
}

OutputOptions output_options(const ParsedArgs& args) {
  OutputOptions o;
  o.format = parse_output_format(args.value_or("format", "text")).value_or(OutputFormat::text);
  o.fail_level = parse_severity(args.value_or("fail-level", "error")).value_or(Severity::error);
  o.color = use_color(color_mode(args), STDOUT_FILENO);
  return o;
}

std::string summary_counts(const DiagnosticCounts& counts) {
  std::string phrase = counts_phrase(counts);
  if (counts.infos > 0) phrase += fmt::format(", {} info{}", counts.infos, counts.infos == 1 ? "" : "s");
  return phrase;
}

std::string summary_line(const RunOutput& run) {
  // The verdicts, which the CI formats carry as diagnostics (category
  // "verdict") and text prints as blocks, are not counted: every format
  // counts the same findings.
  DiagnosticCounts counts;
  for (const Diagnostic& d : run.diagnostics) {
    if (d.category == "verdict") continue;
    switch (d.severity) {
      case Severity::error: ++counts.errors; break;
      case Severity::warning: ++counts.warnings; break;
      case Severity::info:
      case Severity::note: ++counts.infos; break;
    }
  }
  if (run.streamed) {
    counts.errors += run.streamed->errors;
    counts.warnings += run.streamed->warnings;
    counts.infos += run.streamed->infos;
  }
  std::string line = fmt::format("{} {} file{}{}: {}", run.verb, run.files.size(), run.files.size() == 1 ? "" : "s",
                                 run.summary_detail, summary_counts(counts));
  return line;
}

int exit_status(const RunOutput& run, Severity fail_level) {
  if (run.io_error) return kExitUsage;
  if (run.other_findings) return kExitFinding;
  for (const Diagnostic& d : run.diagnostics) {
    if (at_or_above(d.severity, fail_level)) return kExitFinding;
  }
  return kExitOk;
}

RenderedOutput render_output(const RunOutput& run, const OutputOptions& options) {
  RenderedOutput r;
  const SourceManager& sources = *run.sources;
  auto report = [&] {
    Report rep;
    rep.command = run.command;
    rep.tool_version = std::string(driver::kVersion);
    rep.files = run.files;
    rep.diagnostics = run.diagnostics;
    rep.rules = run.rules;
    rep.cases = run.cases;
    rep.fail_level = options.fail_level;
    return rep;
  };
  switch (options.format) {
    case OutputFormat::text: {
      RenderOptions ro;
      ro.color = options.color;
      r.out = render_text(run.diagnostics, sources, ro);
      if (!r.out.empty()) r.out += '\n';
      r.out += run.text_after;
      r.out += summary_line(run) + "\n";
      break;
    }
    case OutputFormat::json: {
      nlohmann::ordered_json json = report_to_json(run.files, run.diagnostics, sources);
      if (run.extend_json) run.extend_json(json);
      r.out = dump_json(json);
      break;
    }
    case OutputFormat::sarif: r.out = render_sarif(report(), sources); break;
    case OutputFormat::junit: r.out = render_junit(report(), sources); break;
    case OutputFormat::github:
      r.out = render_github(run.diagnostics, sources);
      r.err = summary_line(run) + "\n";
      break;
    case OutputFormat::gcc:
      r.out = render_gcc(run.diagnostics, sources);
      r.err = summary_line(run) + "\n";
      break;
  }
  return r;
}

int print_output(const RunOutput& run, const OutputOptions& options) {
  const RenderedOutput r = render_output(run, options);
  fmt::print("{}", r.out);
  std::fflush(stdout);
  if (!r.err.empty()) fmt::print(stderr, "{}", r.err);
  return exit_status(run, options.fail_level);
}

namespace {

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

}  // namespace

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

}  // namespace terms::cli
