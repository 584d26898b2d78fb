#include "dsl/diagnostics.hpp"

#include <algorithm>
#include <array>

namespace terms {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "info";
    case Severity::note: return "note";
  }
  return "error";
}

std::optional<Severity> parse_severity(std::string_view s) {
  if (s == "error") return Severity::error;
  if (s == "warning") return Severity::warning;
  if (s == "info") return Severity::info;
  if (s == "note") return Severity::note;
  return std::nullopt;
}

namespace {
constexpr std::array<DiagInfo, static_cast<std::size_t>(DiagId::kCount)> kRegistry = {{
#define TERMS_DIAG(Id, code, name, severity, category, summary) \
  DiagInfo{DiagId::Id, code, name, Severity::severity, category, summary},
#include "dsl/diagnostics/all.def"
#undef TERMS_DIAG
}};
}  // namespace

const DiagInfo& info(DiagId id) { return kRegistry.at(static_cast<std::size_t>(id)); }

std::span<const DiagInfo> all_diagnostics() { return kRegistry; }

const DiagInfo* find_diagnostic(std::string_view code_or_name) {
  for (const auto& d : kRegistry) {
    if (d.code == code_or_name || d.name == code_or_name) return &d;
  }
  return nullptr;
}

Diagnostic make_diagnostic(DiagId id, Span span, std::string message) {
  const DiagInfo& i = info(id);
  Diagnostic d;
  d.code = std::string(i.code);
  d.name = std::string(i.name);
  d.category = std::string(i.category);
  d.severity = i.severity;
  d.message = std::move(message);
  d.span = span;
  return d;
}

void DiagnosticBag::emit(Diagnostic d) {
  if (d.severity == Severity::error) ++errors_;
  diags_.push_back(std::move(d));
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment distance: insertions, deletions, substitutions
  // and transpositions of neighbours each cost one.
  const std::size_t w = b.size() + 1;
  std::vector<std::size_t> d((a.size() + 1) * w);
  for (std::size_t i = 0; i <= a.size(); ++i) d[i * w] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t v = std::min({d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1, d[(i - 1) * w + j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        v = std::min(v, d[(i - 2) * w + j - 2] + 1);
      }
      d[i * w + j] = v;
    }
  }
  return d[a.size() * w + b.size()];
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string_view>& candidates) {
  // Names longer than this get no suggestion: the distance table grows with
  // the product of the lengths, and a hostile 1 MB name must not exhaust memory.
  constexpr std::size_t kMaxSuggestLength = 64;
  std::optional<std::string> best;
  if (word.size() > kMaxSuggestLength) return best;
  std::size_t best_d = std::max<std::size_t>(1, word.size() / 3) + 1;  // must be < this
  for (auto c : candidates) {
    if (c == word || c.size() > kMaxSuggestLength) continue;
    const std::size_t d = edit_distance(word, c);
    if (d < best_d) {
      best_d = d;
      best = std::string(c);
    }
  }
  return best;
}

}  // namespace terms
