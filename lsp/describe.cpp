#include "lsp/describe.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "dsl/profile_ast.hpp"

namespace terms::lsp {

namespace {

constexpr std::size_t kMaxListed = 12;

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < kMaxListed; ++i) {
    if (i != 0) out += ", ";
    out += "`" + names[i] + "`";
  }
  if (names.size() > kMaxListed) out += fmt::format(" and {} more", names.size() - kMaxListed);
  return out;
}

bool contains_span(Span outer, Span inner) {
  return outer.file == inner.file && inner.begin >= outer.begin && inner.end <= outer.end;
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

std::string_view Describer::verb_effect(ast::Verb verb) {
  switch (verb) {
    case ast::Verb::declare: return "declared";
    case ast::Verb::freeze: return "frozen (stopped, reversibly)";
    case ast::Verb::dismantle: return "dismantled completely";
    case ast::Verb::lift: return "lifted: no longer in force";
    case ast::Verb::ease: return "eased: relaxed, but still in force";
    case ast::Verb::suspend: return "suspended: not in force";
    case ast::Verb::retain: return "retained: explicitly still in force";
    case ast::Verb::provide: return "provided";
    case ast::Verb::convert: return "converted to civilian use (counts as dismantled completely)";
    case ast::Verb::remove: return "removed from the country (counts as dismantled completely)";
  }
  return "";
}

std::string Describer::source_text(Span span) const {
  const SourceFile* file = analysis_.sources().find(span.file);
  if (file == nullptr || span.end > file->text().size() || span.begin > span.end) return {};
  std::string text(file->text().substr(span.begin, span.end - span.begin));
  if (text.size() > 600) text = text.substr(0, 600) + " ...";
  return text;
}

std::string Describer::declared_at(Span span) const {
  const SourceFile* file = analysis_.sources().find(span.file);
  if (file == nullptr) return {};
  const LineCol lc = file->line_col(span.begin);
  if (file->id() == analysis_.root_source().id()) return fmt::format("Declared on line {}.", lc.line);
  // The path as an import from this file would spell it.
  namespace fs = std::filesystem;
  const fs::path here = fs::path(analysis_.root_source().path()).parent_path();
  std::string shown = fs::path(file->path()).lexically_relative(here).generic_string();
  if (shown.empty() || here.empty()) shown = file->path();
  return fmt::format("Declared in `{}`, line {}.", shown, lc.line);
}

std::string Describer::entity_name(EntityId id) const {
  if (id == kNoEntity) return "?";
  return std::string(ws_.entity(id).name);
}

std::string Describer::entity_summary(EntityId id) const {
  const Entity& e = ws_.entity(id);
  const ast::Decl& d = *e.decl;
  std::string owner = e.owner != kNoEntity ? entity_name(e.owner) : (d.owner ? d.owner->name : "?");
  switch (e.kind) {
    case ast::DeclKind::party: return "a party: owns programs, imposes sanctions, provides benefits";
    case ast::DeclKind::verifier:
      return e.owner != kNoEntity ? fmt::format("a verifier of party `{}`: may verify a clause (`verified by`)", owner)
                                  : "a verifier: may verify a clause (`verified by`)";
    case ast::DeclKind::material: {
      std::string party;
      if (e.owner != kNoEntity && ws_.entity(e.owner).owner != kNoEntity) {
        party = fmt::format(" (party `{}`)", entity_name(ws_.entity(e.owner).owner));
      }
      return fmt::format("material in program `{}`{}", owner, party);
    }
    case ast::DeclKind::program:
      return fmt::format("program of party `{}`{}", owner,
                         d.program_kind ? fmt::format(", kind `{}`", d.program_kind->name) : "");
    case ast::DeclKind::facility: {
      std::string party;
      if (e.owner != kNoEntity && ws_.entity(e.owner).owner != kNoEntity) {
        party = fmt::format(" (party `{}`)", entity_name(ws_.entity(e.owner).owner));
      }
      return fmt::format("facility in program `{}`{}", owner, party);
    }
    case ast::DeclKind::sanction: {
      // Its weight and the days it is in force, when the declaration gives them.
      const SanctionTerms& t = e.sanction;
      std::string out = fmt::format("sanction imposed by `{}`", owner);
      if (d.weight) out += fmt::format(", weight {}", t.weight);
      if (t.since && t.until) {
        out += fmt::format(", in force from {} until {} (not on {})", t.since->to_string(), t.until->to_string(),
                           t.until->to_string());
      } else if (t.since) {
        out += fmt::format(", in force since {}", t.since->to_string());
      } else if (t.until) {
        out += fmt::format(", in force until {} (not on {})", t.until->to_string(), t.until->to_string());
      }
      return out;
    }
    case ast::DeclKind::benefit: return fmt::format("benefit provided by `{}`", owner);
  }
  return "";
}

std::string Describer::entity(EntityId id) const {
  const Entity& e = ws_.entity(id);
  std::string out = fmt::format("```terms\n{}\n```\n\n**{}** `{}`: {}", source_text(e.decl->span),
                                ast::to_string(e.kind), e.name, entity_summary(id));
  if (e.decl->title) out += fmt::format("  \n*{}*", e.decl->title->value);
  // What belongs to it, among the names visible from the root.
  std::vector<std::string> owned;
  for (EntityId other : ws_.visible_entities(analysis_.root())) {
    if (ws_.entity(other).owner == id) owned.push_back(std::string(ws_.entity(other).name));
  }
  if (!owned.empty()) {
    std::string_view what = e.kind == ast::DeclKind::program ? "facilities" : "owns or imposes";
    out += fmt::format("\n\n{}: {}", what, join_names(owned));
  }
  out += "\n\n" + declared_at(e.decl->name.span);
  return out;
}

std::string Describer::occurrence(const Occurrence& o) const {
  switch (o.what) {
    case SymbolClass::entity: return entity(o.entity);
    case SymbolClass::agreement: return agreement(*o.agreement);
    case SymbolClass::step: return step(*o.agreement, *o.step);
    case SymbolClass::profile:
      return fmt::format("**profile** `{}`{}: {}", o.profile->name.name,
                         o.profile->title ? fmt::format(" \"{}\"", o.profile->title->value) : "",
                         plural(o.profile->conditions.size(), "condition", "conditions"));
    case SymbolClass::condition: return condition(*o.profile, *o.condition);
  }
  return {};
}

std::string Describer::clause(const ast::Clause& c) const {
  const UnitId root = analysis_.root();
  std::string effect(verb_effect(c.verb));
  if (c.verb == ast::Verb::dismantle && c.has(ast::Modifier::Kind::partially)) {
    effect = "dismantled partially (not completely)";
  }
  if (c.verb == ast::Verb::suspend && c.has(ast::Modifier::Kind::snapback)) {
    effect += ", with snapback (reversible)";
  }
  if (c.verb == ast::Verb::ease && c.has(ast::Modifier::Kind::snapback)) effect += ", with snapback";
  std::string out = fmt::format("```terms\n{}\n```\n\n**{}**: ", source_text(c.span), ast::to_string(c.verb));

  // The targets, expanded the way the engine reads them.
  std::vector<std::string> targets;
  std::vector<std::string> actors;
  auto add_actor = [&](EntityId id) {
    // The actor is the party at the top of the owner chain.
    EntityId cur = id;
    for (int depth = 0; depth < 4 && cur != kNoEntity && ws_.entity(cur).kind != ast::DeclKind::party; ++depth) {
      cur = ws_.entity(cur).owner;
    }
    if (cur == kNoEntity) return;
    std::string name = entity_name(cur);
    if (std::find(actors.begin(), actors.end(), name) == actors.end()) actors.push_back(name);
  };
  const auto visible = ws_.visible_entities(root);
  switch (c.targets.kind) {
    case ast::Targets::Kind::names:
      for (const auto& t : c.targets.names) {
        auto id = ws_.lookup(root, t.name);
        if (!id) {
          targets.push_back(t.name + " (undeclared)");
          continue;
        }
        add_actor(*id);
        if (ws_.entity(*id).kind == ast::DeclKind::program) {
          std::vector<std::string> facilities;
          for (EntityId f : visible) {
            if (ws_.entity(f).owner == *id && ws_.entity(f).kind == ast::DeclKind::facility) {
              facilities.push_back(std::string(ws_.entity(f).name));
            }
          }
          targets.push_back(fmt::format("{} (program: each of its facilities{}{})", t.name,
                                        facilities.empty() ? "" : ", ", join_names(facilities)));
        } else {
          targets.push_back(t.name);
        }
      }
      break;
    case ast::Targets::Kind::all:
    case ast::Targets::Kind::all_by: {
      std::optional<EntityId> by;
      if (c.targets.kind == ast::Targets::Kind::all_by && c.targets.by) by = ws_.lookup(root, c.targets.by->name);
      std::vector<std::string> sanctions;
      for (EntityId s : visible) {
        const Entity& e = ws_.entity(s);
        if (e.kind != ast::DeclKind::sanction) continue;
        if (c.targets.kind == ast::Targets::Kind::all_by && (!by || e.owner != *by)) continue;
        sanctions.push_back(std::string(e.name));
        add_actor(s);
      }
      targets.push_back(fmt::format("{} ({}: {})",
                                    c.targets.kind == ast::Targets::Kind::all
                                        ? std::string("all sanctions in scope")
                                        : fmt::format("every sanction imposed by `{}`",
                                                      c.targets.by ? c.targets.by->name : "?"),
                                    plural(sanctions.size(), "sanction", "sanctions"), join_names(sanctions)));
      break;
    }
  }
  std::string target_text;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    if (i != 0) target_text += ", ";
    target_text += targets[i];
  }
  out += fmt::format("{} {} {}.", target_text, targets.size() == 1 ? "is" : "are", effect);
  if (ast::is_concession(c.verb)) {
    out += " A concession";
  } else if (ast::is_relief(c.verb)) {
    out += " Relief";
  } else {
    out += " No change of state; it records that the sanctions stay";
  }
  if (!actors.empty()) {
    std::vector<std::string> quoted;
    for (const auto& a : actors) quoted.push_back(a);
    out += fmt::format(" by {}", join_names(quoted));
  }
  out += ".";
  if (const auto* v = c.find(ast::Modifier::Kind::verified)) {
    std::string who;
    for (std::size_t i = 0; i < v->verifiers.size(); ++i) {
      who += fmt::format("{}`{}`", i == 0 ? "" : i + 1 == v->verifiers.size() ? " and " : ", ", v->verifiers[i].name);
    }
    out += !who.empty() ? fmt::format("\n\nVerified by {}.", who) : "\n\nVerified (no verifier named).";
  } else if (ast::is_concession(c.verb)) {
    out += "\n\nNot verified.";
  }
  if (const auto* w = c.find(ast::Modifier::Kind::within); w && w->duration) {
    out += fmt::format("\n\nDeadline: within {} {} ({} days).", w->duration->amount, w->duration->unit_text,
                       w->duration->days());
  }
  return out;
}

