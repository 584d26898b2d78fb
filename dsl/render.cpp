#include "dsl/render.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include <fmt/core.h>

namespace terms {

namespace {

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kGutter = "\x1b[1;34m";  // line numbers, `|`, `-->`, secondary marks

std::string_view severity_style(Severity s) {
  switch (s) {
    case Severity::error: return "\x1b[1;31m";
    case Severity::warning: return "\x1b[1;33m";
    case Severity::info: return "\x1b[1;36m";
    case Severity::note: return "\x1b[1;32m";
  }
  return kBold;
}

// Wraps text in an ANSI style when colour is on; a no-op otherwise, so the
// layout code is the same for both.
class Painter {
 public:
  explicit Painter(bool on) : on_(on) {}
  std::string operator()(std::string_view style, std::string_view text) const {
    if (!on_ || text.empty()) return std::string(text);
    return fmt::format("{}{}{}", style, text, kReset);
  }

 private:
  bool on_;
};

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

bool in(char32_t c, char32_t lo, char32_t hi) { return c >= lo && c <= hi; }

// Code points that would corrupt the terminal or hide the source's real order
// (control characters, bidirectional overrides) are shown as visible stand-ins.
char32_t shown_as(char32_t c) {
  if (c < 0x20) return 0x2400 + c;  // control pictures: NUL -> U+2400, ...
  if (c == 0x7F) return 0x2421;
  if (in(c, 0x80, 0x9F) || in(c, 0x202A, 0x202E) || in(c, 0x2066, 0x2069)) return 0xFFFD;
  return c;
}

// Text outside the snippet quotes the input too (names, import paths, file
// names): its control characters would reach the terminal as escape sequences.
std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte < 0x7F) {
      out += text[i++];
      continue;
    }
    append_utf8(out, shown_as(decode_utf8(text, i)));
  }
  return out;
}

// Also shortens long quotes in texts that were assigned directly rather than
// through make_diagnostic and the with_* helpers.
Diagnostic printable(const Diagnostic& raw) {
  Diagnostic d = raw;
  d.message = printable(shorten_quoted(raw.message));
  d.label = printable(shorten_quoted(raw.label));
  d.path = printable(raw.path);
  for (Label& r : d.related) r.message = printable(shorten_quoted(r.message));
  for (std::string& n : d.notes) n = printable(shorten_quoted(n));
  for (std::string& h : d.help) h = printable(shorten_quoted(h));
  return d;
}

// The glyphs of one source line, each with its display column. Tabs expand to
// the next tab stop; everything is measured in terminal cells.
class LineView {
 public:
  LineView(std::string_view bytes, unsigned tab_width) : bytes_(bytes), tab_(tab_width ? tab_width : 1) {}

  // Calls f(byte_index, shown_code_point, column, width) for every code point.
  template <typename F>
  unsigned walk(F&& f) const {
    unsigned col = 0;
    std::size_t i = 0;
    while (i < bytes_.size()) {
      const std::size_t start = i;
      const char32_t c = decode_utf8(bytes_, i);
      if (c == '\t') {
        const unsigned w = tab_ - col % tab_;
        if (!f(start, c, col, w)) return col;
        col += w;
        continue;
      }
      const char32_t shown = shown_as(c);
      const unsigned w = display_width(shown);
      if (!f(start, shown, col, w)) return col;
      col += w;
    }
    return col;
  }

  unsigned width() const {
    return walk([](std::size_t, char32_t, unsigned, unsigned) { return true; });
  }

  // Display column of a byte index into the line; past the end -> the width.
  unsigned column_of(std::size_t byte_index) const {
    unsigned found = 0;
    bool hit = false;
    const unsigned total = walk([&](std::size_t start, char32_t, unsigned col, unsigned) {
      if (start >= byte_index) {
        found = col;
        hit = true;
        return false;
      }
      return true;
    });
    return hit ? found : total;
  }

