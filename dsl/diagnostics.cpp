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

// Messages quote the input (`name`, `path`). A quoted run longer than this is
// shortened to its start and end around `…`, so that a megabyte-long name or
// import path cannot make a message unreadable (or a report huge).
constexpr std::size_t kMaxQuotedBytes = 80;
constexpr std::size_t kQuotedHead = 48;
constexpr std::size_t kQuotedTail = 16;

// Moves `i` back to the start of the UTF-8 sequence it is inside.
std::size_t char_boundary(std::string_view s, std::size_t i) {
  while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return i;
}

constexpr std::array<DiagInfo, static_cast<std::size_t>(DiagId::kCount)> kRegistry = {{
#define TERMS_DIAG(Id, code, name, severity, category, summary) \
  DiagInfo{DiagId::Id, code, name, Severity::severity, category, summary},
#include "dsl/diagnostics/all.def"
#undef TERMS_DIAG
}};
}  // namespace

std::string shorten_quoted(std::string text) {
  if (text.size() <= kMaxQuotedBytes) return text;
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t open = text.find('`', pos);
    const std::size_t close = open == std::string::npos ? open : text.find('`', open + 1);
    if (close == std::string::npos) {
      out.append(text, pos, std::string::npos);
      break;
    }
    out.append(text, pos, open + 1 - pos);
    const std::string_view inner = std::string_view(text).substr(open + 1, close - open - 1);
    if (inner.size() > kMaxQuotedBytes) {
      const std::size_t head = char_boundary(inner, kQuotedHead);
      const std::size_t tail = char_boundary(inner, inner.size() - kQuotedTail);
      out.append(inner.substr(0, head));
      out.append("\u2026");
      out.append(inner.substr(tail));
    } else {
      out.append(inner);
    }
    out += '`';
    pos = close + 1;
  }
  return out;
}

Diagnostic& Diagnostic::with_label(std::string text) {
  label = shorten_quoted(std::move(text));
  return *this;
}
Diagnostic& Diagnostic::with_related(Span s, std::string text) {
  related.push_back(Label{s, shorten_quoted(std::move(text))});
  return *this;
}
Diagnostic& Diagnostic::with_help(std::string text) {
  help.push_back(shorten_quoted(std::move(text)));
  return *this;
}
Diagnostic& Diagnostic::with_note(std::string text) {
  notes.push_back(shorten_quoted(std::move(text)));
  return *this;
}

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
  d.message = shorten_quoted(std::move(message));
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
  // Three rolling rows (the transposition looks two rows back), so memory is
  // linear in |b| whatever the inputs.
  const std::size_t w = b.size() + 1;
  std::vector<std::size_t> before(w), prev(w), cur(w);
  for (std::size_t j = 0; j < w; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        v = std::min(v, before[j - 2] + 1);
      }
      cur[j] = v;
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string_view>& candidates) {
  // Names longer than this get no suggestion: the distance costs
  // |word| x |candidate|, and a hostile 1 MB name must not exhaust memory.
  constexpr std::size_t kMaxSuggestLength = 64;
  std::optional<std::string> best;
  if (word.size() > kMaxSuggestLength) return best;
  std::size_t best_d = std::max<std::size_t>(1, word.size() / 3) + 1;  // must be < this
  for (auto c : candidates) {
    if (c == word || c.size() > kMaxSuggestLength) continue;
    // The distance is at least the difference in length.
    const std::size_t gap = c.size() > word.size() ? c.size() - word.size() : word.size() - c.size();
    if (gap >= best_d) continue;
    const std::size_t d = edit_distance(word, c);
    if (d < best_d) {
      best_d = d;
      best = std::string(c);
    }
  }
  return best;
}

}  // namespace terms
