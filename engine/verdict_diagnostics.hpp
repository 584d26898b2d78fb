#pragma once
// An agreement's verdict as diagnostics, for the outputs that only carry
// diagnostics: the language server's squiggles and `terms check --format
// sarif|junit|github|gcc` in CI.
//
// One diagnostic per failing condition (code and name: the condition's id,
// category "verdict"), on the first piece of evidence in the agreement's own
// file, with every piece of evidence as related information; and one named
// "verdict" on the agreement's name for a verdict other than acceptable.
// Severity: error for a failing `require` (and an unacceptable verdict),
// warning for a failing `prefer` (and acceptable with reservations), info when
// an `expect` line of the agreement that applies to the profile already says
// so (expectation_applies: a line for another profile does not count).

#include <string_view>

#include "dsl/ast.hpp"
#include "dsl/diagnostics.hpp"
#include "engine/evaluate.hpp"

namespace terms::engine {

// Whether an `expect` line applies to a run under `profile`: `expect under P`
// when P is that profile; a line without `under` when `profile` is the one
// the file is checked under by default (`default_profile`: the `profile` of
// terms.json, else stepwise-2020; empty: every unpinned line applies).
bool expectation_applies(const ast::Expectation& expectation, std::string_view profile,
                         std::string_view default_profile);

void verdict_diagnostics(const ast::Agreement& agreement, const AgreementResult& result, FileId agreement_file,
                         DiagnosticSink& out, std::string_view default_profile = {});

}  // namespace terms::engine
