// `--format gcc`: one line per diagnostic, as compilers print them, so that
// editors' error formats (Vim's quickfix, Emacs' compilation mode) read them.

#include <fmt/format.h>

#include "dsl/render_ci.hpp"

namespace terms {

namespace {

std::string_view gcc_severity(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info:
    case Severity::note: return "note";
  }
  return "error";
}

// "file:line:col" for a span, or the path alone.
std::string where(Span span, const std::string& fallback, const SourceManager& sources) {
  if (span.valid()) {
    if (const SourceFile* f = sources.find(span.file)) {
      const LineCol lc = f->line_col(span.begin);
      return fmt::format("{}:{}:{}", f->path(), lc.line, lc.column);
    }
  }
  return fallback.empty() ? std::string("terms") : fallback;
}

// One line: newlines in a message would start a line an editor misreads.
std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) out += (c == '\n' || c == '\r') ? ' ' : c;
  return out;
}

}  // namespace

std::string render_gcc(std::span<const Diagnostic> diagnostics, const SourceManager& sources) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    out += fmt::format("{}: {}: {} [{}]\n", where(d.span, d.path, sources), gcc_severity(d.severity),
                       one_line(d.message), code_and_name(d));
    for (const Label& r : d.related) {
      out += fmt::format("{}: note: {}\n", where(r.span, d.path, sources), one_line(r.message));
    }
  }
  return out;
}

}  // namespace terms
