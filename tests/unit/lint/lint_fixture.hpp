#pragma once
// Lints term files held in memory, for the lint unit tests: a Workspace over
// a MemoryFileSystem, the linter with chosen settings, and helpers that say
// which rules fired and apply fixes.

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "dsl/diagnostics.hpp"
#include "dsl/lint/lint.hpp"
#include "dsl/resolve.hpp"
#include "memfs/memory_fs.hpp"

namespace terms::lint::testing {

// Every rule on at its default severity, opt-in rules included.
inline Settings all_rules_on() {
  Settings s;
  for (const Rule* r : all_rules()) s.levels.push_back(level_of_severity(r->info.severity));
  return s;
}

// One lint run over `main.terms` (plus any support files). Owns everything the
// diagnostics' spans refer to.
struct LintRun {
  explicit LintRun(const std::string& text, const Settings& settings = all_rules_on(),
                   const std::vector<std::pair<std::string, std::string>>& support = {}) {
    fs.add("main.terms", text);
    for (const auto& [path, body] : support) fs.add(path, body);
    workspace = std::make_unique<Workspace>(sources, fs, front_end);
    unit = workspace->load_file("main.terms").value_or(0);
    linted = lint_unit(*workspace, unit, settings, found);
  }

  bool fired(std::string_view code) const {
    return std::any_of(found.all().begin(), found.all().end(), [&](const Diagnostic& d) { return d.code == code; });
  }
  std::vector<const Diagnostic*> of(std::string_view code) const {
    std::vector<const Diagnostic*> out;
    for (const Diagnostic& d : found.all()) {
      if (d.code == code) out.push_back(&d);
    }
    return out;
  }
  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const Diagnostic& d : found.all()) out.push_back(d.code);
    return out;
  }
  // "L005 6:3 nobody verifies this freeze"
  std::vector<std::string> headlines() const {
    std::vector<std::string> out;
    for (const Diagnostic& d : found.all()) {
      const LineCol lc = sources.get(d.span.file).line_col(d.span.begin);
      out.push_back(d.code + " " + std::to_string(lc.line) + ":" + std::to_string(lc.column) + " " + d.message);
    }
    return out;
  }
  std::string text() const { return std::string(sources.get(workspace->unit(unit).source->id()).text()); }

  terms::testing::MemoryFileSystem fs;
  SourceManager sources;
  DiagnosticBag front_end;
  DiagnosticBag found;
  std::unique_ptr<Workspace> workspace;
  UnitId unit = 0;
  bool linted = false;
};

// Applies the edits of the given fixes (non-overlapping) to `text`.
inline std::string apply_fixes(std::string text, std::vector<const Fix*> fixes) {
  std::vector<TextEdit> edits;
  for (const Fix* f : fixes) edits.insert(edits.end(), f->edits.begin(), f->edits.end());
  std::sort(edits.begin(), edits.end(), [](const TextEdit& a, const TextEdit& b) { return a.span.begin > b.span.begin; });
  for (const TextEdit& e : edits) text.replace(e.span.begin, e.span.end - e.span.begin, e.replacement);
  return text;
}

}  // namespace terms::lint::testing
