// Atomic file replacement (cli/atomic_write.hpp): the new contents replace the
// file with its mode kept; every failure, real (a file-size limit, a full
// tmpfs, a read-only mount, an immutable directory, a file changed behind our
// back) or injected at each stage with a chosen errno, leaves the original
// intact and no temporary file behind. The real faults work as root (as CI
// runs): mounts happen in a mount namespace private to the test process, and
// a test skips, saying why, where the system does not allow it.

#include <fcntl.h>
#include <linux/fs.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/support/files.hpp"

#include "driver/atomic_write.hpp"

namespace terms::driver {
namespace {

namespace fs = std::filesystem;

// "`PATH`" then `rest`, appended piece by piece: g++ 12 at -O3 warns
// (-Wrestrict, a false positive) on "`" + std::string.
std::string backquoted(const std::string& path, std::string_view rest) {
  std::string s = "`";
  s += path;
  s += '`';
  s += rest;
  return s;
}

std::string read(const fs::path& p) { return testing::read_file(p); }

void write(const fs::path& p, const std::string& text) { testing::write_file(p, text); }

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
    options.fault = [stage](WriteStage s) { return s == stage ? EIO : 0; };
    const WriteResult r = atomic_write(file.string(), formatted, options);
    EXPECT_FALSE(r.ok) << "stage " << static_cast<int>(stage);
    EXPECT_FALSE(r.error.empty());
    EXPECT_EQ(read(file), original) << "stage " << static_cast<int>(stage);
    EXPECT_EQ(listing(), std::vector<std::string>{"deal.terms"}) << "stage " << static_cast<int>(stage);
  }
}

TEST_F(AtomicWriteTest, ReportsTheStageThatFailed) {
  AtomicWriteOptions options;
  options.fault = [](WriteStage s) { return s == WriteStage::rename ? EIO : 0; };
  EXPECT_EQ(atomic_write(file.string(), formatted, options).error,
            "cannot replace `" + file.string() + "`: input/output error");
  options.fault = [](WriteStage s) { return s == WriteStage::create_temp ? EIO : 0; };
  EXPECT_EQ(atomic_write(file.string(), formatted, options).error,
            "cannot create a temporary file in `" + dir.string() + "`: input/output error");
}

TEST_F(AtomicWriteTest, AFullDiskFailsTheWriteWithItsReasonAndAHint) {
  AtomicWriteOptions options;
  options.fault = [](WriteStage s) { return s == WriteStage::write ? ENOSPC : 0; };
  const WriteResult r = atomic_write(file.string(), formatted, options);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.failure, WriteFailure::no_space);
  EXPECT_EQ(r.error, "cannot write `" + file.string() + "`: no space left on device");
  EXPECT_NE(write_failure_hint(r.failure).find("free some space on the disk"), std::string::npos);
  EXPECT_EQ(read(file), original);
  EXPECT_EQ(listing(), std::vector<std::string>{"deal.terms"});
}

TEST_F(AtomicWriteTest, AReadOnlyFileSystemFailsTheRenameWithItsReasonAndAHint) {
  AtomicWriteOptions options;
  options.fault = [](WriteStage s) { return s == WriteStage::rename ? EROFS : 0; };
  const WriteResult r = atomic_write(file.string(), formatted, options);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.failure, WriteFailure::read_only);
  EXPECT_EQ(r.error, "cannot replace `" + file.string() + "`: read-only file system");
  EXPECT_NE(write_failure_hint(r.failure).find("mounted read-only"), std::string::npos);
  EXPECT_EQ(read(file), original);
  EXPECT_EQ(listing(), std::vector<std::string>{"deal.terms"});
}

