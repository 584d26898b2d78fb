// Library runs: results come back in input order whatever the threads do,
// a broken shared import is reported once, configurations are found by
// walking up, and --fail-level decides the exit status.

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <fstream>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

#include "cli/command.hpp"
#include "driver/config_loader.hpp"
#include "cli/output.hpp"
#include "driver/runner.hpp"
#include "dsl/lint/lint.hpp"

namespace terms::cli {
namespace {

namespace fs = std::filesystem;

TEST(RunOrdered, ConsumesInIndexOrderWhateverTheFinishingOrder) {
  std::vector<std::size_t> consumed;
  std::atomic<int> running{0};
  std::atomic<int> most{0};
  run_ordered<std::size_t>(
      40, 4,
      [&](std::size_t i) {
        const int now = ++running;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        // Early items take longest, so later ones finish first.
        std::this_thread::sleep_for(std::chrono::milliseconds(i < 4 ? 30 : 1));
        --running;
        return i * 10;
      },
      [&](std::size_t i, std::size_t& r) {
        EXPECT_EQ(r, i * 10);
        consumed.push_back(i);
      });
  ASSERT_EQ(consumed.size(), 40u);
  for (std::size_t i = 0; i < consumed.size(); ++i) EXPECT_EQ(consumed[i], i);
  EXPECT_GT(most.load(), 1) << "the work never ran on two threads at once";
}

TEST(RunOrdered, RethrowsAWorkersExceptionOnTheCallingThread) {
  std::size_t consumed = 0;
  EXPECT_THROW(run_ordered<int>(
                   20, 3,
                   [](std::size_t i) -> int {
                     if (i == 5) throw std::runtime_error("boom");
                     return 0;
                   },
                   [&](std::size_t, int&) { ++consumed; }),
               std::runtime_error);
  EXPECT_LE(consumed, 5u);
}

TEST(RunOrdered, AnExceptionFromConsumeStopsTheWorkersAndIsPassedOn) {
  std::atomic<std::size_t> worked{0};
  EXPECT_THROW(run_ordered<int>(
                   10000, 3,
                   [&](std::size_t i) -> int {
                     ++worked;
                     // Slow after the first items: all 10,000 would take 30 s.
                     if (i > 3) std::this_thread::sleep_for(std::chrono::milliseconds(10));
                     return 0;
                   },
                   [&](std::size_t i, int&) {
                     if (i == 3) throw std::runtime_error("no room");
                   }),
               std::runtime_error);
  EXPECT_LT(worked.load(), 10000u);  // the workers stopped early (and were joined: no terminate)
}

// A temporary directory tree, removed at the end.
class TempTree : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("terms-lint-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  std::string write(const std::string& rel, const std::string& text) {
    const fs::path p = root_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
    return p.string();
  }
  fs::path root_;
};

TEST_F(TempTree, ABrokenSharedImportIsReportedOnceUnderTheFirstInput) {
  write("lib.terms", "party dprk \"DPRK\";\nprogram p of dprkk kind nuclear \"P\";\n");
  std::vector<InputFile> inputs;
  for (const char* n : {"a", "b", "c"}) {
    inputs.push_back(InputFile{write(std::string(n) + ".terms", "import \"lib.terms\";\nparty us \"US\";\n"), false, {}, nullptr});
  }
  // One worker (its Workspace keeps lib.terms from input to input, and reports
  // its error with the first input), or three (each with its own Workspace:
  // whichever loads lib.terms reports its error, and the merger keeps the
  // first input's report only).
  for (const unsigned jobs : {1u, 3u}) {
    RunMerger merger;
    std::vector<std::unique_ptr<ReusedWorkspace>> workers(jobs);
    LoadOptions options;
    options.max_file_bytes = 1 << 20;
    run_ordered<InputResult>(
        inputs.size(), jobs,
        [&](std::size_t i, unsigned self) {
          if (!workers[self]) workers[self] = std::make_unique<ReusedWorkspace>(options);
          InputResult r;
          const std::optional<UnitId> root = load_input(*workers[self], inputs[i], r);
          FileCopier copier(*r.sources);
          take_front_end(*workers[self], root, r, copier);
          if (root) {
            EXPECT_TRUE(release_input(*workers[self], *root));
          }
          return r;
        },
        [&](std::size_t, InputResult& r) { merger.add(r); });
    ASSERT_EQ(merger.diagnostics().size(), 1u) << jobs << " jobs";
    EXPECT_EQ(merger.diagnostics()[0].code, "E0204");
    EXPECT_EQ(merger.files().size(), 3u);
    // The span now refers to the merged SourceManager.
    const SourceFile* f = merger.sources().find(merger.diagnostics()[0].span.file);
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->text().substr(merger.diagnostics()[0].span.begin, 5), "dprkk");
    // With one worker, lib.terms stays loaded for the next inputs; the inputs do not.
    if (jobs == 1) {
      EXPECT_EQ(workers[0]->workspace.live_unit_count(), 1u);
    }
  }
}

