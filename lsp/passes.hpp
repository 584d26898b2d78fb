#pragma once
// The checks after the front end, and the formatter, as the server uses
// them: each is one small function here, so that adding a pass (lint rules,
// verdicts) or a feature (formatting) touches only this file and its .cpp.
//
// Settings come from the terms.json that governs a document (the nearest one
// in its directory or a parent directory), read through the server's file
// system so an unsaved terms.json open in the editor counts.

#include <optional>
#include <string>
#include <vector>

#include "dsl/config.hpp"
#include "dsl/file_system.hpp"
#include "dsl/resolve.hpp"
#include "lsp/analysis.hpp"
#include "lsp/protocol.hpp"

namespace terms::lsp {

struct Settings {
  LoadOptions load;
  std::string config_path;  // the terms.json in force, empty when none
  std::string profile;      // profile name or file, empty: the default
  Config config;            // the parsed terms.json (defaults when none)
  std::vector<std::string> config_problems;  // "terms.json:3:5: unknown key ..." lines
};

// The settings for a document at `document_path`.
Settings settings_for_path(const FileSystem& fs, const std::string& document_path);

// Runs the passes after name resolution (lint, verdicts) on an analysis,
// adding their diagnostics to it.
void run_passes(Analysis& analysis, const Settings& settings);

// Whether textDocument/formatting is offered.
bool formatting_available();

// The TextEdits that turn the analysed text into its canonical layout: an
// empty array when it already is; nullopt (with `error` set) when it cannot
// be formatted (syntax errors).
std::optional<json> format_edits(const Analysis& analysis, std::string& error);

}  // namespace terms::lsp
