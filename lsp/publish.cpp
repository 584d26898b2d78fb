// Diagnostics in the protocol's shape (textDocument/publishDiagnostics).
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "lsp/features.hpp"
#include "lsp/uri.hpp"

namespace terms::lsp {

namespace {

int lsp_severity(Severity s) {
  switch (s) {
    case Severity::error: return severity::error;
    case Severity::warning: return severity::warning;
    case Severity::info: return severity::information;
    case Severity::note: return severity::hint;
  }
  return severity::error;
}

// Whether a span lies in a file the editor can open (not a built-in profile,
// whose path is `<builtin>/...`).
bool addressable(const SourceManager& sources, Span span) {
  const SourceFile* file = span.valid() ? sources.find(span.file) : nullptr;
  return file != nullptr && !file->path().empty() && file->path().front() != '<';
}

// The URI of each file, computed once per publication (a file's related
// information repeats the same few files hundreds of times in a large file).
class Uris {
 public:
  explicit Uris(const SourceManager& sources) : sources_(sources), uris_(sources.size()) {}
  json location(Span span) {
    const SourceFile* file = sources_.find(span.file);
    if (file == nullptr) return nullptr;
    std::string& uri = uris_[span.file];
    if (uri.empty()) uri = uri_for_path(file->path());
    json out(json::value_t::object);
    out.emplace("uri", uri);
    out.emplace("range", range_of(*file, span.begin, span.end));
    return out;
  }

 private:
  const SourceManager& sources_;
  std::vector<std::string> uris_;
};

json related_entry(Uris& uris, Span span, const std::string& message) {
  json out(json::value_t::object);
  out.emplace("location", uris.location(span));
  out.emplace("message", message);
  return out;
}

json related_entry(const SourceManager& sources, Span span, const std::string& message) {
  return json{{"location", location_of(sources, span)}, {"message", message}};
}

json to_lsp(const Diagnostic& d, const SourceManager& sources, const SourceFile& root, Uris& uris) {
  json out;
  if (d.span.valid() && d.span.file == root.id()) {
    out["range"] = range_of(root, d.span.begin, d.span.end);
  } else {
    out["range"] = range_of(root, 0, 0);
  }
  out["severity"] = lsp_severity(d.severity);
  if (!d.code.empty()) out["code"] = d.code;
  out["source"] = "terms";
  std::string message = d.message;
  for (const auto& note : d.notes) message += "\nnote: " + note;
  for (const auto& help : d.help) message += "\nhelp: " + help;
  out["message"] = message;
  json related = json::array();
  if (!d.label.empty() && addressable(sources, d.span)) related.push_back(related_entry(uris, d.span, d.label));
  for (const auto& label : d.related) {
    if (addressable(sources, label.span)) {
      related.push_back(related_entry(uris, label.span, label.message));
    }
  }
  if (!related.empty()) out["relatedInformation"] = std::move(related);
  if (!d.name.empty()) out["data"] = json{{"name", d.name}, {"fixable", d.fix.has_value()}};
  return out;
}

}  // namespace

json location_of(const SourceManager& sources, Span span) {
  const SourceFile* file = sources.find(span.file);
  if (file == nullptr) return nullptr;
  return json{{"uri", uri_for_path(file->path())}, {"range", range_of(*file, span.begin, span.end)}};
}

json diagnostics_for_root(const Analysis& analysis) {
  const SourceManager& sources = analysis.sources();
  Uris uris(sources);
  const SourceFile& root = analysis.root_source();
  const Workspace& ws = analysis.workspace();
  json out = json::array();
  // Errors in other files, by the unit they are in, for the import summaries.
  std::vector<std::vector<const Diagnostic*>> foreign_errors(ws.unit_count());
  for (const Diagnostic& d : analysis.diagnostics()) {
    const bool in_root = d.span.valid() ? d.span.file == root.id() : (d.path.empty() || d.path == root.path());
    if (in_root) {
      out.push_back(to_lsp(d, sources, root, uris));
      continue;
    }
    if (d.severity != Severity::error || !d.span.valid()) continue;
    if (auto unit = ws.unit_of_file(d.span.file)) foreign_errors[*unit].push_back(&d);
  }
  // One diagnostic per import that brings errors in, pointing at the first.
  const Unit& root_unit = analysis.root_unit();
  for (const ast::Import* imp : root_unit.tree.imports()) {
    const std::string target = resolve_relative(root.path(), imp->path.value);
    const Unit* imported = nullptr;
    for (UnitId id : root_unit.imports) {
      if (ws.unit(id).source->path() == target) imported = &ws.unit(id);
    }
    if (imported == nullptr) continue;
    std::size_t count = 0;
    const Diagnostic* first = nullptr;
    for (UnitId v : imported->visible_units) {
      if (v == root_unit.id) continue;
      count += foreign_errors[v].size();
      if (first == nullptr && !foreign_errors[v].empty()) first = foreign_errors[v].front();
    }
    if (first == nullptr) continue;
    const SourceFile& where = sources.get(first->span.file);
    const LineCol lc = where.line_col(first->span.begin);
    json d;
    d["range"] = range_of(root, imp->span.begin, imp->span.end);
    d["severity"] = severity::error;
    d["source"] = "terms";
    d["message"] = fmt::format("`{}` has {} {}; the first, at {}:{}:{}: {}", imp->path.value, count,
                               count == 1 ? "error" : "errors", where.path(), lc.line, lc.column,
                               first->message);
    d["relatedInformation"] = json::array({related_entry(sources, first->span, first->message)});
    out.push_back(std::move(d));
  }
  return out;
}

json code_actions(const Analysis& analysis, const std::string& uri, std::uint32_t begin, std::uint32_t end) {
  const SourceFile& root = analysis.root_source();
  json out = json::array();
  for (const Diagnostic& d : analysis.diagnostics()) {
    if (!d.fix || !d.span.valid() || d.span.file != root.id()) continue;
    if (d.span.end < begin || d.span.begin > end) continue;
    json edits = json::array();
    bool usable = true;
    for (const TextEdit& e : d.fix->edits) {
      if (e.span.file != root.id()) usable = false;
      edits.push_back(json{{"range", range_of(root, e.span.begin, e.span.end)}, {"newText", e.replacement}});
    }
    if (!usable || edits.empty()) continue;
    json action;
    action["title"] = d.fix->description.empty() ? fmt::format("fix `{}`", d.name) : d.fix->description;
    action["kind"] = "quickfix";
    Uris uris(analysis.sources());
    action["diagnostics"] = json::array({to_lsp(d, analysis.sources(), root, uris)});
    action["isPreferred"] = true;
    action["edit"] = json{{"changes", json{{uri, std::move(edits)}}}};
    out.push_back(std::move(action));
  }
  return out;
}

}  // namespace terms::lsp
