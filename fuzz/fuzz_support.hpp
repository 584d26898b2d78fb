#pragma once
// Checks shared by the fuzz targets: the properties every result must have,
// whatever the input. A violated property aborts (libFuzzer reports it as a
// crash and saves the input), so each check is a finding, not a log line.

#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>

#include "dsl/diagnostics.hpp"
#include "dsl/render.hpp"
#include "dsl/source.hpp"

namespace terms::fuzz {

[[noreturn]] inline void fail(std::string_view what) {
  std::fprintf(stderr, "fuzz property violated: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

inline void require(bool ok, std::string_view what) {
  if (!ok) fail(what);
}

// A span names a file the manager knows and lies inside that file's bytes.
inline void require_span_in_bounds(Span s, const SourceManager& sources, std::string_view what) {
  if (!s.valid()) return;
  const SourceFile* f = sources.find(s.file);
  require(f != nullptr, what);
  require(s.begin <= s.end && s.end <= f->text().size(), what);
}

// Every diagnostic is well formed (a registered or lint code, a lowercase
// message without a trailing period, spans in bounds) and renders as text and
// JSON without throwing.
inline void require_diagnostics_well_formed(std::span<const Diagnostic> diags, const SourceManager& sources) {
  for (const Diagnostic& d : diags) {
    require(!d.code.empty(), "diagnostic without a code");
    require(!d.message.empty(), "diagnostic without a message");
    require(!(d.message.front() >= 'A' && d.message.front() <= 'Z'), "diagnostic message starts uppercase");
    require(d.message.back() != '.', "diagnostic message ends with a period");
    require_span_in_bounds(d.span, sources, "diagnostic span out of bounds");
    for (const Label& l : d.related) require_span_in_bounds(l.span, sources, "related span out of bounds");
    if (d.fix) {
      for (const TextEdit& e : d.fix->edits) require_span_in_bounds(e.span, sources, "fix edit out of bounds");
    }
  }
  const std::string text = render_text(diags, sources);
  require(diags.empty() || !text.empty(), "diagnostics rendered as empty text");
  std::vector<std::string> files;
  const std::string json = dump_json(report_to_json(files, diags, sources));
  require(!json.empty(), "empty JSON report");
}

}  // namespace terms::fuzz
