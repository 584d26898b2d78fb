#include "dsl/checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace terms::detail {

namespace {

using ast::DeclKind;
using ast::Verb;

constexpr KindMask kConcessionTargets =
    kind_bit(DeclKind::facility) | kind_bit(DeclKind::program) | kind_bit(DeclKind::material);

Expected expected_targets(Verb v) {
  switch (v) {
    case Verb::declare:
    case Verb::freeze:
    case Verb::dismantle:
    case Verb::remove:
      return {kConcessionTargets, "a facility, program or material", DiagId::wrong_kind,
              "`declare`, `freeze`, `dismantle` and `remove` apply to facilities, programs and materials"};
    case Verb::convert:
      return {kind_bit(DeclKind::facility) | kind_bit(DeclKind::program), "a facility or program",
              DiagId::wrong_kind, "`convert ... to civilian use` applies to facilities and programs"};
    case Verb::lift:
    case Verb::ease:
    case Verb::suspend:
    case Verb::retain:
      return {kind_bit(DeclKind::sanction), "a sanction", DiagId::wrong_kind,
              "`lift`, `ease`, `suspend` and `retain` apply to sanctions"};
    case Verb::provide:
      return {kind_bit(DeclKind::benefit), "a benefit", DiagId::wrong_kind, "`provide` applies to benefits"};
  }
  return {};
}

const Expected kVerifier{kind_bit(DeclKind::verifier) | kind_bit(DeclKind::party), "a verifier or party",
                         DiagId::verifier_wrong_kind,
                         "`verified by` names who verifies: a verifier or a party"};

const Expected kSanctionedParty{kind_bit(DeclKind::party), "a party", DiagId::wrong_kind,
                                "`sanctioned` names the parties under sanctions: `sanctioned PARTY, PARTY;`"};

const Expected kParty{kind_bit(DeclKind::party), "a party", DiagId::wrong_kind,
                      "`all by PARTY` names the party that imposes the sanctions"};

Fix replace_with(Span span, const std::string& text) {
  return Fix{fmt::format("replace with `{}`", text), {TextEdit{span, text}}};
}

// Visible names, for suggestions: those of the expected kinds first, then any.
std::optional<std::string> suggest_name(const Workspace& ws, UnitId unit, std::string_view word, KindMask mask) {
  std::vector<std::string_view> preferred;
  std::vector<std::string_view> others;
  for (UnitId v : ws.unit(unit).visible_units) {
    const Unit& u = ws.unit(v);
    for (const auto& [name, eid] : u.own_names) {
      ((mask & kind_bit(ws.entity(eid).kind)) != 0 ? preferred : others).push_back(name);
    }
    for (const auto& [name, agreement] : u.own_agreements) {
      ((mask & kAgreementBit) != 0 ? preferred : others).push_back(name);
    }
  }
  // Deterministic across hash orders: ties go to the alphabetically first name.
  std::sort(preferred.begin(), preferred.end());
  std::sort(others.begin(), others.end());
  if (auto best = closest_match(word, preferred)) return best;
  return closest_match(word, others);
}

std::string quoted_list(const std::vector<std::string_view>& names, std::size_t max) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < max; ++i) {
    if (i > 0) out += ", ";
    out += fmt::format("`{}`", names[i]);
  }
  if (names.size() > max) out += ", ...";
  return out;
}

// Checks one unit's agreements. Lives for one check_agreements call.
class AgreementChecker {
 public:
  AgreementChecker(const Workspace& ws, UnitId unit, Reporter& out) : ws_(ws), unit_(unit), out_(out) {}

  void check(const ast::Agreement& agreement) {
    agreement_ = &agreement;
    date_ = agreement.date();
    check_dates(agreement);
    for (const ast::Ident* ref : agreement.builds_on()) {
      check_builds_on(*ref);
      check_builds_on_date(agreement, *ref);
    }
    check_steps(agreement);
    for (const ast::AgreementItem& item : agreement.items) {
      if (const auto* step = std::get_if<ast::Step>(&item)) {
        for (const ast::Clause& c : step->clauses) check_clause(c);
      } else if (const auto* clause = std::get_if<ast::Clause>(&item)) {
        check_clause(*clause);
      } else if (const auto* sanctioned = std::get_if<ast::Sanctioned>(&item)) {
        for (const ast::Ident& p : sanctioned->parties) resolve_reference(ws_, unit_, p, kSanctionedParty, out_);
      }
    }
  }