TEST_F(AtomicWriteTest, EveryFailureHasAHintExceptTheUnforeseen) {
  for (WriteFailure f : {WriteFailure::not_regular, WriteFailure::no_space, WriteFailure::too_large,
                         WriteFailure::read_only, WriteFailure::permission, WriteFailure::changed}) {
    EXPECT_FALSE(write_failure_hint(f).empty()) << static_cast<int>(f);
  }
  EXPECT_EQ(write_failure_hint(WriteFailure::other), "");
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
  EXPECT_EQ(r.failure, WriteFailure::too_large);
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

TEST_F(AtomicWriteTest, ARealFullDiskFailsAndKeepsTheOriginal) {
  // A 64 KiB tmpfs, filled up, in a mount namespace of this test process only
  // (it disappears with the process, even if the test crashes).
  if (::unshare(CLONE_NEWNS) != 0 || ::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
    GTEST_SKIP() << "cannot create a mount namespace here (" << std::strerror(errno)
                 << "): needs root or CAP_SYS_ADMIN; the injected ENOSPC test covers the logic";
  }
  const fs::path small = dir / "small";
  fs::create_directories(small);
  if (::mount("tmpfs", small.c_str(), "tmpfs", 0, "size=64k") != 0) {
    GTEST_SKIP() << "cannot mount a tmpfs here (" << std::strerror(errno) << ")";
  }
  const fs::path target = small / "deal.terms";
  write(target, original);
  {
    // Fill every remaining block.
    std::ofstream filler(small / "filler", std::ios::binary);
    const std::string block(4096, 'x');
    for (int i = 0; i < 64 && filler; ++i) filler << block << std::flush;
  }
  const std::string longer = formatted + std::string(8192, '#') + "\n";
  const WriteResult r = atomic_write(target.string(), longer);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.failure, WriteFailure::no_space) << r.error;
  EXPECT_TRUE(r.error.ends_with("no space left on device")) << r.error;
  EXPECT_EQ(read(target), original);
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(small)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"deal.terms", "filler"}));
  ::umount2(small.c_str(), MNT_DETACH);
}

TEST_F(AtomicWriteTest, ARealReadOnlyFileSystemFailsAndKeepsTheOriginal) {
  if (::unshare(CLONE_NEWNS) != 0 || ::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
    GTEST_SKIP() << "cannot create a mount namespace here (" << std::strerror(errno)
                 << "): needs root or CAP_SYS_ADMIN; the injected EROFS test covers the logic";
  }
  const fs::path ro = dir / "ro";
  fs::create_directories(ro);
  if (::mount("tmpfs", ro.c_str(), "tmpfs", 0, "size=64k") != 0) {
    GTEST_SKIP() << "cannot mount a tmpfs here (" << std::strerror(errno) << ")";
  }
  const fs::path target = ro / "deal.terms";
  write(target, original);
  ASSERT_EQ(::mount("tmpfs", ro.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, "size=64k"), 0) << std::strerror(errno);
  const WriteResult r = atomic_write(target.string(), formatted);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.failure, WriteFailure::read_only) << r.error;
  EXPECT_EQ(r.error, "cannot create a temporary file in `" + ro.string() + "`: read-only file system");
  EXPECT_EQ(read(target), original);
  ::umount2(ro.c_str(), MNT_DETACH);
}

