// Builds formula trees (ast::Formula) from PEGTL parse trees of grammar::pf::formula.
//
// The parse tree keeps only the rules listed in Selector; every other rule is
// transparent, its kept descendants becoming children of the nearest kept
// ancestor. Each convert_* function below takes one kept node.

#include "dsl/profile_parse.hpp"

#include <charconv>
#include <string>
#include <system_error>

#include <fmt/format.h>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include "grammar/recovery.hpp"

namespace terms {

namespace ast {
std::string_view to_string(ConditionSeverity s) {
  return s == ConditionSeverity::prefer ? "prefer" : "require";
}
}  // namespace ast

namespace profile_parse {
namespace {

namespace pegtl = tao::pegtl;
namespace pt = tao::pegtl::parse_tree;
using Node = pt::node;

// clang-format off
template <typename Rule>
using Selector = pt::selector<Rule, pt::store_content::on<
    pf::f_or, pf::f_and, pf::f_not, pf::f_if, pf::f_true, pf::f_false,
    pf::comparison, pf::numeric, pf::num_factor, pf::num_literal,
    pf::num_share, pf::num_count,
    pf::cmp_le, pf::cmp_ge, pf::cmp_ne, pf::cmp_lt, pf::cmp_gt, pf::cmp_eq,
    pf::agreement_sentence, pf::builds_on_positive, pf::builds_on_negative, pf::agreement_has,
    pf::there_sentence, pf::quantified, pf::qnp,
    pf::q_every, pf::q_some, pf::q_at_least, pf::q_at_most, pf::q_no_more_than,
    pf::q_no_fewer_than, pf::q_no, pf::q_exactly, pf::q_more_than, pf::q_fewer_than,
    pf::count_value,
    pf::noun_phrase, pf::np_word, pf::relative_that, pf::participle,
    pf::vp_be, pf::vp_targets, pf::vp_holds, pf::vp_comes, pf::vp_negation,
    pf::property, pf::p_or, pf::p_and, pf::p_not, pf::p_group, pf::p_state, pf::p_in_force,
    pf::p_within, pf::force_word, pf::full_word, pf::stray_moment, pf::state_word, pf::state_adverb, pf::snapback_with, pf::snapback_without,
    pf::verified_by,
    pf::flt_side, pf::flt_kind, pf::flt_owner, pf::flt_in_step, pf::flt_in_program,
    pf::flt_in_steps, pf::flt_snapback, pf::flt_deadline, pf::flt_with, pf::flt_targeting,
    pf::flt_order, pf::o_at_or_after, pf::o_at_or_before, pf::o_after, pf::o_before,
    pf::anchor_named, pf::anchor_first, pf::anchor_last,
    pf::t_end, pf::t_start, pf::t_after, pf::t_before,
    pf::object_ref, pf::entity_ref, pf::side_word, pf::kind_name, pf::owner_ref, pf::step_ref,
    pf::program_ref, pf::verifier_ref, pf::duration_amount, pf::duration_unit>>;
// clang-format on

// Thrown inside the converter on an impossible tree shape (a bug, not bad input);
// caught in build_formula.
struct shape_error {};
// Thrown when the formula has more parts than ParseOptions::max_formula_size.
struct too_large {};

class Converter {
 public:
  explicit Converter(parse_detail::Context& ctx) : ctx_(ctx), limit_(ctx.options().max_formula_size) {}

