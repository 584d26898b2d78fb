#pragma once
// Finding and reading `terms.json` for the inputs of a run.
//
// Each input uses the nearest `terms.json` in its directory or a directory
// above it; `--config FILE` gives one file for every input instead. Files are
// read once and cached by directory. Problems (an unreadable file, invalid
// JSON, unknown keys or rules) are diagnostics whose spans point into the
// configuration file, kept in this loader's SourceManager.
//
// Lifetime: Config references handed out stay valid as long as the loader.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dsl/config.hpp"
#include "dsl/diagnostics.hpp"
#include "dsl/lint/lint.hpp"
#include "dsl/source.hpp"

namespace terms::driver {

// A configuration and the lint settings that follow from it.
struct LoadedConfig {
  Config config;
  lint::Settings settings;
  bool has_errors = false;  // the file had an error diagnostic: the run stops with status 2
};

class ConfigLoader {
 public:
  // `explicit_path`: the `--config` argument, if any.
  explicit ConfigLoader(std::optional<std::string> explicit_path);

  // The configuration that applies to an input file ("<stdin>" and other
  // paths without a directory use the current directory's).
  const LoadedConfig& for_input(const std::string& path);

  // Whether a file is ignored by its configuration's `ignore` globs.
  bool ignored(const std::string& path);

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  const SourceManager& sources() const { return sources_; }
  bool has_errors() const { return errors_; }

 private:
  const LoadedConfig& load(const std::string& file, const std::string& shown);
  const LoadedConfig& for_directory(const std::string& absolute_directory);

  std::optional<std::string> explicit_path_;
  SourceManager sources_;
  std::vector<Diagnostic> diagnostics_;
  std::map<std::string, std::unique_ptr<LoadedConfig>> by_file_;       // keyed by absolute config path
  std::map<std::string, const LoadedConfig*> by_directory_;            // keyed by absolute directory
  LoadedConfig defaults_;
  bool errors_ = false;
};

}  // namespace terms::driver