std::string Describer::expectation(const ast::Expectation& e) const {
  std::string out = expectation_text(e);
  if (!e.condition) return out;
  for (const auto& [id, statement] : analysis_.known_conditions) {
    if (id == e.condition->name) out += fmt::format("\n\n`{}`: {}", id, statement);
  }
  for (const auto& v : analysis_.verdicts) {
    for (const auto& c : v.conditions) {
      if (c.id != e.condition->name || v.agreement == nullptr) continue;
      if (!contains_span(v.agreement->span, e.span)) continue;
      out += fmt::format("\n\nUnder `{}` it {}: {}.", v.profile, c.holds ? "holds" : "fails", c.reason);
    }
  }
  return out;
}

std::string Describer::expectation_text(const ast::Expectation& e) const {
  switch (e.kind) {
    case ast::Expectation::Kind::acceptable:
      return "**expect acceptable**: `terms test` fails unless every `require` condition of the profile holds "
             "(an agreement acceptable with reservations also passes).";
    case ast::Expectation::Kind::unacceptable:
      return "**expect unacceptable**: `terms test` fails unless some `require` condition of the profile fails.";
    case ast::Expectation::Kind::violated:
      return fmt::format("**expect violated** `{}`: `terms test` fails unless this condition fails.",
                         e.condition ? e.condition->name : "?");
    case ast::Expectation::Kind::satisfied:
      return fmt::format("**expect satisfied** `{}`: `terms test` fails unless this condition holds.",
                         e.condition ? e.condition->name : "?");
  }
  return {};
}

