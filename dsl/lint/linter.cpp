// lint_unit: runs the enabled rules over one unit, then applies the file's
// suppressions and reports the unused and invalid ones.

#include <algorithm>
#include <memory>
#include <numeric>
#include <unordered_map>

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

// The suppressions of a file by the lines they may cover, so that finding
// those of a diagnostic does not scan them all (a library file can hold many
// suppressions and many diagnostics).
class SuppressionIndex {
 public:
  explicit SuppressionIndex(std::vector<Suppression>& suppressions) : all_(suppressions) {
    for (std::size_t i = 0; i < all_.size(); ++i) {
      const Suppression& s = all_[i];
      if (s.file_level) {
        file_level_.push_back(i);
        continue;
      }
      by_line_[s.line].push_back(i);
      if (s.comment->own_line) by_line_[s.line + 1].push_back(i);
    }
  }

  // Whether a suppression covers `f`; marks every covering entry used, not only the first.
  bool suppressed(const Found& f, const SourceFile& source) {
    if (all_.empty() || !f.diag.span.valid()) return false;
    const std::uint32_t line = source.line_col(f.diag.span.begin).line;
    bool any = false;
    for (std::size_t i : file_level_) any = covers(all_[i], f.rule, line) || any;
    if (auto it = by_line_.find(line); it != by_line_.end()) {
      for (std::size_t i : it->second) any = covers(all_[i], f.rule, line) || any;
    }
    return any;
  }

 private:
  std::vector<Suppression>& all_;
  std::vector<std::size_t> file_level_;
  std::unordered_map<std::uint32_t, std::vector<std::size_t>> by_line_;
};

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
  const auto views = std::make_shared<UnitViews>();  // shared by the rules
  std::vector<Diagnostic> out;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const std::optional<Severity> severity = severity_of_level(settings.level(i));
    if (!severity || rules[i]->check == nullptr) continue;
    out.clear();
    RuleContext cx(ws, unit, rules[i]->info, out, views);
    rules[i]->check(cx);
    for (Diagnostic& d : out) {
      d.severity = *severity;
      found.push_back(Found{std::move(d), i});
    }
  }

  FileSuppressions parsed = parse_suppressions(u.tree, source);
  SuppressionIndex index(parsed.suppressions);
  std::vector<Found> kept;
  kept.reserve(found.size());
  for (Found& f : found) {
    if (!index.suppressed(f, source)) kept.push_back(std::move(f));
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
    if (!index.suppressed(f, source)) kept.push_back(std::move(f));
  }

  // Sorted by position through indices: a diagnostic is too big to move around.
  std::vector<std::size_t> order(kept.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&kept](std::size_t x, std::size_t y) {
    const Diagnostic& a = kept[x].diag;
    const Diagnostic& b = kept[y].diag;
    if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
    return a.code < b.code;
  });
  for (std::size_t i : order) sink.emit(std::move(kept[i].diag));
  return true;
}

}  // namespace terms::lint
