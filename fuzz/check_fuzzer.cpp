// Fuzz target: `terms check` without the process: parse, resolve and check a
// small library held in memory, from arbitrary bytes.
//
// Input: one or more files. A line `#file: PATH` starts a new file (a comment
// to the parser, so a plain term file is a one-file input); text before the
// first such line is the root, `main.terms`. Every file lives under the
// library root /library; a PATH that climbs out (`../../etc/x.terms`) lands
// outside it, which is how import escapes are exercised.
//
// Then the driver's run (driver/run.hpp): profile, verdicts, expectations.
//
// Properties: no crash, exception, hang or unbounded recursion (import depth
// and nesting are limited); every diagnostic is well formed and in bounds;
// a unit with an error diagnostic reports errors.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "driver/run.hpp"
#include "dsl/resolve.hpp"
#include "fuzz/fuzz_support.hpp"
#include "memfs/memory_fs.hpp"

namespace {

constexpr std::string_view kMarker = "#file: ";

// Splits the input into files of the in-memory library; returns the root's path.
std::string split_files(std::string_view data, terms::testing::MemoryFileSystem& fs) {
  const std::string root = "/library/main.terms";
  std::string path = root;
  std::string text;
  std::size_t files = 0;
  std::size_t pos = 0;
  while (pos <= data.size()) {
    std::size_t eol = data.find('\n', pos);
    if (eol == std::string_view::npos) eol = data.size();
    const std::string_view line = data.substr(pos, eol - pos);
    if (line.substr(0, kMarker.size()) == kMarker && files < 16) {
      if (!(path == root && text.empty())) fs.add(path, std::move(text));
      text.clear();
      std::string name(line.substr(kMarker.size()));
      path = name.empty() || name[0] != '/' ? "/library/" + name : name;
      ++files;
    } else {
      text.append(line);
      if (eol < data.size()) text.push_back('\n');
    }
    pos = eol + 1;
  }
  fs.add(path, std::move(text));
  return root;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  terms::testing::MemoryFileSystem fs;
  const std::string root = split_files(bytes, fs);

  terms::SourceManager sources;
  terms::DiagnosticBag diags;
  terms::LoadOptions options;
  options.max_import_depth = 8;
  options.parse.max_errors = 20;
  {
    terms::Workspace ws(sources, fs, diags, options);
    const std::optional<terms::UnitId> unit = ws.load_file(root);
    if (fs.kind(root) == terms::FileKind::regular) terms::fuzz::require(unit.has_value(), "root did not load");
    for (std::size_t i = 0; i < ws.unit_count(); ++i) {
      const terms::Unit& u = ws.unit(static_cast<terms::UnitId>(i));
      if (u.error_count > 0) terms::fuzz::require(ws.has_errors(u.id), "unit errors not reported");
      for (terms::EntityId e : ws.visible_entities(u.id)) {
        terms::fuzz::require(e < ws.entity_count(), "visible entity out of range");
      }
    }
    // The rest of `terms check`, through the driver layer as the CLI runs it:
    // the profile (the default, or one the input declares under its name),
    // every declared profile for its errors, the verdicts and the `expect` lines.
    if (unit) {
      bool usage_error = false;
      const terms::ast::Profile* attempted = nullptr;
      const auto selected = terms::driver::select_profile("", ws, sources, diags, usage_error, &attempted);
      terms::driver::compile_declared_profiles(ws, sources, diags, attempted);
      if (selected) {
        for (const auto& run : terms::driver::evaluate_roots(ws, {*unit}, selected->profile)) {
          if (run.result) {
            (void)terms::driver::enforce_expectations(*run.agreement, *run.result, selected->profile, "", diags);
          }
        }
      }
    }
  }
  terms::fuzz::require_diagnostics_well_formed(diags.all(), sources);
  return 0;
}
