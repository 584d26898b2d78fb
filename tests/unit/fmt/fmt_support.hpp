#pragma once
// Helpers for the formatter's tests: parse-and-format in one call, a dump of
// what a syntax tree *means* (everything but positions, with the order of a
// clause's modifiers and the spelling `sanction`/`sanctions` normalised, the
// only freedoms the formatter takes), and the multiset of a file's comments.
//
// Lifetime: a Parsed owns its SourceManager, so its tree's spans stay valid
// as long as it lives.

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "dsl/ast.hpp"
#include "dsl/diagnostics.hpp"
#include "dsl/fmt/format.hpp"
#include "dsl/parser.hpp"
#include "dsl/profile_ast.hpp"
#include "dsl/source.hpp"

namespace terms::fmt_test {

struct Parsed {
  explicit Parsed(std::string text, std::string path = "test.terms") {
    source = &sources.add(std::move(path), std::move(text));
    file = parse_file(*source, diags);
  }
  bool ok() const { return !diags.has_errors() && !file.has_syntax_errors; }
  std::string errors() const {
    std::string s;
    for (const auto& d : diags.all()) {
      const auto lc = source->line_col(d.span.begin);
      s += fmt::format("{}:{}: {} {}\n", lc.line, lc.column, d.code, d.message);
    }
    return s;
  }

