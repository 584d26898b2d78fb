// Atomic file replacement (see atomic_write.hpp).

#include "cli/atomic_write.hpp"

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace terms::cli {
namespace {

// strerror(3), lowercased the way our messages are ("permission denied").
std::string reason(int err) {
  std::string s = std::strerror(err);
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z' && (s.size() < 2 || !(s[1] >= 'A' && s[1] <= 'Z'))) {
    s[0] = static_cast<char>(s[0] - 'A' + 'a');
  }
  return s;
}

WriteResult fail(std::string message) { return WriteResult{false, std::move(message)}; }

std::string parent_dir(const std::string& path) {
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string base_name(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Reads a whole regular file; nullopt with errno set on failure.
std::optional<std::string> read_all(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::string data;
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      errno = err;
      return std::nullopt;
    }
    if (n == 0) break;
    data.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return data;
}

// Owns the temporary file until it is renamed: removes it on every early return.
class TempFile {
 public:
  TempFile() = default;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!path_.empty()) ::unlink(path_.c_str());
  }

  bool create(const std::string& dir, const std::string& name) {
    std::string tmpl = (dir == "/" ? "" : dir) + "/." + name + ".fmt-XXXXXX";
    fd_ = ::mkostemp(tmpl.data(), O_CLOEXEC);
    if (fd_ < 0) return false;
    path_ = tmpl;
    return true;
  }
  int fd() const { return fd_; }
  const std::string& path() const { return path_; }
  bool close() {
    const int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }
  void release() { path_.clear(); }  // renamed: nothing to remove

 private:
  int fd_ = -1;
  std::string path_;
};

}  // namespace

WriteResult atomic_write(const std::string& path, std::string_view contents,
                         const AtomicWriteOptions& options) {
  auto injected = [&](WriteStage stage) { return options.fault && !options.fault(stage); };

  // Write through a symbolic link, so that the link is kept.
  std::string target = path;
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
    char resolved[PATH_MAX];
    if (::realpath(path.c_str(), resolved) == nullptr) {
      return fail(fmt::format("cannot resolve the link `{}`: {}", path, reason(errno)));
    }
    target = resolved;
  }
  bool exists = false;
  if (::stat(target.c_str(), &st) == 0) {
    if (!S_ISREG(st.st_mode)) return fail(fmt::format("`{}` is not a regular file", path));
    exists = true;
  } else if (errno != ENOENT) {
    return fail(fmt::format("cannot read the status of `{}`: {}", path, reason(errno)));
  }

  const std::string dir = parent_dir(target);
  TempFile temp;
  if (injected(WriteStage::create_temp)) {
    return fail(fmt::format("cannot create a temporary file in `{}`: {}", dir, reason(EIO)));
  }
  if (!temp.create(dir, base_name(target))) {
    return fail(fmt::format("cannot create a temporary file in `{}`: {}", dir, reason(errno)));
  }

  const auto write_error = [&](int err) {
    return fail(fmt::format("cannot write `{}`: {}", temp.path(), reason(err)));
  };
  if (injected(WriteStage::write)) return write_error(EIO);
  std::size_t done = 0;
  while (done < contents.size()) {
    const ssize_t n = ::write(temp.fd(), contents.data() + done, contents.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return write_error(errno);
    }
    done += static_cast<std::size_t>(n);
  }

  if (exists) {
    if (::fchmod(temp.fd(), st.st_mode & 07777) != 0) {
      return fail(fmt::format("cannot set the permissions of `{}`: {}", temp.path(), reason(errno)));
    }
    // Keep the owner when we may (root, or the owner's own group); otherwise
    // the file becomes ours, as with any editor that saves by renaming.
    if ((st.st_uid != ::geteuid() || st.st_gid != ::getegid()) &&
        ::fchown(temp.fd(), st.st_uid, st.st_gid) != 0) {
      (void)::fchown(temp.fd(), static_cast<uid_t>(-1), st.st_gid);
    }
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    if (::fchmod(temp.fd(), 0666 & ~mask) != 0) {
      return fail(fmt::format("cannot set the permissions of `{}`: {}", temp.path(), reason(errno)));
    }
  }

  if (options.sync) {
    if (injected(WriteStage::sync)) {
      return fail(fmt::format("cannot flush `{}` to disk: {}", temp.path(), reason(EIO)));
    }
    if (::fsync(temp.fd()) != 0) {
      return fail(fmt::format("cannot flush `{}` to disk: {}", temp.path(), reason(errno)));
    }
  }
  if (!temp.close()) return write_error(errno);

  if (options.expected_contents) {
    if (injected(WriteStage::verify)) {
      return fail(fmt::format("`{}` changed while it was being formatted; it was left as it is", path));
    }
    const auto now = read_all(target);
    if (!now ? exists : *now != *options.expected_contents) {
      return fail(fmt::format("`{}` changed while it was being formatted; it was left as it is", path));
    }
  }

  if (injected(WriteStage::rename)) {
    return fail(fmt::format("cannot replace `{}`: {}", path, reason(EIO)));
  }
  if (::rename(temp.path().c_str(), target.c_str()) != 0) {
    return fail(fmt::format("cannot replace `{}`: {}", path, reason(errno)));
  }
  temp.release();

  if (options.sync) {
    // Make the rename itself durable. Best effort: the data is already safe.
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
      (void)::fsync(dfd);
      ::close(dfd);
    }
  }
  return {};
}

}  // namespace terms::cli
