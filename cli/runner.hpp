#pragma once
// Library runs: many term files checked in parallel with deterministic output.
//
// run_ordered() is the engine of it: `work(i)` runs on a pool of threads (one
// per core by default) and `consume(i, result)` runs on the calling thread in
// index order, as soon as results 0..i are ready, so output order never
// depends on scheduling and memory is released as the run advances.
//
// RootRun and RunMerger are the front-end part of it: each input is loaded in
// its own Workspace (shared imports are parsed once per input that needs
// them, which keeps every input's result independent of every other), and
// the merger moves each result's diagnostics into one SourceManager for the
// renderers, dropping the diagnostics of an imported file that an earlier
// input already reported (so a broken library file is reported once, under
// the first input that imports it, as a single Workspace would).
//
// Typical use (cli/cmd_lint.cpp):
//   RunMerger merger;
//   run_ordered<RootRun>(inputs.size(), jobs,
//       [&](std::size_t i) { RootRun r = load_root(inputs[i], max_bytes); /* lint, evaluate ... */ return r; },
//       [&](std::size_t i, RootRun& r) { merger.add(r); progress.tick(); });

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "cli/inputs.hpp"
#include "dsl/diagnostics.hpp"
#include "dsl/resolve.hpp"
#include "dsl/source.hpp"

namespace terms::cli {

// The number of worker threads: `requested` if non-zero, else one per core.
unsigned worker_count(unsigned requested);

// Runs work(0..count-1) on `jobs` threads; consume(i, result) on this thread in
// index order. An exception thrown by `work` is rethrown here, once the
// workers have stopped.
template <typename T>
void run_ordered(std::size_t count, unsigned jobs, const std::function<T(std::size_t)>& work,
                 const std::function<void(std::size_t, T&)>& consume) {
  if (count == 0) return;
  jobs = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(count)));
  if (jobs == 1) {
    for (std::size_t i = 0; i < count; ++i) {
      T result = work(i);
      consume(i, result);
    }
    return;
  }
  std::mutex mutex;
  std::condition_variable ready;
  std::vector<std::optional<T>> results(count);
  std::size_t next = 0;  // the next index a worker takes
  std::exception_ptr failure;
  bool stop = false;
  auto worker = [&] {
    for (;;) {
      std::size_t i = 0;
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (stop || next == count) return;
        i = next++;
      }
      try {
        T result = work(i);
        std::lock_guard<std::mutex> lock(mutex);
        results[i].emplace(std::move(result));
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!failure) failure = std::current_exception();
        stop = true;
      }
      ready.notify_all();
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(jobs);
  for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker);
  for (std::size_t i = 0; i < count; ++i) {
    std::optional<T> result;
    {
      std::unique_lock<std::mutex> lock(mutex);
      ready.wait(lock, [&] { return results[i].has_value() || stop; });
      if (!results[i]) break;
      result = std::move(results[i]);
      results[i].reset();
    }
    consume(i, *result);
  }
  {
    std::lock_guard<std::mutex> lock(mutex);
    stop = true;
  }
  for (std::thread& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
}

// One input loaded in a Workspace of its own, with everything it reported.
// Lifetime: owns its SourceManager, file system and Workspace (declared in
// that order, so the Workspace goes first); movable, not copyable.
struct RootRun {
  std::string path;                      // as shown
  std::unique_ptr<SourceManager> sources;
  std::unique_ptr<DiskFileSystem> file_system;
  std::unique_ptr<DiagnosticBag> front_end;  // what the Workspace reported (root and imports)
  std::unique_ptr<Workspace> workspace;
  std::optional<UnitId> root;            // nullopt when the input could not be read
  std::vector<Diagnostic> extra;         // reported for this input only (lint), never deduplicated
  bool io_error = false;
};

// Loads one input (a path, or standard input) in a fresh Workspace.
RootRun load_root(const InputFile& input, std::uint64_t max_file_bytes);
// The same with the limits and library root of `options` (cli/load_options.hpp).
RootRun load_root(const InputFile& input, const LoadOptions& options);

// Collects the results of a run, in input order, into one SourceManager.
class RunMerger {
 public:
  // Adds diagnostics that belong to no input (inputs that could not be
  // expanded, the configuration), with spans in `sources` (may be null when
  // no diagnostic has a span).
  void add_loose(std::vector<Diagnostic> diagnostics, const SourceManager* sources);
  // Adds one input's result: the front end's diagnostics of files no earlier
  // input reported, then its own `extra` diagnostics.
  void add(RootRun& run);

  SourceManager& sources() { return *sources_; }
  std::vector<Diagnostic>& diagnostics() { return diagnostics_; }
  std::vector<std::string>& files() { return files_; }  // the inputs that were read
  bool io_error() const { return io_error_; }

 private:
  Diagnostic rehome(Diagnostic d, const SourceManager& from);
  FileId copy_file(FileId id, const SourceManager& from);

  std::unique_ptr<SourceManager> sources_ = std::make_unique<SourceManager>();
  std::vector<Diagnostic> diagnostics_;
  std::vector<std::string> files_;
  std::unordered_map<std::string, bool> reported_;      // canonical paths already reported
  std::unordered_map<FileId, FileId> copied_;           // for the run being added
  bool io_error_ = false;
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

 private:
  std::string verb_;
  std::size_t total_;
  std::size_t done_ = 0;
  bool enabled_ = false;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace terms::cli
