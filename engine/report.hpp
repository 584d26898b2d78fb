#pragma once
// Reports of verdicts: pure functions from results to text or JSON, for the
// CLI (`terms check`, `terms test`, `terms explain`), the language server and
// the public API. No I/O.
//
// Lifetime: the functions read SourceFiles through the SourceManager passed in
// (for line and column numbers); nothing is kept.

#include <string>

#include <nlohmann/json.hpp>

#include "dsl/source.hpp"
#include "engine/deal.hpp"
#include "engine/evaluate.hpp"
#include "engine/profile_compile.hpp"

namespace terms::engine {

struct ReportOptions {
  bool color = false;
};

// "examples/hanoi.terms:12:3" (columns in code points), or "" for no span.
std::string location(Span span, const SourceManager& sources);

// The verdict block `terms check` prints after the diagnostics: the verdict on
// one line, then each failing condition with its reason and its evidence.
std::string render_verdict(const AgreementResult& result, const SourceManager& sources,
                           const ReportOptions& options = {});
// "hanoi-2019: not evaluated (its file or an import has errors)".
std::string render_not_evaluated(const ast::Agreement& agreement, const SourceManager& sources,
                                 const ReportOptions& options = {});

// One agreement's verdict as JSON: {"agreement","file","range","profile",
// "verdict","conditions":[{"id","severity","statement","formula","holds",
// "reason","evidence":[{"file","range","label"}],"omitted"}]}.
nlohmann::ordered_json verdict_to_json(const AgreementResult& result, const SourceManager& sources);

// The timeline table: the state of every facility and sanction (and of the
// programs and benefits that change) at the start and after each step.
std::string render_timeline(const Deal& deal);

// `terms explain`: the steps in order, the timeline, and for each condition
// why it holds or fails, with the evidence.
std::string render_explanation(const AgreementResult& result, const Deal& deal, const SourceManager& sources,
                               const ReportOptions& options = {});

// `terms profiles`: a profile's conditions, one block each.
std::string render_profile(const CompiledProfile& profile, bool is_default);

}  // namespace terms::engine
