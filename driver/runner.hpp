#pragma once
// Library runs: many term files checked in parallel with deterministic output.
//
// run_ordered() is the engine of it: `work(i)` runs on a pool of threads (one
// per core by default) and `consume(i, result)` runs on the calling thread in
// index order, as soon as results 0..i are ready, so output order never
// depends on scheduling and memory is released as the run advances.
//
// ReusedWorkspace, InputResult and RunMerger are the front-end part of it:
// each worker loads its inputs in a Workspace of its own, reused from input to
// input (a library file is parsed once per worker); each input's result is
// self-contained (the diagnostics with the files they quote); and the merger
// moves them into one SourceManager for the renderers, dropping the
// diagnostics of an imported file that an earlier input already reported (so
// a broken library file is reported once, under the first input that imports
// it, as a single Workspace would).
//
// Typical use (cli/cmd_lint.cpp, cli/cmd_check.cpp):
//   RunMerger merger;
//   std::vector<std::unique_ptr<ReusedWorkspace>> workers(jobs);
//   run_ordered<InputResult>(inputs.size(), jobs,
//       [&](std::size_t i, unsigned self) {
//         ReusedWorkspace& w = ...workers[self], made on first use...;
//         InputResult r;
//         const std::optional<UnitId> root = load_input(w, inputs[i], r);
//         FileCopier copier(*r.sources);
//         /* lint, evaluate ... */
//         take_front_end(w, root, r, copier);
//         if (root) release_input(w, *root);
//         return r; },
//       [&](std::size_t, InputResult& r) { merger.add(r); progress.tick(); });

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "driver/inputs.hpp"
#include "dsl/diagnostics.hpp"
#include "dsl/render.hpp"
#include "dsl/resolve.hpp"
#include "dsl/source.hpp"

namespace terms::driver {

// The number of worker threads: `requested` if non-zero, else one per core.
unsigned worker_count(unsigned requested);


// Runs work(0..count-1) on `jobs` threads; consume(i, result) on this thread in
// index order. An exception thrown by `work` is rethrown here, once the
// workers have stopped.
//
// The second form also tells `work` which worker runs it (0..jobs-1), for
// state kept per worker: a worker runs one item at a time, so state indexed
// by it needs no lock.
template <typename T>
void run_ordered(std::size_t count, unsigned jobs, const std::function<T(std::size_t, unsigned)>& work,
                 const std::function<void(std::size_t, T&)>& consume) {
  if (count == 0) return;
  jobs = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(count)));
  if (jobs == 1) {
    for (std::size_t i = 0; i < count; ++i) {
      T result = work(i, 0);
      consume(i, result);
    }
    return;
  }
  // Workers claim indices with an atomic counter; a finished result wakes the
  // calling thread only when it is the one it waits for, so a run of many
  // small files costs few wake-ups.
  std::mutex mutex;
  std::condition_variable ready;
  std::vector<std::optional<T>> results(count);  // guarded by `mutex`
  std::size_t waiting = 0;                       // the index consume() waits for; guarded by `mutex`
  std::exception_ptr failure;                    // guarded by `mutex`
  std::atomic<std::size_t> next{0};              // the next index a worker takes
  std::atomic<bool> stop{false};
  auto worker = [&](unsigned self) {
    while (!stop.load(std::memory_order_relaxed)) {
      const std::size_t i = next.fetch_add(1, std::memory_order_relaxed);
      if (i >= count) return;
      bool wake = false;
      try {
        T result = work(i, self);
        std::lock_guard<std::mutex> lock(mutex);
        results[i].emplace(std::move(result));
        wake = i == waiting;
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!failure) failure = std::current_exception();
        stop = true;
        wake = true;
      }
      if (wake) ready.notify_one();
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(jobs);
  for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker, t);
  try {
    for (std::size_t i = 0; i < count; ++i) {
      std::optional<T> result;
      {
        std::unique_lock<std::mutex> lock(mutex);
        waiting = i;
        ready.wait(lock, [&] { return results[i].has_value() || stop.load(); });
        if (!results[i]) break;
        result = std::move(results[i]);
        results[i].reset();
      }
      consume(i, *result);
    }
  } catch (...) {  // from consume(): stop the workers before passing it on
    stop = true;
    for (std::thread& t : threads) t.join();
    throw;
  }
  stop = true;
  for (std::thread& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
}

