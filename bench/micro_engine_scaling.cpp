// Evaluation cost against the number of clauses: an agreement of N clauses in
// N/8 steps, checked against the default profile (stepwise-2020). Building the
// deal model and evaluating every condition should grow linearly in N; Google
// Benchmark's complexity fit (BigO) reports it. Run:
//   cmake -B build -DTERMS_BUILD_BENCH=ON && cmake --build build --target bench_micro_engine_scaling
//   build/bench/bench_micro_engine_scaling
#include <string>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "dsl/resolve.hpp"
#include "engine/deal.hpp"
#include "engine/evaluate.hpp"
#include "driver/run.hpp"
#include "memfs/memory_fs.hpp"

namespace {

// A library of 64 facilities in two programs and 64 sanctions, and one
// agreement of `clauses` clauses cycling through every verb.
std::string agreement_text(int clauses) {
  std::string t =
      "party dprk \"DPRK\";\nparty us \"US\";\nverifier iaea \"IAEA\";\n"
      "program nuc of dprk kind nuclear \"N\";\nprogram bal of dprk kind ballistic \"B\";\n"
      "benefit aid by us \"Aid\";\n";
  for (int i = 0; i < 64; ++i) t += fmt::format("facility f{} in {} \"F\";\n", i, i % 2 ? "bal" : "nuc");
  for (int i = 0; i < 64; ++i) t += fmt::format("sanction s{} by us \"S\";\n", i);
  t += "agreement big \"Big\" {\n";
  for (int i = 0; i < clauses; ++i) {
    if (i % 8 == 0) t += fmt::format("  step st{} \"Step\" {{\n", i / 8);
    switch (i % 8) {
      case 0: t += fmt::format("    declare f{} verified by iaea;\n", i % 64); break;
      case 1: t += fmt::format("    freeze f{} verified by iaea;\n", i % 64); break;
      case 2: t += fmt::format("    dismantle f{} verified by iaea within 6 months;\n", i % 64); break;
      case 3: t += fmt::format("    ease sanctions s{};\n", i % 64); break;
      case 4: t += fmt::format("    suspend sanctions s{} snapback;\n", i % 64); break;
      case 5: t += fmt::format("    retain sanctions s{};\n", (i + 7) % 64); break;
      case 6: t += "    provide aid;\n"; break;
      default: t += fmt::format("    dismantle f{} partially;\n", (i + 3) % 64); break;
    }
    if (i % 8 == 7 || i + 1 == clauses) t += "  }\n";
  }
  return t + "}\n";
}

void BM_EvaluateStepwise(benchmark::State& state) {
  const int clauses = static_cast<int>(state.range(0));
  terms::testing::MemoryFileSystem fs;
  fs.add("big.terms", agreement_text(clauses));
  terms::SourceManager sources;
  terms::DiagnosticBag diagnostics;
  terms::Workspace workspace(sources, fs, diagnostics);
  const auto unit = workspace.load_file("big.terms");
  auto profile = terms::driver::load_builtin_profile("stepwise-2020", sources, diagnostics);
  if (!unit || !profile || diagnostics.has_errors()) {
    state.SkipWithError("the generated agreement or the profile has errors");
    return;
  }
  const terms::ast::Agreement& agreement = *workspace.unit(*unit).tree.agreements().front();
  for (auto _ : state) {
    terms::engine::Deal deal(workspace, *unit, agreement);
    auto result = terms::engine::evaluate(*profile, deal);
    benchmark::DoNotOptimize(result);
  }
  state.SetComplexityN(clauses);
  state.SetItemsProcessed(state.iterations() * clauses);
}

BENCHMARK(BM_EvaluateStepwise)->RangeMultiplier(4)->Range(64, 65536)->Complexity(benchmark::oN);

}  // namespace

BENCHMARK_MAIN();
