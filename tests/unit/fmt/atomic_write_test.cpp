// Atomic file replacement (cli/atomic_write.hpp): the new contents replace the
// file with its mode kept; every failure, real (a file-size limit, a
// read-only directory, a file changed behind our back) or injected at each
// stage, leaves the original intact and no temporary file behind.

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "cli/atomic_write.hpp"

namespace terms::cli {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

// A fresh directory per test, removed afterwards (made writable first).
class AtomicWriteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() /
          ("terms-atomic-" + std::to_string(::getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir);
    file = dir / "deal.terms";
    write(file, original);
  }
  void TearDown() override {
    std::error_code ec;
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(dir, ec);
  }
  // Everything in the directory, to show that no temporary file was left.
  std::vector<std::string> listing() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

  fs::path dir;
  fs::path file;
  const std::string original = "party   a \"A\";\n";
  const std::string formatted = "party a \"A\";\n";
};

TEST_F(AtomicWriteTest, ReplacesTheContentsAndKeepsTheMode) {
  ::chmod(file.c_str(), 0640);
  const WriteResult r = atomic_write(file.string(), formatted);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(read(file), formatted);
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
  EXPECT_EQ(listing(), std::vector<std::string>{"deal.terms"});
}

TEST_F(AtomicWriteTest, WritesThroughASymbolicLink) {
  const fs::path link = dir / "link.terms";
  fs::create_symlink(file.filename(), link);
  ASSERT_TRUE(atomic_write(link.string(), formatted).ok);
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(read(file), formatted);
}

TEST_F(AtomicWriteTest, EveryInjectedFailureLeavesTheOriginalIntact) {
  for (WriteStage stage : {WriteStage::create_temp, WriteStage::write, WriteStage::sync, WriteStage::verify,
                           WriteStage::rename}) {
    AtomicWriteOptions options;
    options.expected_contents = original;
    options.fault = [stage](WriteStage s) { return s != stage; };
    const WriteResult r = atomic_write(file.string(), formatted, options);
    EXPECT_FALSE(r.ok) << "stage " << static_cast<int>(stage);
    EXPECT_FALSE(r.error.empty());
    EXPECT_EQ(read(file), original) << "stage " << static_cast<int>(stage);
    EXPECT_EQ(listing(), std::vector<std::string>{"deal.terms"}) << "stage " << static_cast<int>(stage);
  }
}

TEST_F(AtomicWriteTest, ReportsTheStageThatFailed) {
  AtomicWriteOptions options;
  options.fault = [](WriteStage s) { return s != WriteStage::rename; };
  EXPECT_EQ(atomic_write(file.string(), formatted, options).error,
            "cannot replace `" + file.string() + "`: input/output error");
  options.fault = [](WriteStage s) { return s != WriteStage::create_temp; };
  EXPECT_EQ(atomic_write(file.string(), formatted, options).error,
            "cannot create a temporary file in `" + dir.string() + "`: input/output error");
}

TEST_F(AtomicWriteTest, AFileSizeLimitFailsTheWriteAndKeepsTheOriginal) {
  // A real failure of write(2), even for root: the file-size limit (EFBIG).
  const std::string big(64 * 1024, '#');
  struct rlimit saved {};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  const auto previous = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit small = saved;
  small.rlim_cur = 1024;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  const WriteResult r = atomic_write(file.string(), big);
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, previous);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("cannot write"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("file too large"), std::string::npos) << r.error;
  EXPECT_EQ(read(file), original);
  EXPECT_EQ(listing(), std::vector<std::string>{"deal.terms"});
}

TEST_F(AtomicWriteTest, AReadOnlyDirectoryFailsAndKeepsTheOriginal) {
  if (::geteuid() == 0) GTEST_SKIP() << "root may write into a read-only directory";
  ::chmod(dir.c_str(), 0555);
  const WriteResult r = atomic_write(file.string(), formatted);
  ::chmod(dir.c_str(), 0755);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "cannot create a temporary file in `" + dir.string() + "`: permission denied");
  EXPECT_EQ(read(file), original);
}

TEST_F(AtomicWriteTest, AMissingDirectoryFails) {
  const WriteResult r = atomic_write((dir / "no-such-dir" / "x.terms").string(), formatted);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("cannot create a temporary file"), std::string::npos) << r.error;
}

TEST_F(AtomicWriteTest, RefusesWhenTheFileChangedSinceItWasRead) {
  write(file, "party changed \"by someone else\";\n");
  AtomicWriteOptions options;
  options.expected_contents = original;
  const WriteResult r = atomic_write(file.string(), formatted, options);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "`" + file.string() + "` changed while it was being formatted; it was left as it is");
  EXPECT_EQ(read(file), "party changed \"by someone else\";\n");
  EXPECT_EQ(listing(), std::vector<std::string>{"deal.terms"});
}

TEST_F(AtomicWriteTest, RefusesToReplaceADirectory) {
  fs::create_directories(dir / "sub.terms");
  const WriteResult r = atomic_write((dir / "sub.terms").string(), formatted);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "`" + (dir / "sub.terms").string() + "` is not a regular file");
  EXPECT_TRUE(fs::is_directory(dir / "sub.terms"));
}

TEST_F(AtomicWriteTest, CreatesANewFile) {
  const fs::path fresh = dir / "new.terms";
  ASSERT_TRUE(atomic_write(fresh.string(), formatted).ok);
  EXPECT_EQ(read(fresh), formatted);
}

}  // namespace
}  // namespace terms::cli