  std::shared_ptr<const ast::Formula> formula(const Node& n) {
    // `a or b` and `a and b` with one operand are the operand: not a part.
    if ((n.is_type<pf::f_or>() || n.is_type<pf::f_and>()) && n.children.size() == 1) {
      return formula(child(n, 0));
    }
    count_part();
    auto f = std::make_shared<ast::Formula>();
    f->span = span(n);
    if (n.is_type<pf::f_or>() || n.is_type<pf::f_and>()) {
      f->kind = n.is_type<pf::f_or>() ? ast::Formula::Kind::any_of : ast::Formula::Kind::all_of;
      for (const auto& c : n.children) f->operands.push_back(formula(*c));
    } else if (n.is_type<pf::f_not>()) {
      f->kind = ast::Formula::Kind::negation;
      f->operands.push_back(formula(child(n, 0)));
    } else if (n.is_type<pf::f_if>()) {
      f->kind = ast::Formula::Kind::implication;
      f->operands.push_back(formula(child(n, 0)));
      f->operands.push_back(formula(child(n, 1)));
    } else if (n.is_type<pf::f_true>() || n.is_type<pf::f_false>()) {
      f->kind = ast::Formula::Kind::constant;
      f->constant = n.is_type<pf::f_true>();
    } else if (n.is_type<pf::comparison>()) {
      f->kind = ast::Formula::Kind::comparison;
      f->lhs = numeric(child(n, 0));
      f->comparison = comparison(child(n, 1));
      f->rhs = numeric(child(n, 2));
    } else if (n.is_type<pf::agreement_sentence>()) {
      const Node& p = child(n, 0);
      if (p.is_type<pf::agreement_has>()) {
        f->kind = ast::Formula::Kind::quantified;
        f->quantified = quantified_phrase(child(p, 0));
      } else {
        f->kind = ast::Formula::Kind::builds_on;
        f->negated = p.is_type<pf::builds_on_negative>();
        f->object = object(child(p, p.children.size() - 1));
      }
    } else if (n.is_type<pf::there_sentence>()) {
      f->kind = ast::Formula::Kind::quantified;
      f->quantified = quantified_phrase(child(n, 0));
    } else if (n.is_type<pf::quantified>()) {
      f->kind = ast::Formula::Kind::quantified;
      ast::QuantifiedPhrase q;
      q.quantifier = quantifier(child(n, 0));
      q.phrase = noun_phrase(child(n, 1));
      q.span = join(q.quantifier.span, q.phrase->span);
      f->quantified = std::move(q);
      if (n.children.size() > 2) f->predicate = verb_phrase(child(n, 2));
    } else {
      throw shape_error{};
    }
    return f;
  }

 private:
  parse_detail::Context& ctx_;
  std::size_t limit_;
  std::size_t parts_ = 0;

  // Counts one part of the formula (a connective or sentence, a noun phrase,
  // a filter or property); stops the conversion past the limit.
  void count_part() {
    if (++parts_ > limit_ && limit_ != 0) throw too_large{};
  }

  static const Node& child(const Node& n, std::size_t i) {
    if (i >= n.children.size() || !n.children[i]) throw shape_error{};
    return *n.children[i];
  }
  Span span(const Node& n) const { return ctx_.span(n.m_begin.data, n.m_end.data); }
  ast::Word word(const Node& n) const { return ast::Word{std::string(n.string_view()), span(n)}; }
  ast::Ident ident(const Node& n) const { return ast::Ident{std::string(n.string_view()), span(n)}; }
  // The first word of a node's text ("is" of "is verified").
  ast::Word first_word(const Node& n) const {
    const std::string_view t = n.string_view();
    std::size_t len = 0;
    while (len < t.size() && grammar::recovery_detail::is_ident_char(t[len])) ++len;
    const Span s = span(n);
    return ast::Word{std::string(t.substr(0, len)), Span{s.file, s.begin, s.begin + static_cast<std::uint32_t>(len)}};
  }

  std::uint64_t count(const Node& n) {
    const std::string_view t = n.string_view();
    static constexpr std::string_view words[] = {"one", "two", "three", "four", "five"};
    for (std::size_t i = 0; i < std::size(words); ++i) {
      if (t == words[i]) return i + 1;
    }
    std::uint64_t v = 0;
    const auto r = std::from_chars(t.data(), t.data() + t.size(), v);
    if (r.ec != std::errc{}) {
      ctx_.report(make_diagnostic(DiagId::syntax_number_too_large, span(n),
                                  fmt::format("the number `{}` is too large", t))
                      .with_help("counts must be below 2^64"));
    }
    return v;
  }

  double decimal(std::string_view t, Span where) {
    double v = 0;
    const auto r = std::from_chars(t.data(), t.data() + t.size(), v);
    if (r.ec != std::errc{}) {
      ctx_.report(make_diagnostic(DiagId::syntax_number_too_large, where,
                                  fmt::format("the number `{}` is out of range", t)));
    }
    return v;
  }

  ast::Quantifier quantifier(const Node& n) {
    ast::Quantifier q;
    q.span = span(n);
    using K = ast::QuantifierKind;
    if (n.is_type<pf::q_every>()) {
      q.kind = K::every;
    } else if (n.is_type<pf::q_some>()) {
      q.kind = K::some;
    } else if (n.is_type<pf::q_no>()) {
      q.kind = K::no;
    } else {
      if (n.is_type<pf::q_at_least>() || n.is_type<pf::q_no_fewer_than>()) {
        q.kind = K::at_least;
      } else if (n.is_type<pf::q_at_most>() || n.is_type<pf::q_no_more_than>()) {
        q.kind = K::at_most;
      } else if (n.is_type<pf::q_exactly>()) {
        q.kind = K::exactly;
      } else if (n.is_type<pf::q_more_than>()) {
        q.kind = K::more_than;
      } else if (n.is_type<pf::q_fewer_than>()) {
        q.kind = K::fewer_than;
      } else {
        throw shape_error{};
      }
      q.count = count(child(n, 0));
    }
    return q;
  }