 private:
  // At most one `signed` or `dated`.
  void check_dates(const ast::Agreement& agreement) {
    const std::vector<const ast::AgreementDate*> dates = agreement.date_items();
    for (std::size_t i = 1; i < dates.size(); ++i) {
      Diagnostic d = make_diagnostic(DiagId::agreement_date_repeated, dates[i]->span,
                                     fmt::format("agreement `{}` has more than one date", agreement.name.name));
      d.with_label(fmt::format("`{}` again", ast::to_string(dates[i]->kind)));
      d.with_related(dates[0]->span, "its date is given here");
      d.with_help("keep one line: `signed DATE;` for a concluded agreement, `dated DATE;` for an offer or a draft");
      out_.report(std::move(d));
    }
  }

  // An agreement builds on earlier agreements: one dated after it is a mistake.
  // (Between a dated and an undated agreement the linter warns, L024.)
  void check_builds_on_date(const ast::Agreement& agreement, const ast::Ident& ref) {
    if (!date_ || ref.name.empty()) return;
    const ast::Agreement* earlier = ws_.lookup_agreement(unit_, ref.name);
    if (earlier == nullptr) return;
    const std::optional<Date> theirs = earlier->date();
    if (!theirs || *theirs <= *date_) return;
    const ast::AgreementDate* item = earlier->date_items().front();
    Diagnostic d = make_diagnostic(
        DiagId::builds_on_later, ref.span,
        fmt::format("agreement `{}` ({} {}) builds on `{}`, which is {} {}, later", agreement.name.name,
                    ast::to_string(agreement.date_items().front()->kind), date_->to_string(), ref.name,
                    ast::to_string(item->kind), theirs->to_string()));
    d.with_label(fmt::format("{} {}, after this agreement", ast::to_string(item->kind), theirs->to_string()));
    d.with_related(item->date.span, fmt::format("`{}` is {} here", ref.name, ast::to_string(item->kind)));
    d.with_help("`builds_on` names earlier agreements: check both dates, or remove the name");
    out_.report(std::move(d));
  }

  void check_builds_on(const ast::Ident& ref) {
    if (ref.name.empty() || ws_.lookup_agreement(unit_, ref.name) != nullptr) return;
    if (ws_.lookup(unit_, ref.name)) {
      resolve_reference(ws_, unit_, ref,
                        Expected{kAgreementBit, "an agreement", DiagId::wrong_kind,
                                 "`builds_on` names earlier agreements"},
                        out_);
      return;
    }
    Diagnostic d = make_diagnostic(DiagId::undefined_agreement, ref.span,
                                   fmt::format("undefined agreement `{}`", ref.name));
    d.with_label("no agreement of this name in this file or its imports");
    std::optional<std::string> best;
    if (!out_.saturated()) {
      std::vector<std::string_view> names;
      for (UnitId v : ws_.unit(unit_).visible_units) {
        for (const auto& entry : ws_.unit(v).own_agreements) names.push_back(entry.first);
      }
      std::sort(names.begin(), names.end());
      best = closest_match(ref.name, names);
    }
    if (best) {
      d.with_help(fmt::format("did you mean `{}`?", *best));
      d.fix = replace_with(ref.span, *best);
    } else {
      d.with_help("declare the agreement, or import the file that declares it");
    }
    out_.report(std::move(d));
  }

  void check_steps(const ast::Agreement& agreement) {
    std::vector<const ast::Step*> steps;  // the first step of each name
    std::unordered_map<std::string_view, std::size_t> index;
    std::vector<std::string_view> names;
    for (const ast::Step* step : agreement.steps()) {
      if (step->name.name.empty()) continue;
      auto [it, inserted] = index.emplace(step->name.name, steps.size());
      if (inserted) {
        steps.push_back(step);
        names.push_back(step->name.name);
        continue;
      }
      Diagnostic d = make_diagnostic(DiagId::duplicate_step, step->name.span,
                                     fmt::format("step `{}` is declared twice in agreement `{}`",
                                                 step->name.name, agreement.name.name));
      d.with_label("declared again here");
      d.with_related(steps[it->second]->name.span, "first declared here");
      d.with_help("give each step of an agreement its own name");
      out_.report(std::move(d));
    }

    // `after` references; edges of the first step of each name only.
    std::vector<std::vector<std::pair<std::size_t, const ast::Ident*>>> waits(steps.size());
    for (const ast::Step* step : agreement.steps()) {
      auto self = index.find(step->name.name);
      const bool in_graph = self != index.end() && steps[self->second] == step;
      for (const ast::Ident& ref : step->after) {
        if (ref.name.empty()) continue;
        auto it = index.find(ref.name);
        if (it == index.end()) {
          report_undefined_step(agreement, ref, names);
          continue;
        }
        if (in_graph) waits[self->second].emplace_back(it->second, &ref);
      }
    }
    find_cycles(steps, waits);
  }

