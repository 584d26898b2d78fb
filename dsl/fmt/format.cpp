// The formatter (see format.hpp and docs/formatting.md).
//
// How it works. Every item that fits on one line in the canonical layout (an
// import, a declaration, a clause, an expectation, a block header, a profile
// condition) is turned into a list of Words: its tokens in canonical form,
// each with the source offset of the token it came from (its anchor). The
// comments inside the item are attached to Words by anchor: an own-line
// comment to the word it precedes, a trailing comment to the word it follows.
// The words are then reordered where the layout fixes an order (a clause's
// modifiers; comments move with their words) and laid out greedily: one line
// up to the width, breaking only where a Word allows it; a trailing comment
// ends its line, an own-line comment gets its own line.
//
// Blocks (the file, an agreement, a step, a profile) are walked item by item,
// with one cursor into File::comments that only moves forward: the comments
// between two items are emitted between them. Every comment is emitted exactly
// once, and the whole walk is linear in the size of the file.
//
// Profiles' formulas are laid out from their text, not their tree: each run of
// characters between spaces is one word, the author's line breaks are kept,
// and words written without a space between them stay together. This cannot
// change how a formula parses, whatever the formula grammar becomes.

#include "dsl/fmt/format.hpp"

#include <algorithm>
#include <cstdint>
#include <variant>
#include <vector>

#include "dsl/profile_ast.hpp"

namespace terms {
namespace {

constexpr std::uint32_t kBomSize = 3;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

bool has_bom(std::string_view text) {
  return text.size() >= kBomSize && static_cast<unsigned char>(text[0]) == 0xEF &&
         static_cast<unsigned char>(text[1]) == 0xBB && static_cast<unsigned char>(text[2]) == 0xBF;
}

// The width of a line in code points (UTF-8 continuation bytes do not count).
std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// A comment as the formatter writes it: trailing whitespace dropped.
std::string_view comment_text(const ast::Comment& c) {
  std::string_view t = c.text;
  while (!t.empty() && is_space(t.back())) t.remove_suffix(1);
  return t;
}

// Whether a line break may (or must) come before a word.
enum class Break : std::uint8_t { never, allowed, forced };

// One word of an item's layout. `anchor` is the source offset of the token
// the word stands for; words the formatter adds (a missing `sanctions`) take
// the anchor of the word before them, so comments never attach to them alone.
//
// A word's text is a view: of the source (names, strings, numbers as written),
// of a static keyword, or of the tree (a duration's unit as written), all of
// which outlive the formatter; nothing is copied per token. `suffix` is the
// punctuation the layout glues to it (the comma of a list, the colon after a
// condition's statement).
struct Word {
  std::string_view text;
  std::string_view suffix;
  std::uint32_t anchor = 0;
  Break brk = Break::never;
  unsigned order = 0;  // the canonical position of its group (modifiers); 0 = as written
  unsigned line_indent = 0;  // when it starts a line: its indentation (0: the item's continuation)
  std::vector<const ast::Comment*> before;  // own-line comments before it
  std::vector<const ast::Comment*> after;   // trailing comments after it
};

unsigned modifier_rank(ast::Modifier::Kind k) {
  switch (k) {
    case ast::Modifier::Kind::partially: return 1;
    case ast::Modifier::Kind::verified: return 2;
    case ast::Modifier::Kind::within: return 3;
    case ast::Modifier::Kind::snapback: return 4;
  }
  return 5;
}

std::string_view decl_owner_keyword(ast::DeclKind k) {
  switch (k) {
    case ast::DeclKind::program: return "of";
    case ast::DeclKind::facility: return "in";
    case ast::DeclKind::sanction:
    case ast::DeclKind::benefit: return "by";
    case ast::DeclKind::party:
    case ast::DeclKind::verifier: break;
  }
  return "by";
}

std::string_view expectation_word(ast::Expectation::Kind k) {
  switch (k) {
    case ast::Expectation::Kind::acceptable: return "acceptable";
    case ast::Expectation::Kind::unacceptable: return "unacceptable";
    case ast::Expectation::Kind::violated: return "violated";
    case ast::Expectation::Kind::satisfied: return "satisfied";
  }
  return "acceptable";
}

// The formatter's state for one file. Lifetime: one run(); refers to the
// tree, the source and the options, which outlive it.
class Formatter {
 public:
  Formatter(const ast::File& file, const SourceFile& source, const FormatOptions& options)
      : file_(file), text_(source.text()), options_(options), comments_(file.comments) {}