std::string Describer::step(const ast::Agreement& a, const ast::Step& s) const {
  std::string out = fmt::format("**step** `{}` of agreement `{}`", s.name.name, a.name.name);
  if (s.title) out += fmt::format(": *{}*", s.title->value);
  out += "\n\n" + plural(s.clauses.size(), "clause", "clauses");
  if (!s.after.empty()) {
    std::vector<std::string> after;
    for (const auto& id : s.after) after.push_back(id.name);
    out += "; runs after " + join_names(after);
  }
  out += ".\n\n" + declared_at(s.name.span);
  return out;
}

std::string Describer::agreement(const ast::Agreement& a) const {
  std::string out = fmt::format("**agreement** `{}`", a.name.name);
  if (a.title) out += fmt::format(": *{}*", a.title->value);
  std::size_t clauses = a.implicit_clauses().size();
  const auto steps = a.steps();
  for (const ast::Step* s : steps) clauses += s->clauses.size();
  if (const auto items = a.date_items(); !items.empty() && items.front()->date.date) {
    const bool dated = items.front()->kind == ast::AgreementDate::Kind::dated;
    out += fmt::format("\n\n{} {}{}: it sees the sanctions in force on that day", dated ? "dated" : "signed",
                       items.front()->date.date->to_string(), dated ? " (an offer or a draft, never signed)" : "");
  }
  out += fmt::format("\n\n{}, {}", plural(steps.size(), "step", "steps"), plural(clauses, "clause", "clauses"));
  std::vector<std::string> builds;
  for (const ast::Ident* b : a.builds_on()) builds.push_back(b->name);
  if (!builds.empty()) out += "; builds on " + join_names(builds);
  out += ".";
  if (const auto* v = analysis_.verdict_of(&a)) {
    if (v->verdict.empty()) {
      out += fmt::format("\n\nNot evaluated under `{}`: its file or an import has errors.", v->profile);
    } else {
      std::size_t holding = 0;
      for (const auto& c : v->conditions) holding += c.holds ? 1 : 0;
      out += fmt::format("\n\nVerdict under `{}`: **{}** ({} of {} conditions hold)", v->profile, v->verdict,
                         holding, v->conditions.size());
      for (const auto& c : v->conditions) {
        if (!c.holds) out += fmt::format("\n- {} `{}` fails: {}", c.required ? "require" : "prefer", c.id, c.reason);
      }
    }
  }
  out += "\n\n" + declared_at(a.name.span);
  return out;
}