template <typename T>
void run_ordered(std::size_t count, unsigned jobs, const std::function<T(std::size_t)>& work,
                 const std::function<void(std::size_t, T&)>& consume) {
  run_ordered<T>(
      count, jobs, [&work](std::size_t i, unsigned) { return work(i); }, consume);
}

// Copies diagnostics from one SourceManager to another: the files their spans
// point into are copied once each (by path and text) and the spans moved along.
// Call reset() before copying from another SourceManager.
class FileCopier {
 public:
  explicit FileCopier(SourceManager& to) : to_(&to) {}
  Diagnostic rehome(Diagnostic d, const SourceManager& from);
  void reset() { copied_.clear(); }

 private:
  FileId copy_file(FileId id, const SourceManager& from);
  SourceManager* to_;
  std::unordered_map<FileId, FileId> copied_;
};

// A diagnostic with the canonical path of the file it belongs to (the input's
// own path for diagnostics without a span), for deduplication across inputs.
struct OwnedDiagnostic {
  std::string owner;
  Diagnostic diagnostic;
};

// One worker's Workspace, reused input after input (`terms check`, `terms
// lint`): a library file that many inputs import is parsed once per worker,
// and each input is released once its output has been taken (take_input), so
// memory follows the largest input and its imports, not the whole run.
// Used by one thread at a time.
struct ReusedWorkspace {
  explicit ReusedWorkspace(const LoadOptions& options);
  ReusedWorkspace(const ReusedWorkspace&) = delete;
  ReusedWorkspace& operator=(const ReusedWorkspace&) = delete;
  // Loads an input (a file, or standard input) as a root; nullopt, with a
  // diagnostic in `bag`, when it cannot be read.
  std::optional<UnitId> load(const InputFile& input);

  std::uint64_t max_file_bytes;
  SourceManager sources;
  DiskFileSystem file_system;
  DiagnosticBag bag;  // what the Workspace reports, until take_input()
  Workspace workspace;
};

// What one input gave, self-contained (its worker moves on to other inputs):
// the front end's diagnostics with the file each belongs to, the canonical
// paths of the files it loaded, and diagnostics of its own (lint findings),
// all with their spans in `sources`.
struct InputResult {
  std::string path;                      // as shown
  bool read = false;                     // the input could be read
  bool io_error = false;
  std::unique_ptr<SourceManager> sources = std::make_unique<SourceManager>();
  std::vector<OwnedDiagnostic> front_end;
  std::vector<std::string> loaded;
  std::vector<Diagnostic> extra;
};

// Loads an input in the worker's Workspace: sets result.path, read and
// io_error, and returns the root (nullopt when it could not be read).
std::optional<UnitId> load_input(ReusedWorkspace& w, const InputFile& input, InputResult& result);
// Moves what the worker's bag holds into `result.front_end` (copying the
// files the diagnostics quote into result.sources through `copier`, which
// must copy into them) and records the files `root` loaded.
void take_front_end(ReusedWorkspace& w, std::optional<UnitId> root, InputResult& result, FileCopier& copier);
// Lets the input go once its output has been rendered or copied (unless a
// file still loaded imports it); the files it imported stay for later inputs.
// Returns whether it was released.
bool release_input(ReusedWorkspace& w, UnitId root);

