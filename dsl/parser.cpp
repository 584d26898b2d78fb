// The agreement parser: PEGTL actions that build ast::File from grammar/terms.hpp.
//
// Actions fire only when their rule succeeds. Rules that start a construct
// (a declaration keyword, a clause verb, `step`, `agreement`) reset the
// construct being built; the construct's own rule moves it into its parent
// when the whole construct has matched. A construct that fails with a syntax
// error is therefore never added to the tree: the recovery rule reports it.

#include "dsl/parser.hpp"

#include <charconv>
#include <limits>
#include <optional>

#include <fmt/format.h>
#include <tao/pegtl.hpp>

#include "dsl/parse_context.hpp"
#include "dsl/profile_parse.hpp"
#include "grammar/terms.hpp"

namespace terms {
namespace {

namespace pegtl = tao::pegtl;
namespace g = terms::grammar;
using parse_detail::Context;

// The agreement builder: the constructs under construction.
struct Builder : parse_detail::StateBase {
  ast::Decl decl;
  ast::Import import;
  ast::Clause clause;
  ast::Step step;
  bool in_step = false;
  ast::Agreement agreement;
  ast::Expectation expectation;
  ast::BuildsOn builds_on;
  std::optional<ast::String> title;
  std::optional<ast::Ident> by_party;
  std::optional<ast::Ident> verifier;
  std::optional<ast::Duration> duration;
  Span date_keyword;  // the last `since`/`until` read
  std::uint32_t step_brace = 0;
  std::uint32_t agreement_brace = 0;
};

template <typename Input>
ast::Ident ident(const Input& in, const Builder& b) {
  return ast::Ident{in.string(), b.ctx->span(in.begin(), in.end())};
}

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

// ---- shared pieces --------------------------------------------------------------
template <>
struct action<g::title> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.title = ast::String{parse_detail::unescape(in.string_view()), b.ctx->span(in.begin(), in.end())};
  }
};

// ---- imports and declarations -------------------------------------------------------
template <>
struct action<g::kw_import> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.import = ast::Import{};
    b.import.span = b.ctx->span(in.begin(), in.end());
  }
};
template <>
struct action<g::import_path> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.import.path = ast::String{parse_detail::unescape(in.string_view()), b.ctx->span(in.begin(), in.end())};
  }
};
template <>
struct action<g::import_decl> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.import.span = b.ctx->span(in.begin(), in.end());
    b.ctx->file().items.emplace_back(std::move(b.import));
  }
};

template <ast::DeclKind K>
struct decl_keyword_action {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.decl = ast::Decl{};
    b.decl.kind = K;
    b.decl.keyword_span = b.ctx->span(in.begin(), in.end());
    b.title.reset();
  }
};
template <> struct action<g::kw_party> : decl_keyword_action<ast::DeclKind::party> {};
template <> struct action<g::kw_verifier> : decl_keyword_action<ast::DeclKind::verifier> {};
template <> struct action<g::kw_program> : decl_keyword_action<ast::DeclKind::program> {};
template <> struct action<g::kw_facility> : decl_keyword_action<ast::DeclKind::facility> {};
template <> struct action<g::kw_sanction> : decl_keyword_action<ast::DeclKind::sanction> {};
template <> struct action<g::kw_benefit> : decl_keyword_action<ast::DeclKind::benefit> {};