TEST_F(AtomicWriteTest, AnImmutableDirectoryOrFileFailsEvenForRoot) {
  // chattr +i: not even root may create a file in the directory, or replace the file.
  const auto set_immutable = [](const fs::path& p, bool on) {
    const int fd = ::open(p.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return false;
    int flags = 0;
    bool ok = ::ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0;
    if (ok) {
      flags = on ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
      ok = ::ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
    }
    const int err = errno;
    ::close(fd);
    errno = err;
    return ok;
  };
  if (!set_immutable(dir, true)) {
    GTEST_SKIP() << "cannot make a directory immutable here (" << std::strerror(errno)
                 << "): needs CAP_LINUX_IMMUTABLE and a file system with chattr support";
  }
  const WriteResult in_dir = atomic_write(file.string(), formatted);
  set_immutable(dir, false);
  EXPECT_FALSE(in_dir.ok);
  EXPECT_EQ(in_dir.failure, WriteFailure::permission) << in_dir.error;
  EXPECT_EQ(in_dir.error, "cannot create a temporary file in `" + dir.string() + "`: operation not permitted");
  EXPECT_EQ(read(file), original);

  ASSERT_TRUE(set_immutable(file, true));
  const WriteResult on_file = atomic_write(file.string(), formatted);
  set_immutable(file, false);
  EXPECT_FALSE(on_file.ok);
  EXPECT_EQ(on_file.failure, WriteFailure::permission) << on_file.error;
  EXPECT_EQ(on_file.error, "cannot replace `" + file.string() + "`: operation not permitted");
  EXPECT_EQ(read(file), original);
  EXPECT_EQ(listing(), std::vector<std::string>{"deal.terms"});
}

TEST_F(AtomicWriteTest, AFileWithTheLongestNameCanBeFormatted) {
  // `.NAME.fmt-XXXXXX` would not fit in 255 bytes: the temporary name is shortened.
  const fs::path longest = dir / (std::string(NAME_MAX - 6, 'n') + ".terms");
  write(longest, original);
  const WriteResult r = atomic_write(longest.string(), formatted);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(read(longest), formatted);
}

TEST_F(AtomicWriteTest, AChangeJustBeforeTheReplacementIsNoticedAndKept) {
  // Another program saves the file after it was read and formatted, just
  // before it would be replaced: its version wins and nothing is lost.
  const std::string theirs = "party theirs \"saved by an editor meanwhile\";\n";
  AtomicWriteOptions options;
  options.expected_contents = original;
  options.fault = [&](WriteStage s) {
    if (s == WriteStage::verify) write(file, theirs);
    return 0;
  };
  const WriteResult r = atomic_write(file.string(), formatted, options);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.failure, WriteFailure::changed);
  EXPECT_EQ(read(file), theirs);
  EXPECT_EQ(listing(), std::vector<std::string>{"deal.terms"});

  // The same size and the same modification time are not enough to pass for unchanged.
  std::string same_size = original;
  same_size[0] = 'P';
  const auto mtime = fs::last_write_time(file);
  write(file, original);
  options.expected_contents = original;
  options.fault = [&](WriteStage s) {
    if (s == WriteStage::verify) {
      write(file, same_size);
      fs::last_write_time(file, mtime);
    }
    return 0;
  };
  EXPECT_EQ(atomic_write(file.string(), formatted, options).failure, WriteFailure::changed);
  EXPECT_EQ(read(file), same_size);

  // A file deleted meanwhile is not recreated.
  write(file, original);
  options.fault = [&](WriteStage s) {
    if (s == WriteStage::verify) fs::remove(file);
    return 0;
  };
  EXPECT_EQ(atomic_write(file.string(), formatted, options).failure, WriteFailure::changed);
  EXPECT_EQ(listing(), std::vector<std::string>{});
}

TEST_F(AtomicWriteTest, RefusesWhenTheFileChangedSinceItWasRead) {
  write(file, "party changed \"by someone else\";\n");
  AtomicWriteOptions options;
  options.expected_contents = original;
  const WriteResult r = atomic_write(file.string(), formatted, options);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, backquoted(file.string(), " changed after `terms fmt` read it"));
  EXPECT_EQ(r.failure, WriteFailure::changed);
  EXPECT_EQ(read(file), "party changed \"by someone else\";\n");
  EXPECT_EQ(listing(), std::vector<std::string>{"deal.terms"});
}

TEST_F(AtomicWriteTest, RefusesToReplaceADirectory) {
  fs::create_directories(dir / "sub.terms");
  const WriteResult r = atomic_write((dir / "sub.terms").string(), formatted);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, backquoted((dir / "sub.terms").string(), " is not a regular file"));
  EXPECT_TRUE(fs::is_directory(dir / "sub.terms"));
}

TEST_F(AtomicWriteTest, CreatesANewFile) {
  const fs::path fresh = dir / "new.terms";
  ASSERT_TRUE(atomic_write(fresh.string(), formatted).ok);
  EXPECT_EQ(read(fresh), formatted);
}

}  // namespace
}  // namespace terms::driver
