// Fuzz target: the parser on arbitrary bytes.
//
// Properties: parse_file returns (no crash, no exception, no hang, no stack
// overflow: nesting is bounded by ParseOptions::max_depth); every diagnostic and
// every node's span lies inside the input; the error budget holds; the
// diagnostics render. A file with an error diagnostic is marked as such.

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>

#include "dsl/ast.hpp"
#include "dsl/parser.hpp"
#include "fuzz/fuzz_support.hpp"

namespace {

using terms::fuzz::require;
using terms::fuzz::require_span_in_bounds;

void check_tree(const terms::ast::File& file, const terms::SourceManager& sources) {
  for (const auto& c : file.comments) require_span_in_bounds(c.span, sources, "comment span");
  for (const auto& item : file.items) {
    std::visit(
        [&](const auto& node) {
          using T = std::decay_t<decltype(node)>;
          if constexpr (std::is_same_v<T, terms::ast::Agreement>) {
            require_span_in_bounds(node.span, sources, "agreement span");
            for (const auto& ai : node.items) {
              std::visit([&](const auto& n) { require_span_in_bounds(n.span, sources, "agreement item span"); },
                         ai);
            }
          } else if constexpr (std::is_same_v<T, terms::ast::Decl> || std::is_same_v<T, terms::ast::Import>) {
            require_span_in_bounds(node.span, sources, "item span");
          }
        },
        item);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  terms::SourceManager sources;
  const auto& source = sources.add("fuzz.terms", std::string(reinterpret_cast<const char*>(data), size));
  terms::DiagnosticBag diags;
  terms::ParseOptions options;
  options.max_errors = 20;  // small, so that the budget's exit path is exercised often
  const terms::ast::File file = terms::parse_file(source, diags, options);

  require(file.file == source.id(), "tree names another file");
  // The budget: max_errors errors, then one `too-many-errors`.
  require(diags.error_count() <= options.max_errors + 1, "error budget exceeded");
  if (diags.has_errors()) require(file.has_syntax_errors, "errors reported but the tree is marked clean");
  check_tree(file, sources);
  terms::fuzz::require_diagnostics_well_formed(diags.all(), sources);
  return 0;
}