template <>
struct action<g::decl_name> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) { b.decl.name = ident(in, b); }
};
template <>
struct action<g::owner_name> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) { b.decl.owner = ident(in, b); }
};
template <>
struct action<g::program_kind> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) { b.decl.program_kind = ident(in, b); }
};
// ---- sanction weights and dates ------------------------------------------------------
// The keyword's span is kept for the formatter; the value's action fills the rest.
template <>
struct action<g::kw_weight> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.decl.weight = ast::Weight{};
    b.decl.weight->keyword_span = b.ctx->span(in.begin(), in.end());
  }
};
template <>
struct action<g::weight_number> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    if (!b.decl.weight) b.decl.weight = ast::Weight{};
    const auto sv = in.string_view();
    const Span span = b.ctx->span(in.begin(), in.end());
    double v = 0;
    auto [p, ec] = std::from_chars(sv.data(), sv.data() + sv.size(), v);
    (void)p;
    // A bound keeps shares (sums of weights) exact enough and far from overflow.
    constexpr double kMaxWeight = 1'000'000;
    if (ec != std::errc{} || v > kMaxWeight) {
      Diagnostic d = make_diagnostic(DiagId::syntax_number_too_large, span,
                                     fmt::format("the number `{}` is too large for a weight", sv));
      d.with_label("at most 1000000").with_help("weights only compare sanctions: scale them all down");
      b.ctx->report(std::move(d));
      v = kMaxWeight;
    }
    b.decl.weight->value = v;
    b.decl.weight->span = span;
  }
};

// Reads a DATE and reports one that names no day of the calendar.
template <typename Input>
ast::DateLit date_literal(const Input& in, Builder& b, Span keyword) {
  ast::DateLit lit;
  lit.keyword_span = keyword;
  lit.span = b.ctx->span(in.begin(), in.end());
  lit.date = Date::parse(in.string_view());
  if (!lit.date) {
    Diagnostic d = make_diagnostic(DiagId::syntax_invalid_date, lit.span,
                                   fmt::format("`{}` is not a date of the calendar", in.string_view()));
    d.with_label("no such day").with_help("write the date as `YYYY-MM-DD`, with a month from 01 to 12 and a day that month has");
    b.ctx->report(std::move(d));
  }
  return lit;
}
template <>
struct action<g::kw_since> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) { b.date_keyword = b.ctx->span(in.begin(), in.end()); }
};
template <>
struct action<g::kw_until> : action<g::kw_since> {};
template <>
struct action<g::since_date> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) { b.decl.since = date_literal(in, b, b.date_keyword); }
};
template <>
struct action<g::until_date> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) { b.decl.until = date_literal(in, b, b.date_keyword); }
};
template <>
struct action<g::decl> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.decl.title = std::exchange(b.title, std::nullopt);
    b.decl.span = b.ctx->span(in.begin(), in.end());
    b.ctx->file().items.emplace_back(std::move(b.decl));
  }
};

