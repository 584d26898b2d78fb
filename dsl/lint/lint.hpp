#pragma once
// The linter: the registry of rules, their effective levels under a
// configuration, and the run over one unit with suppressions applied.
//
// Usage (cli/cmd_lint.cpp, the language server):
//   const lint::Settings settings = lint::Settings::from(config);
//   lint::lint_unit(workspace, unit, settings, sink);
//
// Suppressions are comments in the linted file:
//   # terms: ignore RULE[, RULE]        this line, and the next one when the
//                                       comment stands alone on its line
//   # terms: ignore-file RULE[, RULE]   the whole file
// RULE is a rule's code or name; text after ` -- ` is a free reason. A
// suppression that silences nothing is reported (L021 unused-suppression), a
// malformed one or an unknown rule too (L022 invalid-suppression).

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "dsl/config.hpp"
#include "dsl/diagnostics.hpp"
#include "dsl/lint/rule.hpp"
#include "dsl/resolve.hpp"

namespace terms::lint {

// Every rule, sorted by code.
std::span<const Rule* const> all_rules();
// A rule by code ("L001") or name ("duplicate-clause"); nullptr if none.
const Rule* find_rule(std::string_view code_or_name);
// The categories, in the order docs/lint.md presents them.
std::span<const std::string_view> categories();
// The names terms.json may use (for parse_config).
ConfigVocabulary config_vocabulary();

// The level each rule runs at, indexed like all_rules().
struct Settings {
  std::vector<RuleLevel> levels;

  // Every rule at its default level (opt-in rules off).
  static Settings defaults();
  // Defaults overridden by terms.json: a rule's own entry, else its category's.
  static Settings from(const Config& config);

  RuleLevel level(std::size_t rule_index) const { return levels.at(rule_index); }
  RuleLevel level(std::string_view code_or_name) const;
};

// The default level of a rule: its severity, or `off` for an opt-in rule.
RuleLevel default_level(const RuleInfo& rule);

// Lints one unit of a workspace: runs every rule whose level is not `off`,
// sets each diagnostic's severity to its rule's level, applies the file's
// suppressions, reports unused and invalid suppressions, and emits the rest
// to `sink` sorted by position. A unit with errors (its own or its imports')
// is not linted: the front end's diagnostics say what to fix first. Returns
// whether the rules ran.
bool lint_unit(const Workspace& ws, UnitId unit, const Settings& settings, DiagnosticSink& sink);

// The documentation of a rule as Markdown: the heading, the metadata line, and
// What it checks / Why / Example / Use instead. `terms lint --explain` prints
// it, and docs/lint.md holds it for every rule (a test keeps them equal).
std::string explain_markdown(const RuleInfo& rule);
// Every rule: a summary table, then explain_markdown() of each rule, in code
// order. `terms lint --explain all` prints it; docs/lint.md holds it.
std::string rules_markdown();
// The anchor of a rule's section in docs/lint.md: "l001-duplicate-clause".
std::string docs_anchor(const RuleInfo& rule);

}  // namespace terms::lint
