#pragma once
// Internals shared by the parser's action classes (agreements in parser.cpp,
// profiles in profile_parse.cpp): the per-parse Context (diagnostics, comments,
// error budget, nesting depth) and the PEGTL control that records syntax errors.
//
// Lifetime: a Context lives for one parse_file() call and refers to the
// SourceFile, the sink and the File being built, all of which outlive it.

#include <cstdint>
#include <string>
#include <string_view>

#include "dsl/ast.hpp"
#include "dsl/diagnostics.hpp"
#include "dsl/parser.hpp"
#include "grammar/lexical.hpp"

namespace terms::parse_detail {

// Thrown by the control when a must<> point fails; caught by the grammar's
// recovery points (try_catch_type<recoverable_error, ...>).
using recoverable_error = grammar::recoverable_error;

// Thrown when the error budget is spent; ends the parse.
struct too_many_errors {};

// Per-parse context.
class Context {
 public:
  Context(const SourceFile& source, DiagnosticSink& sink, const ParseOptions& options,
          ast::File& file);

  const SourceFile& source() const { return source_; }
  const char* base() const { return base_; }
  std::uint32_t offset(const char* p) const { return static_cast<std::uint32_t>(p - base_); }
  Span span(const char* b, const char* e) const { return Span{source_.id(), offset(b), offset(e)}; }
  Span span_at(std::uint32_t off, std::uint32_t len = 0) const {
    return Span{source_.id(), off, off + len};
  }
  ast::File& file() { return file_; }
  const ParseOptions& options() const { return options_; }

  // A must<> point failed at `at`: record "message, found X" (once per position).
  // With `recovering`, the caller carries on as if the token were there (no raise).
  void expected(const char* at, std::string_view message, bool after_previous_token,
                bool recovering = false, DiagId code = DiagId::syntax_error);
  // A recovery skip ran over [b, e): report it unless a raise already explained it.
  void recovered(const char* b, const char* e, bool inside_block, bool inside_step);
  // Any other syntax diagnostic (counts against the error budget).
  void report(Diagnostic d);

  // Comments, recorded once each even when backtracking re-reads them.
  void comment_start(const char* p) { comment_begin_ = p; }
  void comment_end(const char* p);

  // Nesting depth guard for rules marked grammar::counts_depth.
  void enter(const char* at);
  void leave() { --depth_; }

  std::string_view found_token(const char* at) const;
  // Offset just after the last token before `at` (skips whitespace and comments).
  std::uint32_t previous_token_end(const char* at) const;

  bool raised = false;  // a must<> failed since the last recovery

 private:
  const SourceFile& source_;
  DiagnosticSink& sink_;
  const ParseOptions& options_;
  ast::File& file_;
  const char* base_;
  const char* end_;
  const char* comment_begin_ = nullptr;
  std::uint32_t last_comment_end_ = 0;
  std::uint32_t last_error_offset_ = 0xffffffffu;
  std::size_t errors_ = 0;
  std::size_t depth_ = 0;
};

// Every parse state (the agreement builder, the profile builder) derives from
// this, so the control can find the Context whatever the action class.
struct StateBase {
  Context* ctx = nullptr;
};

// The rules after which an "expected `;`"-style error points at the end of the
// previous token (where the `;` belongs) rather than at the next token.
template <typename Rule>
inline constexpr bool anchor_after_previous = false;

// The registry code of a must<> failure: E0100 unless the rule has its own.
template <typename Rule>
inline constexpr DiagId diagnostic_for = DiagId::syntax_error;
template <> inline constexpr DiagId diagnostic_for<grammar::string_close> = DiagId::syntax_unterminated_string;
template <> inline constexpr DiagId diagnostic_for<grammar::escaped_char> = DiagId::syntax_bad_escape;

// The control: records comments, guards nesting depth, and turns must<>
// failures into diagnostics followed by a recoverable_error.
template <typename Rule>
struct control : tao::pegtl::normal<Rule> {
  template <typename ParseInput, typename State>
  static void start(const ParseInput& in, State& st) {
    if constexpr (std::is_same_v<Rule, grammar::comment>) st.ctx->comment_start(in.current());
    if constexpr (grammar::counts_depth<Rule>) st.ctx->enter(in.current());
  }
  template <typename ParseInput, typename State>
  static void success(const ParseInput& in, State& st) {
    if constexpr (std::is_same_v<Rule, grammar::comment>) st.ctx->comment_end(in.current());
    if constexpr (grammar::counts_depth<Rule>) st.ctx->leave();
  }
  template <typename ParseInput, typename State>
  static void failure(const ParseInput&, State& st) {
    if constexpr (grammar::counts_depth<Rule>) st.ctx->leave();
  }
  template <typename ParseInput, typename State>
  static void unwind(const ParseInput&, State& st) {
    if constexpr (grammar::counts_depth<Rule>) st.ctx->leave();
  }
  template <typename ParseInput, typename State>
  [[noreturn]] static void raise(const ParseInput& in, State& st) {
    static_assert(grammar::error_message<Rule> != nullptr,
                  "every rule used in must<> needs a grammar::error_message");
    st.ctx->expected(in.current(), grammar::error_message<Rule>, anchor_after_previous<Rule>, false,
                     diagnostic_for<Rule>);
    throw recoverable_error{};
  }
};

// Unescapes a string literal's text (with its quotes).
std::string unescape(std::string_view quoted);

}  // namespace terms::parse_detail