  ast::QuantifiedPhrase quantified_phrase(const Node& n) {
    if (!n.is_type<pf::qnp>()) throw shape_error{};
    ast::QuantifiedPhrase q;
    q.quantifier = quantifier(child(n, 0));
    q.phrase = noun_phrase(child(n, 1));
    q.span = span(n);
    return q;
  }

  std::shared_ptr<const ast::NounPhrase> noun_phrase(const Node& n) {
    if (!n.is_type<pf::noun_phrase>()) throw shape_error{};
    count_part();
    auto np = std::make_shared<ast::NounPhrase>();
    np->span = span(n);
    for (const auto& c : n.children) {
      if (c->is_type<pf::np_word>()) {
        np->words.push_back(word(*c));
      } else if (c->is_type<pf::relative_that>()) {
        const Node& vp = child(*c, 0);
        np->relative = verb_phrase(vp);
        np->relative_verb = first_word(vp);
      } else if (c->is_type<pf::participle>()) {
        // The lookahead that recognises a participle may leave a node before
        // the property (PEGTL keeps nodes of a successful at<>): take the last.
        np->relative = property(child(*c, c->children.size() - 1));
      } else if (c->is_type<pf::stray_moment>()) {
        np->stray_moment = span(*c);
      } else {
        np->filters.push_back(predicate(*c));
      }
    }
    return np;
  }

  std::shared_ptr<const ast::Predicate> verb_phrase(const Node& n) {
    if (n.is_type<pf::vp_be>()) return property(child(n, 0));
    if (n.is_type<pf::vp_comes>()) return predicate(child(n, 0));
    count_part();
    auto p = std::make_shared<ast::Predicate>();
    p->span = span(n);
    if (n.is_type<pf::vp_targets>()) {
      p->kind = ast::Predicate::Kind::targeting;
    } else if (n.is_type<pf::vp_holds>()) {
      p->kind = ast::Predicate::Kind::holding;
    } else {
      throw shape_error{};
    }
    for (const auto& c : n.children) {
      if (c->is_type<pf::vp_negation>()) p->negated = true;
      if (c->is_type<pf::object_ref>()) p->object = object(*c);
    }
    if (!p->object) throw shape_error{};
    return p;
  }

  // A property with an optional moment: a group carrying the moment.
  std::shared_ptr<const ast::Predicate> property(const Node& n) {
    if (!n.is_type<pf::property>()) throw shape_error{};
    auto inner = predicate(child(n, 0));
    if (n.children.size() < 2) return inner;
    count_part();
    auto g = std::make_shared<ast::Predicate>();
    g->kind = ast::Predicate::Kind::group;
    g->span = span(n);
    g->operands.push_back(std::move(inner));
    g->moment = moment(child(n, 1));
    return g;
  }

