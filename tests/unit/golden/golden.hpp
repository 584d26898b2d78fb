#pragma once
// The golden-file cases (tests/golden/<suite>/<case>.terms with the expected
// output in <case>.terms.out): discovery, directives, running, and the text
// format of the expected files. Shared by the golden test and the diagnostic
// coverage test. See tests/golden/README.md for the conventions.

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "tests/support/run_process.hpp"

namespace terms::golden {

struct Case {
  std::string input;     // path relative to the repository root: tests/golden/io/x.terms
  std::string expected;  // input + ".out"
  std::string name;      // a GoogleTest-friendly name: io_x
  bool should_fail = false;  // named *-fails.terms or under an errors/ folder
};

// The repository root (TERMS_SOURCE_DIR) and the `terms` binary (TERMS_BINARY).
std::string root();
std::string binary();

// Every case under tests/golden, sorted by path. Files under a folder named
// `lib/` are support files (imported by cases), not cases. When the
// environment variable TERMS_GOLDEN_ONLY is set (paths or prefixes relative to
// the root, separated by `:`), only matching cases are returned.
std::vector<Case> discover();

// The command line of a case: from its leading `# ARGS:` comment (default
// `check --color never %s`), split on spaces, `%s` replaced by the input path.
// `# STDIN: PATH` (also with %s) feeds a file to standard input.
struct Invocation {
  std::vector<std::string> args;
  std::optional<std::string> stdin_file;
};
Invocation invocation(const Case& c);

// Runs the case from the repository root and formats what the user saw:
//   exit: N
//   --- stdout
//   ...
//   --- stderr
//   ...
std::string run_and_format(const Case& c);
std::string format_result(const testing::ProcessResult& r);

std::string read_file(const std::string& path);  // "" when missing
bool file_exists(const std::string& path);

// How GoogleTest prints a case (in test names listed by ctest): its input path.
inline void PrintTo(const Case& c, std::ostream* os) { *os << c.input; }

}  // namespace terms::golden