  void report_undefined_step(const ast::Agreement& agreement, const ast::Ident& ref,
                             const std::vector<std::string_view>& names) {
    Diagnostic d = make_diagnostic(DiagId::undefined_step, ref.span,
                                   fmt::format("agreement `{}` has no step `{}`", agreement.name.name, ref.name));
    d.with_label("no step of this name");
    if (auto best = out_.saturated() ? std::nullopt : closest_match(ref.name, names)) {
      d.with_help(fmt::format("did you mean `{}`?", *best));
      d.fix = replace_with(ref.span, *best);
    } else if (names.empty()) {
      d.with_help(fmt::format("agreement `{}` has no named steps", agreement.name.name));
    } else {
      d.with_help(fmt::format("the steps of `{}` are {}", agreement.name.name, quoted_list(names, 8)));
    }
    out_.report(std::move(d));
  }

  // Depth-first search over "waits on" edges; every back edge closes a cycle.
  void find_cycles(const std::vector<const ast::Step*>& steps,
                   const std::vector<std::vector<std::pair<std::size_t, const ast::Ident*>>>& waits) {
    enum : std::uint8_t { unvisited, on_path, done };
    std::vector<std::uint8_t> state(steps.size(), unvisited);
    struct Frame {
      std::size_t step;
      std::size_t next;
      const ast::Ident* via;  // the `after` reference that led here
    };
    std::vector<Frame> path;
    for (std::size_t start = 0; start < steps.size(); ++start) {
      if (state[start] != unvisited) continue;
      state[start] = on_path;
      path.push_back(Frame{start, 0, nullptr});
      while (!path.empty()) {
        Frame& f = path.back();
        if (f.next == waits[f.step].size()) {
          state[f.step] = done;
          path.pop_back();
          continue;
        }
        const auto [target, ref] = waits[f.step][f.next++];
        if (state[target] == on_path) {
          report_cycle(steps, path, target, *ref);
        } else if (state[target] == unvisited) {
          state[target] = on_path;
          path.push_back(Frame{target, 0, ref});
        }
      }
    }
  }

  template <typename Frames>
  void report_cycle(const std::vector<const ast::Step*>& steps, const Frames& path, std::size_t target,
                    const ast::Ident& closing) {
    std::size_t pos = path.size() - 1;
    while (path[pos].step != target) --pos;
    const std::string_view target_name = steps[target]->name.name;
    Diagnostic d;
    if (pos + 1 == path.size()) {  // the step names itself in its own `after`
      d = make_diagnostic(DiagId::step_cycle, closing.span, fmt::format("step `{}` waits on itself", target_name));
      d.with_label("a step cannot come after itself");
      d.with_help(fmt::format("remove `{}` from the `after` list of step `{}`", target_name, target_name));
      out_.report(std::move(d));
      return;
    }
    std::string chain;
    for (std::size_t i = pos; i < path.size(); ++i) chain += fmt::format("`{}` -> ", steps[path[i].step]->name.name);
    chain += fmt::format("`{}`", target_name);
    d = make_diagnostic(DiagId::step_cycle, closing.span, fmt::format("steps {} wait on each other", chain));
    d.with_label("closes the cycle");
    for (std::size_t i = pos + 1; i < path.size(); ++i) {
      d.with_related(path[i].via->span, fmt::format("`{}` waits on `{}` here", steps[path[i - 1].step]->name.name,
                                                    steps[path[i].step]->name.name));
    }
    d.with_help("remove one of the `after` references in the cycle");
    out_.report(std::move(d));
  }

