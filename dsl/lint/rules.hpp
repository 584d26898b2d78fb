#pragma once
// The rules, one per file in dsl/lint/ (the file is named after the rule).
// registry.cpp lists them in one table sorted by code; adding a rule means a
// new file, a line here and a line there, docs in the rule's RuleInfo, and
// golden tests in tests/golden/lint/ (see docs/lint.md, "Adding a rule").

#include "dsl/lint/rule.hpp"

namespace terms::lint::rules {

extern const Rule duplicate_clause;             // L001
extern const Rule duplicate_target;             // L002
extern const Rule retained_but_lifted;          // L003
extern const Rule contradictory_expectations;   // L004
extern const Rule unverified_freeze;            // L005
extern const Rule unnamed_verifier;             // L006
extern const Rule self_verification;            // L007
extern const Rule empty_step;                   // L008
extern const Rule relief_without_concession;    // L009
extern const Rule relief_due_before_concession; // L010
extern const Rule relief_without_deadline;      // L011
extern const Rule after_later_step;             // L012
extern const Rule missing_title;                // L013
extern const Rule naming_convention;            // L014
extern const Rule missing_sanctions_keyword;    // L015
extern const Rule duplicate_expectation;        // L016
extern const Rule all_with_few_sanctions;       // L017
extern const Rule unused_declaration;           // L018
extern const Rule unused_import;                // L019
extern const Rule missing_expectation;          // L020
extern const Rule unused_suppression;           // L021 (reported by the linter itself)
extern const Rule invalid_suppression;          // L022 (reported by the linter itself)
extern const Rule vacuous_every;                // L023
extern const Rule builds_on_undated;            // L024

}  // namespace terms::lint::rules
