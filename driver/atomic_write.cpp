// Atomic file replacement (see atomic_write.hpp).

#include "driver/atomic_write.hpp"

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace terms::driver {
namespace {

// strerror(3), lowercased the way our messages are ("permission denied").
std::string reason(int err) {
  std::string s = std::strerror(err);
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z' && (s.size() < 2 || !(s[1] >= 'A' && s[1] <= 'Z'))) {
    s[0] = static_cast<char>(s[0] - 'A' + 'a');
  }
  return s;
}

WriteFailure classify(int err) {
  switch (err) {
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
      return WriteFailure::no_space;
    case EFBIG: return WriteFailure::too_large;
    case EROFS: return WriteFailure::read_only;
    case EACCES:
    case EPERM: return WriteFailure::permission;
    default: return WriteFailure::other;
  }
}

WriteResult fail(std::string message, WriteFailure failure) {
  return WriteResult{false, std::move(message), failure};
}
WriteResult fail(std::string message, int err) { return fail(std::move(message), classify(err)); }

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

  bool create(const std::string& dir, std::string name) {
    // `.NAME.fmt-XXXXXX` must fit in a file name (NAME_MAX, 255 bytes), or a
    // file with a long name could never be formatted: shorten NAME to fit.
    constexpr std::size_t kAdded = std::string_view(".").size() + std::string_view(".fmt-XXXXXX").size();
    if (name.size() + kAdded > NAME_MAX) name.resize(NAME_MAX - kAdded);
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

std::string write_failure_hint(WriteFailure failure) {
  switch (failure) {
    case WriteFailure::none: return "";
    case WriteFailure::not_regular: return "only regular files are formatted in place";
    case WriteFailure::no_space:
      return "free some space on the disk (the new text is written beside the file before it replaces it), "
             "then run `terms fmt --write` again";
    case WriteFailure::too_large:
      return "the file-size limit of this process (`ulimit -f`) is smaller than the formatted file; raise it";
    case WriteFailure::read_only:
      return "the file system is mounted read-only; format a copy, or remount it read-write";
    case WriteFailure::permission:
      return "`terms fmt --write` creates a file beside the original and renames it over the original: "
             "the directory must be writable and neither it nor the file immutable (`lsattr`)";
    case WriteFailure::changed:
      return "another program saved the file meanwhile; run `terms fmt --write` again to format the new version";
    case WriteFailure::other: return "";
  }
  return "";
}

WriteResult atomic_write(const std::string& path, std::string_view contents,
                         const AtomicWriteOptions& options) {
  // An injected failure: the errno the hook returns (0: none).
  auto injected = [&](WriteStage stage) { return options.fault ? options.fault(stage) : 0; };

  // Write through a symbolic link, so that the link is kept.
  std::string target = path;
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
    char resolved[PATH_MAX];
    if (::realpath(path.c_str(), resolved) == nullptr) {
      const int err = errno;
      return fail(fmt::format("cannot resolve the link `{}`: {}", path, reason(err)), err);
    }
    target = resolved;
  }
  bool exists = false;
  if (::stat(target.c_str(), &st) == 0) {
    if (!S_ISREG(st.st_mode)) {
      return fail(fmt::format("`{}` is not a regular file", path), WriteFailure::not_regular);
    }
    exists = true;
  } else if (errno != ENOENT) {
    const int err = errno;
    return fail(fmt::format("cannot read the status of `{}`: {}", path, reason(err)), err);
  }

  const std::string dir = parent_dir(target);
  TempFile temp;
  const auto create_error = [&](int err) {
    return fail(fmt::format("cannot create a temporary file in `{}`: {}", dir, reason(err)), err);
  };
  if (const int err = injected(WriteStage::create_temp)) return create_error(err);
  if (!temp.create(dir, base_name(target))) return create_error(errno);

  const auto write_error = [&](int err) {
    return fail(fmt::format("cannot write `{}`: {}", path, reason(err)), err);
  };
  if (const int err = injected(WriteStage::write)) return write_error(err);
  std::size_t done = 0;
  while (done < contents.size()) {
    const ssize_t n = ::write(temp.fd(), contents.data() + done, contents.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return write_error(errno);
    }
    done += static_cast<std::size_t>(n);
  }

  const auto mode_error = [&](int err) {
    return fail(fmt::format("cannot give the new `{}` the permissions of the old: {}", path, reason(err)), err);
  };
  if (exists) {
    if (::fchmod(temp.fd(), st.st_mode & 07777) != 0) return mode_error(errno);
    // Keep the owner when we may (root, or the owner's own group); otherwise
    // the file becomes ours, as with any editor that saves by renaming.
    if ((st.st_uid != ::geteuid() || st.st_gid != ::getegid()) &&
        ::fchown(temp.fd(), st.st_uid, st.st_gid) != 0) {
      (void)::fchown(temp.fd(), static_cast<uid_t>(-1), st.st_gid);
    }
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    if (::fchmod(temp.fd(), 0666 & ~mask) != 0) return mode_error(errno);
  }

  if (options.sync) {
    const auto sync_error = [&](int err) {
      return fail(fmt::format("cannot flush `{}` to disk: {}", path, reason(err)), err);
    };
    if (const int err = injected(WriteStage::sync)) return sync_error(err);
    // A full disk may show only here (delayed allocation, network file systems).
    if (::fsync(temp.fd()) != 0) return sync_error(errno);
  }
  // close(2) may report a failed write-back too (NFS): a failure here is a failure.
  if (!temp.close()) return write_error(errno);

  if (options.expected_contents) {
    const auto changed = [&] {
      return fail(fmt::format("`{}` changed after `terms fmt` read it", path),
                  WriteFailure::changed);
    };
    if (injected(WriteStage::verify) != 0) return changed();
    // The whole text, not the size or the modification time: an editor may
    // save a file of the same size within the same timestamp tick.
    const auto now = read_all(target);
    if (!now ? exists : *now != *options.expected_contents) return changed();
  }

  const auto rename_error = [&](int err) {
    return fail(fmt::format("cannot replace `{}`: {}", path, reason(err)), err);
  };
  if (const int err = injected(WriteStage::rename)) return rename_error(err);
  if (::rename(temp.path().c_str(), target.c_str()) != 0) return rename_error(errno);
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

}  // namespace terms::driver