  // The text of the display columns [first, last), padded with spaces where a
  // tab or a wide character straddles the window's edge.
  std::string slice(unsigned first, unsigned last) const {
    std::string out;
    walk([&](std::size_t, char32_t c, unsigned col, unsigned w) {
      if (col >= last) return false;
      const unsigned end = col + w;
      if (end <= first && w > 0) return true;
      if (col < first && w == 0) return true;
      if (c == '\t' || col < first || end > last) {
        const unsigned b = std::max(col, first);
        const unsigned e = std::min(end, last);
        out.append(e > b ? e - b : 0, ' ');
        return true;
      }
      if (c == 0xFEFF) return true;  // the byte order mark shows as nothing
      append_utf8(out, c);
      return true;
    });
    return out;
  }

 private:
  std::string_view bytes_;
  unsigned tab_;
};

// What is drawn under one source line.
struct Segment {
  std::uint32_t line = 0;  // 1-based
  std::uint32_t begin = 0; // byte offsets in the file, within the line
  std::uint32_t end = 0;
  std::string_view label;
  bool primary = false;
};

struct Annotation {
  Span span;
  std::string_view label;
  bool primary = false;
};

// One snippet: the annotations that fall in one file.
struct FileGroup {
  const SourceFile* file = nullptr;
  Span first;  // the location shown after `-->`
  std::vector<Segment> segments;
};

std::uint32_t text_end(const SourceFile& f, std::uint32_t line) {
  return f.line_start(line) + static_cast<std::uint32_t>(f.line_text(line).size());
}

// Splits an annotation into the segments drawn under its lines: a one-line span
// is one segment; a multi-line span marks its first line from the start to the
// end of the line, and its last line up to where it ends, with the label there.
void add_segments(const SourceFile& f, const Annotation& a, std::vector<Segment>& out) {
  const auto size = static_cast<std::uint32_t>(f.text().size());
  const std::uint32_t begin = std::min(a.span.begin, size);
  std::uint32_t end = std::clamp(a.span.end, begin, size);
  const std::uint32_t first_line = f.line_index(begin) + 1;
  std::uint32_t last_line = f.line_index(end) + 1;
  // A span that ends just after a line break ends on the previous line.
  if (last_line > first_line && end == f.line_start(last_line)) {
    --last_line;
    end = text_end(f, last_line);
  }
  if (last_line == first_line) {
    out.push_back(Segment{first_line, begin, end, a.label, a.primary});
    return;
  }
  out.push_back(Segment{first_line, begin, std::max(begin, text_end(f, first_line)), {}, a.primary});
  const std::string_view last_text = f.line_text(last_line);
  const std::size_t indent = std::min(last_text.find_first_not_of(" \t"), last_text.size());
  const std::uint32_t last_begin = f.line_start(last_line) + static_cast<std::uint32_t>(indent);
  out.push_back(Segment{last_line, std::min(last_begin, end), end, a.label, a.primary});
}

unsigned digits(std::uint32_t n) {
  unsigned d = 1;
  while (n >= 10) {
    n /= 10;
    ++d;
  }
  return d;
}

