#include "driver/runner.hpp"

#include <unistd.h>

#include <fmt/core.h>

#include "dsl/render.hpp"
#include "dsl/render_ci.hpp"

namespace terms::driver {

unsigned worker_count(unsigned requested) {
  if (requested != 0) return requested;
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : cores;
}

// ---- workers -----------------------------------------------------------------------

ReusedWorkspace::ReusedWorkspace(const LoadOptions& options)
    : max_file_bytes(options.max_file_bytes),
      file_system(options.max_file_bytes),
      workspace(sources, file_system, bag, options) {}

std::optional<UnitId> ReusedWorkspace::load(const InputFile& input) {
  if (!input.from_stdin) return workspace.load_file(input.path);
  Diagnostic problem;
  std::optional<std::string> text = stdin_input_text(input, max_file_bytes, problem);
  if (!text) {
    bag.emit(std::move(problem));
    return std::nullopt;
  }
  return workspace.load_text(input.path, std::move(*text));
}

std::optional<UnitId> load_input(ReusedWorkspace& w, const InputFile& input, InputResult& result) {
  result.path = input.path;
  const std::optional<UnitId> root = w.load(input);
  result.read = root.has_value();
  result.io_error = !root;
  return root;
}

void take_front_end(ReusedWorkspace& w, std::optional<UnitId> root, InputResult& result, FileCopier& copier) {
  const Workspace& ws = w.workspace;
  for (Diagnostic& d : w.bag.take()) {
    std::string owner = d.path.empty() ? result.path : d.path;
    if (d.span.valid()) {
      if (auto unit = ws.unit_of_file(d.span.file)) owner = ws.unit(*unit).canonical_path;
    }
    result.front_end.push_back({std::move(owner), copier.rehome(std::move(d), w.sources)});
  }
  if (!root) return;
  for (UnitId u : ws.unit(*root).visible_units) result.loaded.push_back(ws.unit(u).canonical_path);
}

bool release_input(ReusedWorkspace& w, UnitId root) { return w.workspace.release_root(root); }

// ---- merging -----------------------------------------------------------------------

FileId FileCopier::copy_file(FileId id, const SourceManager& from) {
  if (auto it = copied_.find(id); it != copied_.end()) return it->second;
  const SourceFile& f = from.get(id);
  const FileId copy = to_->add(f.path(), std::string(f.text())).id();
  copied_.emplace(id, copy);
  return copy;
}

Diagnostic FileCopier::rehome(Diagnostic d, const SourceManager& from) {
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
  copier_.reset();
  for (Diagnostic& d : diagnostics) {
    diagnostics_.push_back(sources != nullptr ? copier_.rehome(std::move(d), *sources) : std::move(d));
  }
}

void RunMerger::add_input(const std::string& path, bool read, bool io_error) {
  if (io_error) io_error_ = true;
  if (read) files_.push_back(path);
}

void RunMerger::add_owned(std::vector<OwnedDiagnostic>& diagnostics, const SourceManager& from,
                          const std::vector<std::string>& loaded) {
  copier_.reset();
  for (OwnedDiagnostic& d : diagnostics) {
    if (reported_.count(d.owner) != 0) continue;
    diagnostics_.push_back(copier_.rehome(std::move(d.diagnostic), from));
  }
  for (const std::string& path : loaded) reported_.emplace(path, true);
}

void RunMerger::add_extra(std::vector<Diagnostic>& diagnostics, const SourceManager& from) {
  for (Diagnostic& d : diagnostics) diagnostics_.push_back(copier_.rehome(std::move(d), from));
}

void RunMerger::add(InputResult& result) {
  add_input(result.path, result.read, result.io_error);
  add_owned(result.front_end, *result.sources, result.loaded);
  add_extra(result.extra, *result.sources);
  if (write_) flush_text();
}

void RunMerger::stream_text(std::function<void(std::string_view)> write, const RenderOptions& options,
                            Severity fail_level) {
  write_ = std::move(write);
  render_ = options;
  fail_level_ = fail_level;
}

void RunMerger::flush_text() {
  if (!write_ || diagnostics_.empty()) return;
  std::string text = render_text(diagnostics_, *sources_, render_);
  if (streamed_any_) text.insert(0, "\n");
  write_(text);
  streamed_any_ = true;
  const DiagnosticCounts c = count_diagnostics(diagnostics_);
  streamed_counts_.errors += c.errors;
  streamed_counts_.warnings += c.warnings;
  streamed_counts_.infos += c.infos;
  for (const Diagnostic& d : diagnostics_) streamed_finding_ = streamed_finding_ || at_or_above(d.severity, fail_level_);
  diagnostics_.clear();
  // The quoted files go too (the next add() copies what it needs afresh).
  sources_ = std::make_unique<SourceManager>();
  copier_ = FileCopier(*sources_);
}

// ---- spooled text -------------------------------------------------------------------

TextSpool::~TextSpool() {
  if (file_ != nullptr) std::fclose(file_);
}

void TextSpool::append(std::string_view text) {
  size_ += text.size();
  memory_.append(text);
  if (memory_.size() < limit_ || file_failed_) return;
  if (file_ == nullptr) file_ = std::tmpfile();  // deleted when closed
  if (file_ != nullptr && std::fwrite(memory_.data(), 1, memory_.size(), file_) == memory_.size()) {
    memory_.clear();
    return;
  }
  // No temporary file, or no room for it: keep the text in memory rather than
  // lose it, with what the file already holds read back in front.
  file_failed_ = true;
  if (file_ == nullptr) return;
  std::string held;
  if (std::fseek(file_, 0, SEEK_SET) == 0) {
    std::string chunk(1u << 16, '\0');
    while (const std::size_t n = std::fread(chunk.data(), 1, chunk.size(), file_)) held.append(chunk.data(), n);
  }
  std::fclose(file_);
  file_ = nullptr;
  // A partial write of memory_ is at the end of `held`; size_ says how much of it counts.
  held.resize(std::min(held.size(), size_ - memory_.size()));
  memory_.insert(0, held);
}

bool TextSpool::write_to(std::FILE* out) {
  if (file_ != nullptr) {
    if (std::fflush(file_) != 0 || std::fseek(file_, 0, SEEK_SET) != 0) return false;
    std::string chunk(1u << 16, '\0');
    for (;;) {
      const std::size_t n = std::fread(chunk.data(), 1, chunk.size(), file_);
      if (n == 0) break;
      if (std::fwrite(chunk.data(), 1, n, out) != n) return false;
    }
    if (std::ferror(file_)) return false;
  }
  return std::fwrite(memory_.data(), 1, memory_.size(), out) == memory_.size();
}

// ---- progress ----------------------------------------------------------------------

Progress::Progress(std::string verb, std::size_t total)
    : verb_(std::move(verb)), total_(total), enabled_(isatty(STDERR_FILENO) == 1 && total > 1) {
  start_ = last_ = std::chrono::steady_clock::now();
}

Progress::~Progress() { erase(); }

void Progress::erase() {
  if (!shown_) return;
  fmt::print(stderr, "\r\x1b[2K");
  std::fflush(stderr);
  shown_ = false;
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

}  // namespace terms::driver
