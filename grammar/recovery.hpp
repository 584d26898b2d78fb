#pragma once
// Error-recovery rules: after a syntax error the parser skips to a point where
// parsing can resume (the next `;`, the end of a `{ }` block, or a line that
// starts a new item), so one broken clause does not hide the rest of the file.
//
// These are custom PEGTL rules (a struct with match()), because skipping has to
// balance braces without recursion: hostile input such as 10,000 unclosed `{`
// must not exhaust the stack.

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

#include <cstddef>
#include <string_view>

namespace terms::grammar {

namespace recovery_detail {

inline bool is_ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// The word starting at p (identifier characters only).
inline std::string_view word_at(const char* p, const char* end) {
  const char* q = p;
  while (q < end && is_ident_char(*q)) ++q;
  return std::string_view(p, static_cast<std::size_t>(q - p));
}

// Skips from the current position. Stops:
//  - after a `;` at depth 0 (consumed),
//  - before a `}` at depth 0 (not consumed: it closes the enclosing block),
//  - after a `}` that brings the depth back to 0 when a block was opened,
//  - before a line whose first word is one of the `starters` (not consumed),
//    once at least one character has been skipped.
// Strings and comments are skipped as units, so `;` or `{` inside them do not count.
template <typename ParseInput, typename Starters>
bool skip(ParseInput& in, Starters starters, bool inside_block) {
  const char* p = in.current();
  const char* const begin = p;
  const char* const end = in.end();
  std::size_t depth = 0;
  bool line_start = false;
  while (p < end) {
    const char c = *p;
    if (line_start && p != begin && depth == 0 && is_ident_char(c) && starters(word_at(p, end))) break;
    if (c == '\n') {
      line_start = true;
      ++p;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      ++p;
      continue;
    }
    line_start = false;
    if (c == '#') {
      while (p < end && *p != '\n') ++p;
      continue;
    }
    if (c == '"') {
      ++p;
      while (p < end && *p != '"' && *p != '\n') p += (*p == '\\' && p + 1 < end && p[1] != '\n') ? 2 : 1;
      if (p < end && *p == '"') ++p;
      continue;
    }
    if (c == '{') {
      ++depth;
    } else if (c == '}') {
      if (depth == 0 && inside_block) break;
      if (depth == 0) {  // a stray `}` at top level: skip it alone
        ++p;
        break;
      }
      if (--depth == 0) {
        ++p;
        break;
      }
    } else if (c == ';' && depth == 0) {
      ++p;
      break;
    }
    ++p;
  }
  if (p == begin) return false;
  in.bump(static_cast<std::size_t>(p - begin));
  return true;
}

inline bool is_top_starter(std::string_view w) {
  return w == "import" || w == "party" || w == "verifier" || w == "program" || w == "facility" ||
         w == "sanction" || w == "benefit" || w == "material" || w == "agreement" || w == "profile";
}

inline bool is_clause_starter(std::string_view w) {
  return w == "declare" || w == "freeze" || w == "dismantle" || w == "lift" || w == "ease" ||
         w == "suspend" || w == "retain" || w == "provide" || w == "convert" || w == "remove" ||
         w == "step" || w == "expect" || w == "builds_on" || w == "sanctioned" || w == "signed" ||
         w == "dated" || is_top_starter(w);
}

}  // namespace recovery_detail

// Skips a broken top-level item.
struct skip_top_item {
  using rule_t = skip_top_item;
  using subs_t = tao::pegtl::empty_list;
  template <typename ParseInput>
  static bool match(ParseInput& in) {
    return recovery_detail::skip(in, recovery_detail::is_top_starter, false);
  }
};

// Skips a broken clause, step header or other item inside a block.
struct skip_block_item {
  using rule_t = skip_block_item;
  using subs_t = tao::pegtl::empty_list;
  template <typename ParseInput>
  static bool match(ParseInput& in) {
    // A top-level keyword means the enclosing block was left open: stop here,
    // so the block ends and the next declaration or agreement still parses.
    if (recovery_detail::is_top_starter(recovery_detail::word_at(in.current(), in.end()))) return false;
    return recovery_detail::skip(in, recovery_detail::is_clause_starter, true);
  }
};

// Succeeds without consuming when a `;` is evidently missing: the previous
// token ended a line and the next token starts a new item (or closes the
// block, or the file ends). The parser reports the missing `;` and carries on
// as if it were there, so the clause or declaration is kept. `Tag` selects
// the message.
template <typename Tag>
struct missing_semi {
  using rule_t = missing_semi;
  using subs_t = tao::pegtl::empty_list;
  template <typename ParseInput>
  static bool match(ParseInput& in) {
    const char* p = in.current();
    const char* const begin = in.begin();
    bool newline = false;
    for (const char* q = p; q > begin; --q) {
      const char c = q[-1];
      if (c == '\n') {
        newline = true;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        break;
      }
    }
    if (!newline) return false;
    if (p == in.end() || *p == '}') return true;
    return recovery_detail::is_clause_starter(recovery_detail::word_at(p, in.end()));
  }
};

}  // namespace terms::grammar

// Both skips consume at least one character or fail, like `any`.
template <typename Name>
struct tao::pegtl::analyze_traits<Name, terms::grammar::skip_top_item> : analyze_any_traits<> {};
template <typename Name>
struct tao::pegtl::analyze_traits<Name, terms::grammar::skip_block_item> : analyze_any_traits<> {};
// missing_semi may succeed without consuming, like `success`.
template <typename Name, typename Tag>
struct tao::pegtl::analyze_traits<Name, terms::grammar::missing_semi<Tag>> : analyze_opt_traits<> {};
