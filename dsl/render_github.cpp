// `--format github`: GitHub Actions workflow commands, which the runner turns
// into annotations on the pull request's diff.

#include <fmt/format.h>

#include "dsl/render_ci.hpp"

namespace terms {

namespace {

std::string_view command(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info:
    case Severity::note: return "notice";
  }
  return "error";
}

// The escapes of the workflow command syntax: data (after `::`) escapes `%`,
// CR and LF; property values also escape `:` and `,`.
std::string escape(std::string_view text, bool property) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string render_github(std::span<const Diagnostic> diagnostics, const SourceManager& sources) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    std::vector<std::string> props;
    const SourceFile* file = d.span.valid() ? sources.find(d.span.file) : nullptr;
    if (file != nullptr) {
      const LineCol begin = file->line_col(d.span.begin);
      const LineCol end = file->line_col(d.span.end);
      props.push_back("file=" + escape(file->path(), true));
      props.push_back(fmt::format("line={}", begin.line));
      props.push_back(fmt::format("col={}", begin.column));
      props.push_back(fmt::format("endLine={}", end.line));
      props.push_back(fmt::format("endColumn={}", end.column));
    } else if (!d.path.empty()) {
      props.push_back("file=" + escape(d.path, true));
    }
    props.push_back("title=" + escape(code_and_name(d), true));
    std::string message = d.message;
    for (const std::string& h : d.help) message += "\nhelp: " + h;
    for (const std::string& n : d.notes) message += "\nnote: " + n;
    out += fmt::format("::{} {}::{}\n", command(d.severity), fmt::join(props, ","), escape(message, false));
  }
  return out;
}

}  // namespace terms
