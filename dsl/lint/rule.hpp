#pragma once
// A lint rule and what it sees while it runs.
//
// Each rule lives in its own file in dsl/lint/ and defines one `const Rule`
// (declared in dsl/lint/rules.hpp); dsl/lint/registry.cpp lists them in one
// table sorted by code. A rule reads one loaded, error-free unit of a
// Workspace and reports through its RuleContext; it never decides its own
// severity (the configuration does) and never sees suppressions (the linter
// applies them afterwards).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/ast.hpp"
#include "dsl/diagnostics.hpp"
#include "dsl/resolve.hpp"

namespace terms::lint {

// The registry entry and the documentation of one rule. The four doc fields
// are Markdown; `example` and `use_instead` are complete term files (they are
// linted by the test suite: the rule must fire on the first and not on the
// second).
struct RuleInfo {
  std::string_view code;      // "L001": stable, never renumbered or reused
  std::string_view name;      // kebab-case: "duplicate-clause"
  std::string_view category;  // correctness, verification, sequencing, style, library, suppression
  Severity severity;          // the default level
  bool enabled_by_default;    // false: opt-in (the rule is `off` unless terms.json enables it)
  bool fixable;               // whether its diagnostics carry a Fix
  std::string_view summary;   // one line, lowercase, for --list-rules
  std::string_view what;      // What it checks
  std::string_view why;       // Why it matters to a policy writer
  std::string_view example;   // a term file on which the rule fires
  std::string_view use_instead;  // the same file, written so that it does not
};

class RuleContext;
using CheckFn = void (*)(RuleContext&);

struct Rule {
  RuleInfo info;
  CheckFn check;
};

// Views of the unit that several rules need (dsl/lint/analysis.hpp), computed
// once per unit and shared by the rules that run over it.
struct UnitViews;

// What a rule sees: the workspace, the unit being linted, and a place to
// report. Lifetime: lives for one rule's run over one unit; the diagnostics
// it reports are moved into the caller's vector. `views` is shared by the
// contexts of the rules run over the same unit (lint_unit passes one); a
// context made without one creates its own on first use.
class RuleContext {
 public:
  RuleContext(const Workspace& ws, UnitId unit, const RuleInfo& rule, std::vector<Diagnostic>& out,
              std::shared_ptr<UnitViews> views = nullptr)
      : ws_(ws), unit_(unit), rule_(rule), out_(out), views_(std::move(views)) {}

  const Workspace& workspace() const { return ws_; }
  UnitId unit_id() const { return unit_; }
  const Unit& unit() const { return ws_.unit(unit_); }
  const ast::File& tree() const { return unit().tree; }
  const SourceFile& source() const { return *unit().source; }
  const RuleInfo& rule() const { return rule_; }

  // The source text a span of this unit covers.
  std::string_view text(Span span) const;

  // The entity a name used in this unit refers to; nullptr when it does not
  // resolve (the front end has reported that).
  const Entity* lookup(const ast::Ident& name) const;

  // Starts a diagnostic of this rule (code, name, category, default
  // severity); the caller adds a label, help lines and a fix.
  Diagnostic& report(Span span, std::string message);

  // The shared views of this unit (analysis.hpp).
  UnitViews& views() const;

 private:
  const Workspace& ws_;
  UnitId unit_;
  const RuleInfo& rule_;
  std::vector<Diagnostic>& out_;
  mutable std::shared_ptr<UnitViews> views_;  // a cache: filled on first use
};

}  // namespace terms::lint
