#pragma once
// The bad-input corpus (tests/bad-input/, described in its README.md):
// discovery of the cases, their generated inputs, their expectations, and the
// text a case's diagnostics are compared in.
//
// A case is a file `NAME.terms` (bytes as they are, NUL and invalid UTF-8
// included), a recipe `NAME.gen` (for inputs too large to keep in git), or a
// directory `NAME/` holding `main.terms` or `library/main.terms` and the files
// it imports. Beside each is `NAME.expected`: `# option: KEY=VALUE` lines for
// the load limits, then every diagnostic the case must get, in order.

#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "dsl/diagnostics.hpp"
#include "dsl/resolve.hpp"
#include "dsl/source.hpp"

namespace terms::badinput {

struct Case {
  std::string name;                          // NAME
  std::filesystem::path input;               // the file, recipe or directory
  std::filesystem::path expected;            // NAME.expected
  // Files of the case by path relative to the case ("main.terms",
  // "library/lib/x.terms"); a single-file case has one, named NAME.terms.
  std::map<std::string, std::string> files;
  std::string root;                          // the file to check, relative
  std::string library;                       // the library root, relative ("" = the case itself)
};

// Every case of the corpus folder `dir`, sorted by name: files ending in
// `extension` (".terms" in terms/, ".json" in config/), recipes `NAME.gen`
// (expanded into NAME + extension) and directories. Throws
// std::runtime_error on a malformed recipe (that is a bug in the corpus).
std::vector<Case> discover(const std::filesystem::path& dir, const std::string& extension = ".terms");

// Expands a recipe: each line is a JSON string, or `N * "string"` (the string
// repeated N times); `#` lines are comments.
std::string expand_recipe(const std::string& recipe);

struct Expectation {
  std::map<std::string, std::string> options;  // from `# option: KEY=VALUE`
  // From `# cli-codes: CODE...`: the codes `terms check` reports, where the
  // disk differs from the in-memory files (a path too long for the system).
  std::vector<std::string> cli_codes;
  // From `# cli-exit: N`: the exit status of `terms check` when it is not the
  // usual 1 (an input the command line could not read: 2).
  std::optional<int> cli_exit;
  std::vector<std::string> header;             // every `#` line, kept on update
  std::string text;                            // the rest: the diagnostics
  bool exists = false;
};
Expectation read_expectation(const std::filesystem::path& path);
// Applies the options to load limits; returns the keys it did not know.
std::vector<std::string> apply_options(const std::map<std::string, std::string>& options, LoadOptions& load);

// The diagnostics as a reviewer reads them, one per line:
//   PATH:LINE:COL: SEVERITY[CODE]: MESSAGE
//     related PATH:LINE:COL: LABEL
//     = note: ...
//     = help: ...
// Paths are shown relative to `strip` (the case's directory in the file system).
// With `labels`, each primary label (the text under the caret) follows as
//     label: LABEL
std::string describe(std::span<const Diagnostic> diagnostics, const SourceManager& sources,
                     const std::string& strip, bool labels = false);

std::string read_file(const std::filesystem::path& path);

// TERMS_UPDATE_BAD_INPUT=1: the tests write the expectations instead of comparing.
bool updating();
// A case name as a gtest parameter name (letters and digits only).
std::string test_name(const std::string& name);
// The codes on an expectation's diagnostic lines ("...: error[E0104]: ..."),
// in order; with `errors_only`, only those of errors.
std::vector<std::string> expected_codes(const std::string& text, bool errors_only);
// The sanitizer settings of the test, for a child process to see the same.
std::vector<std::string> sanitizer_environment();
// What must never be in a command's output, whatever the input: a sanitizer
// report, "terminate called", or (with `control_characters`, for output
// under --color never) a control character other than a newline. Empty when
// the output is clean, else what was found.
std::string output_problem(const std::string& output, bool control_characters = true);
void write_file(const std::filesystem::path& path, const std::string& text);

// The end of every library-level case test: under TERMS_UPDATE_BAD_INPUT=1,
// writes `actual` (after the expectation's header lines) as the case's
// expectation; else requires the expectation to exist and equal `actual`.
void expect_or_update(const Case& c, const Expectation& expected, const std::string& actual);

// The names of `cases`, as gtest parameters; the case of that name.
std::vector<std::string> case_names(const std::vector<Case>& cases);
const Case& find_case(const std::vector<Case>& cases, const std::string& name);

}  // namespace terms::badinput