  SourceManager sources;
  const SourceFile* source = nullptr;
  DiagnosticBag diags;
  ast::File file;
};

// The formatted text, or "<not formatted>" when the formatter refuses.
inline std::string format_text(std::string text, const FormatOptions& options = {}) {
  Parsed p(std::move(text));
  return format_file(p.file, *p.source, options).value_or("<not formatted>");
}

// ---- what a tree means ------------------------------------------------------------------

inline std::string dump(const ast::Formula* f);
inline std::string dump(const ast::Predicate* p);
inline std::string dump(const ast::NounPhrase* n);

inline std::string dump(const ast::Duration& d) { return fmt::format("{} {}", d.amount, d.unit_text); }

inline std::string dump(const ast::QuantifiedPhrase& q) {
  return fmt::format("(q{} {} {})", static_cast<int>(q.quantifier.kind), q.quantifier.count, dump(q.phrase.get()));
}

inline std::string dump(const ast::StepAnchor& a) {
  std::string s = fmt::format("(anchor{}", static_cast<int>(a.kind));
  if (a.step) s += " " + a.step->name;
  if (a.phrase) s += " " + dump(a.phrase.get());
  if (a.quantified) s += " " + dump(*a.quantified);
  return s + ")";
}

inline std::string dump(const ast::Moment& m) {
  std::string s = fmt::format("(moment{}", static_cast<int>(m.kind));
  if (m.anchor) s += " " + dump(*m.anchor);
  return s + ")";
}

inline std::string dump(const ast::ObjectRef& o) {
  std::string s = "(object";
  if (o.name) s += " " + o.name->name;
  if (o.quantified) s += " " + dump(*o.quantified);
  return s + ")";
}

inline std::string dump(const ast::Numeric& n) {
  std::string s = fmt::format("(num{} {} {}", static_cast<int>(n.kind), n.value, n.percent);
  if (n.factor) s += fmt::format(" x{}", *n.factor);
  if (n.phrase) s += " " + dump(n.phrase.get());
  return s + ")";
}

inline std::string dump(const ast::NounPhrase* n) {
  if (n == nullptr) return "-";
  // Appended piece by piece: g++ 12 at -O3 warns (-Wrestrict, a false
  // positive) on `" " + std::string` here.
  std::string s = "(np";
  for (const auto& w : n->words) {
    s += ' ';
    s += w.text;
  }
  for (const auto& f : n->filters) {
    s += ' ';
    s += dump(f.get());
  }
  if (n->relative) {
    s += " rel ";
    s += dump(n->relative.get());
  }
  return s + ")";
}

inline std::string dump(const ast::Predicate* p) {
  if (p == nullptr) return "-";
  std::string s = fmt::format("(pred{}", static_cast<int>(p->kind));
  for (const auto& o : p->operands) s += " " + dump(o.get());
  if (p->moment) s += " " + dump(*p->moment);
  if (!p->word.text.empty()) s += " w:" + p->word.text;
  if (p->adverb) s += " adv:" + p->adverb->text;
  for (const auto& q : p->qualifiers) s += " q:" + q.text;
  if (p->name) s += " n:" + p->name->name;
  if (p->duration) s += " " + dump(*p->duration);
  if (p->object) s += " " + dump(*p->object);
  if (p->negated) s += " not";
  if (p->kind == ast::Predicate::Kind::order) s += fmt::format(" order{}", static_cast<int>(p->order));
  if (p->anchor) s += " " + dump(*p->anchor);
  return s + ")";
}

inline std::string dump(const ast::Formula* f) {
  if (f == nullptr) return "-";
  std::string s = fmt::format("(f{}", static_cast<int>(f->kind));
  for (const auto& o : f->operands) s += " " + dump(o.get());
  if (f->kind == ast::Formula::Kind::constant) s += f->constant ? " true" : " false";
  if (f->quantified) s += " " + dump(*f->quantified);
  if (f->predicate) s += " " + dump(f->predicate.get());
  if (f->lhs) s += " " + dump(*f->lhs);
  if (f->kind == ast::Formula::Kind::comparison) s += fmt::format(" cmp{}", static_cast<int>(f->comparison));
  if (f->rhs) s += " " + dump(*f->rhs);
  if (f->object) s += " " + dump(*f->object);
  if (f->negated) s += " not";
  return s + ")";
}

inline std::string dump(const ast::Clause& c) {
  std::string s = fmt::format("clause {} sanctions={}", ast::to_string(c.verb),
                              c.sanctions_keyword || ast::takes_sanctions(c.verb));
  switch (c.targets.kind) {
    case ast::Targets::Kind::names:
      for (const auto& n : c.targets.names) s += " " + n.name;
      break;
    case ast::Targets::Kind::all: s += " all"; break;
    case ast::Targets::Kind::all_by: s += " all by " + (c.targets.by ? c.targets.by->name : "?"); break;
  }
  std::vector<std::string> mods;
  for (const auto& m : c.modifiers) {
    std::string ms(ast::to_string(m.kind));
    if (m.verifier) ms += " by " + m.verifier->name;
    if (m.duration) ms += " " + dump(*m.duration);
    mods.push_back(ms);
  }
  std::stable_sort(mods.begin(), mods.end());  // the formatter fixes their order
  for (const auto& m : mods) s += " [" + m + "]";
  return s + "\n";
}

inline std::string dump_tree(const ast::File& file) {
  std::string s;
  auto title = [](const std::optional<ast::String>& t) { return t ? "\"" + t->value + "\"" : std::string("-"); };
  for (const auto& item : file.items) {
    if (const auto* i = std::get_if<ast::Import>(&item)) {
      s += "import " + i->path.value + "\n";
    } else if (const auto* d = std::get_if<ast::Decl>(&item)) {
      s += fmt::format("{} {} {} {} {}\n", ast::to_string(d->kind), d->name.name,
                       d->owner ? d->owner->name : "-", d->program_kind ? d->program_kind->name : "-",
                       title(d->title));
    } else if (const auto* a = std::get_if<ast::Agreement>(&item)) {
      s += fmt::format("agreement {} {}\n", a->name.name, title(a->title));
      for (const auto& ai : a->items) {
        if (const auto* b = std::get_if<ast::BuildsOn>(&ai)) {
          s += "  builds_on";
          for (const auto& n : b->agreements) s += " " + n.name;
          s += "\n";
        } else if (const auto* st = std::get_if<ast::Step>(&ai)) {
          s += fmt::format("  step {} {} after", st->name.name, title(st->title));
          for (const auto& n : st->after) s += " " + n.name;
          s += "\n";
          for (const auto& c : st->clauses) s += "    " + dump(c);
        } else if (const auto* c = std::get_if<ast::Clause>(&ai)) {
          s += "  " + dump(*c);
        } else if (const auto* e = std::get_if<ast::Expectation>(&ai)) {
          s += fmt::format("  expect {} {}\n", static_cast<int>(e->kind), e->condition ? e->condition->name : "-");
        }
      }
    } else if (const auto* p = std::get_if<std::shared_ptr<ast::Profile>>(&item)) {
      s += fmt::format("profile {} {}\n", (*p)->name.name, title((*p)->title));
      for (const auto& c : (*p)->conditions) {
        s += fmt::format("  {} {} \"{}\" {}\n", ast::to_string(c.severity), c.id.name, c.statement.value,
                         dump(c.formula.get()));
      }
    }
  }
  return s;
}

// The comments of a file, sorted, as the formatter writes them (no trailing whitespace).
inline std::vector<std::string> comment_multiset(const ast::File& file) {
  std::vector<std::string> v;
  for (const auto& c : file.comments) {
    std::string_view t = c.text;
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\r' || t.back() == '\f' ||
                          t.back() == '\v')) {
      t.remove_suffix(1);
    }
    v.emplace_back(t);
  }
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace terms::fmt_test
