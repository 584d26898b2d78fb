#pragma once
// A test that runs the real `terms` executable (TERMS_BINARY) in a temporary
// directory of its own, removed at the end: write() puts files there, terms()
// runs a command there (or in `options.cwd`) and fails the test if the process
// could not start or hung.

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/run_process.hpp"

namespace terms::testing {

class TermsBinaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "terms-cli-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  void write(const std::string& rel, const std::string& text) const {
    const std::filesystem::path path = std::filesystem::path(dir_) / rel;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
  }
  // Runs `terms ARGS...` in the temporary directory, or in options.cwd if set.
  ProcessResult terms(const std::vector<std::string>& args, ProcessOptions options = {}) const {
    if (options.cwd.empty()) options.cwd = dir_;
    ProcessResult r = run_process(TERMS_BINARY, args, options);
    EXPECT_TRUE(r.spawn_error.empty()) << r.spawn_error;
    EXPECT_FALSE(r.timed_out) << "terms hung";
    return r;
  }

  std::string dir_;
};

}  // namespace terms::testing