TEST_F(TempTree, TheNearestConfigurationApplies) {
  write("terms.json", "{\"rules\": {\"L005\": \"error\"}, \"ignore\": [\"drafts\"]}");
  write("sub/terms.json", "{\"categories\": {\"style\": \"off\"}}");
  const std::string top = write("a.terms", "");
  const std::string sub = write("sub/deep/b.terms", "");
  const std::string draft = write("drafts/c.terms", "");
  ConfigLoader loader(std::nullopt);
  EXPECT_EQ(loader.for_input(top).settings.level("L005"), RuleLevel::error);
  EXPECT_EQ(loader.for_input(sub).settings.level("L005"), RuleLevel::warning);  // no merging with the parent
  EXPECT_EQ(loader.for_input(sub).settings.level("missing-title"), RuleLevel::off);
  EXPECT_TRUE(loader.ignored(draft));
  EXPECT_FALSE(loader.ignored(top));
  EXPECT_FALSE(loader.has_errors());
}

TEST_F(TempTree, AnExplicitConfigurationAppliesEverywhere) {
  write("sub/terms.json", "{\"categories\": {\"style\": \"off\"}}");
  const std::string config = write("strict.json", "{\"rules\": {\"missing-title\": \"error\"}}");
  ConfigLoader loader(config);
  EXPECT_EQ(loader.for_input(write("sub/b.terms", "")).settings.level("missing-title"), RuleLevel::error);
}

// The verdicts `terms check` keeps for the end of its output: past the memory
// limit they go to a temporary file, and come back whole and in order.
TEST(TextSpool, GivesBackEverythingInOrderInMemoryOrSpooled) {
  for (const std::size_t limit : {std::size_t{1} << 20, std::size_t{64}, std::size_t{1}}) {
    TextSpool spool(limit);
    EXPECT_TRUE(spool.empty());
    std::string expected;
    for (int i = 0; i < 500; ++i) {
      const std::string piece = "verdict " + std::to_string(i) + (i % 7 == 0 ? std::string(300, 'x') : "") + "\n";
      spool.append(piece);
      expected += piece;
    }
    EXPECT_EQ(spool.size(), expected.size());
    std::FILE* out = std::tmpfile();
    ASSERT_NE(out, nullptr);
    ASSERT_TRUE(spool.write_to(out)) << "limit " << limit;
    std::rewind(out);
    std::string got;
    char buffer[4096];
    while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, out)) got.append(buffer, n);
    std::fclose(out);
    EXPECT_EQ(got, expected) << "limit " << limit;
  }
}

TEST(ExitStatus, FollowsTheFailLevel) {
  RunOutput run;
  Diagnostic warning;
  warning.severity = Severity::warning;
  run.diagnostics = {warning};
  EXPECT_EQ(exit_status(run, Severity::error), kExitOk);
  EXPECT_EQ(exit_status(run, Severity::warning), kExitFinding);
  EXPECT_EQ(exit_status(run, Severity::info), kExitFinding);
  run.other_findings = true;
  EXPECT_EQ(exit_status(run, Severity::error), kExitFinding);
  run.io_error = true;
  EXPECT_EQ(exit_status(run, Severity::error), kExitUsage);
}

}  // namespace
}  // namespace terms::cli