  std::optional<std::string> run() {
    if (!std::is_sorted(comments_.begin(), comments_.end(),
                        [](const ast::Comment& a, const ast::Comment& b) {
                          return a.span.begin < b.span.begin;
                        })) {
      return std::nullopt;  // the parser's invariant; never format from a tree we do not understand
    }
    for (const auto& item : file_.items) {
      if (!item_ok(item)) return std::nullopt;
    }
    out_.reserve(text_.size() + text_.size() / 8);
    const std::uint32_t begin = has_bom(text_) ? kBomSize : 0;
    block(file_.items, begin, static_cast<std::uint32_t>(text_.size()), 0,
          [this](const ast::Item& item, unsigned indent) { emit_item(item, indent); });
    if (cursor_ != comments_.size()) return std::nullopt;  // a comment was not placed: refuse
    return std::move(out_);
  }

 private:
  // ---- what the tree must provide ---------------------------------------------------
  bool item_ok(const ast::Item& item) const {
    if (const auto* p = std::get_if<std::shared_ptr<ast::Profile>>(&item)) {
      const ast::Profile* profile = p->get();
      if (profile == nullptr || !valid(profile->span) || !valid(profile->name.span)) return false;
    }
    return valid(span_of(item));
  }
  bool valid(Span s) const { return s.begin <= s.end && s.end <= text_.size(); }

  // ---- source helpers -----------------------------------------------------------------
  std::string_view src(Span s) const { return text_.substr(s.begin, s.end - s.begin); }

  // The offset of the next token at or after `offset` (whitespace and comments skipped).
  std::uint32_t next_token(std::uint32_t offset) const {
    std::size_t p = offset;
    while (p < text_.size()) {
      if (is_space(text_[p])) {
        ++p;
      } else if (text_[p] == '#') {
        while (p < text_.size() && text_[p] != '\n') ++p;
      } else {
        break;
      }
    }
    return static_cast<std::uint32_t>(p);
  }

  // Whether the source has an empty line between two offsets.
  bool blank_between(std::uint32_t a, std::uint32_t b) const {
    if (a >= b) return false;
    const auto gap = text_.substr(a, b - a);
    const auto first = gap.find('\n');
    return first != std::string_view::npos && gap.find('\n', first + 1) != std::string_view::npos;
  }

  bool newline_between(std::uint32_t a, std::uint32_t b) const {
    return a < b && text_.substr(a, b - a).find('\n') != std::string_view::npos;
  }

  // ---- output ---------------------------------------------------------------------------
  void put_line(unsigned indent, std::string_view text, bool ends_in_comment) {
    out_.append(indent, ' ');
    out_ += text;
    out_ += '\n';
    have_line_ = true;
    last_line_comment_ = ends_in_comment;
  }

  // Appends a trailing comment to the last line written, unless that line
  // already ends in a comment (the two would become one).
  bool append_trailing(const ast::Comment& c) {
    if (!have_line_ || last_line_comment_) return false;
    out_.pop_back();  // '\n'
    out_ += ' ';
    out_ += comment_text(c);
    out_ += '\n';
    last_line_comment_ = true;
    return true;
  }

  void put_blank() {
    if (!have_line_) return;
    out_ += '\n';
    have_line_ = false;
  }

  // Copies [begin, end) as written, except that line ends become LF: the
  // carriage returns before a '\n' are dropped (all of them, so that a
  // second run finds nothing left to change).
  void put_verbatim(std::uint32_t begin, std::uint32_t end, bool ends_in_comment) {
    std::string_view t = text_.substr(begin, end - begin);
    while (!t.empty() && is_space(t.back())) t.remove_suffix(1);
    std::size_t pending_cr = 0;
    for (char c : t) {
      if (c == '\r') {
        ++pending_cr;
        continue;
      }
      if (c != '\n') out_.append(pending_cr, '\r');
      pending_cr = 0;
      out_ += c;
    }
    out_ += '\n';
    have_line_ = true;
    last_line_comment_ = ends_in_comment;
  }