// Text gathered during a run to be printed at its end (the verdicts, which
// come after every diagnostic), kept in memory up to `memory_limit` bytes and
// in an anonymous temporary file beyond that, so that a large run's output
// does not have to fit in memory. Falls back to memory if no temporary file
// can be made.
class TextSpool {
 public:
  explicit TextSpool(std::size_t memory_limit = 8u << 20) : limit_(memory_limit) {}
  ~TextSpool();
  TextSpool(const TextSpool&) = delete;
  TextSpool& operator=(const TextSpool&) = delete;
  void append(std::string_view text);
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  // Writes everything appended so far to `out`; false on a write error.
  bool write_to(std::FILE* out);

 private:
  std::size_t limit_;
  std::size_t size_ = 0;
  std::string memory_;
  std::FILE* file_ = nullptr;
  bool file_failed_ = false;
};

// Collects the results of a run, in input order, into one SourceManager.
class RunMerger {
 public:
  // Adds diagnostics that belong to no input (inputs that could not be
  // expanded, the configuration), with spans in `sources` (may be null when
  // no diagnostic has a span).
  void add_loose(std::vector<Diagnostic> diagnostics, const SourceManager* sources);
  // Adds one input's result: the front end's diagnostics of files no earlier
  // input reported, then its own `extra` diagnostics.
  void add(InputResult& result);
  // The same in parts, for results kept in their own SourceManager `from`:
  // the input (`read`: it could be read), the front end's diagnostics of files
  // no earlier input reported, after which `loaded` (the canonical paths of
  // every file the input loaded) count as reported; then diagnostics that
  // are never deduplicated.
  void add_input(const std::string& path, bool read, bool io_error);
  void add_owned(std::vector<OwnedDiagnostic>& diagnostics, const SourceManager& from,
                 const std::vector<std::string>& loaded);
  void add_extra(std::vector<Diagnostic>& diagnostics, const SourceManager& from);
  // A diagnostic moved into sources(), for the caller to keep: `from` as in
  // the add_owned() just before.
  Diagnostic rehome(Diagnostic d, const SourceManager& from) { return copier_.rehome(std::move(d), from); }

  // Text output as the run goes: from now on, every add() renders the
  // diagnostics gathered so far, passes the text to `write` (separated as
  // render_text separates them) and lets them go, with the files they quote,
  // so that a run's memory does not grow with its findings and the output
  // comes as the run goes. streamed_counts(), streamed_finding() and
  // streamed_any() keep what the summary line and the exit status need.
  void stream_text(std::function<void(std::string_view)> write, const RenderOptions& options, Severity fail_level);
  // Renders what is pending now (stream_text mode; also called by add()).
  void flush_text();
  const DiagnosticCounts& streamed_counts() const { return streamed_counts_; }
  bool streamed_finding() const { return streamed_finding_; }
  bool streamed_any() const { return streamed_any_; }

  SourceManager& sources() { return *sources_; }
  std::vector<Diagnostic>& diagnostics() { return diagnostics_; }
  std::vector<std::string>& files() { return files_; }  // the inputs that were read
  bool io_error() const { return io_error_; }

 private:
  std::unique_ptr<SourceManager> sources_ = std::make_unique<SourceManager>();
  FileCopier copier_{*sources_};
  std::vector<Diagnostic> diagnostics_;
  std::vector<std::string> files_;
  std::unordered_map<std::string, bool> reported_;      // canonical paths already reported
  bool io_error_ = false;
  std::function<void(std::string_view)> write_;  // stream_text
  RenderOptions render_;
  bool streamed_any_ = false;
  Severity fail_level_ = Severity::error;
  DiagnosticCounts streamed_counts_;
  bool streamed_finding_ = false;
};

// "[12/340] linting" on standard error while a long run goes on, when standard
// error is a terminal; erased at the end. Silent otherwise.
class Progress {
 public:
  Progress(std::string verb, std::size_t total);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  void tick();
  // Erases the progress line, if shown, before other output goes to the
  // terminal; the next tick() shows it again.
  void erase();

 private:
  std::string verb_;
  std::size_t total_;
  std::size_t done_ = 0;
  bool enabled_ = false;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace terms::driver