  void check_clause(const ast::Clause& c) {
    const Verb verb = c.verb;
    if (c.sanctions_keyword && !ast::takes_sanctions(verb)) {
      Diagnostic d = make_diagnostic(DiagId::sanctions_keyword, c.sanctions_keyword_span,
                                     fmt::format("`{}` does not take sanctions", ast::to_string(verb)));
      d.with_label("`sanctions` is written only after `lift`, `ease`, `suspend` or `retain`");
      d.with_help("remove `sanctions`");
      d.fix = Fix{"remove `sanctions`", {TextEdit{with_trailing_space(c.sanctions_keyword_span), ""}}};
      out_.report(std::move(d));
    }
    check_targets(c);
    check_modifiers(c);
  }

  void check_targets(const ast::Clause& c) {
    const Verb verb = c.verb;
    const ast::Targets& t = c.targets;
    switch (t.kind) {
      case ast::Targets::Kind::names: {
        const Expected expected = expected_targets(verb);
        for (const ast::Ident& name : t.names) {
          const auto id = resolve_reference(ws_, unit_, name, expected, out_);
          if (id && ast::takes_sanctions(verb)) check_in_force(c, name, *id);
        }
        return;
      }
      case ast::Targets::Kind::all:
      case ast::Targets::Kind::all_by: break;
    }
    std::optional<EntityId> party;
    if (t.kind == ast::Targets::Kind::all_by && t.by) party = resolve_reference(ws_, unit_, *t.by, kParty, out_);
    const std::string written =
        t.kind == ast::Targets::Kind::all_by && t.by ? fmt::format("all by {}", t.by->name) : std::string("all");
    if (!ast::takes_sanctions(verb)) {
      Diagnostic d = make_diagnostic(
          DiagId::all_needs_sanctions, t.span,
          fmt::format("`{}` after `{}`, which does not take sanctions", written, ast::to_string(verb)));
      d.with_label("`all` stands for every sanction");
      d.with_help(verb == Verb::provide ? "name the benefits to provide"
                                        : fmt::format("name the facilities or programs to {}", ast::to_string(verb)));
      out_.report(std::move(d));
      return;
    }
    build_sanction_index();
    if (t.kind == ast::Targets::Kind::all) {
      if (any_sanction_) return;
      Diagnostic d = make_diagnostic(DiagId::empty_target_all, t.span, "`all` matches no sanction");
      d.with_label(date_ ? fmt::format("no sanction of this file or its imports is in force on {}", date_->to_string())
                         : std::string("no sanction is declared in this file or its imports"));
      d.with_help("declare the sanctions, or import the file that declares them");
      out_.report(std::move(d));
      return;
    }
    if (!party || imposers_.count(*party) != 0) return;
    Diagnostic d = make_diagnostic(DiagId::empty_target_all, t.span, fmt::format("`{}` matches no sanction", written));
    d.with_label(date_ ? fmt::format("`{}` imposes no sanction of this file or its imports in force on {}", t.by->name,
                                     date_->to_string())
                       : fmt::format("`{}` imposes no sanction declared in this file or its imports", t.by->name));
    d.with_help(fmt::format("declare the sanctions `{}` imposes (`sanction ID by {}`), or name another party",
                            t.by->name, t.by->name));
    out_.report(std::move(d));
  }

  // A clause can relieve or retain only a sanction the agreement's date sees.
  void check_in_force(const ast::Clause& c, const ast::Ident& name, EntityId id) {
    const Entity& e = ws_.entity(id);
    if (e.kind != DeclKind::sanction || e.sanction.seen_by(date_)) return;
    const SanctionTerms& t = e.sanction;
    const std::string verb(ast::to_string(c.verb));
    std::string period;
    if (t.since && t.until) {
      period = fmt::format("in force from {} until {}", t.since->to_string(), t.until->to_string());
    } else if (t.since) {
      period = fmt::format("in force from {}", t.since->to_string());
    } else if (t.until) {
      period = fmt::format("in force until {}", t.until->to_string());
    }
    Diagnostic d;
    if (date_) {
      d = make_diagnostic(DiagId::sanction_not_in_force, name.span,
                          fmt::format("cannot {} `{}`: it is not in force on {}, the date of agreement `{}`", verb,
                                      name.name, date_->to_string(), agreement_->name.name));
      d.with_label(period);
      d.with_help("an agreement relieves or retains only the sanctions in force on its date: check the "
                  "agreement's date and the sanction's `since` and `until`");
    } else {
      d = make_diagnostic(DiagId::sanction_not_in_force, name.span,
                          fmt::format("cannot {} `{}`: it ended on {}, and agreement `{}` has no date", verb,
                                      name.name, t.until ? t.until->to_string() : std::string("?"),
                                      agreement_->name.name));
      d.with_label(period);
      d.with_help("give the agreement its date (`signed YYYY-MM-DD;` or `dated YYYY-MM-DD;`): an undated "
                  "agreement sees only the sanctions without `until`");
    }
    if (e.decl != nullptr) d.with_related(e.decl->name.span, fmt::format("`{}` is declared here", name.name));
    out_.report(std::move(d));
  }

