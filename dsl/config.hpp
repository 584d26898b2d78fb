#pragma once
// `terms.json`: the configuration of a term library.
//
// The CLI finds it by walking up from each input file's directory (or takes
// `--config FILE`); the language server reads the one above an open document.
// This header only turns the text of one such file into a Config: finding and
// reading files is the front ends' business (libraries do no I/O).
//
//   {
//     "profile": "stepwise-2020",            // profile for check/test
//     "root": ".",                            // the library root (relative to this file)
//     "ignore": ["drafts", "vendor/**"],      // globs of files that directory searches skip
//     "rules": { "missing-title": "off", "L006": "error" },   // per rule: error|warning|info|off
//     "categories": { "style": "info" },      // per category
//     "docs_url": "https://example.org/terms/docs"           // where docs/*.md are published
//   }
//
// Every problem (invalid JSON, an unknown key, a wrong value, an unknown rule)
// is a Diagnostic whose span points into the JSON text, with "did you mean"
// for misspellings; the entry is then ignored and the rest still applies.
// docs/configuration.md is the user's reference.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/diagnostics.hpp"
#include "dsl/source.hpp"

namespace terms {

inline constexpr std::string_view kConfigFileName = "terms.json";

// How a lint rule reports: as an error, a warning, an info, or not at all.
enum class RuleLevel : std::uint8_t { off, info, warning, error };
std::string_view to_string(RuleLevel level);
std::optional<RuleLevel> parse_rule_level(std::string_view text);
RuleLevel level_of_severity(Severity severity);
// The severity a rule reports at; nullopt for `off`.
std::optional<Severity> severity_of_level(RuleLevel level);

// The names a configuration may use for rules and categories. The lint
// registry supplies them (dsl/ cannot depend on dsl/lint/): see
// terms::lint::config_vocabulary().
struct ConfigVocabulary {
  struct RuleName {
    std::string_view code;      // "L001"
    std::string_view name;      // "duplicate-clause"
    std::string_view category;  // "correctness"
  };
  std::vector<RuleName> rules;
  std::vector<std::string_view> categories;
};

// One parsed configuration. A default-constructed Config is the built-in
// default (no file): every rule at its default level, nothing ignored.
struct Config {
  std::string path;       // the file as shown to the user; empty for the defaults
  std::string directory;  // its directory: `root` and `ignore` are relative to it
  std::optional<std::string> profile;
  std::optional<std::string> root;   // as written
  std::vector<std::string> ignore;   // globs, as written
  std::map<std::string, RuleLevel, std::less<>> rules;       // keyed by rule code
  std::map<std::string, RuleLevel, std::less<>> categories;  // keyed by category
  std::optional<std::string> docs_url;  // without a trailing `/`

  // A rule's level: its own entry, else its category's, else `fallback`.
  RuleLevel level_of(std::string_view code, std::string_view category, RuleLevel fallback) const;

  // Whether a path, relative to `directory` with `/` separators, is ignored:
  // some glob matches the path itself or one of the directories above it.
  bool ignores(std::string_view relative_path) const;
};

// Parses the text of a `terms.json` (already in a SourceFile, so that
// diagnostics can point into it). `directory` is stored in Config::directory.
Config parse_config(const SourceFile& source, std::string directory, const ConfigVocabulary& vocabulary,
                    DiagnosticSink& sink);

// Glob matching on `/`-separated relative paths: `*` matches any run of
// characters within one path segment, `?` one character other than `/`, and a
// segment that is exactly `**` matches any number of segments (also none).
// A pattern without `/` matches a single segment at any depth (`drafts`,
// `*.draft.terms`); a pattern with `/` is anchored at the start of the path.
// A trailing `/` is ignored.
bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace terms
