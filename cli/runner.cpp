#include "cli/runner.hpp"

#include <unistd.h>

#include <fmt/core.h>

#include "cli/load_options.hpp"

namespace terms::cli {

unsigned worker_count(unsigned requested) {
  if (requested != 0) return requested;
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : cores;
}

RootRun load_root(const InputFile& input, std::uint64_t max_file_bytes) {
  return load_root(input, default_load_options({input.from_stdin ? std::string("-") : input.path}, max_file_bytes));
}

RootRun load_root(const InputFile& input, const LoadOptions& options) {
  const std::uint64_t max_file_bytes = options.max_file_bytes;
  RootRun run;
  run.path = input.path;
  run.sources = std::make_unique<SourceManager>();
  run.file_system = std::make_unique<DiskFileSystem>(max_file_bytes);
  run.front_end = std::make_unique<DiagnosticBag>();
  run.workspace = std::make_unique<Workspace>(*run.sources, *run.file_system, *run.front_end, options);
  if (input.from_stdin) {
    Diagnostic problem;
    std::optional<std::string> text = read_stdin(max_file_bytes, problem);
    if (!text) {
      run.front_end->emit(std::move(problem));
      run.io_error = true;
      return run;
    }
    run.root = run.workspace->load_text(input.path, std::move(*text));
    return run;
  }
  run.root = run.workspace->load_file(input.path);
  if (!run.root) run.io_error = true;
  return run;
}

// ---- merging -----------------------------------------------------------------------

FileId RunMerger::copy_file(FileId id, const SourceManager& from) {
  if (auto it = copied_.find(id); it != copied_.end()) return it->second;
  const SourceFile& f = from.get(id);
  const FileId copy = sources_->add(f.path(), std::string(f.text())).id();
  copied_.emplace(id, copy);
  return copy;
}

Diagnostic RunMerger::rehome(Diagnostic d, const SourceManager& from) {
  auto move_span = [&](Span& s) {
    if (s.valid() && from.find(s.file) != nullptr) s.file = copy_file(s.file, from);
  };
  move_span(d.span);
  for (Label& l : d.related) move_span(l.span);
  if (d.fix) {
    for (TextEdit& e : d.fix->edits) move_span(e.span);
  }
  return d;
}

void RunMerger::add_loose(std::vector<Diagnostic> diagnostics, const SourceManager* sources) {
  copied_.clear();
  for (Diagnostic& d : diagnostics) {
    diagnostics_.push_back(sources != nullptr ? rehome(std::move(d), *sources) : std::move(d));
  }
}

void RunMerger::add(RootRun& run) {
  copied_.clear();
  if (run.io_error) io_error_ = true;
  if (run.root) files_.push_back(run.path);
  const Workspace& ws = *run.workspace;
  // The file a diagnostic belongs to, by canonical path (the input's own path
  // for diagnostics without a span).
  auto owner = [&](const Diagnostic& d) -> std::string {
    if (d.span.valid()) {
      if (auto unit = ws.unit_of_file(d.span.file)) return ws.unit(*unit).canonical_path;
    }
    return d.path.empty() ? run.path : d.path;
  };
  for (Diagnostic& d : run.front_end->all()) {
    if (reported_.count(owner(d)) != 0) continue;
    diagnostics_.push_back(rehome(std::move(d), *run.sources));
  }
  for (std::size_t u = 0; u < ws.unit_count(); ++u) reported_.emplace(ws.unit(static_cast<UnitId>(u)).canonical_path, true);
  for (Diagnostic& d : run.extra) diagnostics_.push_back(rehome(std::move(d), *run.sources));
}

// ---- progress ----------------------------------------------------------------------

Progress::Progress(std::string verb, std::size_t total)
    : verb_(std::move(verb)), total_(total), enabled_(isatty(STDERR_FILENO) == 1 && total > 1) {
  start_ = last_ = std::chrono::steady_clock::now();
}

Progress::~Progress() {
  if (shown_) {
    fmt::print(stderr, "\r\x1b[2K");
    std::fflush(stderr);
  }
}

void Progress::tick() {
  ++done_;
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  // Only runs that take a while show progress, and at most ten updates a second.
  if (now - start_ < std::chrono::milliseconds(500) || (shown_ && now - last_ < std::chrono::milliseconds(100))) return;
  last_ = now;
  shown_ = true;
  fmt::print(stderr, "\r\x1b[2K[{}/{}] {}", done_, total_, verb_);
  std::fflush(stderr);
}

}  // namespace terms::cli
