#pragma once
// The editor features, each a pure function from an Analysis (and a byte
// offset in its root file) to the protocol's result JSON. The Server decides
// which analysis to pass and turns positions into offsets.

#include <cstdint>
#include <string>
#include <string_view>

#include "lsp/analysis.hpp"
#include "lsp/protocol.hpp"

namespace terms::lsp {

// The LSP location {"uri","range"} of a span, in whichever file it lies.
json location_of(const SourceManager& sources, Span span);

// textDocument/publishDiagnostics: the diagnostics of the root file, plus
// one at each import whose file (or whose imports) has errors.
json diagnostics_for_root(const Analysis& analysis);

// textDocument/hover: a MarkupContent hover, or null when there is nothing
// to say at `offset`.
json hover(const Analysis& analysis, std::uint32_t offset, bool markdown);

// textDocument/definition: the Location of the declaration of the name at
// `offset`, or null.
json definition(const Analysis& analysis, std::uint32_t offset);

// textDocument/references over every unit of `project` (whose root is the
// document asked about): an array of Locations, sorted and without duplicates.
json references(const Analysis& project, std::uint32_t offset, bool include_declaration);

// textDocument/completion: a CompletionList fitting the text before `offset`.
json completion(const Analysis& analysis, std::uint32_t offset);

// textDocument/documentSymbol: DocumentSymbol[] (declarations, agreements
// with their steps, profiles with their conditions).
json document_symbols(const Analysis& analysis);

// textDocument/codeAction: quick fixes for the diagnostics with a fix whose
// span meets the byte range [begin, end] of the root file.
json code_actions(const Analysis& analysis, const std::string& uri, std::uint32_t begin, std::uint32_t end);

}  // namespace terms::lsp
