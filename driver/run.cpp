#include "driver/run.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "dsl/parser.hpp"
#include "dsl/profile_ast.hpp"
#include "engine/builtin_profiles.hpp"

namespace terms::driver {

using namespace engine;  // NOLINT: this file is the engine's caller

namespace {

bool looks_like_path(std::string_view spec) {
  return spec.find('/') != std::string_view::npos || spec.find('\\') != std::string_view::npos ||
         (spec.size() > 6 && spec.substr(spec.size() - 6) == ".terms");
}

std::string stem_of(std::string_view path) {
  auto slash = path.find_last_of("/\\");
  if (slash != std::string_view::npos) path.remove_prefix(slash + 1);
  if (path.size() > 6 && path.substr(path.size() - 6) == ".terms") path.remove_suffix(6);
  return std::string(path);
}

}  // namespace

std::optional<CompiledProfile> load_builtin_profile(std::string_view name, SourceManager& sources,
                                                    DiagnosticSink& sink) {
  const BuiltinProfileText* text = find_builtin_profile(name);
  if (!text) return std::nullopt;
  const SourceFile& file = sources.add(builtin_path(*text), std::string(text->text));
  const ast::File tree = parse_file(file, sink);
  for (const ast::Profile* p : tree.profiles()) {
    if (p->name.name == name) return compile_profile(*p, sources, sink);
  }
  return std::nullopt;
}

std::optional<SelectedProfile> select_profile(std::string_view spec, Workspace& workspace,
                                              SourceManager& sources, DiagnosticSink& sink,
                                              bool& usage_error, const ast::Profile** attempted) {
  usage_error = false;
  if (attempted) *attempted = nullptr;
  const std::string name = spec.empty() ? std::string(kDefaultProfile) : std::string(spec);

  // 1. A profile declared in the loaded files.
  std::vector<const ast::Profile*> found;
  for (UnitId u = 0; u < workspace.unit_count(); ++u) {
    const auto& profiles = workspace.unit(u).own_profiles;
    if (auto it = profiles.find(name); it != profiles.end()) found.push_back(it->second);
  }
  if (found.size() > 1) {
    Diagnostic d = make_diagnostic(DiagId::profile_ambiguous, found[0]->name.span,
                                   fmt::format("more than one file declares a profile `{}`", name));
    d.with_label("declared here");
    for (std::size_t i = 1; i < found.size(); ++i) d.with_related(found[i]->name.span, "and here");
    d.with_help("rename one of them, or pass the profile's file with `--profile FILE`");
    sink.emit(std::move(d));
    return std::nullopt;
  }
  if (found.size() == 1) {
    if (attempted) *attempted = found[0];
    auto compiled = compile_profile(*found[0], sources, sink);
    if (!compiled) return std::nullopt;
    return SelectedProfile{std::move(*compiled), ProfileOrigin::input};
  }

  // 2. A built-in profile.
  if (find_builtin_profile(name)) {
    auto compiled = load_builtin_profile(name, sources, sink);
    if (!compiled) return std::nullopt;
    return SelectedProfile{std::move(*compiled), ProfileOrigin::builtin};
  }

  // 3. A file.
  if (looks_like_path(name)) {
    const std::optional<UnitId> unit = workspace.load_file(name);
    if (!unit) {
      usage_error = true;  // the Workspace reported why the file could not be read
      return std::nullopt;
    }
    const auto profiles = workspace.unit(*unit).tree.profiles();
    const ast::Profile* chosen = nullptr;
    if (profiles.size() == 1) {
      chosen = profiles[0];
    } else {
      const std::string stem = stem_of(name);
      for (const ast::Profile* p : profiles) {
        if (p->name.name == stem) chosen = p;
      }
    }
    if (!chosen) {
      Diagnostic d = make_diagnostic(
          DiagId::profile_not_found, Span{},
          profiles.empty() ? fmt::format("`{}` declares no profile", name)
                           : fmt::format("`{}` declares {} profiles and none is named `{}`", name,
                                         profiles.size(), stem_of(name)));
      d.path = name;
      if (!profiles.empty()) {
        std::string names;
        for (const ast::Profile* p : profiles) names += fmt::format("{}`{}`", names.empty() ? "" : ", ", p->name.name);
        d.with_help(fmt::format("pass one of them by name: {}", names));
      } else {
        d.with_help("a profile file holds `profile ID \"title\" { ... }`");
      }
      sink.emit(std::move(d));
      usage_error = true;
      return std::nullopt;
    }
    if (attempted) *attempted = chosen;
    auto compiled = compile_profile(*chosen, sources, sink);
    if (!compiled) return std::nullopt;
    return SelectedProfile{std::move(*compiled), ProfileOrigin::file};
  }

  // Nothing by that name.
  std::vector<std::string_view> candidates;
  for (const auto& b : builtin_profiles()) candidates.push_back(b.name);
  for (UnitId u = 0; u < workspace.unit_count(); ++u) {
    for (const auto& [n, p] : workspace.unit(u).own_profiles) candidates.push_back(n);
  }
  Diagnostic d = make_diagnostic(DiagId::profile_not_found, Span{}, fmt::format("unknown profile `{}`", name));
  if (auto m = closest_match(name, candidates)) {
    d.with_help(fmt::format("did you mean `{}`?", *m));
  }
  std::string builtins;
  for (const auto& b : builtin_profiles()) builtins += fmt::format("{}`{}`", builtins.empty() ? "" : ", ", b.name);
  d.with_note(fmt::format("built-in profiles: {}; `terms profiles` lists them", builtins));
  d.with_note("a profile can also be declared in the inputs, or given as a file path ending in `.terms`");
  sink.emit(std::move(d));
  usage_error = true;
  return std::nullopt;
}

void compile_declared_profiles(const Workspace& workspace, const SourceManager& sources, DiagnosticSink& sink,
                               const ast::Profile* skip) {
  for (UnitId u = 0; u < workspace.unit_count(); ++u) {
    for (const ast::Profile* p : workspace.unit(u).tree.profiles()) {
      if (p == skip) continue;
      (void)compile_profile(*p, sources, sink);
    }
  }
}

void compile_declared_profiles(const Workspace& workspace, const SourceManager& sources, DiagnosticSink& sink,
                               const CompiledProfile* selected) {
  for (UnitId u = 0; u < workspace.unit_count(); ++u) {
    for (const ast::Profile* p : workspace.unit(u).tree.profiles()) {
      if (selected && p->span == selected->span) continue;
      (void)compile_profile(*p, sources, sink);
    }
  }
}

std::vector<AgreementRun> evaluate_roots(const Workspace& workspace, const std::vector<UnitId>& roots,
                                         const CompiledProfile& profile, const EvaluateOptions& options) {
  std::vector<AgreementRun> runs;
  std::unordered_set<UnitId> seen;
  for (UnitId u : roots) {
    if (!seen.insert(u).second) continue;
    const bool broken = workspace.has_errors(u);
    for (const ast::Agreement* a : workspace.unit(u).tree.agreements()) {
      AgreementRun run;
      run.unit = u;
      run.agreement = a;
      if (!broken) {
        run.deal = std::make_unique<Deal>(workspace, u, *a);
        run.result = evaluate(profile, *run.deal, options);
      }
      runs.push_back(std::move(run));
    }
  }
  return runs;
}

std::vector<ExpectationOutcome> check_expectations(const ast::Agreement& agreement, const AgreementResult& result,
                                                   const CompiledProfile& profile, DiagnosticSink& sink,
                                                   std::string_view default_profile) {
  std::vector<ExpectationOutcome> out;
  const ast::Expectation* verdict_seen = nullptr;
  std::unordered_map<std::string_view, const ast::Expectation*> condition_seen;
  using K = ast::Expectation::Kind;
  for (const ast::Expectation* e : agreement.expectations()) {
    if (!expectation_applies(*e, profile.name, default_profile)) continue;
    ExpectationOutcome o;
    o.expectation = e;
    switch (e->kind) {
      case K::acceptable:
      case K::unacceptable: {
        if (verdict_seen && verdict_seen->kind != e->kind) {
          sink.emit(make_diagnostic(DiagId::expect_contradiction, e->span,
                                    fmt::format("`{}` expects both `acceptable` and `unacceptable`",
                                                agreement.name.name))
                        .with_label("contradicts the earlier expectation")
                        .with_related(verdict_seen->span, "earlier expectation")
                        .with_help("keep the one you mean"));
        }
        verdict_seen = e;
        const bool want_acceptable = e->kind == K::acceptable;
        o.expected = want_acceptable ? "acceptable" : "unacceptable";
        o.found = std::string(to_string(result.verdict));
        o.passed = want_acceptable ? result.verdict != Verdict::unacceptable
                                   : result.verdict == Verdict::unacceptable;
        break;
      }
      case K::violated:
      case K::satisfied: {
        const bool want_holds = e->kind == K::satisfied;
        const std::string_view id = e->condition ? std::string_view(e->condition->name) : std::string_view();
        o.expected = fmt::format("`{}` {}", id, want_holds ? "holds" : "is violated");
        if (auto it = condition_seen.find(id); it != condition_seen.end() && it->second->kind != e->kind) {
          sink.emit(make_diagnostic(DiagId::expect_contradiction, e->span,
                                    fmt::format("`{}` expects condition `{}` to be both violated and satisfied",
                                                agreement.name.name, id))
                        .with_label("contradicts the earlier expectation")
                        .with_related(it->second->span, "earlier expectation")
                        .with_help("keep the one you mean"));
        }
        condition_seen.emplace(id, e);
        const ConditionResult* c = result.find(id);
        if (!c) {
          std::vector<std::string_view> ids;
          for (const auto& pc : profile.conditions) ids.push_back(pc.id);
          Diagnostic d = make_diagnostic(DiagId::expect_unknown_condition,
                                         e->condition ? e->condition->span : e->span,
                                         fmt::format("profile `{}` has no condition `{}`", profile.name, id));
          d.with_label("not a condition of this profile");
          if (auto m = closest_match(id, ids)) {
            d.with_help(fmt::format("did you mean `{}`?", *m));
          } else {
            std::string list;
            for (auto i : ids) list += fmt::format("{}`{}`", list.empty() ? "" : ", ", i);
            d.with_help(fmt::format("the conditions of `{}` are {}", profile.name, list));
          }
          sink.emit(std::move(d));
          o.found = fmt::format("profile `{}` has no condition `{}`", profile.name, id);
          o.passed = false;
          break;
        }
        o.condition = c;
        o.found = fmt::format("`{}` {}", id, c->holds ? "holds" : "is violated");
        o.passed = c->holds == want_holds;
        break;
      }
    }
    out.push_back(std::move(o));
  }
  return out;
}


std::string default_profile_name(std::string_view spec) {
  if (spec.empty()) return std::string(kDefaultProfile);
  return looks_like_path(spec) ? stem_of(spec) : std::string(spec);
}

ExpectationTally enforce_expectations(const ast::Agreement& agreement, const AgreementResult& result,
                                      const CompiledProfile& profile, std::string_view default_profile,
                                      DiagnosticSink& sink) {
  ExpectationTally t;
  t.outcomes = check_expectations(agreement, result, profile, sink, default_profile);
  for (const ExpectationOutcome& o : t.outcomes) {
    if (o.passed) {
      ++t.passed;
      continue;
    }
    ++t.failed;
    // An unknown condition has its own diagnostic (E0501); only real mismatches get E0502.
    if (o.condition || o.expectation->kind == ast::Expectation::Kind::acceptable ||
        o.expectation->kind == ast::Expectation::Kind::unacceptable) {
      sink.emit(mismatch_diagnostic(o, result));
    }
  }
  std::vector<std::string_view> others;  // the profiles the skipped lines are for, in order
  for (const ast::Expectation* e : agreement.expectations()) {
    if (expectation_applies(*e, profile.name, default_profile)) continue;
    ++t.skipped;
    const std::string_view p = e->profile ? std::string_view(e->profile->name) : default_profile;
    if (std::find(others.begin(), others.end(), p) == others.end()) others.push_back(p);
  }
  if (t.skipped > 0) {
    std::string names;
    for (std::size_t i = 0; i < others.size(); ++i) {
      names += fmt::format("{}`{}`", i == 0 ? "" : (i + 1 == others.size() ? " and " : ", "), others[i]);
    }
    Diagnostic d = make_diagnostic(
        DiagId::expect_skipped, agreement.name.span,
        fmt::format("{} `expect` line{} of `{}` {} for {}, not `{}`: not checked in this run", t.skipped,
                    t.skipped == 1 ? "" : "s", agreement.name.name, t.skipped == 1 ? "is" : "are", names,
                    profile.name));
    d.with_label("expectations skipped");
    d.with_help(fmt::format("`expect under {} ...;` pins a line to this profile", profile.name));
    sink.emit(std::move(d));
  }
  return t;
}

Diagnostic mismatch_diagnostic(const ExpectationOutcome& o, const AgreementResult& result) {
  Diagnostic d = make_diagnostic(DiagId::expect_mismatch, o.expectation->span, {});
  if (o.condition) {
    const ConditionResult& c = *o.condition;
    d.message = fmt::format("expected {} for `{}`, but it {} under `{}`", o.expected, result.agreement,
                            c.holds ? "holds" : "is violated", result.profile);
    d.label = fmt::format("expected {}", o.expected);
    d.with_note(fmt::format("`{}` ({}): {}", c.id, ast::to_string(c.severity), c.statement));
    d.with_note(fmt::format("rule: {}", c.formula));
    d.with_note(fmt::format("found: {}", c.reason));
    for (const auto& e : c.evidence) d.with_related(e.span, e.label);
    if (c.omitted > 0) d.with_note(fmt::format("and {} more", c.omitted));
    return d;
  }
  d.message = fmt::format("expected `{}` to be {}, but it is {} under `{}`", result.agreement, o.expected,
                          o.found, result.profile);
  d.label = fmt::format("expected {}", o.expected);
  bool any = false;
  for (const auto& c : result.conditions) {
    if (c.holds) continue;
    any = true;
    d.with_note(fmt::format("`{}` ({}) fails: {}", c.id, ast::to_string(c.severity), c.reason));
    if (c.severity == ast::ConditionSeverity::require) {
      for (const auto& e : c.evidence) d.with_related(e.span, fmt::format("{}: {}", c.id, e.label));
    }
  }
  if (!any) d.with_note("every condition holds");
  return d;
}

}  // namespace terms::driver
