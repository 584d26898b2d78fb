#pragma once
// Suppression comments of one file, parsed (see suppression_grammar.hpp and
// lint.hpp for the forms). Internal to dsl/lint/: the linter matches
// diagnostics against them and reports the unused and invalid ones.

#include <cstdint>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "dsl/diagnostics.hpp"
#include "dsl/lint/rule.hpp"

namespace terms::lint {

// One rule named in a suppression comment.
struct SuppressionEntry {
  std::string text;              // as written
  Span span;                     // of the name in the comment
  std::size_t rule_index = 0;    // into all_rules()
  bool used = false;
};

struct Suppression {
  const ast::Comment* comment = nullptr;
  bool file_level = false;  // `ignore-file`
  std::uint32_t line = 0;   // 1-based line of the comment
  std::vector<SuppressionEntry> entries;  // only the rules that exist
  std::size_t written = 0;  // how many names were written (known or not)
};

// A comment that starts with `# terms:` but is not a valid suppression, or a
// valid one that names something that is not a lint rule.
struct SuppressionProblem {
  Span span;
  std::string message;
  std::string label;
  std::vector<std::string> help;
};

struct FileSuppressions {
  std::vector<Suppression> suppressions;
  std::vector<SuppressionProblem> problems;
};

FileSuppressions parse_suppressions(const ast::File& tree, const SourceFile& source);

}  // namespace terms::lint
