#pragma once
// The checks after the front end, and the formatter, as the server uses
// them: each is one small function here, so that adding a pass (lint rules,
// verdicts) or a feature (formatting) touches only this file and its .cpp.
//
// Settings come from the terms.json that governs a document (the nearest one
// in its directory or a parent directory), read through the server's file
// system so an unsaved terms.json open in the editor counts.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "dsl/config.hpp"
#include "dsl/file_system.hpp"
#include "dsl/resolve.hpp"
#include "engine/evaluate.hpp"
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

// What the passes keep between two checks of one document, so that an edit
// re-evaluates only the agreements it can change (the server keeps one per
// open document; docs/lsp.md, "Incremental checking").
//
// Each agreement's result is kept with the text it was computed for. On the
// next check, the old and new texts are compared (common prefix and suffix):
// an agreement that lies wholly outside the changed bytes, whose old span is
// in the cache, reuses its result, its spans moved by the edit's length
// change, provided its context is the same: the text of every other loaded
// file, the root file's text outside its agreements (declarations, imports,
// profiles, comments), the names of its agreements (`builds_on`), and the
// profile. Any change to the context evaluates every agreement again. A
// result whose spans (evidence, say) touch the changed bytes is not reused.
// The published diagnostics are therefore those of a full check.
struct PassCache {
  struct Entry {
    std::uint32_t end = 0;  // the agreement's span end in `text`
    engine::AgreementResult result;
  };
  std::string text;                   // the root text the entries were computed for
  FileId root = kNoFile;              // the root's file id then
  std::vector<std::string> paths;     // file id -> path then (spans in other files)
  std::uint64_t context = 0;          // fingerprint of the context (above)
  bool valid = false;
  std::unordered_map<std::uint32_t, Entry> entries;  // by the agreement's span begin in `text`

  // Figures of the last check, for tests and the server's log.
  std::size_t reused = 0;
  std::size_t evaluated = 0;
};

// Runs the passes after name resolution (lint, verdicts) on an analysis,
// adding their diagnostics to it. With a cache, results still valid for the
// analysed text are reused and the cache is updated.
void run_passes(Analysis& analysis, const Settings& settings, PassCache* cache = nullptr);

// Whether textDocument/formatting is offered.
bool formatting_available();

// The TextEdits that turn the analysed text into its canonical layout: an
// empty array when it already is; nullopt (with `error` set) when it cannot
// be formatted (syntax errors).
std::optional<json> format_edits(const Analysis& analysis, std::string& error);

}  // namespace terms::lsp