  void check_modifiers(const ast::Clause& c) {
    std::array<const ast::Modifier*, 4> first{};
    for (const ast::Modifier& m : c.modifiers) {
      const auto slot = static_cast<std::size_t>(m.kind);
      const std::string_view word = ast::to_string(m.kind);
      if (slot < first.size()) {
        if (first[slot] != nullptr) {
          Diagnostic d = make_diagnostic(DiagId::modifier_repeated, m.span,
                                         fmt::format("modifier `{}` is repeated", word));
          d.with_label("repeated here");
          d.with_related(first[slot]->span, "first given here");
          d.with_help(fmt::format("keep one `{}`", word));
          out_.report(std::move(d));
        } else {
          first[slot] = &m;
        }
      }
      switch (m.kind) {
        case ast::Modifier::Kind::snapback:
          if (c.verb != Verb::suspend && c.verb != Verb::ease) {
            report_wrong_verb(c, m, "`snapback` applies only to `suspend` and `ease`");
          }
          break;
        case ast::Modifier::Kind::partially:
          if (c.verb != Verb::dismantle) report_wrong_verb(c, m, "`partially` applies only to `dismantle`");
          break;
        case ast::Modifier::Kind::verified:
          for (const ast::Ident& v : m.verifiers) resolve_reference(ws_, unit_, v, kVerifier, out_);
          break;
        case ast::Modifier::Kind::within:
          if (m.duration) check_duration(*m.duration);
          break;
      }
    }
  }

  void report_wrong_verb(const ast::Clause& c, const ast::Modifier& m, std::string_view help) {
    Diagnostic d = make_diagnostic(
        DiagId::modifier_wrong_verb, m.span,
        fmt::format("`{}` does not apply to `{}`", ast::to_string(m.kind), ast::to_string(c.verb)));
    d.with_label("not allowed here");
    d.with_help(std::string(help));
    if (m.kind == ast::Modifier::Kind::snapback && c.verb == Verb::lift) {
      d.with_note("a lifted sanction is gone for good; `suspend sanctions ... snapback` keeps a way back");
    }
    out_.report(std::move(d));
  }

  void check_duration(const ast::Duration& dur) {
    if (dur.unit == ast::DurationUnit::unknown) {
      const Span unit_span = unit_span_of(dur);
      Diagnostic d = make_diagnostic(DiagId::unknown_duration_unit, unit_span,
                                     fmt::format("unknown duration unit `{}`", dur.unit_text));
      d.with_label("not a unit of time");
      static const std::vector<std::string_view> kUnits = {"days", "weeks", "months", "years",
                                                           "day",  "week",  "month",  "year"};
      if (auto best = closest_match(dur.unit_text, kUnits)) {
        d.with_help(fmt::format("did you mean `{}`?", *best));
        d.fix = replace_with(unit_span, *best);
      } else {
        d.with_help("use `days`, `weeks`, `months` or `years`");
      }
      out_.report(std::move(d));
      return;
    }
    if (dur.amount == 0) {
      Diagnostic d = make_diagnostic(DiagId::zero_duration, dur.span,
                                     fmt::format("`within {} {}` is a deadline of zero time", dur.amount,
                                                 dur.unit_text));
      d.with_label("no time at all");
      d.with_help("give the time allowed, for example `within 60 days`, or remove `within`");
      out_.report(std::move(d));
    }
  }

  // The unit word at the end of a duration's span, when the source confirms it.
  Span unit_span_of(const ast::Duration& dur) const {
    const SourceFile* file = ws_.sources().find(dur.span.file);
    const auto len = static_cast<std::uint32_t>(dur.unit_text.size());
    if (file == nullptr || len == 0 || dur.span.size() < len || dur.span.end > file->text().size()) return dur.span;
    if (file->text().substr(dur.span.end - len, len) != dur.unit_text) return dur.span;
    return Span{dur.span.file, dur.span.end - len, dur.span.end};
  }