  // ---- spans of items -------------------------------------------------------------------
  static Span span_of(const ast::Item& item) {
    return std::visit(
        [](const auto& v) -> Span {
          if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::shared_ptr<ast::Profile>>) {
            return v ? v->span : Span{};
          } else {
            return v.span;
          }
        },
        item);
  }
  static Span span_of(const ast::AgreementItem& item) {
    return std::visit([](const auto& v) { return v.span; }, item);
  }
  static Span span_of(const ast::Clause& c) { return c.span; }
  static Span span_of(const ast::Condition& c) { return c.span; }

  // ---- blocks ---------------------------------------------------------------------------
  // Walks the items of one block, whose contents lie in [body_begin, body_end),
  // emitting the comments and blank lines between them.
  template <typename T, typename Emit>
  void block(const std::vector<T>& items, std::uint32_t body_begin, std::uint32_t body_end,
             unsigned indent, Emit emit) {
    std::uint32_t prev_end = body_begin;
    bool first = true;
    std::size_t i = 0;
    for (;;) {
      const std::uint32_t next = i < items.size() ? span_of(items[i]).begin : body_end;
      bool in_region = false;
      while (cursor_ < comments_.size() && comments_[cursor_].span.begin < next) {
        const ast::Comment& c = comments_[cursor_];
        if (!c.own_line) {
          // Follows the previous item, or the `{` of the block.
          if (!append_trailing(c)) put_line(indent, comment_text(c), true);
          prev_end = c.span.end;
          ++cursor_;
          continue;
        }
        if (!first && blank_between(prev_end, c.span.begin)) put_blank();
        first = false;
        if (is_fmt_off_comment(c.text)) {
          prev_end = verbatim_region(items, i, body_end);
          in_region = true;
          break;
        }
        put_line(indent, comment_text(c), true);
        prev_end = c.span.end;
        ++cursor_;
      }
      if (in_region) continue;
      if (i == items.size()) break;
      if (!first && blank_between(prev_end, next)) put_blank();
      first = false;
      emit(items[i], indent);
      prev_end = span_of(items[i]).end;
      ++i;
    }
  }

  // Emits a `# terms: fmt off` region as written: from the line of the comment
  // at the cursor to the line of the next own-line `# terms: fmt on` in the
  // block (or the block's end), widened to whole items. Advances `i` past the
  // items it covers; returns the region's end offset.
  template <typename T>
  std::uint32_t verbatim_region(const std::vector<T>& items, std::size_t& i, std::uint32_t body_end) {
    const ast::Comment& off = comments_[cursor_];
    std::uint32_t begin = off.span.begin;
    while (begin > 0 && text_[begin - 1] != '\n') --begin;
    if (begin == 0 && has_bom(text_)) begin = kBomSize;

    std::uint32_t end = body_end;
    for (std::size_t j = cursor_ + 1; j < comments_.size() && comments_[j].span.begin < body_end; ++j) {
      if (comments_[j].own_line && is_fmt_on_comment(comments_[j].text)) {
        end = comments_[j].span.end;
        break;
      }
    }
    while (i < items.size() && span_of(items[i]).begin < end) {
      end = std::max(end, span_of(items[i]).end);
      ++i;
    }
    while (end > begin && is_space(text_[end - 1])) --end;
    bool ends_in_comment = false;
    while (cursor_ < comments_.size() && comments_[cursor_].span.begin < end) {
      const Span s = comments_[cursor_].span;
      ends_in_comment = s.end >= end;
      ++cursor_;
    }
    put_verbatim(begin, end, ends_in_comment);
    return end;
  }

  // ---- words ----------------------------------------------------------------------------
  // The word list of the next item: one vector for the whole run, cleared for
  // each item (an item's words are laid out before the next item's are built).
  std::vector<Word>& fresh_words() {
    words_.clear();
    return words_;
  }

  static Word word(std::string_view text, std::uint32_t anchor, Break brk = Break::never, unsigned order = 0) {
    Word w;
    w.text = text;
    w.anchor = anchor;
    w.brk = brk;
    w.order = order;
    return w;
  }
  Word word_of(Span s, Break brk = Break::never, unsigned order = 0) const {
    return word(src(s), s.begin, brk, order);
  }

