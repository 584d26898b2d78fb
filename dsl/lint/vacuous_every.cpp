// L023 vacuous-every: a profile condition says `every ... clause ...` and
// nothing in it says whether such clauses exist.
//
// `every` over nothing holds: `every dismantle clause is verified` is true of
// a deal that dismantles nothing, which is how a deal that gives all relief for
// a declaration passed a dismantlement condition. The guard the rule accepts
// is any other quantified phrase of the same condition over the same words
// (`some dismantle clause`, `no relief clause`, `at least 1 ...`): the writer
// has said what an empty set means. Words are compared as written, the noun
// in the singular; filters and relative clauses are not compared.

#include <string>
#include <vector>

#include <fmt/format.h>

#include "dsl/lint/rules.hpp"
#include "dsl/profile_ast.hpp"

namespace terms::lint::rules {
namespace {

struct Phrase {
  const ast::QuantifiedPhrase* q;
  bool top;  // the subject of a formula (not the object of a relation)
};

// "relief clause": the phrase's words, the noun in the singular.
std::string key(const ast::NounPhrase& np) {
  std::string out;
  for (std::size_t i = 0; i < np.words.size(); ++i) {
    std::string w = np.words[i].text;
    if (i + 1 == np.words.size() && w == "clauses") w = "clause";
    out += out.empty() ? w : " " + w;
  }
  return out;
}

bool about_clauses(const ast::NounPhrase& np) {
  if (np.words.empty()) return false;
  const std::string& noun = np.words.back().text;
  return noun == "clause" || noun == "clauses";
}

void collect_predicate(const ast::Predicate* p, std::vector<Phrase>& out);

void collect_phrase(const ast::NounPhrase* np, std::vector<Phrase>& out) {
  if (!np) return;
  for (const auto& f : np->filters) collect_predicate(f.get(), out);
  collect_predicate(np->relative.get(), out);
}

void collect_quantified(const ast::QuantifiedPhrase& q, bool top, std::vector<Phrase>& out) {
  out.push_back(Phrase{&q, top});
  collect_phrase(q.phrase.get(), out);
}

void collect_predicate(const ast::Predicate* p, std::vector<Phrase>& out) {
  if (!p) return;
  for (const auto& o : p->operands) collect_predicate(o.get(), out);
  if (p->object && p->object->quantified) collect_quantified(*p->object->quantified, false, out);
  if (p->anchor && p->anchor->quantified) collect_quantified(*p->anchor->quantified, false, out);
}

void collect_formula(const ast::Formula* f, std::vector<Phrase>& out) {
  if (!f) return;
  for (const auto& o : f->operands) collect_formula(o.get(), out);
  if (f->quantified) collect_quantified(*f->quantified, true, out);
  collect_predicate(f->predicate.get(), out);
  if (f->object && f->object->quantified) collect_quantified(*f->object->quantified, false, out);
  for (const auto* n : {f->lhs ? &*f->lhs : nullptr, f->rhs ? &*f->rhs : nullptr}) {
    if (n) collect_phrase(n->phrase.get(), out);
  }
}

// A quantifier that says something about whether the set is empty.
bool guards(ast::QuantifierKind k, std::uint64_t count) {
  using QK = ast::QuantifierKind;
  switch (k) {
    case QK::some:
    case QK::no: return true;
    case QK::at_least:
    case QK::exactly:
    case QK::more_than: return true;
    case QK::at_most:
    case QK::fewer_than: return count == 0;
    case QK::every: return false;
  }
  (void)count;
  return false;
}

void check(RuleContext& cx) {
  for (const ast::Profile* profile : cx.tree().profiles()) {
    for (const ast::Condition& c : profile->conditions) {
      std::vector<Phrase> phrases;
      collect_formula(c.formula.get(), phrases);
      for (const Phrase& p : phrases) {
        if (!p.top || p.q->quantifier.kind != ast::QuantifierKind::every || !p.q->phrase) continue;
        if (!about_clauses(*p.q->phrase)) continue;
        const std::string k = key(*p.q->phrase);
        bool guarded = false;
        for (const Phrase& o : phrases) {
          if (o.q == p.q || !o.q->phrase) continue;
          if (guards(o.q->quantifier.kind, o.q->quantifier.count) && key(*o.q->phrase) == k) guarded = true;
        }
        if (guarded) continue;
        Diagnostic& d = cx.report(
            p.q->span, fmt::format("`every {}` holds when the agreement has no such clause", k));
        d.with_label(fmt::format("holds of a deal with no {}", k));
        d.with_help(fmt::format("say what an empty set means: `if some {} then ...`, or `some {} ... and ...`", k, k));
      }
    }
  }
}

}  // namespace

const Rule vacuous_every{
    {
        .code = "L023",
        .name = "vacuous-every",
        .category = "correctness",
        .severity = Severity::warning,
        .enabled_by_default = true,
        .fixable = false,
        .summary = "a profile condition's `every` ranges over clauses that may not exist",
        .what = "A condition of a profile that says `every ... clause ...` with no other phrase of "
                "the same condition over the same clauses (`some ...`, `no ...`, `at least 1 ...`).",
        .why = "`every` over nothing holds. `every dismantle clause is verified` is true of a deal "
               "that dismantles nothing at all, so a deal that trades every sanction for a "
               "declaration passes a condition written to demand verified dismantlement. Saying "
               "what the empty case means (`if some relief clause then every relief clause ...`, "
               "or `some dismantle clause is verified and every ...`) makes the profile mean what "
               "its writer meant.",
        .example = R"terms(profile verified "Verified dismantlement" {
  require verified-dismantlement "Dismantlement must be verifiable":
    every dismantle clause is verified;
}
)terms",
        .use_instead = R"terms(profile verified "Verified dismantlement" {
  require verified-dismantlement "Dismantlement must be verifiable":
    some dismantle clause is verified and every dismantle clause is verified;
}
)terms",
    },
    check,
};

}  // namespace terms::lint::rules
