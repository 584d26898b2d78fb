#pragma once
// Renderers for CI systems and editors: SARIF 2.1.0 (code scanning), JUnit
// XML (test reports), GitHub Actions workflow commands (annotations), and
// gcc-style lines (editors' error formats). Pure functions from a Report and
// the SourceManager its spans refer to, to text; no I/O. The text and JSON
// renderers are in dsl/render.hpp; docs/diagnostics-format.md and
// docs/ci.md describe every format.
//
// Positions: SARIF columns are UTF-16 code units (run.columnKind says so);
// gcc and GitHub columns are code points, like the text renderer's. Lines
// and columns are 1-based everywhere; end columns point just past the span.
//
// Lifetime: the functions read the SourceFiles that the diagnostics' spans
// refer to; nothing is kept afterwards.

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "dsl/diagnostics.hpp"
#include "dsl/source.hpp"

namespace terms {

// What SARIF says about one rule (a lint rule or a front-end diagnostic).
struct RuleDescriptor {
  std::string id;                 // the code: "L001", "E0204"
  std::string name;               // kebab-case: "duplicate-clause"
  std::string category;
  std::string short_description;  // one line
  std::string full_description;   // may be empty
  std::string help_markdown;      // may be empty
  std::string help_uri;           // an absolute URI, or empty
  Severity default_severity = Severity::warning;
  bool enabled = true;            // false: the configuration turns it off
};

// One JUnit test case: a file (check, lint) or an agreement (test).
struct ReportCase {
  std::string name;       // "examples/article/hanoi-2019.terms" or an agreement's name
  std::string classname;  // "terms.lint", or the agreement's file for `terms test`
  std::string file;       // the file it belongs to (the `file` attribute)
  std::vector<std::size_t> diagnostics;  // indices into Report::diagnostics
  std::vector<std::string> failures;     // further failures, e.g. an expectation that does not hold
  bool skipped = false;
  std::string skipped_message;
};

// Everything one run reports.
struct Report {
  std::string command;       // "check", "lint", "test": names the JUnit suite and SARIF's invocation
  std::string tool_version;  // driver::kVersion
  std::vector<std::string> files;         // the inputs, in order
  std::vector<Diagnostic> diagnostics;    // in output order
  std::vector<RuleDescriptor> rules;      // SARIF's rule table; codes missing here are added from the registry
  // JUnit test cases. Diagnostics that no case lists go to the case of their
  // file, which is created (one per file in `files`, then others) as needed.
  std::vector<ReportCase> cases;
  // Diagnostics at or above this level are JUnit failures; the others are
  // listed in the case's <system-out>.
  Severity fail_level = Severity::error;
};

// Whether `s` is at least as severe as `level` (error > warning > info = note).
bool at_or_above(Severity s, Severity level);

// The file a diagnostic belongs to: its span's file, else its `path`.
std::string diagnostic_path(const Diagnostic& d, const SourceManager& sources);

// "CODE NAME" (`E0204 undefined-name`), or "CODE" alone when the name is the
// code (a profile condition's verdict diagnostic: `sanctions-retained`).
std::string code_and_name(const Diagnostic& d);

// A path as a URI reference: relative paths stay relative (percent-encoded),
// absolute ones become `file://` URIs.
std::string path_to_uri(std::string_view path);

// SARIF 2.1.0, one run, with the rule table, results with locations, related
// locations and fixes. Ends with a newline.
std::string render_sarif(const Report& report, const SourceManager& sources);

// JUnit XML: <testsuites><testsuite name="terms COMMAND"> with one
// <testcase> per case.
std::string render_junit(const Report& report, const SourceManager& sources);

// GitHub Actions workflow commands, one line per diagnostic:
//   ::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=CODE NAME::MESSAGE
// (warning -> ::warning, info and note -> ::notice).
std::string render_github(std::span<const Diagnostic> diagnostics, const SourceManager& sources);

// One line per diagnostic, `file:line:col: severity: message [CODE NAME]`,
// then one `file:line:col: note: LABEL` line per related span. Severity is
// error, warning or note (for info and note).
std::string render_gcc(std::span<const Diagnostic> diagnostics, const SourceManager& sources);

}  // namespace terms