  std::shared_ptr<const ast::Predicate> predicate(const Node& n) {
    using K = ast::Predicate::Kind;
    if ((n.is_type<pf::p_or>() || n.is_type<pf::p_and>()) && n.children.size() == 1) {
      return predicate(child(n, 0));
    }
    count_part();
    auto p = std::make_shared<ast::Predicate>();
    p->span = span(n);
    if (n.is_type<pf::p_or>() || n.is_type<pf::p_and>()) {
      p->kind = n.is_type<pf::p_or>() ? K::any_of : K::all_of;
      for (const auto& c : n.children) p->operands.push_back(predicate(*c));
    } else if (n.is_type<pf::p_not>()) {
      p->kind = K::negation;
      p->operands.push_back(predicate(child(n, 0)));
    } else if (n.is_type<pf::p_group>()) {
      p->kind = K::group;
      p->operands.push_back(predicate(child(n, 0)));
      if (n.children.size() > 1) p->moment = moment(child(n, 1));
    } else if (n.is_type<pf::p_state>()) {
      p->kind = K::state;
      for (const auto& c : n.children) {
        if (c->is_type<pf::state_word>()) {
          p->word = word(*c);
        } else if (c->is_type<pf::state_adverb>() && !p->adverb) {
          p->adverb = word(*c);
        } else if (c->is_type<pf::verified_by>()) {
          p->name = ident(child(*c, 0));
        } else {
          p->qualifiers.push_back(word(*c));
        }
      }
    } else if (n.is_type<pf::p_in_force>()) {
      p->kind = K::in_force;
      for (const auto& c : n.children) {
        if (c->is_type<pf::full_word>()) {
          p->adverb = word(*c);
        } else {
          p->word = word(*c);
        }
      }
    } else if (n.is_type<pf::p_within>()) {
      p->kind = K::within;
      ast::Duration d;
      const Node& amount = child(n, 0);
      const Node& unit = child(n, 1);
      d.amount = count(amount);
      d.unit_text = std::string(unit.string_view());
      d.unit = unit_of(d.unit_text);
      d.span = join(span(amount), span(unit));
      p->duration = std::move(d);
    } else if (n.is_type<pf::flt_side>()) {
      p->kind = K::side;
      p->word = word(child(n, 0));
    } else if (n.is_type<pf::flt_kind>()) {
      p->kind = K::kind;
      p->name = ident(child(n, 0));
    } else if (n.is_type<pf::flt_owner>()) {
      p->kind = K::owner;
      p->name = ident(child(n, 0));
    } else if (n.is_type<pf::flt_in_step>()) {
      p->kind = K::in_step;
      p->name = ident(child(n, 0));
    } else if (n.is_type<pf::flt_in_program>()) {
      p->kind = K::in_program;
      p->name = ident(child(n, 0));
    } else if (n.is_type<pf::flt_in_steps>()) {
      p->kind = K::in_steps;
      ast::ObjectRef o;
      o.quantified = quantified_phrase(child(n, 0));
      o.span = o.quantified->span;
      p->object = std::move(o);
    } else if (n.is_type<pf::flt_snapback>()) {
      p->kind = K::snapback;
    } else if (n.is_type<pf::flt_deadline>()) {
      p->kind = K::deadline;
    } else if (n.is_type<pf::flt_with>()) {
      p->kind = K::holding;
      p->object = object(child(n, 0));
    } else if (n.is_type<pf::flt_targeting>()) {
      p->kind = K::targeting;
      p->object = object(child(n, 0));
    } else if (n.is_type<pf::flt_order>()) {
      p->kind = K::order;
      const Node& o = child(n, 0);
      if (o.is_type<pf::o_at_or_after>()) {
        p->order = ast::StepOrder::at_or_after;
      } else if (o.is_type<pf::o_at_or_before>()) {
        p->order = ast::StepOrder::at_or_before;
      } else if (o.is_type<pf::o_after>()) {
        p->order = ast::StepOrder::after;
      } else {
        p->order = ast::StepOrder::before;
      }
      p->anchor = anchor(child(n, 1));
    } else {
      throw shape_error{};
    }
    return p;
  }

  static ast::DurationUnit unit_of(std::string_view u) {
    if (u == "day" || u == "days") return ast::DurationUnit::day;
    if (u == "week" || u == "weeks") return ast::DurationUnit::week;
    if (u == "month" || u == "months") return ast::DurationUnit::month;
    if (u == "year" || u == "years") return ast::DurationUnit::year;
    return ast::DurationUnit::unknown;
  }

  ast::ObjectRef object(const Node& n) {
    if (!n.is_type<pf::object_ref>()) throw shape_error{};
    ast::ObjectRef o;
    o.span = span(n);
    const Node& c = child(n, 0);
    if (c.is_type<pf::entity_ref>()) {
      o.name = ident(c);
    } else {
      o.quantified = quantified_phrase(c);
    }
    return o;
  }

  ast::StepAnchor anchor(const Node& n) {
    ast::StepAnchor a;
    a.span = span(n);
    if (n.is_type<pf::anchor_named>()) {
      a.kind = ast::StepAnchor::Kind::named;
      a.step = ident(child(n, 0));
    } else if (n.is_type<pf::anchor_first>() || n.is_type<pf::anchor_last>()) {
      a.kind = n.is_type<pf::anchor_first>() ? ast::StepAnchor::Kind::first : ast::StepAnchor::Kind::last;
      a.phrase = noun_phrase(child(n, 0));
    } else {
      a.kind = ast::StepAnchor::Kind::quantified;
      a.quantified = quantified_phrase(n);
    }
    return a;
  }

  ast::Moment moment(const Node& n) {
    ast::Moment m;
    m.span = span(n);
    if (n.is_type<pf::t_end>()) {
      m.kind = ast::Moment::Kind::end;
    } else if (n.is_type<pf::t_start>()) {
      m.kind = ast::Moment::Kind::start;
    } else if (n.is_type<pf::t_after>() || n.is_type<pf::t_before>()) {
      m.kind = n.is_type<pf::t_after>() ? ast::Moment::Kind::after : ast::Moment::Kind::before;
      m.anchor = anchor(child(n, 0));
    } else {
      throw shape_error{};
    }
    return m;
  }

