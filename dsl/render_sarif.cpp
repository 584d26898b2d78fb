// `--format sarif`: SARIF 2.1.0 (OASIS), the format GitHub code scanning and
// other analysis dashboards read. One run; every diagnostic is a result whose
// rule is described in tool.driver.rules.

#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "dsl/render.hpp"
#include "dsl/render_ci.hpp"

namespace terms {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json";

std::string_view level(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info:
    case Severity::note: return "note";
  }
  return "error";
}

// A text region: 1-based lines, 1-based UTF-16 columns, end column just past the span.
Json region(const SourceFile& file, Span span) {
  const std::uint32_t end = std::max(span.begin, span.end);
  const std::uint32_t start_line = file.line_index(span.begin) + 1;
  const std::uint32_t end_line = file.line_index(end) + 1;
  Json r;
  r["startLine"] = start_line;
  r["startColumn"] = file.utf16_column(span.begin) + 1;
  r["endLine"] = end_line;
  r["endColumn"] = file.utf16_column(end) + 1;
  return r;
}

Json physical(Span span, const std::string& fallback_path, const SourceManager& sources) {
  Json p;
  const SourceFile* file = span.valid() ? sources.find(span.file) : nullptr;
  p["artifactLocation"] = {{"uri", path_to_uri(file != nullptr ? file->path() : fallback_path)}};
  if (file != nullptr) p["region"] = region(*file, span);
  return p;
}

Json descriptor(const RuleDescriptor& r) {
  Json j;
  j["id"] = r.id;
  j["name"] = r.name;
  j["shortDescription"] = {{"text", r.short_description}};
  if (!r.full_description.empty()) j["fullDescription"] = {{"text", r.full_description}};
  if (!r.help_uri.empty()) j["helpUri"] = r.help_uri;
  if (!r.help_markdown.empty()) j["help"] = {{"text", r.full_description.empty() ? r.short_description : r.full_description},
                                             {"markdown", r.help_markdown}};
  j["defaultConfiguration"] = {{"enabled", r.enabled}, {"level", level(r.default_severity)}};
  j["properties"] = {{"category", r.category}, {"tags", Json::array({"terms", r.category})}};
  return j;
}

RuleDescriptor from_registry(const Diagnostic& d) {
  RuleDescriptor r;
  r.id = d.code;
  r.name = d.name;
  r.category = d.category;
  r.default_severity = d.severity;
  if (const DiagInfo* info = find_diagnostic(d.code)) {
    r.short_description = std::string(info->summary);
    r.default_severity = info->severity;
  } else {
    r.short_description = d.name;
  }
  return r;
}

}  // namespace

std::string render_sarif(const Report& report, const SourceManager& sources) {
  std::vector<RuleDescriptor> rules = report.rules;
  std::map<std::string, std::size_t> rule_index;
  for (std::size_t i = 0; i < rules.size(); ++i) rule_index.emplace(rules[i].id, i);
  // Front-end codes that results use but the caller did not describe, in
  // order of first use.
  for (const Diagnostic& d : report.diagnostics) {
    if (rule_index.count(d.code) != 0) continue;
    rule_index.emplace(d.code, rules.size());
    rules.push_back(from_registry(d));
  }

  Json results = Json::array();
  for (const Diagnostic& d : report.diagnostics) {
    Json r;
    r["ruleId"] = d.code;
    r["ruleIndex"] = rule_index.at(d.code);
    r["level"] = level(d.severity);
    std::string text = d.message;
    for (const std::string& h : d.help) text += "\nhelp: " + h;
    for (const std::string& n : d.notes) text += "\nnote: " + n;
    r["message"] = {{"text", text}};
    const std::string path = diagnostic_path(d, sources);
    if (!path.empty()) {
      Json location;
      location["physicalLocation"] = physical(d.span, d.path, sources);
      if (!d.label.empty()) location["message"] = {{"text", d.label}};
      r["locations"] = Json::array({location});
    }
    if (!d.related.empty()) {
      Json related = Json::array();
      for (std::size_t i = 0; i < d.related.size(); ++i) {
        if (!d.related[i].span.valid()) continue;
        Json loc;
        loc["id"] = i + 1;
        loc["physicalLocation"] = physical(d.related[i].span, d.path, sources);
        loc["message"] = {{"text", d.related[i].message}};
        related.push_back(std::move(loc));
      }
      if (!related.empty()) r["relatedLocations"] = std::move(related);
    }
    if (d.fix && !d.fix->edits.empty()) {
      // One artifactChange per file the edits touch, in order of first edit.
      Json changes = Json::array();
      std::map<FileId, std::size_t> by_file;
      bool ok = true;
      for (const TextEdit& e : d.fix->edits) {
        const SourceFile* file = e.span.valid() ? sources.find(e.span.file) : nullptr;
        if (file == nullptr) {
          ok = false;
          break;
        }
        auto [it, fresh] = by_file.emplace(e.span.file, changes.size());
        if (fresh) {
          changes.push_back({{"artifactLocation", {{"uri", path_to_uri(file->path())}}},
                             {"replacements", Json::array()}});
        }
        changes[it->second]["replacements"].push_back(
            {{"deletedRegion", region(*file, e.span)}, {"insertedContent", {{"text", e.replacement}}}});
      }
      if (ok) {
        r["fixes"] = Json::array({{{"description", {{"text", d.fix->description}}}, {"artifactChanges", changes}}});
      }
    }
    results.push_back(std::move(r));
  }

  Json driver;
  driver["name"] = "terms";
  driver["version"] = report.tool_version;
  driver["semanticVersion"] = report.tool_version;
  driver["rules"] = Json::array();
  for (const RuleDescriptor& r : rules) driver["rules"].push_back(descriptor(r));

  Json run;
  run["tool"] = {{"driver", std::move(driver)}};
  run["invocations"] = Json::array({{{"executionSuccessful", true},
                                     {"arguments", Json::array({report.command})}}});
  Json artifacts = Json::array();
  for (const std::string& f : report.files) artifacts.push_back({{"location", {{"uri", path_to_uri(f)}}}});
  run["artifacts"] = std::move(artifacts);
  run["columnKind"] = "utf16CodeUnits";
  run["results"] = std::move(results);

  Json log;
  log["$schema"] = kSchema;
  log["version"] = "2.1.0";
  log["runs"] = Json::array({std::move(run)});
  return dump_json(log);
}

}  // namespace terms
