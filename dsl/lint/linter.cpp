// lint_unit: runs the enabled rules over one unit, then applies the file's
// suppressions and reports the unused and invalid ones.

#include <algorithm>

#include <fmt/format.h>

#include "dsl/lint/analysis.hpp"
#include "dsl/lint/lint.hpp"
#include "dsl/lint/rules.hpp"
#include "dsl/lint/suppressions.hpp"

namespace terms::lint {

namespace {

// A diagnostic with the index of the rule that reported it.
struct Found {
  Diagnostic diag;
  std::size_t rule = 0;
};

std::size_t index_of(const Rule& rule) {
  const auto rules = all_rules();
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (rules[i] == &rule) return i;
  }
  return 0;
}

Diagnostic make(const RuleInfo& rule, Severity severity, Span span, std::string message) {
  Diagnostic d;
  d.code = std::string(rule.code);
  d.name = std::string(rule.name);
  d.category = std::string(rule.category);
  d.severity = severity;
  d.message = std::move(message);
  d.span = span;
  return d;
}

// Whether `s` covers a diagnostic of rule `rule` starting on `line`; marks
// the entry used.
bool covers(Suppression& s, std::size_t rule, std::uint32_t line) {
  const bool here = s.file_level || s.line == line || (s.comment->own_line && s.line + 1 == line);
  if (!here) return false;
  for (SuppressionEntry& e : s.entries) {
    if (e.rule_index == rule) {
      e.used = true;
      return true;
    }
  }
  return false;
}

bool suppressed(std::vector<Suppression>& suppressions, const Found& f, const SourceFile& source) {
  if (!f.diag.span.valid()) return false;
  const std::uint32_t line = source.line_col(f.diag.span.begin).line;
  bool any = false;
  // Every covering suppression counts as used, not only the first.
  for (Suppression& s : suppressions) any = covers(s, f.rule, line) || any;
  return any;
}

// The fix for an unused entry: the name (with its comma), or the whole
// comment when every name in it is unused.
std::optional<Fix> unused_fix(const Suppression& s, std::size_t k, const SourceFile& source) {
  const bool all_unused = s.written == s.entries.size() &&
                          std::none_of(s.entries.begin(), s.entries.end(), [](const SuppressionEntry& e) { return e.used; });
  if (all_unused) {
    if (k != 0) return std::nullopt;  // one fix removes the comment; the other reports need none
    return delete_fix(source, s.comment->span, "remove the suppression comment");
  }
  const Span name = s.entries[k].span;
  if (k > 0) {
    return Fix{fmt::format("remove `{}` from the suppression", s.entries[k].text),
               {TextEdit{Span{name.file, s.entries[k - 1].span.end, name.end}, ""}}};
  }
  if (s.entries.size() > 1) {
    return Fix{fmt::format("remove `{}` from the suppression", s.entries[k].text),
               {TextEdit{Span{name.file, name.begin, s.entries[1].span.begin}, ""}}};
  }
  return std::nullopt;
}

}  // namespace

bool lint_unit(const Workspace& ws, UnitId unit, const Settings& settings, DiagnosticSink& sink) {
  if (ws.has_errors(unit)) return false;
  const Unit& u = ws.unit(unit);
  const SourceFile& source = *u.source;
  const auto rules = all_rules();

  std::vector<Found> found;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const std::optional<Severity> severity = severity_of_level(settings.level(i));
    if (!severity || rules[i]->check == nullptr) continue;
    std::vector<Diagnostic> out;
    RuleContext cx(ws, unit, rules[i]->info, out);
    rules[i]->check(cx);
    for (Diagnostic& d : out) {
      d.severity = *severity;
      found.push_back(Found{std::move(d), i});
    }
  }

  FileSuppressions parsed = parse_suppressions(u.tree, source);
  std::vector<Found> kept;
  for (Found& f : found) {
    if (!suppressed(parsed.suppressions, f, source)) kept.push_back(std::move(f));
  }

  // Suppressions' own diagnostics; they can be suppressed too (`ignore-file`).
  std::vector<Found> meta;
  const std::size_t invalid = index_of(rules::invalid_suppression);
  if (auto severity = severity_of_level(settings.level(invalid))) {
    for (const SuppressionProblem& p : parsed.problems) {
      Diagnostic d = make(rules::invalid_suppression.info, *severity, p.span, p.message);
      d.with_label(p.label);
      for (const std::string& h : p.help) d.with_help(h);
      meta.push_back(Found{std::move(d), invalid});
    }
  }
  const std::size_t unused = index_of(rules::unused_suppression);
  if (auto severity = severity_of_level(settings.level(unused))) {
    for (const Suppression& s : parsed.suppressions) {
      for (std::size_t k = 0; k < s.entries.size(); ++k) {
        const SuppressionEntry& e = s.entries[k];
        if (e.used || e.rule_index == unused || e.rule_index == invalid) continue;
        if (!severity_of_level(settings.level(e.rule_index))) continue;  // the rule is off: nothing to say
        const RuleInfo& rule = rules[e.rule_index]->info;
        Diagnostic d = make(rules::unused_suppression.info, *severity, e.span,
                            s.file_level ? fmt::format("`{}` reports nothing in this file", rule.name)
                                         : fmt::format("`{}` reports nothing on the line this comment covers", rule.name));
        d.with_label("unused suppression");
        d.with_help("remove it: a stale suppression would hide the next real problem here");
        d.fix = unused_fix(s, k, source);
        meta.push_back(Found{std::move(d), unused});
      }
    }
  }
  for (Found& f : meta) {
    if (!suppressed(parsed.suppressions, f, source)) kept.push_back(std::move(f));
  }

  std::stable_sort(kept.begin(), kept.end(), [](const Found& a, const Found& b) {
    if (a.diag.span.begin != b.diag.span.begin) return a.diag.span.begin < b.diag.span.begin;
    return a.diag.code < b.diag.code;
  });
  for (Found& f : kept) sink.emit(std::move(f.diag));
  return true;
}

}  // namespace terms::lint
