// Fuzz target: `terms.json` from arbitrary bytes, and the ignore globs it holds.
//
// Properties: parse_config returns (no crash, exception or hang) whatever the
// text; its diagnostics are well formed and point into the file; the globs it
// accepted match paths in time linear-ish in their length (a pattern such as
// `*a*a*a*a*b` must not backtrack exponentially).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "dsl/config.hpp"
#include "dsl/lint/lint.hpp"
#include "fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const terms::ConfigVocabulary vocabulary = terms::lint::config_vocabulary();
  terms::SourceManager sources;
  const auto& source = sources.add("/w/terms.json", std::string(reinterpret_cast<const char*>(data), size));
  terms::DiagnosticBag diags;
  const terms::Config config = terms::parse_config(source, "/w", vocabulary, diags);
  terms::fuzz::require_diagnostics_well_formed(diags.all(), sources);

  const auto started = std::chrono::steady_clock::now();
  static const std::string paths[] = {
      "a.terms", "drafts/x.terms", "vendor/a/b/c/d.terms",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.terms",
      "a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/b"};
  for (const std::string& p : paths) (void)config.ignores(p);
  terms::fuzz::require(std::chrono::steady_clock::now() - started < std::chrono::seconds(1),
                       "glob matching took over a second on short paths");
  return 0;
}