// Draws one source line and the marks under it.
void draw_line(std::string& out, const SourceFile& f, std::uint32_t line,
               const std::vector<const Segment*>& marks, unsigned width, Severity severity,
               const RenderOptions& o, const Painter& paint) {
  const std::string_view bytes = f.line_text(line);
  const std::uint32_t line_begin = f.line_start(line);
  const LineView view(bytes, o.tab_width);
  const unsigned total = view.width();
  const std::string number = fmt::format("{:>{}}", line, width);

  struct Cols {
    unsigned begin, end;
  };
  std::vector<Cols> cols;
  for (const Segment* s : marks) {
    const unsigned b = view.column_of(s->begin - line_begin);
    cols.push_back(Cols{b, std::max(view.column_of(s->end - line_begin), b)});
  }

  // Prints the display columns [first, last) of the line and the marks
  // [from, to) under it.
  auto draw = [&](unsigned first, unsigned last, std::size_t from, std::size_t to) {
    const bool cut_left = first > 0;
    const bool cut_right = last < total;
    const unsigned shift = cut_left ? 3 : 0;  // the "..." before the window
    // Appended piece by piece: g++ 12 at -O3 warns (-Wrestrict, a false
    // positive) on `"..." + std::string`.
    std::string text;
    if (cut_left) text += "...";
    text += view.slice(first, last);
    if (cut_right) text += "...";
    if (text.empty()) {
      out += fmt::format("{}\n", paint(kGutter, number + " |"));
    } else {
      out += fmt::format("{} {}\n", paint(kGutter, number + " |"), text);
    }
    for (std::size_t k = from; k < to; ++k) {
      const Segment& s = *marks[k];
      const unsigned b = std::clamp(cols[k].begin, first, last);
      const unsigned e = std::clamp(cols[k].end, first, last);
      const unsigned at = b - first + shift;
      const unsigned len = std::max(e - b, 1u);
      const std::string mark(len, s.primary ? '^' : '-');
      const std::string_view style = s.primary ? severity_style(severity) : kGutter;
      out += paint(kGutter, fmt::format("{:{}} |", "", width));
      out.append(at + 1, ' ');
      out += paint(style, mark);
      if (!s.label.empty()) {
        out += ' ';
        out += paint(style, s.label);
      }
      out += '\n';
    }
  };

  const unsigned max_width = std::max(o.max_line_width, 20u);
  if (total <= max_width || marks.empty()) {
    draw(0, total, 0, marks.size());
    return;
  }
  // A long line (a minified or generated file) is shown as a window around
  // its marks; marks too far apart for one window get a window each, so that
  // no mark is drawn anywhere but under its own text.
  const unsigned lead = max_width / 8;
  std::size_t k = 0;
  while (k < marks.size()) {
    unsigned first = cols[k].begin > lead ? cols[k].begin - lead : 0;
    if (first <= 3) first = 0;  // "..." would hide as much as it saves
    if (first + max_width > total) first = total - max_width;
    const unsigned last = first + max_width;
    std::size_t to = k + 1;
    while (to < marks.size() && cols[to].begin >= first && cols[to].begin < last) ++to;
    draw(first, last, k, to);
    k = to;
  }
}

void draw_group(std::string& out, const FileGroup& g, unsigned width, Severity severity,
                const RenderOptions& o, const Painter& paint) {
  const std::string pad(width, ' ');
  const LineCol at = g.file->line_col(g.first.begin);
  out += fmt::format("{}{} {}:{}:{}\n", pad, paint(kGutter, "-->"), printable(g.file->path()), at.line, at.column);
  out += fmt::format("{} {}\n", pad, paint(kGutter, "|"));

  std::map<std::uint32_t, std::vector<const Segment*>> by_line;
  for (const Segment& s : g.segments) by_line[s.line].push_back(&s);
  for (auto& [line, marks] : by_line) {
    std::stable_sort(marks.begin(), marks.end(), [](const Segment* a, const Segment* b) {
      if (a->begin != b->begin) return a->begin < b->begin;
      return a->primary && !b->primary;
    });
  }

  std::optional<std::uint32_t> previous;
  for (const auto& [line, marks] : by_line) {
    if (previous && line > *previous + 1) {
      if (line == *previous + 2) {
        draw_line(out, *g.file, *previous + 1, {}, width, severity, o, paint);
      } else {
        out += paint(kGutter, "...") + "\n";
      }
    }
    draw_line(out, *g.file, line, marks, width, severity, o, paint);
    previous = line;
  }
}

}  // namespace