// ---- clauses -------------------------------------------------------------------------
template <>
struct action<g::verb> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.clause = ast::Clause{};
    // The grammar matched one of the eight verbs; its first letter tells
    // which, except for `declare`/`dismantle` (told apart by the second).
    const std::string_view w = in.string_view();
    switch (w.empty() ? '\0' : w.front()) {
      case 'd': b.clause.verb = w.size() > 1 && w[1] == 'e' ? ast::Verb::declare : ast::Verb::dismantle; break;
      case 'f': b.clause.verb = ast::Verb::freeze; break;
      case 'l': b.clause.verb = ast::Verb::lift; break;
      case 'e': b.clause.verb = ast::Verb::ease; break;
      case 's': b.clause.verb = ast::Verb::suspend; break;
      case 'r': b.clause.verb = ast::Verb::retain; break;
      case 'p': b.clause.verb = ast::Verb::provide; break;
      default: break;
    }
    b.clause.verb_span = b.ctx->span(in.begin(), in.end());
    b.by_party.reset();
    b.verifier.reset();
    b.duration.reset();
  }
};
template <>
struct action<g::sanctions_word> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.clause.sanctions_keyword = true;
    b.clause.sanctions_keyword_span = b.ctx->span(in.begin(), in.end());
  }
};
template <>
struct action<g::by_party> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) { b.by_party = ident(in, b); }
};
template <>
struct action<g::target_all_by> {
  template <typename Input>
  static void apply(const Input&, Builder& b) {
    b.clause.targets.kind = ast::Targets::Kind::all_by;
    b.clause.targets.by = std::exchange(b.by_party, std::nullopt);
  }
};
template <>
struct action<g::target_all> {
  template <typename Input>
  static void apply(const Input&, Builder& b) { b.clause.targets.kind = ast::Targets::Kind::all; }
};
template <>
struct action<g::target_name> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) { b.clause.targets.names.push_back(ident(in, b)); }
};
template <>
struct action<g::targets> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) { b.clause.targets.span = b.ctx->span(in.begin(), in.end()); }
};
template <>
struct action<g::verifier_name> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) { b.verifier = ident(in, b); }
};
template <>
struct action<g::mod_verified> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    ast::Modifier m;
    m.kind = ast::Modifier::Kind::verified;
    m.verifier = std::exchange(b.verifier, std::nullopt);
    m.span = b.ctx->span(in.begin(), in.end());
    b.clause.modifiers.push_back(std::move(m));
  }
};
template <>
struct action<g::duration_amount> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.duration = ast::Duration{};
    const auto sv = in.string_view();
    std::uint64_t v = 0;
    auto [p, ec] = std::from_chars(sv.data(), sv.data() + sv.size(), v);
    (void)p;
    if (ec != std::errc{} || v > 1'000'000) {
      Diagnostic d = make_diagnostic(DiagId::syntax_number_too_large, b.ctx->span(in.begin(), in.end()),
                                     fmt::format("the number `{}` is too large for a duration", sv));
      d.with_label("at most 1000000").with_help("write the duration in a larger unit");
      b.ctx->report(std::move(d));
      v = 1'000'000;
    }
    b.duration->amount = v;
  }
};
template <>
struct action<g::duration_unit> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    if (!b.duration) b.duration = ast::Duration{};
    const auto w = in.string_view();
    b.duration->unit_text = std::string(w);
    using U = ast::DurationUnit;
    if (w == "day" || w == "days") b.duration->unit = U::day;
    else if (w == "week" || w == "weeks") b.duration->unit = U::week;
    else if (w == "month" || w == "months") b.duration->unit = U::month;
    else if (w == "year" || w == "years") b.duration->unit = U::year;
    else b.duration->unit = U::unknown;
  }
};
template <>
struct action<g::duration> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    if (b.duration) b.duration->span = b.ctx->span(in.begin(), in.end());
  }
};
template <>
struct action<g::mod_within> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    ast::Modifier m;
    m.kind = ast::Modifier::Kind::within;
    m.duration = std::exchange(b.duration, std::nullopt);
    m.span = b.ctx->span(in.begin(), in.end());
    b.clause.modifiers.push_back(std::move(m));
  }
};
template <ast::Modifier::Kind K>
struct flag_modifier_action {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    ast::Modifier m;
    m.kind = K;
    m.span = b.ctx->span(in.begin(), in.end());
    b.clause.modifiers.push_back(std::move(m));
  }
};
template <> struct action<g::mod_partially> : flag_modifier_action<ast::Modifier::Kind::partially> {};
template <> struct action<g::mod_snapback> : flag_modifier_action<ast::Modifier::Kind::snapback> {};

template <>
struct action<g::clause> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.clause.span = b.ctx->span(in.begin(), in.end());
    if (b.in_step) {
      b.step.clauses.push_back(std::move(b.clause));
    } else {
      b.agreement.items.emplace_back(std::move(b.clause));
    }
  }
};

// ---- expectations and builds_on ---------------------------------------------------------
template <>
struct action<g::kw_expect> {
  template <typename Input>
  static void apply(const Input&, Builder& b) { b.expectation = ast::Expectation{}; }
};
template <>
struct action<g::expectation_verdict> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.expectation.kind = in.string_view() == "acceptable" ? ast::Expectation::Kind::acceptable
                                                          : ast::Expectation::Kind::unacceptable;
  }
};
template <>
struct action<g::kw_violated> {
  template <typename Input>
  static void apply(const Input&, Builder& b) { b.expectation.kind = ast::Expectation::Kind::violated; }
};
template <>
struct action<g::kw_satisfied> {
  template <typename Input>
  static void apply(const Input&, Builder& b) { b.expectation.kind = ast::Expectation::Kind::satisfied; }
};
template <>
struct action<g::condition_ref> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) { b.expectation.condition = ident(in, b); }
};
template <>
struct action<g::expect_stmt> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.expectation.span = b.ctx->span(in.begin(), in.end());
    b.agreement.items.emplace_back(std::move(b.expectation));
  }
};
template <>
struct action<g::kw_builds_on> {
  template <typename Input>
  static void apply(const Input&, Builder& b) { b.builds_on = ast::BuildsOn{}; }
};
template <>
struct action<g::builds_on_name> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) { b.builds_on.agreements.push_back(ident(in, b)); }
};
template <>
struct action<g::builds_on_stmt> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.builds_on.span = b.ctx->span(in.begin(), in.end());
    b.agreement.items.emplace_back(std::move(b.builds_on));
  }
};