  // The span extended over the spaces after it, so that deleting it leaves one space.
  Span with_trailing_space(Span s) const {
    const SourceFile* file = ws_.sources().find(s.file);
    if (file == nullptr) return s;
    const std::string_view text = file->text();
    while (s.end < text.size() && (text[s.end] == ' ' || text[s.end] == '\t')) ++s.end;
    return s;
  }

  // Which sanctions `all` and `all by PARTY` can match, built on first use.
  // The sanctions the current agreement sees (by its date), built once per date.
  void build_sanction_index() {
    if (index_built_ && index_date_ == date_) return;
    index_built_ = true;
    index_date_ = date_;
    any_sanction_ = false;
    imposers_.clear();
    for (EntityId e : ws_.visible_entities(unit_)) {
      const Entity& ent = ws_.entity(e);
      if (ent.kind != DeclKind::sanction || !ent.sanction.seen_by(date_)) continue;
      any_sanction_ = true;
      if (ent.owner != kNoEntity) imposers_.insert(ent.owner);
    }
  }

  const Workspace& ws_;
  UnitId unit_;
  Reporter& out_;
  const ast::Agreement* agreement_ = nullptr;
  std::optional<Date> date_;  // the current agreement's
  bool index_built_ = false;
  std::optional<Date> index_date_;
  bool any_sanction_ = false;
  std::unordered_set<EntityId> imposers_;
};

}  // namespace

std::string_view with_article(ast::DeclKind k) {
  switch (k) {
    case DeclKind::party: return "a party";
    case DeclKind::verifier: return "a verifier";
    case DeclKind::program: return "a program";
    case DeclKind::facility: return "a facility";
    case DeclKind::sanction: return "a sanction";
    case DeclKind::benefit: return "a benefit";
    case DeclKind::material: return "a material";
  }
  return "a declaration";
}

std::optional<EntityId> resolve_reference(const Workspace& ws, UnitId unit, const ast::Ident& ref,
                                          const Expected& expected, Reporter& out) {
  if (ref.name.empty()) return std::nullopt;
  const std::optional<EntityId> found = ws.lookup(unit, ref.name);
  if (found && (expected.mask & kind_bit(ws.entity(*found).kind)) != 0) return found;

  Diagnostic d;
  if (found || ws.lookup_agreement(unit, ref.name) != nullptr) {
    Span declared;
    std::string what;
    if (found) {
      const Entity& e = ws.entity(*found);
      declared = e.decl->name.span;
      what = std::string(with_article(e.kind));
    } else {
      declared = ws.lookup_agreement(unit, ref.name)->name.span;
      what = "an agreement";
    }
    d = make_diagnostic(expected.wrong_kind, ref.span,
                        fmt::format("`{}` is {}, not {}", ref.name, what, expected.description));
    d.with_label(fmt::format("expected {}", expected.description));
    d.with_related(declared, fmt::format("`{}` is declared here as {}", ref.name, what));
    if (!expected.help.empty()) d.with_help(std::string(expected.help));
  } else {
    // A file whose import failed was told so once (E0213, E0201...): the
    // names that import would have brought are not each reported again.
    for (UnitId v : ws.unit(unit).visible_units) {
      if (ws.unit(v).import_failed) return std::nullopt;
    }
    d = make_diagnostic(DiagId::undefined_name, ref.span, fmt::format("undefined name `{}`", ref.name));
    d.with_label("not declared in this file or its imports");
    std::optional<std::string> best;
    if (!out.saturated()) best = suggest_name(ws, unit, ref.name, expected.mask);
    if (best) {
      d.with_help(fmt::format("did you mean `{}`?", *best));
      d.fix = replace_with(ref.span, *best);
    } else {
      d.with_help(fmt::format("declare {} named `{}`, or import the file that declares it", expected.description,
                              ref.name));
    }
  }
  out.report(std::move(d));
  return std::nullopt;
}

void check_agreements(const Workspace& ws, UnitId unit, Reporter& out) {
  AgreementChecker checker(ws, unit, out);
  for (const ast::Agreement* agreement : ws.unit(unit).tree.agreements()) checker.check(*agreement);
}

}  // namespace terms::detail