unsigned display_width(char32_t c) {
  if (c == 0) return 0;
  // Zero width: combining marks, zero-width spaces and joiners, variation
  // selectors, the byte order mark.
  if (in(c, 0x0300, 0x036F) || in(c, 0x0483, 0x0489) || in(c, 0x0591, 0x05BD) ||
      in(c, 0x0610, 0x061A) || in(c, 0x064B, 0x065F) || in(c, 0x1AB0, 0x1AFF) ||
      in(c, 0x1DC0, 0x1DFF) || in(c, 0x200B, 0x200F) || in(c, 0x20D0, 0x20FF) ||
      in(c, 0xFE00, 0xFE0F) || in(c, 0xFE20, 0xFE2F) || c == 0xFEFF || in(c, 0xE0100, 0xE01EF)) {
    return 0;
  }
  // Wide: Hangul Jamo, CJK, Hangul syllables, fullwidth forms, emoji.
  if (in(c, 0x1100, 0x115F) || in(c, 0x231A, 0x231B) || in(c, 0x2329, 0x232A) ||
      in(c, 0x23E9, 0x23EC) || in(c, 0x25FD, 0x25FE) || in(c, 0x2614, 0x2615) ||
      in(c, 0x2648, 0x2653) || in(c, 0x26AA, 0x26AB) || in(c, 0x26BD, 0x26BE) ||
      in(c, 0x2705, 0x2705) || in(c, 0x274C, 0x274C) || in(c, 0x2795, 0x2797) ||
      in(c, 0x2E80, 0x303E) || in(c, 0x3041, 0x33FF) || in(c, 0x3400, 0x4DBF) ||
      in(c, 0x4E00, 0x9FFF) || in(c, 0xA000, 0xA4CF) || in(c, 0xA960, 0xA97F) ||
      in(c, 0xAC00, 0xD7A3) || in(c, 0xF900, 0xFAFF) || in(c, 0xFE30, 0xFE4F) ||
      in(c, 0xFF00, 0xFF60) || in(c, 0xFFE0, 0xFFE6) || in(c, 0x1F300, 0x1F64F) ||
      in(c, 0x1F680, 0x1F6FF) || in(c, 0x1F900, 0x1F9FF) || in(c, 0x1FA70, 0x1FAFF) ||
      in(c, 0x20000, 0x2FFFD) || in(c, 0x30000, 0x3FFFD)) {
    return 2;
  }
  return 1;
}

std::string render_text(const Diagnostic& raw, const SourceManager& sources, const RenderOptions& o) {
  const Diagnostic d = printable(raw);
  const Painter paint(o.color);
  std::string out;
  const std::string head = d.code.empty() ? std::string(to_string(d.severity))
                                          : fmt::format("{}[{}]", to_string(d.severity), d.code);
  out += paint(severity_style(d.severity), head);
  out += paint(kBold, fmt::format(": {}", d.message));
  out += '\n';

  // Spans into files this SourceManager does not hold cannot be drawn; their
  // messages still reach the user as notes.
  auto drawable = [&](Span s) { return s.valid() && sources.find(s.file) != nullptr; };
  std::vector<Annotation> annotations;
  std::vector<std::string_view> notes;
  if (drawable(d.span)) annotations.push_back(Annotation{d.span, d.label, true});
  for (const Label& r : d.related) {
    if (drawable(r.span)) {
      annotations.push_back(Annotation{r.span, r.message, false});
    } else if (!r.message.empty()) {
      notes.push_back(r.message);
    }
  }
  for (const std::string& n : d.notes) notes.push_back(n);

  // One snippet per file, the primary span's file first.
  std::vector<FileGroup> groups;
  for (const Annotation& a : annotations) {
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const FileGroup& g) { return g.file->id() == a.span.file; });
    if (it == groups.end()) {
      groups.push_back(FileGroup{&sources.get(a.span.file), a.span, {}});
      it = groups.end() - 1;
    }
    add_segments(*it->file, a, it->segments);
  }

  unsigned width = 1;
  for (const FileGroup& g : groups) {
    for (const Segment& s : g.segments) width = std::max(width, digits(s.line));
  }
  const std::string pad(width, ' ');

  if (groups.empty() && !d.path.empty()) {
    out += fmt::format("{}{} {}\n", pad, paint(kGutter, "-->"), d.path);
  }
  for (std::size_t i = 0; i < groups.size(); ++i) {
    if (i > 0) out += fmt::format("{} {}\n", pad, paint(kGutter, "|"));
    draw_group(out, groups[i], width, d.severity, o, paint);
  }
  if (!notes.empty() || !d.help.empty()) {
    if (!groups.empty()) out += fmt::format("{} {}\n", pad, paint(kGutter, "|"));
    for (std::string_view n : notes) {
      out += fmt::format("{} {} {}: {}\n", pad, paint(kGutter, "="), paint(kBold, "note"), n);
    }
    for (const std::string& h : d.help) {
      out += fmt::format("{} {} {}: {}\n", pad, paint(kGutter, "="), paint(kBold, "help"), h);
    }
  }
  return out;
}