std::string Describer::condition(const ast::Profile& p, const ast::Condition& c) const {
  const std::string severity = source_text(c.severity_span);
  std::string out = fmt::format("**{}** `{}` (profile `{}`): {}", severity.empty() ? "condition" : severity,
                                c.id.name, p.name.name, c.statement.value);
  if (c.formula_span.valid()) out += fmt::format("\n\n```terms\n{}\n```", source_text(c.formula_span));
  return out;
}

std::string Describer::decl_keyword(ast::DeclKind kind) const {
  switch (kind) {
    case ast::DeclKind::party: return "**party** `ID \"title\"`: a side of an agreement.";
    case ast::DeclKind::verifier:
      return "**verifier** `ID [of PARTY] \"title\"`: who can verify a clause (`verified by ID, ID`); `of PARTY` "
             "says whose verifier it is (`verified independently` in a profile needs one of no party to the "
             "agreement).";
    case ast::DeclKind::material:
      return "**material** `ID in PROGRAM \"title\"`: a stock of a program (separated plutonium, enriched uranium, "
             "chemical agents); `declare`, `freeze`, `dismantle` and `remove` can target it.";
    case ast::DeclKind::program:
      return "**program** `ID of PARTY kind KIND \"title\"`: a weapons program of a party; as a clause target it "
             "means each of its facilities.";
    case ast::DeclKind::facility: return "**facility** `ID in PROGRAM \"title\"`: a site of one program.";
    case ast::DeclKind::sanction:
      return "**sanction** `ID by PARTY \"title\"`: a sanction, imposed by a party; `all` in a clause means every "
             "sanction in scope.";
    case ast::DeclKind::benefit: return "**benefit** `ID by PARTY \"title\"`: something a party provides.";
  }
  return {};
}

}  // namespace terms::lsp
