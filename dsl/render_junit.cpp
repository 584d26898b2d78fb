// `--format junit`: JUnit XML, the test report format CI systems (GitLab's
// `artifacts:reports:junit`, Jenkins, Azure Pipelines) show per test case.
// One <testcase> per file or agreement; a case fails when it has a
// diagnostic at or above the fail level, or a failure of its own.

#include <map>

#include <fmt/format.h>

#include "dsl/render_ci.hpp"

namespace terms {

namespace {

// Text for XML 1.0: escapes markup, replaces invalid UTF-8 and characters
// XML cannot hold (control characters other than tab and newline) by U+FFFD.
std::string xml(std::string_view text, bool attribute) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    const char32_t c = decode_utf8(text, i);
    const bool invalid_byte = c == 0xFFFD && !(i - start == 3 && text.substr(start, 3) == "\xEF\xBF\xBD");
    if (invalid_byte || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF) {
      out += "\xEF\xBF\xBD";
      continue;
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += attribute ? "&quot;" : "\""; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      default: out.append(text.substr(start, i - start));
    }
  }
  return out;
}

std::string position(const Diagnostic& d, const SourceManager& sources) {
  if (d.span.valid()) {
    if (const SourceFile* f = sources.find(d.span.file)) {
      const LineCol lc = f->line_col(d.span.begin);
      return fmt::format("{}:{}:{}", f->path(), lc.line, lc.column);
    }
  }
  return d.path;
}

// A diagnostic as the lines of a failure's body.
std::string describe(const Diagnostic& d, const SourceManager& sources) {
  std::string out = fmt::format("{}: {}[{}]: {}\n", position(d, sources), to_string(d.severity), d.code, d.message);
  for (const Label& r : d.related) {
    if (r.span.valid()) {
      Diagnostic at;
      at.span = r.span;
      out += fmt::format("  {}: {}\n", position(at, sources), r.message);
    }
  }
  for (const std::string& h : d.help) out += fmt::format("  help: {}\n", h);
  for (const std::string& n : d.notes) out += fmt::format("  note: {}\n", n);
  return out;
}

}  // namespace

std::string render_junit(const Report& report, const SourceManager& sources) {
  // The cases: the caller's, then one per file for diagnostics no case lists.
  std::vector<ReportCase> cases = report.cases;
  std::vector<bool> assigned(report.diagnostics.size(), false);
  for (const ReportCase& c : cases) {
    for (std::size_t i : c.diagnostics) {
      if (i < assigned.size()) assigned[i] = true;
    }
  }
  std::map<std::string, std::size_t> file_case;
  auto case_for_file = [&](const std::string& path) -> ReportCase& {
    auto [it, fresh] = file_case.emplace(path, cases.size());
    if (fresh) cases.push_back(ReportCase{path, fmt::format("terms.{}", report.command), path, {}, {}, false, {}});
    return cases[it->second];
  };
  if (report.cases.empty()) {
    for (const std::string& f : report.files) case_for_file(f);
  }
  for (std::size_t i = 0; i < report.diagnostics.size(); ++i) {
    if (assigned[i]) continue;
    std::string path = diagnostic_path(report.diagnostics[i], sources);
    if (path.empty()) path = "terms";
    case_for_file(path).diagnostics.push_back(i);
  }

  std::size_t failures = 0;
  std::size_t skipped = 0;
  std::string body;
  for (const ReportCase& c : cases) {
    std::string failing;
    std::string other;
    std::string first;
    std::size_t count = 0;
    for (std::size_t i : c.diagnostics) {
      if (i >= report.diagnostics.size()) continue;
      const Diagnostic& d = report.diagnostics[i];
      if (at_or_above(d.severity, report.fail_level)) {
        failing += describe(d, sources);
        if (count++ == 0) first = fmt::format("{}: {}", position(d, sources), d.message);
      } else {
        other += describe(d, sources);
      }
    }
    for (const std::string& f : c.failures) {
      failing += f;
      if (!f.ends_with('\n')) failing += '\n';
      if (count++ == 0) first = f.substr(0, f.find('\n'));
    }
    body += fmt::format("    <testcase name=\"{}\" classname=\"{}\"", xml(c.name, true), xml(c.classname, true));
    if (!c.file.empty()) body += fmt::format(" file=\"{}\"", xml(c.file, true));
    if (count == 0 && !c.skipped && other.empty()) {
      body += "/>\n";
      continue;
    }
    body += ">\n";
    if (c.skipped) {
      ++skipped;
      body += fmt::format("      <skipped message=\"{}\"/>\n", xml(c.skipped_message, true));
    } else if (count > 0) {
      ++failures;
      const std::string message = count == 1 ? first : fmt::format("{} (and {} more)", first, count - 1);
      body += fmt::format("      <failure message=\"{}\" type=\"{}\">{}</failure>\n", xml(message, true),
                          report.command, xml(failing, false));
    }
    if (!other.empty()) body += fmt::format("      <system-out>{}</system-out>\n", xml(other, false));
    body += "    </testcase>\n";
  }

  const std::string suite = fmt::format("terms {}", report.command);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">\n",
                     xml(suite, true), cases.size(), failures, skipped);
  out += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">\n",
                     xml(suite, true), cases.size(), failures, skipped);
  out += body;
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

}  // namespace terms
