// `terms fmt --write` under real faults, through the real binary: a full disk
// (a small tmpfs), a read-only file system, a read-only directory, and a file
// saved by another program between fmt's read and its write. Each must leave
// the file byte-identical (or, for the last, keep the other program's
// version), leave no temporary file, say what failed and what to do, and exit 2.
//
// The tests run as root in CI, where permission bits do not stop a write, so
// they use faults that bind root too: mounts in a mount namespace private to
// the test process (the `terms` child inherits it; nothing outlives the
// test), privileges dropped with setpriv(1) for the read-only directory, and
// fanotify permission events to hold fmt at the exact moment between its read
// and its write. Where the system allows none of these (no CAP_SYS_ADMIN, no
// setpriv), the test skips and says why; tests/unit/fmt/atomic_write_test.cpp
// covers the same failures by injection.

#include <fcntl.h>
#include <sched.h>
#include <sys/fanotify.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <poll.h>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "tests/support/files.hpp"

#include "tests/support/run_process.hpp"

namespace terms {
namespace {

namespace fs = std::filesystem;
using testing::ProcessOptions;
using testing::ProcessResult;
using testing::run_process;

std::string read(const fs::path& p) { return testing::read_file(p); }

void write(const fs::path& p, const std::string& text) { testing::write_file(p, text); }

std::vector<std::string> listing(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

const std::string kMessy = "party   a \"A\";party b \"B\";\n";
const std::string kTidy = "party a \"A\";\nparty b \"B\";\n";

class FmtWriteFaults : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() /
          ("terms-fmt-faults-" + std::to_string(::getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::permissions(dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                             fs::perms::others_read | fs::perms::others_exec);
  }
  void TearDown() override {
    std::error_code ec;
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(dir, ec);
  }

  // A private mount namespace for this process (and the `terms` it starts),
  // then a tmpfs of `size` on `at`. False, with `why`, where not allowed.
  bool mount_tmpfs(const fs::path& at, const char* size, std::string& why) {
    if (::unshare(CLONE_NEWNS) != 0 || ::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
      why = std::string("cannot create a mount namespace (") + std::strerror(errno) +
            "): needs root or CAP_SYS_ADMIN";
      return false;
    }
    fs::create_directories(at);
    if (::mount("tmpfs", at.c_str(), "tmpfs", 0, size) != 0) {
      why = std::string("cannot mount a tmpfs (") + std::strerror(errno) + ")";
      return false;
    }
    return true;
  }

  ProcessResult terms(const std::vector<std::string>& args, const fs::path& cwd) {
    ProcessOptions o;
    o.cwd = cwd.string();
    o.timeout_ms = 20000;
    return run_process(TERMS_BINARY, args, o);
  }

  fs::path dir;
};

TEST_F(FmtWriteFaults, AFullDiskLeavesTheFileIntact) {
  const fs::path disk = dir / "disk";
  std::string why;
  if (!mount_tmpfs(disk, "size=64k", why)) GTEST_SKIP() << why;
  // A file that grows when formatted (one item per line), on a disk with no
  // block left: the temporary file cannot be written.
  std::string messy;
  for (int i = 0; i < 100; ++i) messy += "party p" + std::to_string(i) + " \"P\";";
  write(disk / "deal.terms", messy);
  {
    std::ofstream filler(disk / "filler", std::ios::binary);
    const std::string block(4096, 'x');
    for (int i = 0; i < 64 && filler; ++i) filler << block << std::flush;
  }
  const ProcessResult r = terms({"fmt", "--write", "deal.terms"}, disk);
  EXPECT_EQ(r.exit_status, 2) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "error: cannot write `deal.terms`: no space left on device\n"
            "  = note: `deal.terms` was left as it was\n"
            "  = help: free some space on the disk (the new text is written beside the file before it replaces "
            "it), then run `terms fmt --write` again\n");
  EXPECT_EQ(read(disk / "deal.terms"), messy);
  EXPECT_EQ(listing(disk), (std::vector<std::string>{"deal.terms", "filler"}));
  ::umount2(disk.c_str(), MNT_DETACH);
}

TEST_F(FmtWriteFaults, AReadOnlyFileSystemLeavesTheFileIntact) {
  const fs::path disk = dir / "ro";
  std::string why;
  if (!mount_tmpfs(disk, "size=64k", why)) GTEST_SKIP() << why;
  write(disk / "deal.terms", kMessy);
  ASSERT_EQ(::mount("tmpfs", disk.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, "size=64k"), 0) << std::strerror(errno);
  const ProcessResult r = terms({"fmt", "--write", "--color", "never", "."}, disk);
  EXPECT_EQ(r.exit_status, 2) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "error: cannot create a temporary file in `.`: read-only file system\n"
            "  = note: `deal.terms` was left as it was\n"
            "  = help: the file system is mounted read-only; format a copy, or remount it read-write\n");
  EXPECT_EQ(read(disk / "deal.terms"), kMessy);
  ::umount2(disk.c_str(), MNT_DETACH);
}

TEST_F(FmtWriteFaults, AReadOnlyDirectoryLeavesTheFileIntact) {
  // Permission bits bind only a user other than root: as root, run `terms`
  // as `nobody` (setpriv(1)); otherwise as ourselves.
  write(dir / "deal.terms", kMessy);
  ::chmod((dir / "deal.terms").c_str(), 0644);
  ::chmod(dir.c_str(), 0555);
  ProcessOptions o;
  o.cwd = dir.string();
  ProcessResult r;
  if (::geteuid() == 0) {
    if (::access("/usr/bin/setpriv", X_OK) != 0) GTEST_SKIP() << "running as root and setpriv(1) is missing";
    r = run_process("/usr/bin/setpriv",
                    {"--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all",
                     TERMS_BINARY, "fmt", "--write", "deal.terms"},
                    o);
    if (r.exit_status == 127 || r.err.starts_with("setpriv:")) GTEST_SKIP() << "setpriv failed: " << r.err;
  } else {
    r = run_process(TERMS_BINARY, {"fmt", "--write", "deal.terms"}, o);
  }
  ::chmod(dir.c_str(), 0755);
  EXPECT_EQ(r.exit_status, 2) << r.err;
  EXPECT_EQ(r.err,
            "error: cannot create a temporary file in `.`: permission denied\n"
            "  = note: `deal.terms` was left as it was\n"
            "  = help: `terms fmt --write` creates a file beside the original and renames it over the original: "
            "the directory must be writable and neither it nor the file immutable (`lsattr`)\n");
  EXPECT_EQ(read(dir / "deal.terms"), kMessy);
  EXPECT_EQ(listing(dir), std::vector<std::string>{"deal.terms"});
}

TEST_F(FmtWriteFaults, AFileSavedBetweenTheReadAndTheWriteKeepsTheOtherVersion) {
  // fanotify permission events stop `terms` at each open(2) of the file until
  // this test answers: the first open is fmt's read; at the second (the check
  // just before the replacement) the test saves another version, as an
  // editor would, and only then lets the open go on. No timing involved.
  const fs::path file = dir / "deal.terms";
  write(file, kMessy);
  const std::string theirs = "party theirs \"saved by an editor meanwhile\";\n";
  // Opened before the mark, so that the test's own save raises no event.
  const int writer = ::open(file.c_str(), O_WRONLY | O_CLOEXEC);
  ASSERT_GE(writer, 0);
  const int fan = ::fanotify_init(FAN_CLASS_CONTENT | FAN_CLOEXEC, O_RDONLY | O_LARGEFILE);
  if (fan < 0) {
    ::close(writer);
    GTEST_SKIP() << "fanotify is not available here (" << std::strerror(errno) << "): needs CAP_SYS_ADMIN";
  }
  if (::fanotify_mark(fan, FAN_MARK_ADD, FAN_OPEN_PERM, AT_FDCWD, file.c_str()) != 0) {
    const int err = errno;
    ::close(fan);
    ::close(writer);
    GTEST_SKIP() << "cannot watch the file with fanotify (" << std::strerror(err) << ")";
  }

  ProcessResult r;
  std::thread child([&] { r = terms({"fmt", "--write", "deal.terms"}, dir); });
  int opens = 0;
  bool done = false;
  while (!done) {
    pollfd p{fan, POLLIN, 0};
    const int ready = ::poll(&p, 1, 25000);
    if (ready <= 0) break;  // no more opens: the child finished (or hung: the result says)
    alignas(fanotify_event_metadata) char buffer[4096];
    const ssize_t n = ::read(fan, buffer, sizeof buffer);
    if (n <= 0) break;
    auto* event = reinterpret_cast<fanotify_event_metadata*>(buffer);
    for (ssize_t len = n; FAN_EVENT_OK(event, len); event = FAN_EVENT_NEXT(event, len)) {
      if (event->mask & FAN_OPEN_PERM) {
        ++opens;
        if (opens == 2) {
          // The editor saves: same file, new contents.
          EXPECT_EQ(::ftruncate(writer, 0), 0);
          EXPECT_EQ(::pwrite(writer, theirs.data(), theirs.size(), 0), static_cast<ssize_t>(theirs.size()));
          done = true;
        }
        fanotify_response allow{event->fd, FAN_ALLOW};
        EXPECT_EQ(::write(fan, &allow, sizeof allow), static_cast<ssize_t>(sizeof allow));
      }
      if (event->fd >= 0) ::close(event->fd);
    }
  }
  // Stop watching before waiting, so that no open can block again.
  ::fanotify_mark(fan, FAN_MARK_REMOVE, FAN_OPEN_PERM, AT_FDCWD, file.c_str());
  ::close(fan);
  child.join();
  ::close(writer);

  EXPECT_EQ(opens, 2) << "fmt opens the file once to read it and once to check it just before replacing it";
  EXPECT_EQ(r.exit_status, 2) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "error: `deal.terms` changed after `terms fmt` read it\n"
            "  = note: `deal.terms` was not replaced: the version saved meanwhile is kept\n"
            "  = help: another program saved the file meanwhile; run `terms fmt --write` again to format the new "
            "version\n");
  EXPECT_EQ(read(file), theirs);
  EXPECT_EQ(listing(dir), std::vector<std::string>{"deal.terms"});
}

}  // namespace
}  // namespace terms
