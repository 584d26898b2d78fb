#pragma once
// The formatter: a parsed term file -> the same file in the one canonical
// layout (docs/formatting.md).
//
// The layout is computed from the syntax tree plus the source text: the tree
// gives the structure and the order of the parts, the text gives every token
// as written (names, strings with their escapes, numbers), the comments and
// the blank lines. The output keeps every comment (own-line comments before
// what they precede, trailing comments on the line of what they follow), keeps
// at most one blank line where the author left one or more, and leaves the
// regions between `# terms: fmt off` and `# terms: fmt on` as written.
//
// Guarantees, checked by tests/unit/fmt on the examples and on a generated
// corpus: formatting is idempotent (format(format(x)) == format(x)), the
// formatted file parses to the same tree up to the order of a clause's
// modifiers and the spelling `sanction`/`sanctions`, and its comments are the
// same multiset (up to trailing whitespace). The cost is linear in the size of
// the file: comments and items are walked together, once, in source order.
//
// No I/O: the CLI (`terms fmt`) and the language server call these functions
// and decide where the text goes.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "dsl/ast.hpp"
#include "dsl/diagnostics.hpp"
#include "dsl/parser.hpp"
#include "dsl/source.hpp"

namespace terms {

// The canonical layout has no knobs for users (`terms fmt` exposes none); the
// fields exist so that tests can pin the wrapping rules on short inputs.
struct FormatOptions {
  unsigned width = 100;        // wrap target lists and headers past this column (code points)
  unsigned indent = 2;         // spaces per block level
  unsigned continuation = 4;   // extra spaces for the continuation lines of a wrapped item
};

// Lays out `file` (parsed from `source`) in the canonical form. Returns
// nullopt when the file has syntax errors: a partial tree would lose text, so
// such a file is never formatted.
std::optional<std::string> format_file(const ast::File& file, const SourceFile& source,
                                       const FormatOptions& options = {});

// Parses `source` and formats it. Syntax errors go to `sink` and the result is
// nullopt; otherwise the canonical text (which may equal the input).
std::optional<std::string> format_source(const SourceFile& source, DiagnosticSink& sink,
                                         const FormatOptions& options = {},
                                         const ParseOptions& parse_options = {});

// True for the comments that switch formatting off and on again:
// `# terms: fmt off` and `# terms: fmt on` (spaces around the words are free).
bool is_fmt_off_comment(std::string_view comment_text);
bool is_fmt_on_comment(std::string_view comment_text);

}  // namespace terms
