#include "engine/profile_compile.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

#include <fmt/format.h>

namespace terms::engine {

const CompiledCondition* CompiledProfile::find(std::string_view id) const {
  for (const auto& c : conditions) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

std::string normalised_text(const SourceManager& sources, Span span) {
  const SourceFile* file = span.valid() ? sources.find(span.file) : nullptr;
  if (!file || span.end > file->text().size() || span.begin > span.end) return {};
  const std::string_view t = file->text().substr(span.begin, span.size());
  std::string out;
  bool space = false;
  bool in_string = false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (!in_string && c == '#') {
      while (i < t.size() && t[i] != '\n') ++i;
      space = true;
      continue;
    }
    if (c == '"') in_string = !in_string;
    if (!in_string && (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v')) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

namespace {

using ast::Verb;

constexpr std::uint16_t bit(Verb v) { return static_cast<std::uint16_t>(1u << static_cast<unsigned>(v)); }
constexpr std::uint16_t kConcessions = bit(Verb::declare) | bit(Verb::freeze) | bit(Verb::dismantle) |
                                       bit(Verb::convert) | bit(Verb::remove);
// A `dismantle clause` includes conversion and removal, which count as
// dismantlement (docs/profiles.md): `every dismantle clause is verified` covers them.
constexpr std::uint16_t kDismantlement = bit(Verb::dismantle) | bit(Verb::convert) | bit(Verb::remove);
constexpr std::uint16_t kRelief = bit(Verb::lift) | bit(Verb::ease) | bit(Verb::suspend) | bit(Verb::provide);
constexpr std::uint16_t kSanctionVerbs =
    bit(Verb::lift) | bit(Verb::ease) | bit(Verb::suspend) | bit(Verb::retain);

struct NounEntry {
  std::string_view word;
  Domain domain;
  std::string_view singular;
  std::string_view plural;
  std::uint16_t verbs;  // for `concession` / `relief` as nouns: the clauses they mean
};

constexpr std::array kNouns = {
    NounEntry{"clause", Domain::clause, "clause", "clauses", 0},
    NounEntry{"clauses", Domain::clause, "clause", "clauses", 0},
    NounEntry{"concession", Domain::clause, "concession", "concessions", kConcessions},
    NounEntry{"concessions", Domain::clause, "concession", "concessions", kConcessions},
    NounEntry{"step", Domain::step, "step", "steps", 0},
    NounEntry{"steps", Domain::step, "step", "steps", 0},
    NounEntry{"facility", Domain::facility, "facility", "facilities", 0},
    NounEntry{"facilities", Domain::facility, "facility", "facilities", 0},
    NounEntry{"program", Domain::program, "program", "programs", 0},
    NounEntry{"programs", Domain::program, "program", "programs", 0},
    NounEntry{"sanction", Domain::sanction, "sanction", "sanctions", 0},
    NounEntry{"sanctions", Domain::sanction, "sanction", "sanctions", 0},
    NounEntry{"benefit", Domain::benefit, "benefit", "benefits", 0},
    NounEntry{"benefits", Domain::benefit, "benefit", "benefits", 0},
    NounEntry{"party", Domain::party, "party", "parties", 0},
    NounEntry{"parties", Domain::party, "party", "parties", 0},
    NounEntry{"agreement", Domain::agreement, "agreement", "agreements", 0},
    NounEntry{"agreements", Domain::agreement, "agreement", "agreements", 0},
};

struct AdjectiveEntry {
  std::string_view word;
  std::uint16_t verbs;        // clause adjectives that pick verbs
  std::optional<StateWord> state;  // clause adjectives that are clause states
  bool agreement = false;     // a no-op adjective of agreements
};

constexpr std::array kAdjectives = {
    AdjectiveEntry{"declare", bit(Verb::declare), std::nullopt},
    AdjectiveEntry{"freeze", bit(Verb::freeze), std::nullopt},
    AdjectiveEntry{"dismantle", kDismantlement, std::nullopt},
    AdjectiveEntry{"convert", bit(Verb::convert), std::nullopt},
    AdjectiveEntry{"remove", bit(Verb::remove), std::nullopt},
    AdjectiveEntry{"lift", bit(Verb::lift), std::nullopt},
    AdjectiveEntry{"ease", bit(Verb::ease), std::nullopt},
    AdjectiveEntry{"suspend", bit(Verb::suspend), std::nullopt},
    AdjectiveEntry{"retain", bit(Verb::retain), std::nullopt},
    AdjectiveEntry{"provide", bit(Verb::provide), std::nullopt},
    AdjectiveEntry{"relief", kRelief, std::nullopt},
    AdjectiveEntry{"concession", kConcessions, std::nullopt},
    AdjectiveEntry{"sanction", kSanctionVerbs, std::nullopt},
    AdjectiveEntry{"verified", 0, StateWord::verified},
    AdjectiveEntry{"unverified", 0, StateWord::unverified},
    AdjectiveEntry{"partial", 0, StateWord::partial},
    AdjectiveEntry{"complete", 0, StateWord::complete},
    AdjectiveEntry{"earlier", 0, std::nullopt, true},
    AdjectiveEntry{"previous", 0, std::nullopt, true},
    AdjectiveEntry{"prior", 0, std::nullopt, true},
    AdjectiveEntry{"other", 0, std::nullopt, true},
};

struct StateEntry {
  std::string_view word;
  StateWord state;
  std::uint8_t domains;  // bit per Domain
};

constexpr std::uint8_t dom(Domain d) { return static_cast<std::uint8_t>(1u << static_cast<unsigned>(d)); }
constexpr std::uint8_t kThings = dom(Domain::facility) | dom(Domain::program);

constexpr std::array kStates = {
    StateEntry{"active", StateWord::active, kThings},
    StateEntry{"declared", StateWord::declared, kThings},
    StateEntry{"frozen", StateWord::frozen, kThings},
    StateEntry{"dismantled", StateWord::dismantled, kThings},
    StateEntry{"converted", StateWord::converted, kThings},
    StateEntry{"removed", StateWord::removed, kThings},
    StateEntry{"verified", StateWord::verified, static_cast<std::uint8_t>(kThings | dom(Domain::clause))},
    StateEntry{"unverified", StateWord::unverified, static_cast<std::uint8_t>(kThings | dom(Domain::clause))},
    StateEntry{"eased", StateWord::eased, dom(Domain::sanction)},
    StateEntry{"suspended", StateWord::suspended, dom(Domain::sanction)},
    StateEntry{"lifted", StateWord::lifted, dom(Domain::sanction)},
    StateEntry{"retained", StateWord::retained, dom(Domain::sanction)},
    StateEntry{"relieved", StateWord::relieved, dom(Domain::sanction)},
    StateEntry{"provided", StateWord::provided, dom(Domain::benefit)},
    StateEntry{"partial", StateWord::partial, dom(Domain::clause)},
    StateEntry{"complete", StateWord::complete, dom(Domain::clause)},
};

// "facilities and programs", for "applies to ..." help lines.
std::string domain_list(std::uint8_t domains) {
  std::vector<std::string_view> names;
  for (unsigned d = 0; d < 8; ++d) {
    if (domains & (1u << d)) names.push_back(plural(static_cast<Domain>(d)));
  }
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

// Singular and plural forms of the verbs a phrase may start with.
struct VerbForm {
  std::string_view one, many;
};
constexpr std::array kVerbForms = {
    VerbForm{"is", "are"},           VerbForm{"does", "do"},         VerbForm{"has", "have"},
    VerbForm{"holds", "hold"},       VerbForm{"contains", "contain"}, VerbForm{"targets", "target"},
    VerbForm{"addresses", "address"}, VerbForm{"comes", "come"},
};

const VerbForm* verb_form(std::string_view w) {
  for (const auto& f : kVerbForms) {
    if (f.one == w || f.many == w) return &f;
  }
  return nullptr;
}

std::pair<std::string_view, std::string_view> split_first(std::string_view t) {
  const auto sp = t.find(' ');
  if (sp == std::string_view::npos) return {t, {}};
  return {t.substr(0, sp), t.substr(sp + 1)};
}

std::string joined(std::string_view a, std::string_view b) {
  if (a.empty()) return std::string(b);
  if (b.empty()) return std::string(a);
  return fmt::format("{} {}", a, b);
}

class Compiler {
 public:
  Compiler(const SourceManager& sources, DiagnosticSink& sink) : sources_(sources), sink_(sink) {}

  std::optional<CompiledProfile> compile(const ast::Profile& profile) {
    CompiledProfile out;
    out.name = profile.name.name;
    out.title = profile.title ? profile.title->value : std::string();
    out.span = profile.span;
    std::unordered_map<std::string_view, const ast::Condition*> seen;
    for (const auto& c : profile.conditions) {
      if (auto [it, fresh] = seen.emplace(c.id.name, &c); !fresh) {
        error(make_diagnostic(DiagId::profile_duplicate_condition, c.id.span,
                              fmt::format("duplicate condition `{}` in profile `{}`", c.id.name,
                                          profile.name.name))
                  .with_label("defined again here")
                  .with_related(it->second->id.span, "first defined here")
                  .with_help("give each condition of a profile its own id"));
        continue;
      }
      if (!c.formula) {
        ok_ = false;  // a syntax error, already reported
        continue;
      }
      CompiledCondition cc;
      cc.id = c.id.name;
      cc.severity = c.severity;
      cc.statement = c.statement.value;
      cc.span = c.span;
      cc.id_span = c.id.span;
      cc.formula_text = text(c.formula_span);
      cc.formula = formula(*c.formula);
      out.conditions.push_back(std::move(cc));
    }
    if (profile.conditions.empty()) {
      sink_.emit(make_diagnostic(DiagId::profile_empty, profile.name.span,
                                 fmt::format("profile `{}` has no conditions", profile.name.name))
                     .with_label("every agreement would be acceptable")
                     .with_help("add conditions like `require ID \"statement\": FORMULA;`"));
    }
    out.phrase_count = slots_;
    if (!ok_) return std::nullopt;
    return out;
  }

 private:
  const SourceManager& sources_;
  DiagnosticSink& sink_;
  bool ok_ = true;
  std::uint32_t slots_ = 0;

  void error(Diagnostic d) {
    ok_ = false;
    sink_.emit(std::move(d));
  }

  std::string text(Span s) const { return normalised_text(sources_, s); }
  std::string text(Span from, Span to) const {
    if (!from.valid() || from.file != to.file || to.end < from.begin) return {};
    return normalised_text(sources_, Span{from.file, from.begin, to.end});
  }
  // Text strictly between two spans (exclusive).
  std::string between(std::uint32_t begin, std::uint32_t end, FileId file) const {
    if (end <= begin) return {};
    return normalised_text(sources_, Span{file, begin, end});
  }

  void does_not_apply(Span where, std::string_view what, Domain d, std::uint8_t applies_to) {
    Diagnostic diag = make_diagnostic(DiagId::profile_does_not_apply, where,
                                      fmt::format("`{}` does not apply to {}", what, plural(d)));
    diag.with_label(fmt::format("said of {}", plural(d)));
    if (applies_to != 0) diag.with_help(fmt::format("`{}` applies to {}", what, domain_list(applies_to)));
    error(std::move(diag));
  }

  bool check_domain(const ast::Predicate& p, Domain d, std::uint8_t allowed) {
    if (allowed & dom(d)) return true;
    does_not_apply(p.span, text(p.span), d, allowed);
    return false;
  }

  // ---- formulas -------------------------------------------------------------------
  std::shared_ptr<const CFormula> formula(const ast::Formula& f) {
    auto out = std::make_shared<CFormula>();
    out->kind = f.kind;
    out->span = f.span;
    out->text = text(f.span);
    out->constant = f.constant;
    out->negated = f.negated;
    switch (f.kind) {
      case ast::Formula::Kind::all_of:
      case ast::Formula::Kind::any_of:
      case ast::Formula::Kind::negation:
      case ast::Formula::Kind::implication:
        for (const auto& o : f.operands) out->operands.push_back(formula(*o));
        break;
      case ast::Formula::Kind::constant: break;
      case ast::Formula::Kind::quantified: {
        out->quantified = quantified(*f.quantified);
        if (f.predicate && out->quantified->phrase) {
          CVerbPhrase vp;
          vp.predicate = predicate(*f.predicate, out->quantified->phrase->domain);
          const std::string t = between(f.quantified->span.end, f.span.end, f.span.file);
          verb_phrase_forms(t, vp);
          out->verb_phrase = std::move(vp);
        }
        break;
      }
      case ast::Formula::Kind::comparison:
        out->comparison = f.comparison;
        out->lhs = numeric(*f.lhs);
        out->rhs = numeric(*f.rhs);
        break;
      case ast::Formula::Kind::builds_on:
        out->object = object(*f.object, dom(Domain::agreement), "builds on");
        break;
    }
    return out;
  }

  // "is verified" -> is/are verified, is not/are not verified;
  // "targets X" -> targets/target X, does not/do not target X.
  static void verb_phrase_forms(std::string_view t, CVerbPhrase& vp) {
    auto [first, rest] = split_first(t);
    const VerbForm* form = verb_form(first);
    if (!form) {
      vp.affirm_one = vp.affirm_many = std::string(t);
      vp.deny_one = vp.deny_many = fmt::format("not {}", t);
      return;
    }
    vp.affirm_one = joined(form->one, rest);
    vp.affirm_many = joined(form->many, rest);
    if (form->one == "is") {
      auto [second, tail] = split_first(rest);
      if (second == "not") {
        vp.deny_one = joined("is", tail);
        vp.deny_many = joined("are", tail);
      } else {
        vp.deny_one = joined("is not", rest);
        vp.deny_many = joined("are not", rest);
      }
    } else if (form->one == "does") {
      // "does not target X": the denial is "targets X".
      auto [second, tail] = split_first(rest);
      auto [verb, obj] = split_first(tail);
      const VerbForm* inner = second == "not" ? verb_form(verb) : nullptr;
      if (inner) {
        vp.deny_one = joined(inner->one, obj);
        vp.deny_many = joined(inner->many, obj);
      } else {
        vp.deny_one = vp.deny_many = fmt::format("not: {}", t);
      }
    } else {
      vp.deny_one = joined(fmt::format("does not {}", form->many), rest);
      vp.deny_many = joined(fmt::format("do not {}", form->many), rest);
    }
  }

  CQuantified quantified(const ast::QuantifiedPhrase& q) {
    CQuantified out;
    out.kind = q.quantifier.kind;
    out.count = q.quantifier.count;
    out.phrase = q.phrase ? noun_phrase(*q.phrase) : nullptr;
    out.text = text(q.span);
    return out;
  }

  CNumeric numeric(const ast::Numeric& n) {
    CNumeric out;
    out.kind = n.kind;
    out.value = n.value;
    out.percent = n.percent;
    out.factor = n.factor;
    out.text = text(n.span);
    if (n.phrase) out.phrase = noun_phrase(*n.phrase);
    return out;
  }

  // An object of a relation; `allowed` are the domains its phrase may range over.
  std::optional<CObject> object(const ast::ObjectRef& o, std::uint8_t allowed, std::string_view relation) {
    CObject out;
    out.span = o.span;
    out.text = text(o.span);
    if (o.name) {
      out.name = o.name->name;
      return out;
    }
    if (!o.quantified) return std::nullopt;
    out.quantified = quantified(*o.quantified);
    if (out.quantified->phrase && !(allowed & dom(out.quantified->phrase->domain))) {
      Diagnostic d = make_diagnostic(
          DiagId::profile_does_not_apply, o.span,
          fmt::format("`{}` cannot point at {}", relation, plural(out.quantified->phrase->domain)));
      d.with_label(fmt::format("these are {}", plural(out.quantified->phrase->domain)));
      d.with_help(fmt::format("`{}` points at {}", relation, domain_list(allowed)));
      error(std::move(d));
    }
    return out;
  }

  // ---- noun phrases ------------------------------------------------------------------
  PhrasePtr noun_phrase(const ast::NounPhrase& np) {
    if (np.words.empty()) return nullptr;
    const ast::Word& noun = np.words.back();
    const NounEntry* entry = nullptr;
    for (const auto& n : kNouns) {
      if (n.word == noun.text) entry = &n;
    }
    if (!entry) {
      unknown_noun(noun);
      return nullptr;
    }
    if (np.stray_moment) {
      error(make_diagnostic(DiagId::profile_unknown_word, *np.stray_moment,
                            fmt::format("`{}` follows `{}`, which is not a state", text(*np.stray_moment), noun.text))
                .with_label("a moment needs a state before it")
                .with_help(fmt::format("write a state before the moment, like `{} lifted {}`", noun.text,
                                       text(*np.stray_moment))));
    }
    auto out = std::make_shared<CNounPhrase>();
    out->domain = entry->domain;
    out->span = np.span;
    out->slot = slots_++;
    if (entry->verbs != 0) out->filters.push_back(verbs_predicate(entry->verbs, noun));
    for (std::size_t i = 0; i + 1 < np.words.size(); ++i) adjective(np.words[i], noun.text, *out);
    for (const auto& f : np.filters) {
      if (auto p = predicate(*f, out->domain)) out->filters.push_back(std::move(p));
    }
    if (np.relative) out->relative = predicate(*np.relative, out->domain);

    // Singular and plural texts: switch the noun and the relative clause's verb.
    const FileId file = np.span.file;
    const std::string before = between(np.span.begin, noun.span.begin, file);
    const std::uint32_t rel_begin = np.relative_verb ? np.relative_verb->span.begin : np.span.end;
    std::string middle = between(noun.span.end, rel_begin, file);
    std::string after;
    std::string verb_one, verb_many;
    if (np.relative_verb) {
      const VerbForm* vf = verb_form(np.relative_verb->text);
      verb_one = vf ? std::string(vf->one) : np.relative_verb->text;
      verb_many = vf ? std::string(vf->many) : np.relative_verb->text;
      after = between(np.relative_verb->span.end, np.span.end, file);
    }
    auto compose = [&](std::string_view noun_form, std::string_view verb) {
      std::string s = joined(before, noun_form);
      s = joined(s, middle);
      s = joined(s, verb);
      return joined(s, after);
    };
    out->singular = compose(entry->singular, verb_one);
    out->plural = compose(entry->plural, verb_many);
    const std::uint32_t rel_start =
        np.relative ? (np.relative_verb ? np.relative_verb->span.begin : np.relative->span.begin) : np.span.end;
    std::string denominator = joined(before, entry->plural);
    std::string filters = between(noun.span.end, rel_start, file);
    // Drop a trailing `that` / `which` / `who` left before the relative clause.
    for (std::string_view rel : {" that", " which", " who", "that", "which", "who"}) {
      if (filters.size() >= rel.size() && filters.compare(filters.size() - rel.size(), rel.size(), rel) == 0) {
        filters.erase(filters.size() - rel.size());
        break;
      }
    }
    out->plural_without_relative = joined(denominator, filters);
    out->singular_without_relative = joined(joined(before, entry->singular), filters);
    return out;
  }

  void unknown_noun(const ast::Word& w) {
    std::vector<std::string_view> candidates;
    for (const auto& n : kNouns) candidates.push_back(n.word);
    for (const auto& s : kStates) candidates.push_back(s.word);
    Diagnostic d = make_diagnostic(DiagId::profile_unknown_word, w.span,
                                   fmt::format("unknown word `{}` where a noun was expected", w.text));
    d.with_label("not a kind of thing the engine knows");
    if (auto m = closest_match(w.text, candidates)) {
      d.with_help(fmt::format("did you mean `{}`?", *m));
    } else {
      d.with_help("a phrase ends with a noun: `clause`, `step`, `facility`, `program`, `sanction`, "
                  "`benefit`, `party` or `agreement` (singular or plural)");
    }
    error(std::move(d));
  }

  PredicatePtr verbs_predicate(std::uint16_t verbs, const ast::Word& w) {
    auto p = std::make_shared<CPredicate>();
    p->kind = CPredicate::Kind::verbs;
    p->verbs = verbs;
    p->text = w.text;
    p->span = w.span;
    return p;
  }

  void adjective(const ast::Word& w, std::string_view noun, CNounPhrase& np) {
    const AdjectiveEntry* entry = nullptr;
    for (const auto& a : kAdjectives) {
      if (a.word == w.text) entry = &a;
    }
    if (!entry) {
      std::vector<std::string_view> candidates;
      for (const auto& a : kAdjectives) candidates.push_back(a.word);
      Diagnostic d = make_diagnostic(DiagId::profile_unknown_word, w.span,
                                     fmt::format("unknown word `{}` before `{}`", w.text, noun));
      d.with_label("not a word the engine knows");
      if (auto m = closest_match(w.text, candidates)) {
        d.with_help(fmt::format("did you mean `{}`?", *m));
      } else if (np.domain == Domain::clause) {
        d.with_help("before `clause`, write a verb (`dismantle clause`), `relief`, `concession`, "
                    "`sanction`, `verified`, `unverified`, `partial` or `complete`");
      } else {
        d.with_help(fmt::format("describe {} with a filter after the noun, like `of kind nuclear` or "
                                "`of the sanctioned side`",
                                plural(np.domain)));
      }
      error(std::move(d));
      return;
    }
    if (entry->agreement) {
      if (np.domain != Domain::agreement) {
        does_not_apply(w.span, w.text, np.domain, dom(Domain::agreement));
      }
      return;
    }
    if (np.domain != Domain::clause) {
      does_not_apply(w.span, w.text, np.domain, dom(Domain::clause));
      return;
    }
    if (entry->verbs != 0) {
      np.filters.push_back(verbs_predicate(entry->verbs, w));
      return;
    }
    auto p = std::make_shared<CPredicate>();
    p->kind = CPredicate::Kind::state;
    p->state = *entry->state;
    p->text = w.text;
    p->span = w.span;
    np.filters.push_back(std::move(p));
  }

  // ---- predicates ----------------------------------------------------------------------
  PredicatePtr predicate(const ast::Predicate& p, Domain d) {
    using K = ast::Predicate::Kind;
    using CK = CPredicate::Kind;
    auto out = std::make_shared<CPredicate>();
    out->span = p.span;
    out->text = text(p.span);
    switch (p.kind) {
      case K::all_of:
      case K::any_of:
      case K::negation:
        out->kind = p.kind == K::all_of ? CK::all_of : p.kind == K::any_of ? CK::any_of : CK::negation;
        for (const auto& o : p.operands) {
          if (auto c = predicate(*o, d)) out->operands.push_back(std::move(c));
        }
        break;
      case K::group:
        if (!p.moment) return p.operands.empty() ? nullptr : predicate(*p.operands[0], d);
        out->kind = CK::at_moment;
        out->moment = moment(*p.moment);
        if (auto c = p.operands.empty() ? nullptr : predicate(*p.operands[0], d)) out->operands.push_back(std::move(c));
        break;
      case K::state:
        state(p, d, *out);
        break;
      case K::in_force:
        out->kind = CK::state;
        out->state = p.adverb ? StateWord::in_full_force : StateWord::in_force;
        if (p.word.text != "force") {
          Diagnostic diag = make_diagnostic(DiagId::profile_unknown_state, p.span,
                                            fmt::format("unknown state `in {}{}`", p.adverb ? "full " : "", p.word.text));
          diag.with_label(fmt::format("not a state of {}", plural(d)));
          diag.with_help(p.adverb ? "did you mean `in full force`?" : "did you mean `in force`?");
          error(std::move(diag));
          break;
        }
        check_domain(p, d, dom(Domain::sanction));
        break;
      case K::within:
        out->kind = CK::within;
        check_domain(p, d, dom(Domain::clause));
        if (p.duration) out->days = days(*p.duration);
        break;
      case K::side:
        out->kind = CK::side;
        check_domain(p, d,
                     static_cast<std::uint8_t>(dom(Domain::clause) | kThings | dom(Domain::sanction) |
                                               dom(Domain::benefit) | dom(Domain::party)));
        if (p.word.text == "sanctioned") {
          out->sanctioned_side = true;
        } else if (p.word.text == "other") {
          out->sanctioned_side = false;
        } else {
          Diagnostic diag = make_diagnostic(DiagId::profile_unknown_side, p.word.span,
                                            fmt::format("unknown side `{}`", p.word.text));
          diag.with_label("not a side");
          if (auto m = closest_match(p.word.text, {"sanctioned", "other"})) {
            diag.with_help(fmt::format("did you mean `{}`?", *m));
          } else {
            diag.with_help("write `of the sanctioned side` or `of the other side`");
          }
          error(std::move(diag));
        }
        break;
      case K::kind:
        out->kind = CK::kind;
        out->name = p.name ? p.name->name : std::string();
        check_domain(p, d, static_cast<std::uint8_t>(kThings | dom(Domain::clause)));
        break;
      case K::owner:
        out->kind = CK::owner;
        out->name = p.name ? p.name->name : std::string();
        check_domain(p, d,
                     static_cast<std::uint8_t>(kThings | dom(Domain::sanction) | dom(Domain::benefit) |
                                               dom(Domain::clause)));
        break;
      case K::in_step:
        out->kind = CK::in_step;
        out->name = p.name ? p.name->name : std::string();
        check_domain(p, d, dom(Domain::clause));
        break;
      case K::in_program:
        out->kind = CK::in_program;
        out->name = p.name ? p.name->name : std::string();
        check_domain(p, d, static_cast<std::uint8_t>(dom(Domain::facility) | dom(Domain::clause)));
        break;
      case K::in_steps:
        out->kind = CK::in_steps;
        check_domain(p, d, dom(Domain::clause));
        if (p.object) out->object = object(*p.object, dom(Domain::step), "in");
        break;
      case K::snapback:
        out->kind = CK::snapback;
        check_domain(p, d, dom(Domain::clause));
        break;
      case K::deadline:
        out->kind = CK::deadline;
        check_domain(p, d, dom(Domain::clause));
        break;
      case K::holding:
        out->kind = CK::holding;
        out->negated = p.negated;
        check_domain(p, d, dom(Domain::step));
        if (p.object) {
          if (p.object->name) {
            does_not_apply(p.object->span, text(p.object->span), Domain::step, 0);
          } else {
            out->object = object(*p.object, dom(Domain::clause), "holds");
          }
        }
        break;
      case K::targeting:
        out->kind = CK::targeting;
        out->negated = p.negated;
        check_domain(p, d, dom(Domain::clause));
        if (p.object) {
          out->object = object(*p.object,
                               static_cast<std::uint8_t>(kThings | dom(Domain::sanction) | dom(Domain::benefit)),
                               "targets");
        }
        break;
      case K::order:
        out->kind = CK::order;
        out->order = p.order;
        check_domain(p, d, static_cast<std::uint8_t>(dom(Domain::step) | dom(Domain::clause)));
        if (p.anchor) out->anchor = anchor(*p.anchor);
        break;
    }
    return out;
  }

  std::uint64_t days(const ast::Duration& du) {
    switch (du.unit) {
      case ast::DurationUnit::day: return du.amount;
      case ast::DurationUnit::week: return du.amount * 7;
      case ast::DurationUnit::month: return du.amount * 30;
      case ast::DurationUnit::year: return du.amount * 365;
      case ast::DurationUnit::unknown: break;
    }
    const auto unit_length = static_cast<std::uint32_t>(du.unit_text.size());
    const Span unit_span =
        du.span.size() >= unit_length ? Span{du.span.file, du.span.end - unit_length, du.span.end} : du.span;
    Diagnostic d = make_diagnostic(DiagId::profile_unknown_unit, unit_span,
                                   fmt::format("unknown unit `{}` in `within`", du.unit_text));
    d.with_label("not a unit of time");
    const std::vector<std::string_view> units = {"days", "weeks", "months", "years", "day", "week", "month", "year"};
    if (auto m = closest_match(du.unit_text, units)) {
      d.with_help(fmt::format("did you mean `{}`?", *m));
    } else {
      d.with_help("write `days`, `weeks`, `months` or `years`");
    }
    error(std::move(d));
    return 0;
  }

  void state(const ast::Predicate& p, Domain d, CPredicate& out) {
    out.kind = CPredicate::Kind::state;
    const StateEntry* entry = nullptr;
    for (const auto& s : kStates) {
      if (s.word == p.word.text) entry = &s;
    }
    if (!entry) {
      std::vector<std::string_view> candidates;
      for (const auto& s : kStates) candidates.push_back(s.word);
      candidates.push_back("in force");
      Diagnostic diag = make_diagnostic(DiagId::profile_unknown_state, p.word.span,
                                        fmt::format("unknown state `{}`", p.word.text));
      diag.with_label(fmt::format("not a state of {}", plural(d)));
      if (auto m = closest_match(p.word.text, candidates)) {
        diag.with_help(fmt::format("did you mean `{}`?", *m));
      } else {
        diag.with_help(fmt::format("states of {}: {}", plural(d), states_of(d)));
      }
      error(std::move(diag));
      return;
    }
    out.state = entry->state;
    if (!(entry->domains & dom(d))) {
      Diagnostic diag = make_diagnostic(DiagId::profile_does_not_apply, p.word.span,
                                        fmt::format("`{}` does not apply to {}", p.word.text, plural(d)));
      diag.with_label(fmt::format("said of {}", plural(d)));
      diag.with_help(fmt::format("`{}` applies to {}", p.word.text, domain_list(entry->domains)));
      const std::string states = states_of(d);
      if (!states.empty()) diag.with_note(fmt::format("states of {}: {}", plural(d), states));
      error(std::move(diag));
      return;
    }
    std::vector<ast::Word> adverbs;
    if (p.adverb) adverbs.push_back(*p.adverb);
    for (const auto& q : p.qualifiers) {
      if (q.text.rfind("with", 0) == 0) {
        const bool with = q.text.rfind("without", 0) != 0;
        if (entry->state != StateWord::eased && entry->state != StateWord::suspended) {
          misplaced(q, p.word, "`with snapback` and `without snapback` qualify `eased` and `suspended`");
        } else {
          out.snapback = with;
        }
      } else {
        adverbs.push_back(q);
      }
    }
    for (const auto& a : adverbs) {
      if (a.text == "independently") {
        if (entry->state != StateWord::verified) {
          misplaced(a, p.word, "`independently` qualifies `verified`");
        } else {
          out.independent = true;
        }
      } else if (entry->state != StateWord::dismantled) {
        misplaced(a, p.word, "`completely`, `fully` and `partially` qualify `dismantled`");
      } else if (out.dismantlement) {
        misplaced(a, p.word, "say `completely` or `partially` once");
      } else {
        out.dismantlement = a.text == "partially" ? Dismantlement::partial : Dismantlement::complete;
      }
    }
    if (p.name) {
      if (entry->state != StateWord::verified) {
        misplaced(ast::Word{p.name->name, p.name->span}, p.word,
                  "`by NAME` after a state names a verifier and qualifies `verified` only");
      } else {
        out.verifier = p.name->name;
      }
    }
  }

  void misplaced(const ast::Word& what, const ast::Word& state, std::string_view help) {
    error(make_diagnostic(DiagId::profile_misplaced_qualifier, what.span,
                          fmt::format("`{}` cannot qualify `{}`", what.text, state.text))
              .with_label("does not fit this state")
              .with_help(std::string(help)));
  }

  static std::string states_of(Domain d) {
    std::string out;
    for (const auto& s : kStates) {
      if (!(s.domains & dom(d))) continue;
      if (!out.empty()) out += ", ";
      out += fmt::format("`{}`", s.word);
    }
    if (d == Domain::sanction) out += ", `in force`, `in full force`";
    return out;
  }

  CAnchor anchor(const ast::StepAnchor& a) {
    CAnchor out;
    out.kind = a.kind;
    out.text = text(a.span);
    switch (a.kind) {
      case ast::StepAnchor::Kind::named:
        out.step = a.step ? a.step->name : std::string();
        break;
      case ast::StepAnchor::Kind::first:
      case ast::StepAnchor::Kind::last:
        if (a.phrase) {
          out.phrase = noun_phrase(*a.phrase);
          if (out.phrase && out.phrase->domain != Domain::step) {
            error(make_diagnostic(DiagId::profile_does_not_apply, a.phrase->span,
                                  fmt::format("`{}` must name a step, not {}", out.text,
                                              plural(out.phrase->domain)))
                      .with_label("not steps")
                      .with_help("write `the first step ...` or `the last step ...`"));
          }
        }
        break;
      case ast::StepAnchor::Kind::quantified:
        if (a.quantified) {
          out.quantified = quantified(*a.quantified);
          if (out.quantified->phrase && out.quantified->phrase->domain != Domain::step) {
            error(make_diagnostic(DiagId::profile_does_not_apply, a.span,
                                  fmt::format("`{}` must speak of steps, not {}", out.text,
                                              plural(out.quantified->phrase->domain)))
                      .with_label("not steps")
                      .with_help("steps come before or after steps: write `after some step ...`"));
          }
        }
        break;
    }
    return out;
  }

  CMoment moment(const ast::Moment& m) {
    CMoment out;
    out.kind = m.kind;
    out.text = text(m.span);
    if (m.anchor) out.anchor = anchor(*m.anchor);
    return out;
  }
};

}  // namespace

std::optional<CompiledProfile> compile_profile(const ast::Profile& profile, const SourceManager& sources,
                                               DiagnosticSink& sink) {
  return Compiler(sources, sink).compile(profile);
}

std::vector<std::string_view> known_nouns() {
  std::vector<std::string_view> out;
  for (const auto& n : kNouns) out.push_back(n.word);
  return out;
}

std::vector<std::string_view> known_states() {
  std::vector<std::string_view> out;
  for (const auto& s : kStates) out.push_back(s.word);
  out.push_back("in force");
  out.push_back("in full force");
  return out;
}

}  // namespace terms::engine
