// Micro-benchmarks of the pipeline's stages, with Google Benchmark: parse,
// load (parse + resolve through a Workspace over an in-memory file system),
// evaluate (deal model + evaluator against the default profile), lint and
// format. Inputs are generated here, in memory, deterministically (the same
// shape as bench/gen_library.cpp: shared declaration files, agreements with
// steps, clauses of every verb and modifier, comments), so a run needs no
// files and reads no disk.
//
//   bench_micro_pipeline --benchmark_min_time=0.05
//
// Sizes are benchmark ranges: bytes of agreement text (64 KiB to 8 MiB) for
// parse, load, lint and format; clauses of one agreement (64 to 16384) for
// evaluate, which also fits the complexity (expected O(N)). Each benchmark
// reports bytes/s (SetBytesProcessed) and clauses/s (a rate counter).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "dsl/diagnostics.hpp"
#include "dsl/fmt/format.hpp"
#include "dsl/lint/lint.hpp"
#include "dsl/parser.hpp"
#include "dsl/resolve.hpp"
#include "dsl/source.hpp"
#include "engine/builtin_profiles.hpp"
#include "driver/run.hpp"
#include "memfs/memory_fs.hpp"

namespace {

// xorshift64*: deterministic and identical on every platform, so every run
// measures the same text.
class Random {
 public:
  explicit Random(std::uint64_t seed) : s_(seed * 2654435761u + 1) {}
  std::uint64_t next() {
    s_ ^= s_ >> 12;
    s_ ^= s_ << 25;
    s_ ^= s_ >> 27;
    return s_ * 2685821657736338717ull;
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  bool chance(unsigned percent) { return below(100) < percent; }

 private:
  std::uint64_t s_;
};

constexpr int kParties = 12;
constexpr int kSanctionsPerParty = 6;
constexpr int kBenefits = 10;
constexpr int kFacilities = 8;

// A sink that only counts: the benchmarks measure the work, not the storage
// of diagnostics (the generated inputs are expected to have no errors).
class CountingSink : public terms::DiagnosticSink {
 public:
  void emit(terms::Diagnostic d) override {
    ++count;
    if (d.severity == terms::Severity::error) ++errors;
  }
  std::size_t count = 0;
  std::size_t errors = 0;
};

std::string common_file() {
  std::string s = "# Shared declarations.\n\n";
  for (int p = 0; p < kParties; ++p) s += fmt::format("party party-{} \"Party number {}\";\n", p, p);
  s += "\nverifier inspectors \"International inspectors\";\nverifier monitors \"Joint commission\";\n\n";
  for (int p = 1; p < kParties; ++p) {
    for (int k = 0; k < kSanctionsPerParty; ++k) {
      s += fmt::format("sanction sanction-{}-{} by party-{} \"Measure {} of party {}\";\n", p, k, p, k, p);
    }
  }
  for (int b = 0; b < kBenefits; ++b) {
    s += fmt::format("benefit aid-{} by party-{} \"Assistance package {}\";\n", b, 1 + b % (kParties - 1), b);
  }
  return s;
}

std::string programs_file() {
  std::string s = "# Programs and facilities.\nimport \"common.terms\";\n\n";
  for (int kind = 0; kind < 2; ++kind) {
    const char* word = kind ? "ballistic" : "nuclear";
    s += fmt::format("program prog-{} of party-0 kind {} \"Program {}\";\n", word, word, kind);
    for (int k = 0; k < kFacilities; ++k) {
      s += fmt::format("facility site-{}-{} in prog-{} \"Site {}\";  # declared in {}\n", kind, k, word, k,
                       1990 + k);
    }
  }
  return s;
}

std::string modifiers(Random& r, bool dismantle) {
  std::string m;
  if (dismantle && r.chance(25)) m += " partially";
  if (r.chance(85)) m += r.chance(70) ? (r.chance(50) ? " verified by inspectors" : " verified by monitors") : " verified";
  if (r.chance(50)) {
    static const char* units[] = {"days", "weeks", "months", "years"};
    m += fmt::format(" within {} {}", 1 + r.below(24), units[r.below(4)]);
  }
  return m;
}

std::string clause(Random& r) {
  const int kind = static_cast<int>(r.below(2));
  const char* word = kind ? "ballistic" : "nuclear";
  auto sanction = [&](int k) { return fmt::format("sanction-{}-{}", 1 + r.below(kParties - 1), k); };
  switch (r.below(8)) {
    case 0: return fmt::format("    declare prog-{}{};\n", word, modifiers(r, false));
    case 1: return fmt::format("    freeze site-{}-{}{};\n", kind, r.below(kFacilities), modifiers(r, false));
    case 2: return fmt::format("    dismantle site-{}-{}{};\n", kind, r.below(kFacilities), modifiers(r, true));
    case 3: return fmt::format("    ease sanctions {}, {};\n", sanction(0), sanction(1));
    case 4: return fmt::format("    suspend sanctions {}{};\n", sanction(2), r.chance(60) ? " snapback" : "");
    case 5:
      if (r.chance(10)) return fmt::format("    lift sanctions all by party-{};\n", 1 + r.below(kParties - 1));
      return fmt::format("    lift sanctions {};  # agreed in principle\n", sanction(3));
    case 6: return fmt::format("    retain sanctions {}, {};\n", sanction(4), sanction(5));
    default: return fmt::format("    provide aid-{}{};\n", r.below(kBenefits), r.chance(30) ? " within 90 days" : "");
  }
}

// One agreement with `steps` steps of `per_step` clauses each (some with
// `after`, some preceded by a comment).
std::string agreement(Random& r, std::size_t index, std::size_t steps, std::size_t per_step) {
  std::string s = fmt::format("agreement deal-{} \"Generated agreement {}\" {{\n", index, index);
  for (std::size_t st = 0; st < steps; ++st) {
    if (r.chance(30)) s += "\n  # The parties agreed this step after a round of talks.\n";
    s += fmt::format("  step phase-{} \"Phase {}\"", st, st + 1);
    if (st > 0 && r.chance(40)) s += fmt::format(" after phase-{}", st - 1);
    s += " {\n";
    for (std::size_t c = 0; c < per_step; ++c) s += clause(r);
    s += "  }\n";
  }
  s += "\n  expect acceptable;\n}\n";
  return s;
}

struct Library {
  std::string root;  // the agreement file: the text measured
  std::size_t clauses = 0;
};

// Agreement text of about `bytes` bytes: many agreements of 3-6 steps of 3-7 clauses.
Library library_of_bytes(std::size_t bytes) {
  Random r(1);
  Library lib;
  lib.root = "# Generated agreements.\nimport \"programs.terms\";\n\n";
  for (std::size_t i = 0; lib.root.size() < bytes; ++i) {
    const std::size_t steps = 3 + r.below(4);
    const std::size_t per_step = 3 + r.below(5);
    lib.root += agreement(r, i, steps, per_step);
    lib.root += '\n';
    lib.clauses += steps * per_step;
  }
  return lib;
}

// One agreement of exactly `clauses` clauses, in steps of 8.
Library library_of_clauses(std::size_t clauses) {
  Random r(2);
  Library lib;
  lib.root = "# One large agreement.\nimport \"programs.terms\";\n\n" + agreement(r, 0, clauses / 8, 8);
  lib.clauses = clauses / 8 * 8;
  return lib;
}

terms::testing::MemoryFileSystem file_system(const Library& lib) {
  terms::testing::MemoryFileSystem fs;
  fs.add("lib/common.terms", common_file());
  fs.add("lib/programs.terms", programs_file());
  fs.add("lib/root.terms", lib.root);
  return fs;
}

void report(benchmark::State& state, const Library& lib) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(lib.root.size()));
  state.counters["clauses/s"] = benchmark::Counter(static_cast<double>(lib.clauses) * static_cast<double>(state.iterations()),
                                                   benchmark::Counter::kIsRate);
  state.counters["clauses"] = static_cast<double>(lib.clauses);
  state.counters["bytes"] = static_cast<double>(lib.root.size());
}