  static ast::Comparison comparison(const Node& n) {
    if (n.is_type<pf::cmp_le>()) return ast::Comparison::le;
    if (n.is_type<pf::cmp_ge>()) return ast::Comparison::ge;
    if (n.is_type<pf::cmp_lt>()) return ast::Comparison::lt;
    if (n.is_type<pf::cmp_gt>()) return ast::Comparison::gt;
    if (n.is_type<pf::cmp_eq>()) return ast::Comparison::eq;
    if (n.is_type<pf::cmp_ne>()) return ast::Comparison::ne;
    throw shape_error{};
  }

  ast::Numeric numeric(const Node& n) {
    ast::Numeric v;
    v.span = span(n);
    for (const auto& c : n.children) {
      if (c->is_type<pf::num_factor>()) {
        std::string_view t = c->string_view();
        std::size_t len = 0;
        while (len < t.size() && (t[len] == '.' || (t[len] >= '0' && t[len] <= '9'))) ++len;
        v.factor = decimal(t.substr(0, len), span(*c));
      } else if (c->is_type<pf::num_literal>()) {
        v.kind = ast::Numeric::Kind::literal;
        std::string_view t = c->string_view();
        if (!t.empty() && t.back() == '%') {
          v.percent = true;
          t.remove_suffix(1);
        }
        v.value = decimal(t, span(*c));
        if (v.percent) v.value /= 100.0;
      } else if (c->is_type<pf::num_share>() || c->is_type<pf::num_count>()) {
        v.kind = c->is_type<pf::num_share>() ? ast::Numeric::Kind::share : ast::Numeric::Kind::count;
        v.phrase = noun_phrase(child(*c, 0));
      } else {
        throw shape_error{};
      }
    }
    return v;
  }
};

}  // namespace

std::shared_ptr<const ast::Formula> build_formula(parse_detail::Context& ctx, const char* begin,
                                                  const char* end) {
  try {
    pegtl::memory_input<> in(begin, end, ctx.source().path());
    auto root = pt::parse<pf::formula, Selector>(in);
    if (!root || root->children.empty()) throw shape_error{};
    return Converter(ctx).formula(*root->children.front());
  } catch (const too_large&) {
    const std::size_t limit = ctx.options().max_formula_size;
    const std::string_view first = ctx.found_token(begin);
    ctx.report(make_diagnostic(DiagId::profile_formula_too_large,
                               ctx.span_at(ctx.offset(begin), static_cast<std::uint32_t>(first.size())),
                               fmt::format("this formula has more than {} parts, the limit", limit))
                   .with_label("the formula starts here")
                   .with_note("each connective (`and`, `or`, `not`, `if`), sentence, noun phrase, filter and "
                              "property is a part")
                   .with_help("split the condition into several conditions, or raise the limit "
                              "(`--max-formula-size`)"));
    return nullptr;
  } catch (const shape_error&) {
  } catch (const pegtl::parse_error&) {
  }
  ctx.report(make_diagnostic(DiagId::syntax_error, ctx.span(begin, end),
                             "internal error: this formula matched the grammar but could not be read")
                 .with_help("please report this formula to the maintainers"));
  return nullptr;
}

void report_skipped_condition(parse_detail::Context& ctx, const char* begin, const char* end) {
  if (ctx.raised) {
    ctx.raised = false;
    return;
  }
  (void)end;
  const std::string_view tok = ctx.found_token(begin);
  const Span where = ctx.span_at(ctx.offset(begin), static_cast<std::uint32_t>(tok.size()));
  if (!tok.empty() && grammar::recovery_detail::is_ident_char(tok.front())) {
    Diagnostic d = make_diagnostic(DiagId::syntax_error, where,
                                   fmt::format("expected a condition, found `{}`", tok));
    d.label = "not `require` or `prefer`";
    static const std::vector<std::string_view> starters = {"require", "prefer"};
    if (auto m = closest_match(tok, starters)) {
      d.with_help(fmt::format("did you mean `{}`?", *m));
    } else {
      d.with_help("a condition reads `require ID \"statement\": FORMULA;` or `prefer ID \"statement\": FORMULA;`");
    }
    ctx.report(std::move(d));
    return;
  }
  Diagnostic d = make_diagnostic(DiagId::syntax_error, where,
                                 fmt::format("expected a condition, found `{}`", tok));
  d.label = "expected `require` or `prefer` here";
  ctx.report(std::move(d));
}

}  // namespace profile_parse
}  // namespace terms
