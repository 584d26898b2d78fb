#include "lsp/passes.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "dsl/fmt/format.hpp"
#include "dsl/lint/lint.hpp"
#include "engine/evaluate.hpp"
#include "engine/run.hpp"

namespace terms::lsp {

Settings settings_for_path(const FileSystem& fs, const std::string& document_path) {
  Settings settings;
  // The nearest terms.json, walking up from the document's directory.
  std::filesystem::path dir = std::filesystem::path(document_path).parent_path();
  for (int depth = 0; depth < 64 && !dir.empty(); ++depth) {
    const std::string candidate = (dir / std::string(kConfigFileName)).generic_string();
    if (fs.kind(candidate) == FileKind::regular) {
      settings.config_path = candidate;
      break;
    }
    if (dir == dir.parent_path()) break;
    dir = dir.parent_path();
  }
  if (settings.config_path.empty()) return settings;
  std::string error;
  std::optional<std::string> text = fs.read(settings.config_path, error);
  if (!text) {
    settings.config_problems.push_back(fmt::format("{}: cannot read it: {}", settings.config_path, error));
    return settings;
  }
  SourceManager sources;
  DiagnosticBag problems;
  const SourceFile& file = sources.add(settings.config_path, std::move(*text));
  settings.config = parse_config(file, dir.generic_string(), lint::config_vocabulary(), problems);
  for (const Diagnostic& d : problems.all()) {
    const LineCol lc = d.span.valid() ? file.line_col(d.span.begin) : LineCol{};
    settings.config_problems.push_back(fmt::format("{}:{}:{}: {}", settings.config_path, lc.line, lc.column, d.message));
  }
  if (settings.config.profile) {
    settings.profile = *settings.config.profile;
    // A profile file named in terms.json is relative to terms.json.
    const std::filesystem::path named(settings.profile);
    if (named.extension() == ".terms" && named.is_relative()) {
      settings.profile = (dir / named).lexically_normal().generic_string();
    }
  }
  return settings;
}

namespace {

// A problem with terms.json, shown at the top of the document it governs.
void report_config_problems(Analysis& analysis, const Settings& settings) {
  if (settings.config_problems.empty()) return;
  Diagnostic d;
  d.severity = Severity::warning;
  d.category = "config";
  d.span = Span{analysis.root_source().id(), 0, 0};
  d.message = fmt::format("`{}` has {} {}; the first: {}", settings.config_path, settings.config_problems.size(),
                          settings.config_problems.size() == 1 ? "problem" : "problems",
                          settings.config_problems.front());
  d.with_help("run `terms lint` in a terminal to see every problem");
  analysis.mutable_diagnostics().emit(std::move(d));
}

void lint(Analysis& analysis, const Settings& settings) {
  const lint::Settings levels = lint::Settings::from(settings.config);
  lint::lint_unit(analysis.workspace(), analysis.root(), levels, analysis.mutable_diagnostics());
}

// Whether an `expect` line of the agreement already says that `condition`
// fails (or, for a required one, that the agreement is unacceptable), so the
// failure is what the author intends and not worth a squiggle.
bool expected_failure(const ast::Agreement& agreement, const engine::ConditionResult& condition) {
  for (const ast::Expectation* e : agreement.expectations()) {
    if (e->kind == ast::Expectation::Kind::violated && e->condition && e->condition->name == condition.id) return true;
    if (e->kind == ast::Expectation::Kind::unacceptable && condition.severity == ast::ConditionSeverity::require) {
      return true;
    }
  }
  return false;
}

bool expected_verdict(const ast::Agreement& agreement, engine::Verdict verdict) {
  for (const ast::Expectation* e : agreement.expectations()) {
    if (e->kind == ast::Expectation::Kind::unacceptable && verdict == engine::Verdict::unacceptable) return true;
    if (e->kind == ast::Expectation::Kind::acceptable && verdict != engine::Verdict::unacceptable) return true;
  }
  return false;
}

// One diagnostic per failing condition, on the first clause (or step, or
// declaration) of the root file that the engine names as evidence, with every
// piece of evidence as related information; and one on the agreement's name
// for a verdict other than acceptable.
void verdict_diagnostics(Analysis& analysis, const ast::Agreement& agreement, const engine::AgreementResult& result) {
  const FileId root = analysis.root_source().id();
  DiagnosticBag& out = analysis.mutable_diagnostics();
  std::vector<std::string> failing;
  for (const auto& c : result.conditions) {
    if (c.holds) continue;
    failing.push_back(fmt::format("`{}`", c.id));
    const bool required = c.severity == ast::ConditionSeverity::require;
    const bool expected = expected_failure(agreement, c);
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
  if (result.verdict == engine::Verdict::acceptable) return;
  const bool expected = expected_verdict(agreement, result.verdict);
  Diagnostic d;
  d.category = "verdict";
  d.name = "verdict";
  d.severity = expected ? Severity::info
                        : (result.verdict == engine::Verdict::unacceptable ? Severity::error : Severity::warning);
  d.span = result.name_span;
  std::string list;
  for (std::size_t i = 0; i < failing.size(); ++i) list += (i == 0 ? "" : ", ") + failing[i];
  d.message = fmt::format("`{}` is {} under `{}`: {} {}", result.agreement, engine::to_string(result.verdict),
                          result.profile, list, failing.size() == 1 ? "fails" : "fail");
  if (expected) d.with_note("as its `expect` line says");
  for (const auto& c : result.conditions) {
    if (c.holds) continue;
    Span at = c.evidence.empty() ? c.condition_span : c.evidence.front().span;
    d.with_related(at, fmt::format("`{}` fails: {}", c.id, c.reason));
  }
  out.emit(std::move(d));
}

void verdicts(Analysis& analysis, const Settings& settings) {
  DiagnosticBag& sink = analysis.mutable_diagnostics();
  bool usage_error = false;
  const ast::Profile* attempted = nullptr;
  auto selected = engine::select_profile(settings.profile, analysis.mutable_workspace(), analysis.mutable_sources(),
                                         sink, usage_error, &attempted);
  // The other profiles the files declare, so that their errors show too.
  engine::compile_declared_profiles(analysis.workspace(), analysis.sources(), sink, attempted);
  if (!selected) return;
  const engine::CompiledProfile& profile = selected->profile;
  for (const auto& c : profile.conditions) analysis.known_conditions.emplace_back(c.id, c.statement);
  auto runs = engine::evaluate_roots(analysis.workspace(), {analysis.root()}, profile);
  for (const auto& run : runs) {
    Analysis::AgreementVerdict v;
    v.agreement = run.agreement;
    v.profile = profile.name;
    if (run.result) {
      v.verdict = std::string(engine::to_string(run.result->verdict));
      for (const auto& c : run.result->conditions) {
        v.conditions.push_back({c.id, c.statement, c.reason, c.holds, c.severity == ast::ConditionSeverity::require});
      }
      verdict_diagnostics(analysis, *run.agreement, *run.result);
      for (const auto& outcome : engine::check_expectations(*run.agreement, *run.result, profile, sink)) {
        if (!outcome.passed && outcome.expectation != nullptr) sink.emit(engine::mismatch_diagnostic(outcome, *run.result));
      }
    }
    analysis.verdicts.push_back(std::move(v));
  }
}

}  // namespace

void run_passes(Analysis& analysis, const Settings& settings) {
  report_config_problems(analysis, settings);
  lint(analysis, settings);
  verdicts(analysis, settings);
}

bool formatting_available() { return true; }

std::optional<json> format_edits(const Analysis& analysis, std::string& error) {
  const SourceFile& source = analysis.root_source();
  std::optional<std::string> formatted = format_file(analysis.root_unit().tree, source);
  if (!formatted) {
    error = "the file has syntax errors; fix them before formatting";
    return std::nullopt;
  }
  const std::string_view before = source.text();
  const std::string_view after = *formatted;
  json edits = json::array();
  if (before == after) return edits;
  // One edit covering only what differs, so the editor keeps the cursor and
  // folds elsewhere. Cut at UTF-8 character boundaries.
  auto continuation = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; };
  std::size_t prefix = 0;
  const std::size_t limit = std::min(before.size(), after.size());
  while (prefix < limit && before[prefix] == after[prefix]) ++prefix;
  while (prefix > 0 && prefix < before.size() && continuation(before[prefix])) --prefix;
  std::size_t suffix = 0;
  while (suffix < limit - prefix && before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix]) ++suffix;
  while (suffix > 0 && continuation(before[before.size() - suffix])) --suffix;
  const auto begin = static_cast<std::uint32_t>(prefix);
  const auto end = static_cast<std::uint32_t>(before.size() - suffix);
  edits.push_back(json{{"range", range_of(source, begin, end)},
                       {"newText", std::string(after.substr(prefix, after.size() - suffix - prefix))}});
  return edits;
}

}  // namespace terms::lsp
