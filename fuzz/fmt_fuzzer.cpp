// Fuzz target: the formatter on arbitrary bytes.
//
// Properties, for every input that parses without errors (the formatter
// refuses the others, and must say so by returning nullopt, never by
// crashing): the formatted text parses without errors, means the same
// (tests/unit/fmt/fmt_support.hpp: dump_tree, the formatter's own definition
// of "the same tree"), keeps the same comments, and formatting it again
// changes nothing (idempotence).

#include <cstddef>
#include <cstdint>
#include <string>

#include "dsl/fmt/format.hpp"
#include "fuzz/fuzz_support.hpp"
#include "tests/unit/fmt/fmt_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using terms::fuzz::require;
  terms::fmt_test::Parsed original(std::string(reinterpret_cast<const char*>(data), size), "fuzz.terms");
  const std::optional<std::string> once = terms::format_file(original.file, *original.source);
  if (!original.ok()) {
    require(!once.has_value(), "a file with syntax errors was formatted");
    return 0;
  }
  require(once.has_value(), "a file without syntax errors was not formatted");

  terms::fmt_test::Parsed formatted(*once, "fuzz.terms");
  if (!formatted.ok()) {
    terms::fuzz::fail("the formatted text has syntax errors:\n" + formatted.errors() + "--- formatted:\n" + *once);
  }
  if (terms::fmt_test::dump_tree(original.file) != terms::fmt_test::dump_tree(formatted.file)) {
    terms::fuzz::fail("the formatted text means something else\n--- before:\n" +
                      terms::fmt_test::dump_tree(original.file) + "--- after:\n" +
                      terms::fmt_test::dump_tree(formatted.file));
  }
  require(terms::fmt_test::comment_multiset(original.file) == terms::fmt_test::comment_multiset(formatted.file),
          "the formatted text has other comments");
  const std::optional<std::string> twice = terms::format_file(formatted.file, *formatted.source);
  require(twice.has_value(), "the formatted text could not be formatted again");
  if (*twice != *once) terms::fuzz::fail("formatting is not idempotent\n--- once:\n" + *once + "--- twice:\n" + *twice);
  return 0;
}
