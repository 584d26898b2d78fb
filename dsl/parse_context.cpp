#include "dsl/parse_context.hpp"

#include <fmt/format.h>

#include "grammar/recovery.hpp"

namespace terms::parse_detail {

Context::Context(const SourceFile& source, DiagnosticSink& sink, const ParseOptions& options,
                 ast::File& file)
    : source_(source),
      sink_(sink),
      options_(options),
      file_(file),
      base_(source.text().data()),
      end_(source.text().data() + source.text().size()) {}

void Context::report(Diagnostic d) {
  if (d.severity != Severity::error) {
    sink_.emit(std::move(d));
    return;
  }
  file_.has_syntax_errors = true;
  // The budget's last error is shown, then a note (E0107) that parsing
  // stopped there, as clang's "too many errors emitted, stopping now": with
  // `--max-errors 1` the user sees the first error, not only the note. The
  // note is not counted against the per-file limit (dsl/resolve.cpp). A
  // budget of 0 means no limit (as clang's -ferror-limit=0).
  ++errors_;
  const bool spent = options_.max_errors != 0 && errors_ >= options_.max_errors;
  const Span at = d.span;
  sink_.emit(std::move(d));
  if (spent) {
    sink_.emit(make_diagnostic(DiagId::syntax_too_many_errors, at,
                               fmt::format("too many syntax errors; parsing stopped after {}", errors_))
                   .with_label("parsing stopped here")
                   .with_help("fix the errors above and run again"));
    throw too_many_errors{};
  }
}

std::string_view Context::found_token(const char* at) const {
  if (at >= end_) return {};
  if (grammar::recovery_detail::is_ident_char(*at)) return grammar::recovery_detail::word_at(at, end_);
  if (static_cast<unsigned char>(*at) >= 0x80) {
    std::size_t i = static_cast<std::size_t>(at - base_);
    const std::size_t b = i;
    decode_utf8(source_.text(), i);
    return std::string_view(at, i - b);
  }
  return std::string_view(at, 1);
}

std::uint32_t Context::previous_token_end(const char* at) const {
  std::uint32_t pos = offset(at);
  const auto& comments = file_.comments;
  while (pos > 0) {
    const char c = base_[pos - 1];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
      --pos;
      continue;
    }
    // Inside a recorded comment that ends here? Jump to its start.
    bool jumped = false;
    for (auto it = comments.rbegin(); it != comments.rend() && it->span.end >= pos; ++it) {
      if (it->span.end == pos || (it->span.begin < pos && it->span.end > pos)) {
        pos = it->span.begin;
        jumped = true;
        break;
      }
    }
    if (!jumped) break;
  }
  return pos;
}

namespace {
std::string describe(std::string_view tok) {
  if (tok.empty()) return "end of file";
  if (tok == "\"") return "a string";
  if (tok == "\n" || tok == "\r") return "end of line";
  return fmt::format("`{}`", tok);
}

const std::vector<std::string_view>& modifier_words() {
  static const std::vector<std::string_view> w = {"verified", "within", "partially", "snapback", "by"};
  return w;
}
const std::vector<std::string_view>& clause_words() {
  static const std::vector<std::string_view> w = {"declare", "freeze",  "dismantle", "lift",
                                                  "ease",    "suspend", "retain",    "provide"};
  return w;
}
const std::vector<std::string_view>& top_words() {
  static const std::vector<std::string_view> w = {"import",   "party",    "verifier",  "program",
                                                  "facility", "sanction", "benefit",   "agreement",
                                                  "profile"};
  return w;
}
}  // namespace

void Context::expected(const char* at, std::string_view message, bool after_previous_token,
                       bool recovering, DiagId code) {
  if (!recovering) raised = true;
  const std::uint32_t off = offset(at);
  if (off == last_error_offset_) return;  // one error per position (nested blocks at EOF)
  last_error_offset_ = off;
  const std::string_view tok = found_token(at);
  Diagnostic d = make_diagnostic(code, Span{}, fmt::format("{}, found {}", message, describe(tok)));
  if (after_previous_token) {
    const std::uint32_t prev = previous_token_end(at);
    d.span = span_at(prev, 0);
    d.label = "expected here";
    if (!tok.empty() && prev != off) d.with_related(span_at(off, static_cast<std::uint32_t>(tok.size())), "found this");
  } else {
    d.span = span_at(off, static_cast<std::uint32_t>(tok.size()));
    d.label = tok.empty() ? "file ends here" : "unexpected here";
  }
  if (code == DiagId::syntax_unterminated_string) {
    d.with_help("close the string with `\"` before the end of the line");
  } else if (code == DiagId::syntax_bad_escape) {
    d.with_help("write `\\\\` for a backslash and `\\\"` for a double quote; other characters need no escape");
  }
  if (!tok.empty() && grammar::recovery_detail::is_ident_char(tok.front())) {
    if (message.find("modifier") != std::string_view::npos) {
      if (auto m = closest_match(tok, modifier_words())) d.with_help(fmt::format("did you mean `{}`?", *m));
    }
    if (message.find("after `expect`") != std::string_view::npos) {  // a misspelt verdict in `expect`
      static const std::vector<std::string_view> expect_words = {"acceptable", "unacceptable", "violated",
                                                                 "satisfied", "under"};
      if (auto m = closest_match(tok, expect_words)) d.with_help(fmt::format("did you mean `{}`?", *m));
    }
    if (after_previous_token) {
      bool starts_item = false;
      for (auto w : clause_words()) starts_item = starts_item || w == tok;
      for (auto w : top_words()) starts_item = starts_item || w == tok;
      if (starts_item) d.with_help("add `;` at the end of the previous line");
    }
  }
  report(std::move(d));
}