// A loaded workspace over the generated library, kept for the benchmarks
// that measure what comes after loading. Members are declared in the order
// their lifetimes require (the Workspace refers to the others).
struct Loaded {
  explicit Loaded(const Library& lib)
      : fs(file_system(lib)), workspace(sources, fs, sink), root(workspace.load_file("lib/root.terms")) {}
  terms::testing::MemoryFileSystem fs;
  terms::SourceManager sources;
  CountingSink sink;
  terms::Workspace workspace;
  std::optional<terms::UnitId> root;
};

void BM_Parse(benchmark::State& state) {
  const Library lib = library_of_bytes(static_cast<std::size_t>(state.range(0)));
  terms::SourceManager sources;
  const terms::SourceFile& file = sources.add("root.terms", lib.root);
  for (auto _ : state) {
    CountingSink sink;
    terms::ast::File tree = terms::parse_file(file, sink);
    benchmark::DoNotOptimize(tree);
    if (sink.errors != 0) {
      state.SkipWithError("the generated text has syntax errors");
      break;
    }
  }
  report(state, lib);
}

// Loading includes reading (a copy from memory), parsing the three files and
// resolving every name; resolution alone is the difference from BM_Parse.
void BM_Load(benchmark::State& state) {
  const Library lib = library_of_bytes(static_cast<std::size_t>(state.range(0)));
  const terms::testing::MemoryFileSystem fs = file_system(lib);
  for (auto _ : state) {
    terms::SourceManager sources;
    CountingSink sink;
    terms::Workspace workspace(sources, fs, sink);
    const std::optional<terms::UnitId> root = workspace.load_file("lib/root.terms");
    benchmark::DoNotOptimize(root);
    if (!root || sink.errors != 0) {
      state.SkipWithError("the generated library has errors");
      break;
    }
  }
  report(state, lib);
}