// ---- steps -----------------------------------------------------------------------------------
template <>
struct action<g::kw_step> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.step = ast::Step{};
    b.step.span = b.ctx->span(in.begin(), in.end());
    b.title.reset();
  }
};
template <>
struct action<g::step_name> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) { b.step.name = ident(in, b); }
};
template <>
struct action<g::after_name> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) { b.step.after.push_back(ident(in, b)); }
};
template <>
struct action<g::step_open> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) { b.step_brace = b.ctx->offset(in.begin()); }
};
template <>
struct action<g::step_header> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.step.title = std::exchange(b.title, std::nullopt);
    b.step.header_span = b.ctx->span(in.begin(), in.end());
    b.in_step = true;
  }
};

void report_unclosed(Builder& b, std::uint32_t brace, const char* at, std::string_view what) {
  Diagnostic d = make_diagnostic(DiagId::syntax_unclosed_block, b.ctx->span_at(brace, 1),
                                 fmt::format("this `{{` of the {} has no matching `}}`", what));
  d.label = "opened here";
  const std::uint32_t off = b.ctx->offset(at);
  d.with_related(b.ctx->span_at(b.ctx->previous_token_end(at), 0),
                 off >= b.ctx->source().text().size() ? "the file ends before it is closed"
                                                       : "expected `}` here");
  d.with_help(fmt::format("add `}}` at the end of the {}", what));
  b.ctx->report(std::move(d));
}

template <>
struct action<g::step_unclosed> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) { report_unclosed(b, b.step_brace, in.begin(), "step"); }
};
template <>
struct action<g::step> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.step.span = b.ctx->span(in.begin(), in.end());
    b.in_step = false;
    b.agreement.items.emplace_back(std::move(b.step));
  }
};

// ---- agreements ------------------------------------------------------------------------------
template <>
struct action<g::kw_agreement> {
  template <typename Input>
  static void apply(const Input&, Builder& b) {
    b.agreement = ast::Agreement{};
    b.in_step = false;
    b.title.reset();
  }
};
template <>
struct action<g::agreement_name> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) { b.agreement.name = ident(in, b); }
};
template <>
struct action<g::agreement_open> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) { b.agreement_brace = b.ctx->offset(in.begin()); }
};
template <>
struct action<g::agreement_header> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.agreement.title = std::exchange(b.title, std::nullopt);
    b.agreement.header_span = b.ctx->span(in.begin(), in.end());
  }
};
template <>
struct action<g::agreement_unclosed> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    report_unclosed(b, b.agreement_brace, in.begin(), "agreement");
  }
};
template <>
struct action<g::agreement> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.agreement.span = b.ctx->span(in.begin(), in.end());
    b.ctx->file().items.emplace_back(std::move(b.agreement));
  }
};

// ---- profiles: their own action class and state (dsl/profile_parse.hpp) ------------------------
template <>
struct action<g::profile_decl>
    : pegtl::change_action_and_state<profile_parse::action, profile_parse::State> {
  template <typename Input>
  static void success(const Input&, profile_parse::State& ps, Builder& b) {
    b.ctx->file().items.emplace_back(std::make_shared<ast::Profile>(std::move(ps.profile)));
  }
};

