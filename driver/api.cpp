// The public API (engine/terms.hpp): a thin layer over Workspace and the
// driver's evaluation run (driver/run.hpp), with an in-memory file system for the caller's files.

#include <filesystem>

#include "dsl/resolve.hpp"
#include "driver/run.hpp"
#include "engine/terms.hpp"
#include "driver/version.hpp"

namespace terms::api {
namespace {

// The caller's files, by lexically normal path.
class MapFileSystem : public FileSystem {
 public:
  explicit MapFileSystem(const std::map<std::string, std::string>& files) : files_(files) {}
  FileKind kind(const std::string& path) const override {
    return files_.count(canonical(path)) ? FileKind::regular : FileKind::missing;
  }
  std::optional<std::string> read(const std::string& path, std::string& error) const override {
    auto it = files_.find(canonical(path));
    if (it == files_.end()) {
      error = "no such file";
      return std::nullopt;
    }
    return it->second;
  }
  std::string canonical(const std::string& path) const override {
    return std::filesystem::path(path).lexically_normal().generic_string();
  }

 private:
  const std::map<std::string, std::string>& files_;
};

Message to_message(const Diagnostic& d, const SourceManager& sources) {
  Message m;
  m.code = d.code;
  m.severity = std::string(to_string(d.severity));
  m.message = d.message;
  m.help = d.help;
  m.file = d.path;
  if (const SourceFile* f = d.span.valid() ? sources.find(d.span.file) : nullptr) {
    m.file = f->path();
    const LineCol lc = f->line_col(d.span.begin);
    m.line = lc.line;
    m.column = lc.column;
  }
  return m;
}

}  // namespace

Checker::Checker(std::string profile) : profile_(std::move(profile)) {}
Checker::~Checker() = default;

void Checker::add_file(std::string path, std::string text) {
  files_[std::filesystem::path(path).lexically_normal().generic_string()] = std::move(text);
}

Report Checker::check(const std::string& path, std::string text) {
  SourceManager sources;
  MapFileSystem fs(files_);
  DiagnosticBag diags;
  Workspace workspace(sources, fs, diags);
  const UnitId root = workspace.load_text(path, std::move(text));

  Report report;
  bool usage_error = false;
  const ast::Profile* attempted = nullptr;
  auto selected = driver::select_profile(profile_, workspace, sources, diags, usage_error, &attempted);
  // As `terms check`: every profile the files declare is compiled, for its errors.
  driver::compile_declared_profiles(workspace, sources, diags, attempted);
  if (selected) {
    for (auto& run : driver::evaluate_roots(workspace, {root}, selected->profile)) {
      // `expect` lines are enforced as `terms check` does (E0502); the
      // checker's profile is the one unpinned lines are for.
      if (run.result) {
        (void)driver::enforce_expectations(*run.agreement, *run.result, selected->profile,
                                           driver::default_profile_name(profile_), diags);
      }
      AgreementOutcome a;
      a.name = run.agreement->name.name;
      if (!run.result) {
        a.verdict = "not evaluated";
      } else {
        a.verdict = std::string(engine::to_string(run.result->verdict));
        report.any_unacceptable |= run.result->verdict == engine::Verdict::unacceptable;
        for (const auto& c : run.result->conditions) {
          a.conditions.push_back(ConditionOutcome{
              c.id, c.severity == ast::ConditionSeverity::require ? "require" : "prefer", c.holds, c.reason});
        }
      }
      report.agreements.push_back(std::move(a));
    }
  }
  for (const Diagnostic& d : diags.all()) {
    report.has_errors |= d.severity == Severity::error;
    report.messages.push_back(to_message(d, sources));
  }
  return report;
}

std::string version() { return std::string(driver::kVersion); }

}  // namespace terms::api