  // Attaches the comments before `end` to the words (which are in source
  // order). Returns the own-line comments that follow the last word.
  std::vector<const ast::Comment*> attach_comments(std::vector<Word>& words, std::uint32_t end) {
    std::vector<const ast::Comment*> tail;
    std::size_t k = 0;  // words whose anchor is before the comment
    while (cursor_ < comments_.size() && comments_[cursor_].span.begin < end) {
      const ast::Comment& c = comments_[cursor_++];
      while (k < words.size() && words[k].anchor < c.span.begin) ++k;
      if (c.own_line) {
        if (k < words.size()) {
          words[k].before.push_back(&c);
        } else {
          tail.push_back(&c);
        }
      } else if (k > 0) {
        words[k - 1].after.push_back(&c);
      } else if (!words.empty()) {
        words.front().before.push_back(&c);  // cannot happen: an item starts with a word
      } else {
        tail.push_back(&c);
      }
    }
    return tail;
  }

  // Lays out the words of one item from column `indent`. Later lines start
  // at the word's own `line_indent` if it has one, else at `cont`; comments
  // that follow the item go at `tail_indent`.
  void layout(const std::vector<Word>& words, std::string_view terminator, unsigned indent, unsigned cont,
              unsigned tail_indent, const std::vector<const ast::Comment*>& tail) {
    // The line under construction is written straight into out_: nothing else
    // is written while it is open (comments flush it first).
    std::size_t col = 0;
    bool has_word = false;   // the line under construction holds a word
    bool first_line = true;  // no line of the item written yet
    auto flush = [&](bool comment) {
      out_ += '\n';
      have_line_ = true;
      last_line_comment_ = comment;
      has_word = false;
      first_line = false;
    };
    const std::size_t terminator_width = code_points(terminator);
    for (std::size_t i = 0; i < words.size(); ++i) {
      const Word& w = words[i];
      const bool last = i + 1 == words.size();
      const unsigned own_indent = w.line_indent != 0 ? w.line_indent : cont;
      for (const ast::Comment* c : w.before) {
        if (has_word) flush(false);
        put_line(own_indent, comment_text(*c), true);
        first_line = false;
      }
      const std::size_t width =
          code_points(w.text) + code_points(w.suffix) + (last ? terminator_width : 0);
      if (has_word && (w.brk == Break::forced ||
                       (w.brk == Break::allowed && col + 1 + width > options_.width))) {
        flush(false);
      }
      if (has_word) {
        out_ += ' ';
        ++col;
      } else {
        const unsigned ind = first_line ? indent : own_indent;
        out_.append(ind, ' ');
        col = ind;
      }
      out_ += w.text;
      out_ += w.suffix;
      if (last) out_ += terminator;
      col += width;
      has_word = true;
      for (std::size_t j = 0; j < w.after.size(); ++j) {
        if (j == 0) {
          out_ += ' ';
          out_ += comment_text(*w.after[j]);
          flush(true);
        } else {
          // On its own line before the next word: where that word's own-line comments go.
          const Word* next = last ? nullptr : &words[i + 1];
          const unsigned ind = next == nullptr ? tail_indent : next->line_indent != 0 ? next->line_indent : cont;
          put_line(ind, comment_text(*w.after[j]), true);
        }
      }
    }
    if (has_word) flush(false);
    for (const ast::Comment* c : tail) put_line(tail_indent, comment_text(*c), true);
  }

  // Attaches comments, puts the words in canonical order, lays them out.
  void statement(std::vector<Word>& words, std::uint32_t end, std::string_view terminator,
                 unsigned indent, unsigned cont, unsigned tail_indent) {
    auto tail = attach_comments(words, end);
    const auto by_order = [](const Word& a, const Word& b) { return a.order < b.order; };
    // Most items are in canonical order already; stable_sort would allocate a buffer for nothing.
    if (!std::is_sorted(words.begin(), words.end(), by_order)) {
      std::stable_sort(words.begin(), words.end(), by_order);
    }
    layout(words, terminator, indent, cont, tail_indent, tail);
  }

  void statement(std::vector<Word>& words, Span span, unsigned indent) {
    statement(words, span.end, ";", indent, indent + options_.continuation, indent);
  }