void Context::recovered(const char* b, const char* e, bool inside_block, bool inside_step) {
  if (raised) {
    raised = false;
    return;
  }
  // Nothing raised: the item did not start with a word the grammar knows.
  const std::string_view tok = found_token(b);
  const std::uint32_t off = offset(b);
  (void)e;
  Span where = span_at(off, static_cast<std::uint32_t>(tok.size()));
  if (!tok.empty() && grammar::recovery_detail::is_ident_char(tok.front())) {
    if (!inside_block) {
      Diagnostic d = make_diagnostic(DiagId::syntax_unknown_declaration, where,
                                     fmt::format("expected a declaration, found `{}`", tok));
      d.label = "not a declaration";
      if (auto m = closest_match(tok, top_words())) {
        d.with_help(fmt::format("did you mean `{}`?", *m));
      } else {
        d.with_help("a file holds `import`, `party`, `verifier`, `program`, `facility`, `sanction`, "
                    "`benefit`, `agreement` and `profile` items");
      }
      report(std::move(d));
      return;
    }
    Diagnostic d = make_diagnostic(DiagId::syntax_unknown_clause, where,
                                   fmt::format("unknown clause `{}`", tok));
    d.label = "not a clause verb";
    if (inside_step && (tok == "step" || tok == "expect" || tok == "builds_on" || tok == "signed" ||
                        tok == "dated")) {
      d.message = fmt::format("`{}` is not allowed inside a step", tok);
      d.label = "inside a step";
      d.with_help(fmt::format("move the `{}` line out of the step, into the agreement", tok));
    } else if (auto m = closest_match(tok, clause_words())) {
      d.with_help(fmt::format("did you mean `{}`?", *m));
    } else {
      d.with_help(
          "a clause starts with `declare`, `freeze`, `dismantle`, `lift`, `ease`, `suspend`, "
          "`retain` or `provide`");
    }
    report(std::move(d));
    return;
  }
  Diagnostic d = make_diagnostic(DiagId::syntax_error, where, fmt::format("unexpected {}", describe(tok)));
  d.label = inside_block ? "expected a clause here" : "expected a declaration here";
  report(std::move(d));
}

void Context::comment_end(const char* p) {
  const std::uint32_t b = offset(comment_begin_);
  if (b < last_comment_end_ && !file_.comments.empty()) return;  // re-read after backtracking
  std::uint32_t e = offset(p);
  last_comment_end_ = e;
  std::string_view text(comment_begin_, static_cast<std::size_t>(p - comment_begin_));
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  bool own_line = true;
  for (std::uint32_t i = b; i > 0; --i) {
    const char c = base_[i - 1];
    if (c == '\n') break;
    if (c != ' ' && c != '\t' && !(i == 3 && static_cast<unsigned char>(c) == 0xBF)) {
      own_line = false;
      break;
    }
  }
  file_.comments.push_back(ast::Comment{std::string(text), Span{source_.id(), b, e}, own_line});
}

void Context::enter(const char* at) {
  if (++depth_ > options_.max_depth) {
    --depth_;
    Diagnostic d = make_diagnostic(
        DiagId::syntax_too_deep, span_at(offset(at), 1),
        fmt::format("nesting is deeper than the limit of {} levels", options_.max_depth));
    d.with_help("split the formula or block into smaller pieces");
    raised = true;
    report(std::move(d));
    throw too_many_errors{};  // the rest of the file cannot be parsed reliably
  }
}

std::string unescape(std::string_view quoted) {
  std::string out;
  if (quoted.size() >= 2) quoted = quoted.substr(1, quoted.size() - 2);
  out.reserve(quoted.size());
  for (std::size_t i = 0; i < quoted.size(); ++i) {
    if (quoted[i] == '\\' && i + 1 < quoted.size()) ++i;
    out.push_back(quoted[i]);
  }
  return out;
}

}  // namespace terms::parse_detail
