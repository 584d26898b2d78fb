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
// an `expect` line of the agreement already says so.

#include "dsl/ast.hpp"
#include "dsl/diagnostics.hpp"
#include "engine/evaluate.hpp"

namespace terms::engine {

void verdict_diagnostics(const ast::Agreement& agreement, const AgreementResult& result, FileId agreement_file,
                         DiagnosticSink& out);

}  // namespace terms::engine