// Evaluation of one agreement of N clauses: building the deal model and
// applying the default profile (evaluate_roots does both), timed apart from
// loading and from compiling the profile.
void evaluate_benchmark(benchmark::State& state, const terms::engine::EvaluateOptions& options) {
  const Library lib = library_of_clauses(static_cast<std::size_t>(state.range(0)));
  Loaded loaded(lib);
  CountingSink profile_sink;
  const std::optional<terms::engine::CompiledProfile> profile =
      terms::driver::load_builtin_profile(terms::engine::kDefaultProfile, loaded.sources, profile_sink);
  if (!loaded.root || loaded.sink.errors != 0 || !profile || profile_sink.errors != 0) {
    state.SkipWithError("the generated agreement or the default profile has errors");
    return;
  }
  const std::vector<terms::UnitId> roots{*loaded.root};
  for (auto _ : state) {
    std::vector<terms::driver::AgreementRun> runs =
        terms::driver::evaluate_roots(loaded.workspace, roots, *profile, options);
    benchmark::DoNotOptimize(runs);
    if (runs.size() != 1 || !runs.front().result) {
      state.SkipWithError("the agreement was not evaluated");
      break;
    }
  }
  state.SetComplexityN(static_cast<std::int64_t>(lib.clauses));
  report(state, lib);
}

// Every condition explained, holding or not (the default: JSON output,
// `terms explain`, the API).
void BM_Evaluate(benchmark::State& state) { evaluate_benchmark(state, terms::engine::EvaluateOptions{}); }

// Only failing conditions explained (EvaluateOptions::explain_holding off),
// as `terms check` needs for its text and CI formats.
void BM_EvaluateFailingOnly(benchmark::State& state) {
  terms::engine::EvaluateOptions options;
  options.explain_holding = false;
  evaluate_benchmark(state, options);
}

// Every default rule over the agreement file of a loaded workspace.
void BM_Lint(benchmark::State& state) {
  const Library lib = library_of_bytes(static_cast<std::size_t>(state.range(0)));
  Loaded loaded(lib);
  if (!loaded.root || loaded.sink.errors != 0) {
    state.SkipWithError("the generated library has errors");
    return;
  }
  const terms::lint::Settings settings = terms::lint::Settings::defaults();
  std::size_t findings = 0;
  for (auto _ : state) {
    CountingSink sink;
    const bool ran = terms::lint::lint_unit(loaded.workspace, *loaded.root, settings, sink);
    benchmark::DoNotOptimize(sink.count);
    findings = sink.count;
    if (!ran) {
      state.SkipWithError("the linter did not run");
      break;
    }
  }
  report(state, lib);
  state.counters["findings"] = static_cast<double>(findings);
}

// The formatter alone, over a tree parsed once outside the timing.
void BM_Format(benchmark::State& state) {
  const Library lib = library_of_bytes(static_cast<std::size_t>(state.range(0)));
  terms::SourceManager sources;
  const terms::SourceFile& file = sources.add("root.terms", lib.root);
  CountingSink parse_sink;
  const terms::ast::File tree = terms::parse_file(file, parse_sink);
  if (parse_sink.errors != 0) {
    state.SkipWithError("the generated text has syntax errors");
    return;
  }
  for (auto _ : state) {
    std::optional<std::string> text = terms::format_file(tree, file);
    benchmark::DoNotOptimize(text);
    if (!text) {
      state.SkipWithError("the formatter refused the file");
      break;
    }
  }
  report(state, lib);
}

constexpr std::int64_t kMinBytes = 64 << 10;
constexpr std::int64_t kMaxBytes = 8 << 20;

BENCHMARK(BM_Parse)->RangeMultiplier(4)->Range(kMinBytes, kMaxBytes)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Load)->RangeMultiplier(4)->Range(kMinBytes, kMaxBytes)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Evaluate)->RangeMultiplier(4)->Range(64, 16384)->Complexity(benchmark::oN)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_EvaluateFailingOnly)
    ->RangeMultiplier(4)
    ->Range(64, 16384)
    ->Complexity(benchmark::oN)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Lint)->RangeMultiplier(4)->Range(kMinBytes, kMaxBytes)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Format)->RangeMultiplier(4)->Range(kMinBytes, kMaxBytes)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