  // A comma-separated list of names: `a, b, c`, a break allowed before each but the first.
  void name_list(std::vector<Word>& words, const std::vector<ast::Ident>& names, Break first) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      Word w = word_of(names[i].span, i == 0 ? first : Break::allowed);
      if (i + 1 < names.size()) w.suffix = ",";
      words.push_back(std::move(w));
    }
  }

  // ---- items ------------------------------------------------------------------------------
  void emit_item(const ast::Item& item, unsigned indent) {
    std::visit(
        [&](const auto& v) {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, ast::Import>) {
            emit_import(v, indent);
          } else if constexpr (std::is_same_v<V, ast::Decl>) {
            emit_decl(v, indent);
          } else if constexpr (std::is_same_v<V, ast::Agreement>) {
            emit_agreement(v, indent);
          } else {
            emit_profile(*v, indent);
          }
        },
        item);
  }

  void emit_import(const ast::Import& imp, unsigned indent) {
    std::vector<Word>& w = fresh_words();
    w.push_back(word("import", imp.span.begin));
    w.push_back(word_of(imp.path.span));
    statement(w, imp.span, indent);
  }

  void emit_decl(const ast::Decl& d, unsigned indent) {
    std::vector<Word>& w = fresh_words();
    w.push_back(word(ast::to_string(d.kind), d.keyword_span.begin));
    w.push_back(word_of(d.name.span));
    if (d.owner) {
      w.push_back(word(decl_owner_keyword(d.kind), next_token(d.name.span.end)));
      w.push_back(word_of(d.owner->span));
    }
    if (d.program_kind) {
      const std::uint32_t after = d.owner ? d.owner->span.end : d.name.span.end;
      w.push_back(word("kind", next_token(after)));
      w.push_back(word_of(d.program_kind->span));
    }
    // A sanction's `weight`, `since`, `until`: kept as written, in the grammar's order.
    if (d.weight) {
      w.push_back(word("weight", d.weight->keyword_span.begin, Break::allowed));
      w.push_back(word_of(d.weight->span));
    }
    for (const auto* date : {&d.since, &d.until}) {
      if (!*date) continue;
      w.push_back(word(date == &d.since ? "since" : "until", (*date)->keyword_span.begin, Break::allowed));
      w.push_back(word_of((*date)->span));
    }
    if (d.title) w.push_back(word_of(d.title->span, Break::allowed));
    statement(w, d.span, indent);
  }

  void emit_clause(const ast::Clause& c, unsigned indent) {
    std::vector<Word>& w = fresh_words();
    w.push_back(word(ast::to_string(c.verb), c.verb_span.begin));
    if (c.sanctions_keyword) {
      w.push_back(word("sanctions", c.sanctions_keyword_span.begin));
    } else if (ast::takes_sanctions(c.verb)) {
      w.push_back(word("sanctions", c.verb_span.begin));
    }
    const ast::Targets& t = c.targets;
    switch (t.kind) {
      case ast::Targets::Kind::names:
        name_list(w, t.names, Break::never);
        break;
      case ast::Targets::Kind::all:
        w.push_back(word("all", t.span.begin));
        break;
      case ast::Targets::Kind::all_by:
        w.push_back(word("all", t.span.begin));
        w.push_back(word("by", next_token(t.span.begin + 3)));
        if (t.by) w.push_back(word_of(t.by->span));
        break;
    }
    for (const ast::Modifier& m : c.modifiers) {
      const unsigned order = modifier_rank(m.kind);
      w.push_back(word(ast::to_string(m.kind), m.span.begin, Break::allowed, order));
      if (m.kind == ast::Modifier::Kind::verified && m.verifier) {
        w.push_back(word("by", next_token(m.span.begin + 8), Break::never, order));
        w.push_back(word_of(m.verifier->span, Break::never, order));
      } else if (m.kind == ast::Modifier::Kind::within && m.duration) {
        const ast::Duration& d = *m.duration;
        std::uint32_t digits = d.span.begin;
        while (digits < d.span.end && text_[digits] >= '0' && text_[digits] <= '9') ++digits;
        w.push_back(word(text_.substr(d.span.begin, digits - d.span.begin), d.span.begin,
                         Break::never, order));
        w.push_back(word(d.unit_text, next_token(digits), Break::never, order));
      }
    }
    statement(w, c.span, indent);
  }

  void emit_expectation(const ast::Expectation& e, unsigned indent) {
    std::vector<Word>& w = fresh_words();
    w.push_back(word("expect", e.span.begin));
    w.push_back(word(expectation_word(e.kind), next_token(e.span.begin + 6)));
    if (e.condition) w.push_back(word_of(e.condition->span));
    statement(w, e.span, indent);
  }

  void emit_builds_on(const ast::BuildsOn& b, unsigned indent) {
    std::vector<Word>& w = fresh_words();
    w.push_back(word("builds_on", b.span.begin));
    name_list(w, b.agreements, Break::never);
    statement(w, b.span, indent);
  }

  // A block header ending in `{` whose last character is at `brace`.
  void header(std::vector<Word>& w, std::uint32_t brace, unsigned indent) {
    statement(w, brace + 1, " {", indent, indent + options_.continuation, indent + options_.indent);
  }

  void emit_step(const ast::Step& s, unsigned indent) {
    std::vector<Word>& w = fresh_words();
    w.push_back(word("step", s.span.begin));
    w.push_back(word_of(s.name.span));
    if (s.title) w.push_back(word_of(s.title->span, Break::allowed));
    if (!s.after.empty()) {
      const std::uint32_t prev = s.title ? s.title->span.end : s.name.span.end;
      w.push_back(word("after", next_token(prev), Break::allowed));
      name_list(w, s.after, Break::never);
    }
    const std::uint32_t brace = s.header_span.end - 1;
    header(w, brace, indent);
    block(s.clauses, brace + 1, s.span.end - 1, indent + options_.indent,
          [this](const ast::Clause& c, unsigned ind) { emit_clause(c, ind); });
    put_line(indent, "}", false);
  }

  void emit_agreement(const ast::Agreement& a, unsigned indent) {
    std::vector<Word>& w = fresh_words();
    w.push_back(word("agreement", a.span.begin));
    w.push_back(word_of(a.name.span));
    if (a.title) w.push_back(word_of(a.title->span, Break::allowed));
    const std::uint32_t brace = a.header_span.end - 1;
    header(w, brace, indent);
    block(a.items, brace + 1, a.span.end - 1, indent + options_.indent,
          [this](const ast::AgreementItem& item, unsigned ind) {
            std::visit(
                [&](const auto& v) {
                  using V = std::decay_t<decltype(v)>;
                  if constexpr (std::is_same_v<V, ast::Step>) {
                    emit_step(v, ind);
                  } else if constexpr (std::is_same_v<V, ast::Clause>) {
                    emit_clause(v, ind);
                  } else if constexpr (std::is_same_v<V, ast::Expectation>) {
                    emit_expectation(v, ind);
                  } else {
                    emit_builds_on(v, ind);
                  }
                },
                item);
          });
    put_line(indent, "}", false);
  }

  // ---- profiles ---------------------------------------------------------------------------
  bool profile_formattable(const ast::Profile& p, std::uint32_t brace) const {
    if (brace >= p.span.end || text_[brace] != '{' || text_[p.span.end - 1] != '}') return false;
    std::uint32_t prev = brace + 1;
    for (const ast::Condition& c : p.conditions) {
      const Span parts[] = {c.span, c.severity_span, c.id.span, c.statement.span, c.formula_span};
      for (const Span& s : parts) {
        if (!valid(s) || s.begin < prev || s.end > c.span.end) return false;
      }
      if (c.span.begin != c.severity_span.begin || text_[c.span.end - 1] != ';') return false;
      prev = c.span.end;
    }
    return prev < p.span.end;
  }

  void emit_profile(const ast::Profile& p, unsigned indent) {
    const std::uint32_t after_header = p.title ? p.title->span.end : p.name.span.end;
    const std::uint32_t brace = next_token(after_header);
    if (!profile_formattable(p, brace)) {
      // Not a shape this formatter knows: keep it as written.
      std::uint32_t end = p.span.end;
      while (cursor_ < comments_.size() && comments_[cursor_].span.begin < end) ++cursor_;
      out_.append(indent, ' ');
      put_verbatim(p.span.begin, end, false);
      return;
    }
    std::vector<Word>& w = fresh_words();
    w.push_back(word("profile", p.span.begin));
    w.push_back(word_of(p.name.span));
    if (p.title) w.push_back(word_of(p.title->span, Break::allowed));
    header(w, brace, indent);
    block(p.conditions, brace + 1, p.span.end - 1, indent + options_.indent,
          [this](const ast::Condition& c, unsigned ind) { emit_condition(c, ind); });
    put_line(indent, "}", false);
  }

  // `require ID "statement":` then the formula on the lines below, one level
  // deeper. The author's line breaks in the formula are kept: a line the
  // author indented more than the formula's first line goes one level deeper
  // still (as do the continuations of a line too long for the width), any
  // other line at the formula's level. The header never breaks: a statement
  // is one string, and a formula line below it would read as its continuation.
  void emit_condition(const ast::Condition& c, unsigned indent) {
    std::vector<Word>& w = fresh_words();
    w.push_back(word_of(c.severity_span));
    w.push_back(word_of(c.id.span));
    Word statement_word = word_of(c.statement.span);
    statement_word.suffix = ":";
    w.push_back(std::move(statement_word));
    const unsigned base = indent + options_.indent;
    const unsigned deeper = base + options_.indent;
    formula_words(w, c.formula_span, base, deeper);
    statement(w, c.span.end, ";", indent, deeper, indent);
  }

  // The column of `offset` on its line, tabs counting to the next multiple of 8.
  std::size_t column(std::uint32_t offset) const {
    std::uint32_t b = offset;
    while (b > 0 && text_[b - 1] != '\n') --b;
    std::size_t col = 0;
    for (std::uint32_t i = b; i < offset; ++i) {
      if (text_[i] == '\t') {
        col = (col / 8 + 1) * 8;
      } else if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) {
        ++col;
      }
    }
    return col;
  }

  // Splits a formula's text into words at whitespace and comments. A word
  // that starts a line in the source starts a line in the output: at `base`,
  // or at `deeper` when the author put it to the right of the formula's first
  // word.
  void formula_words(std::vector<Word>& w, Span s, unsigned base, unsigned deeper) const {
    std::uint32_t p = s.begin;
    bool line_start = true;
    bool first = true;
    std::size_t first_column = 0;
    while (p < s.end) {
      const char c = text_[p];
      if (is_space(c)) {
        if (c == '\n') line_start = true;
        ++p;
        continue;
      }
      if (c == '#') {
        while (p < s.end && text_[p] != '\n') ++p;
        continue;
      }
      const std::uint32_t begin = p;
      while (p < s.end && !is_space(text_[p]) && text_[p] != '#') {
        if (text_[p] == '"') {  // a string is one unit, whatever it holds
          ++p;
          while (p < s.end && text_[p] != '"' && text_[p] != '\n') p += text_[p] == '\\' ? 2 : 1;
          if (p < s.end && text_[p] == '"') ++p;
          continue;
        }
        ++p;
      }
      p = std::min(p, s.end);
      Word next = word(text_.substr(begin, p - begin), begin,
                       line_start ? Break::forced : Break::allowed);
      if (first) {
        first_column = column(begin);
        next.line_indent = base;
      } else if (line_start) {
        next.line_indent = column(begin) > first_column ? deeper : base;
      }
      w.push_back(std::move(next));
      line_start = false;
      first = false;
    }
  }

  const ast::File& file_;
  std::string_view text_;
  const FormatOptions& options_;
  const std::vector<ast::Comment>& comments_;
  std::size_t cursor_ = 0;  // the next comment to emit
  std::string out_;
  std::vector<Word> words_;  // see fresh_words()
  bool have_line_ = false;          // out_ ends with a line that is not blank
  bool last_line_comment_ = false;  // ... and that line ends in a comment
};