// ---- a `;` missing at a line end: report it and keep the item -------------------------------
template <typename Tag>
struct missing_semi_action {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.ctx->expected(in.begin(), grammar::error_message<Tag>, true, true);
  }
};
template <> struct action<g::missing_semi<g::import_end_tag>> : missing_semi_action<g::import_end> {};
template <> struct action<g::missing_semi<g::decl_end_tag>> : missing_semi_action<g::decl_end> {};
template <> struct action<g::missing_semi<g::expect_end_tag>> : missing_semi_action<g::expect_end> {};
template <> struct action<g::missing_semi<g::builds_on_end_tag>> : missing_semi_action<g::builds_on_end> {};
template <> struct action<g::missing_semi<g::clause_end_tag>> : missing_semi_action<g::clause_end> {};

// ---- recovery ----------------------------------------------------------------------------------
template <>
struct action<g::skip_top_item> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) { b.ctx->recovered(in.begin(), in.end(), false, false); }
};
template <>
struct action<g::skip_block_item> {
  template <typename Input>
  static void apply(const Input& in, Builder& b) {
    b.ctx->recovered(in.begin(), in.end(), true, b.in_step);
  }
};

}  // namespace

// The `;`-ending rules point their error after the previous token.
template <> inline constexpr bool parse_detail::anchor_after_previous<g::import_end> = true;
template <> inline constexpr bool parse_detail::anchor_after_previous<g::decl_end> = true;
template <> inline constexpr bool parse_detail::anchor_after_previous<g::expect_end> = true;
template <> inline constexpr bool parse_detail::anchor_after_previous<g::builds_on_end> = true;
template <> inline constexpr bool parse_detail::anchor_after_previous<g::clause_end> = true;
template <> inline constexpr bool parse_detail::anchor_after_previous<g::semi> = true;

namespace {

// Reports the first NUL byte and the first invalid UTF-8 sequence, if any.
// Both make the file unusable as text: the parser does not run on them.
bool check_encoding(const SourceFile& source, DiagnosticSink& sink) {
  const std::string_view text = source.text();
  const auto nul = text.find('\0');
  if (nul != std::string_view::npos) {
    const auto off = static_cast<std::uint32_t>(nul);
    Diagnostic d = make_diagnostic(DiagId::io_nul_byte, Span{source.id(), off, off + 1},
                                   "the file contains a NUL byte");
    d.label = "NUL byte here";
    d.with_help("term files are UTF-8 text; is this a binary file?");
    sink.emit(std::move(d));
    return false;
  }
  const auto bad = find_invalid_utf8(text);
  if (bad != std::string_view::npos) {
    const auto off = static_cast<std::uint32_t>(bad);
    Diagnostic d = make_diagnostic(DiagId::io_invalid_utf8, Span{source.id(), off, off + 1},
                                   fmt::format("the file is not valid UTF-8 (byte 0x{:02X} at offset {})",
                                               static_cast<unsigned char>(text[bad]), bad));
    d.label = "invalid byte";
    d.with_help("save the file as UTF-8");
    sink.emit(std::move(d));
    return false;
  }
  return true;
}

}  // namespace

ast::File parse_file(const SourceFile& source, DiagnosticSink& sink, const ParseOptions& options) {
  ast::File file;
  file.file = source.id();
  if (!check_encoding(source, sink)) {
    file.has_syntax_errors = true;
    return file;
  }
  Context ctx(source, sink, options, file);
  Builder builder;
  builder.ctx = &ctx;
  pegtl::memory_input<pegtl::tracking_mode::lazy, pegtl::eol::lf_crlf> in(
      source.text().data(), source.text().size(), source.path());
  try {
    pegtl::parse<g::file, action, parse_detail::control>(in, builder);
  } catch (const parse_detail::too_many_errors&) {
    file.has_syntax_errors = true;
  } catch (const parse_detail::recoverable_error&) {
    // Every raise is inside a recovery point; reaching here means a rule
    // outside them failed. Keep what parsed; the error was already reported.
    file.has_syntax_errors = true;
  }
  return file;
}

}  // namespace terms