std::string render_text(std::span<const Diagnostic> diagnostics, const SourceManager& sources,
                        const RenderOptions& options) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    if (!out.empty()) out += '\n';
    out += render_text(d, sources, options);
  }
  return out;
}

DiagnosticCounts count_diagnostics(std::span<const Diagnostic> diagnostics) {
  DiagnosticCounts c;
  for (const Diagnostic& d : diagnostics) {
    switch (d.severity) {
      case Severity::error: ++c.errors; break;
      case Severity::warning: ++c.warnings; break;
      case Severity::info:
      case Severity::note: ++c.infos; break;
    }
  }
  return c;
}

std::string counts_phrase(const DiagnosticCounts& c) {
  return fmt::format("{} error{}, {} warning{}", c.errors, c.errors == 1 ? "" : "s", c.warnings,
                     c.warnings == 1 ? "" : "s");
}

nlohmann::ordered_json range_to_json(Span span, const SourceManager& sources) {
  const SourceFile* f = span.valid() ? sources.find(span.file) : nullptr;
  if (f == nullptr) return nullptr;
  const auto size = static_cast<std::uint32_t>(f->text().size());
  const std::uint32_t begin = std::min(span.begin, size);
  const std::uint32_t end = std::clamp(span.end, begin, size);
  auto position = [&](std::uint32_t offset) {
    const LineCol lc = f->line_col(offset);
    return nlohmann::ordered_json{{"line", lc.line}, {"column", lc.column}, {"offset", offset}};
  };
  return nlohmann::ordered_json{{"start", position(begin)}, {"end", position(end)}};
}

namespace {
nlohmann::ordered_json file_of(Span span, const SourceManager& sources) {
  const SourceFile* f = span.valid() ? sources.find(span.file) : nullptr;
  if (f == nullptr) return nullptr;
  return f->path();
}
}  // namespace

nlohmann::ordered_json diagnostic_to_json(const Diagnostic& d, const SourceManager& sources) {
  nlohmann::ordered_json j;
  j["code"] = d.code;
  j["name"] = d.name;
  j["severity"] = std::string(to_string(d.severity));
  j["category"] = d.category;
  j["message"] = d.message;
  nlohmann::ordered_json file = file_of(d.span, sources);
  if (file.is_null() && !d.path.empty()) file = d.path;
  j["file"] = file;
  j["range"] = range_to_json(d.span, sources);
  j["label"] = d.label.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(d.label);
  nlohmann::ordered_json related = nlohmann::ordered_json::array();
  for (const Label& r : d.related) {
    related.push_back({{"file", file_of(r.span, sources)},
                       {"range", range_to_json(r.span, sources)},
                       {"message", r.message}});
  }
  j["related"] = std::move(related);
  j["help"] = d.help;
  j["notes"] = d.notes;
  if (d.fix) {
    nlohmann::ordered_json edits = nlohmann::ordered_json::array();
    for (const TextEdit& e : d.fix->edits) {
      edits.push_back({{"file", file_of(e.span, sources)},
                       {"range", range_to_json(e.span, sources)},
                       {"replacement", e.replacement}});
    }
    j["fix"] = {{"description", d.fix->description}, {"edits", std::move(edits)}};
  }
  return j;
}

nlohmann::ordered_json report_to_json(std::span<const std::string> files,
                              std::span<const Diagnostic> diagnostics, const SourceManager& sources) {
  nlohmann::ordered_json diags = nlohmann::ordered_json::array();
  for (const Diagnostic& d : diagnostics) diags.push_back(diagnostic_to_json(d, sources));
  const DiagnosticCounts c = count_diagnostics(diagnostics);
  nlohmann::ordered_json report;
  report["version"] = 1;
  report["files"] = nlohmann::ordered_json::array();
  for (const std::string& f : files) report["files"].push_back(f);
  report["diagnostics"] = std::move(diags);
  report["summary"] = {{"files", files.size()}, {"errors", c.errors}, {"warnings", c.warnings}};
  return report;
}

std::string dump_json(const nlohmann::ordered_json& value) {
  return value.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace terms
