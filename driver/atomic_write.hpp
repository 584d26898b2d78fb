#pragma once
// Replacing a file's contents atomically: readers (and a crash, a full disk,
// a kill -9) see either the old file or the new one, never a half-written one.
//
// The new contents go to a temporary file created beside the target (same
// directory, so the same file system), which is written in full, given the
// target's permission bits (and owner, where allowed), flushed to disk, and
// only then renamed over the target; the directory is flushed too. On any
// failure the temporary file is removed and the target is left untouched.
// A symbolic link is written through: its target is replaced, the link stays.
//
// Used by `terms fmt --write`; self-contained (POSIX only), so the language
// server or a test can use it as well.
//
// The process should ignore SIGXFSZ (the CLI does) so that a file-size limit
// makes write(2) fail with EFBIG instead of killing the process.

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace terms::driver {

// The steps of a write, for fault injection in tests.
enum class WriteStage : unsigned char { create_temp, write, sync, verify, rename };

struct AtomicWriteOptions {
  // When set, the write is refused if the target no longer holds exactly these
  // bytes just before it would be replaced (someone changed it since it was read).
  std::optional<std::string_view> expected_contents;
  // fsync(2) the temporary file before the rename and the directory after it.
  bool sync = true;
  // Test hook, called before each stage: 0 lets the stage run; an errno value
  // (ENOSPC, EROFS ...) makes it fail as if its system call had failed with
  // that error. The hook may also act on the file system (change the target
  // before `verify`, say) and return 0.
  std::function<int(WriteStage)> fault;
};

// Why a write failed, for the hint the command gives.
enum class WriteFailure : unsigned char {
  none,
  not_regular,   // the target is a directory, a device ...
  no_space,      // ENOSPC, EDQUOT
  too_large,     // EFBIG: a file-size limit
  read_only,     // EROFS
  permission,    // EACCES, EPERM (an immutable file or directory)
  changed,       // the target changed since it was read
  other,
};

struct WriteResult {
  bool ok = true;
  std::string error;  // lowercase reason, e.g. "cannot create a temporary file in `dir`: permission denied"
  WriteFailure failure = WriteFailure::none;
  explicit operator bool() const { return ok; }
};

// What the user can do about a failure: a sentence for `= help:` ("" for none).
std::string write_failure_hint(WriteFailure failure);

// Replaces (or creates) the regular file `path` with `contents`.
WriteResult atomic_write(const std::string& path, std::string_view contents,
                         const AtomicWriteOptions& options = {});

}  // namespace terms::driver