// The words of a `# terms: ...` comment with all whitespace removed.
std::string squeeze(std::string_view comment) {
  std::string s;
  for (char c : comment) {
    if (!is_space(c)) s += c;
  }
  return s;
}

// A sink that forwards and remembers whether an error went by.
class ErrorWatch final : public DiagnosticSink {
 public:
  explicit ErrorWatch(DiagnosticSink& next) : next_(next) {}
  void emit(Diagnostic d) override {
    if (d.severity == Severity::error) errors_ = true;
    next_.emit(std::move(d));
  }
  bool errors() const { return errors_; }

 private:
  DiagnosticSink& next_;
  bool errors_ = false;
};

}  // namespace

bool is_fmt_off_comment(std::string_view comment_text) {
  return squeeze(comment_text) == "#terms:fmtoff";
}

bool is_fmt_on_comment(std::string_view comment_text) {
  return squeeze(comment_text) == "#terms:fmton";
}

std::optional<std::string> format_file(const ast::File& file, const SourceFile& source,
                                       const FormatOptions& options) {
  if (file.has_syntax_errors) return std::nullopt;
  return Formatter(file, source, options).run();
}

std::optional<std::string> format_source(const SourceFile& source, DiagnosticSink& sink,
                                         const FormatOptions& options,
                                         const ParseOptions& parse_options) {
  ErrorWatch watch(sink);
  const ast::File file = parse_file(source, watch, parse_options);
  if (watch.errors()) return std::nullopt;
  return format_file(file, source, options);
}

}  // namespace terms
