#pragma once
// The public C++ API of Terms: check term text against a profile and get the
// diagnostics and verdicts, without the command line.
//
//   #include <engine/terms.hpp>
//   terms::api::Checker checker;                    // the default profile
//   checker.add_file("lib/korea.terms", korea_text);  // files that imports can name
//   terms::api::Report r = checker.check("deal.terms", deal_text);
//   for (const auto& a : r.agreements) std::cout << a.name << ": " << a.verdict << "\n";
//
// Files are given as text: the API does no I/O of its own, so a program can
// serve imports from memory, a database or the disk as it likes. Everything
// returned is a plain value that owns its strings.
//
// Installed by `cmake --install`; use it with `find_package(Terms)` and
// `target_link_libraries(app PRIVATE Terms::terms_driver)`. It runs the same
// driver layer (driver/run.hpp) as `terms check`: declared profiles are
// compiled for their errors and `expect` lines are enforced (E0502).

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace terms::api {

// One diagnostic, positioned in its file (1-based line and column).
struct Message {
  std::string code;      // "E0204"
  std::string severity;  // "error", "warning", ...
  std::string message;
  std::string file;
  unsigned line = 0;
  unsigned column = 0;
  std::vector<std::string> help;
};

// One condition of the profile, for one agreement.
struct ConditionOutcome {
  std::string id;
  std::string severity;  // "require" or "prefer"
  bool holds = false;
  std::string reason;    // the engine's sentence on why it holds or fails
};

// One agreement's verdict. `verdict` is "acceptable", "acceptable with
// reservations", "unacceptable", or "not evaluated" (its file has errors).
struct AgreementOutcome {
  std::string name;
  std::string verdict;
  std::vector<ConditionOutcome> conditions;
};

struct Report {
  std::vector<Message> messages;
  std::vector<AgreementOutcome> agreements;
  bool has_errors = false;      // an error diagnostic
  bool any_unacceptable = false;
};

// Checks term files against one profile. Not thread-safe; use one per thread.
class Checker {
 public:
  // `profile`: a built-in profile's name (`terms profiles`), or empty for the
  // default, `stepwise-2020`.
  explicit Checker(std::string profile = "");
  ~Checker();
  Checker(const Checker&) = delete;
  Checker& operator=(const Checker&) = delete;

  // Makes a file available to `import` (by its path, relative imports are
  // resolved against the importing file's path).
  void add_file(std::string path, std::string text);
  // Parses, resolves and evaluates `text` (as the file `path`) and its imports.
  Report check(const std::string& path, std::string text);

 private:
  std::string profile_;
  std::map<std::string, std::string> files_;
};

// The library's version (project() in CMakeLists.txt).
std::string version();

}  // namespace terms::api
