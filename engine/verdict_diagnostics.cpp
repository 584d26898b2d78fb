#include "engine/verdict_diagnostics.hpp"

#include <string>
#include <vector>

#include <fmt/format.h>

namespace terms::engine {
namespace {

// Whether an `expect` line of the agreement already says that `condition`
// fails (or, for a required one, that the agreement is unacceptable), so the
// failure is what the author intends and not worth a squiggle.
bool expected_failure(const ast::Agreement& agreement, const ConditionResult& condition, std::string_view profile,
                      std::string_view default_profile) {
  for (const ast::Expectation* e : agreement.expectations()) {
    if (!expectation_applies(*e, profile, default_profile)) continue;
    if (e->kind == ast::Expectation::Kind::violated && e->condition && e->condition->name == condition.id) return true;
    if (e->kind == ast::Expectation::Kind::unacceptable && condition.severity == ast::ConditionSeverity::require) {
      return true;
    }
  }
  return false;
}

bool expected_verdict(const ast::Agreement& agreement, Verdict verdict, std::string_view profile,
                      std::string_view default_profile) {
  for (const ast::Expectation* e : agreement.expectations()) {
    if (!expectation_applies(*e, profile, default_profile)) continue;
    if (e->kind == ast::Expectation::Kind::unacceptable && verdict == Verdict::unacceptable) return true;
    if (e->kind == ast::Expectation::Kind::acceptable && verdict != Verdict::unacceptable) return true;
  }
  return false;
}

// One diagnostic per failing condition, on the first clause (or step, or
// declaration) of the root file that the engine names as evidence, with every
// piece of evidence as related information; and one on the agreement's name
// for a verdict other than acceptable.
}  // namespace

bool expectation_applies(const ast::Expectation& expectation, std::string_view profile,
                         std::string_view default_profile) {
  if (expectation.profile) return expectation.profile->name == profile;
  return default_profile.empty() || default_profile == profile;
}

void verdict_diagnostics(const ast::Agreement& agreement, const AgreementResult& result, FileId root,
                         DiagnosticSink& out, std::string_view default_profile) {
  std::vector<std::string> failing;
  for (const auto& c : result.conditions) {
    if (c.holds) continue;
    failing.push_back(fmt::format("`{}`", c.id));
    const bool required = c.severity == ast::ConditionSeverity::require;
    const bool expected = expected_failure(agreement, c, result.profile, default_profile);
    Diagnostic d;
    d.code = c.id;
    d.name = c.id;
    d.category = "verdict";
    d.severity = expected ? Severity::info : (required ? Severity::error : Severity::warning);
    d.message = fmt::format("{} `{}` fails: {}", ast::to_string(c.severity), c.id, c.statement);
    d.span = result.name_span;
    for (const auto& e : c.evidence) {
      if (e.span.valid() && e.span.file == root) {
        d.span = e.span;
        break;
      }
    }
    d.with_note(fmt::format("because {}", c.reason));
    if (expected) d.with_note("an `expect` line of the agreement says so");
    for (const auto& e : c.evidence) d.with_related(e.span, e.label);
    if (c.omitted > 0) d.with_note(fmt::format("and {} more clauses", c.omitted));
    out.emit(std::move(d));
  }
  if (result.verdict == Verdict::acceptable) return;
  const bool expected = expected_verdict(agreement, result.verdict, result.profile, default_profile);
  Diagnostic d;
  d.code = "verdict";
  d.category = "verdict";
  d.name = "verdict";
  d.severity = expected ? Severity::info
                        : (result.verdict == Verdict::unacceptable ? Severity::error : Severity::warning);
  d.span = result.name_span;
  std::string list;
  for (std::size_t i = 0; i < failing.size(); ++i) list += (i == 0 ? "" : ", ") + failing[i];
  d.message = fmt::format("`{}` is {} under `{}`: {} {}", result.agreement, to_string(result.verdict),
                          result.profile, list, failing.size() == 1 ? "fails" : "fail");
  if (expected) d.with_note("as its `expect` line says");
  for (const auto& c : result.conditions) {
    if (c.holds) continue;
    Span at = c.evidence.empty() ? c.condition_span : c.evidence.front().span;
    d.with_related(at, fmt::format("`{}` fails: {}", c.id, c.reason));
  }
  out.emit(std::move(d));
}

}  // namespace terms::engine
