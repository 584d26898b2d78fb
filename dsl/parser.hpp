#pragma once
// The parser: bytes of one SourceFile -> ast::File, with error recovery.
//
// Syntax errors become diagnostics (never exceptions); after an error the
// parser resumes at the next clause, declaration or step, so one broken clause
// does not hide the rest of the file. Only the grammar in grammar/ is used.

#include <cstddef>

#include "dsl/ast.hpp"
#include "dsl/diagnostics.hpp"
#include "dsl/source.hpp"

namespace terms {

struct ParseOptions {
  std::size_t max_errors = 100;   // stop reporting (and parsing) after this many; 0: no limit
  std::size_t max_depth = 256;    // nesting depth of blocks and formulas
  // Parts (connectives, sentences, noun phrases, filters and properties) of
  // one profile condition's formula; 0: no limit. Bounds evaluation cost.
  std::size_t max_formula_size = 10000;
};

// Parses a whole file. Every diagnostic (syntax errors, invalid UTF-8, NUL
// bytes) goes to `sink`; the returned tree holds everything that parsed.
ast::File parse_file(const SourceFile& source, DiagnosticSink& sink, const ParseOptions& options = {});

}  // namespace terms
