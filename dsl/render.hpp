#pragma once
// Renderers: pure functions from diagnostics to text or JSON.
//
// The text renderer draws a diagnostic the way rustc and miette do (the
// file:line:col, the source line, a caret under the span, labelled related
// spans, `= note:` and `= help:` lines); the JSON renderer gives the same
// information to machines (schema in docs/diagnostics-format.md). Neither does
// I/O: the CLI, the language server and tests decide where the text goes.
//
// Lifetime: the functions read the SourceFiles that the diagnostics' spans
// refer to, through the SourceManager passed in; nothing is kept afterwards.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "dsl/diagnostics.hpp"
#include "dsl/source.hpp"

namespace terms {

struct RenderOptions {
  bool color = false;                // ANSI colours (the caller decides: --color, NO_COLOR, tty)
  unsigned tab_width = 4;            // tabs in source lines expand to the next multiple of this
  unsigned max_line_width = 160;     // longer source lines are shown as a window around the span
};

// The display width of one code point in a terminal: 0 for combining marks and
// the byte order mark, 2 for East Asian wide and fullwidth characters and most
// emoji, 1 otherwise. Tabs are handled by the caller.
unsigned display_width(char32_t c);

// One diagnostic as text, ending in a newline. Diagnostics without a valid span
// show their `path` (if any) instead of a snippet.
std::string render_text(const Diagnostic& d, const SourceManager& sources,
                        const RenderOptions& options = {});

// Every diagnostic, separated by blank lines (as `terms check` prints them).
std::string render_text(std::span<const Diagnostic> diagnostics, const SourceManager& sources,
                        const RenderOptions& options = {});

struct DiagnosticCounts {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t infos = 0;  // info and note severities
};
DiagnosticCounts count_diagnostics(std::span<const Diagnostic> diagnostics);

// "2 errors, 1 warning" (always both counts, singular or plural).
std::string counts_phrase(const DiagnosticCounts& counts);

// {"start":{"line","column","offset"},"end":{...}}: 1-based lines, 1-based
// columns in code points, 0-based byte offsets; `end` is exclusive.
nlohmann::ordered_json range_to_json(Span span, const SourceManager& sources);

// One diagnostic as a JSON object (see docs/diagnostics-format.md).
nlohmann::ordered_json diagnostic_to_json(const Diagnostic& d, const SourceManager& sources);

// The whole report: {"version":1,"files":[...],"diagnostics":[...],
// "summary":{"files","errors","warnings"}}. Front ends may add members
// (the engine adds "verdicts").
nlohmann::ordered_json report_to_json(std::span<const std::string> files,
                              std::span<const Diagnostic> diagnostics, const SourceManager& sources);

// JSON objects keep their members in insertion order ("code" first), which is
// the order docs/diagnostics-format.md lists them in.

// Serialises JSON for output: two-space indentation, a final newline, and
// invalid UTF-8 (from a broken input file quoted in a message) replaced by
// U+FFFD instead of throwing.
std::string dump_json(const nlohmann::ordered_json& value);

}  // namespace terms
