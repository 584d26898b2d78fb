#pragma once
// Turning PATH... arguments into the term files a command works on, and the
// real FileSystem the Workspace reads through.
//
// Rules (docs/cli.md, "Inputs"):
// - a regular file is an input, whatever its name;
// - a directory is searched recursively for regular files named `*.terms`,
//   in sorted (byte-wise) order, skipping entries whose names start with `.`
//   and not following symbolic links to directories (no loops);
// - `-` is standard input, shown as `<stdin>` (at most once);
// - anything else (a FIFO, a device, a socket, or a directory given as
//   `x.terms`) is E0002 not-a-regular-file and is never opened: kinds are
//   decided with stat(2), so /dev/zero or a FIFO cannot hang the run;
// - a missing or unreadable path is E0001 unreadable-file.
// Every problem is a Diagnostic; the caller renders them. An unusable path is
// an I/O error (exit status 2).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "dsl/diagnostics.hpp"
#include "dsl/file_system.hpp"

namespace terms::driver {

inline constexpr const char* kStdinPath = "<stdin>";
inline constexpr std::uint64_t kDefaultMaxFileBytes = 64u * 1024 * 1024;

// What reading standard input gave: its text, or the problem (E0001, E0005).
struct StdinText {
  std::optional<std::string> text;
  Diagnostic problem;
};

struct InputFile {
  std::string path;  // as shown to the user: as given, `dir/sub/x.terms`, or `<stdin>`
  bool from_stdin = false;
  // weakly_canonical(path), as expand_inputs found it (empty: not known), so
  // that later checks of the same path need not resolve it again.
  std::string canonical;
  // Standard input once read (read_stdin_once), so that a run may load it
  // more than once; null: it is read when loaded.
  std::shared_ptr<const StdinText> stdin_text;
};

struct InputSet {
  std::vector<InputFile> files;           // in argument order; each directory's files sorted
  std::vector<Diagnostic> diagnostics;    // E0001, E0002 (errors), E0006 (warning)
  bool io_error = false;                  // some path could not be used: exit status 2
};

struct ExpandOptions {
  bool allow_stdin = true;  // false: `-` is an ordinary path
};

InputSet expand_inputs(const std::vector<std::string>& paths, const ExpandOptions& options = {});

// Reads all of standard input, at most `max_bytes`. On failure returns nullopt
// with a diagnostic (E0001, or E0005 when the input is larger than max_bytes).
std::optional<std::string> read_stdin(std::uint64_t max_bytes, Diagnostic& problem);
// Reads standard input now, if `inputs` holds it, into its InputFile.
void read_stdin_once(InputSet& inputs, std::uint64_t max_bytes);
// The text of an input from standard input: what read_stdin_once kept, else
// read_stdin. nullopt, with `problem` set, when it could not be read.
std::optional<std::string> stdin_input_text(const InputFile& input, std::uint64_t max_bytes, Diagnostic& problem);

// std::filesystem::weakly_canonical(path) (empty on error), with the directory
// part resolved once per directory through `cache` (directory as written ->
// its weakly_canonical form): a path whose last component is not a symbolic
// link, `.` or `..` costs one lstat(2) instead of a readlink(2) per component.
// A last component that is a link, and a path without a directory part, are
// resolved in full. The cache assumes directories do not change while it lives.
// `not_link`: the caller knows the last component is no link (a directory
// listing said so), which saves the lstat.
using CanonicalDirCache = std::unordered_map<std::string, std::string>;
std::string weakly_canonical_cached(CanonicalDirCache& cache, const std::string& path, bool not_link = false);

// The file system on disk, for the Workspace. Never blocks on a FIFO or a
// device: read() opens non-blocking and refuses anything that is not a
// regular file; files larger than `max_bytes` are refused without being read.
// canonical() caches each directory's canonical form (weakly_canonical_cached),
// so an instance is not thread-safe: one per thread (each check worker has its own).
class DiskFileSystem final : public FileSystem {
 public:
  explicit DiskFileSystem(std::uint64_t max_bytes = kDefaultMaxFileBytes) : max_bytes_(max_bytes) {}

  FileKind kind(const std::string& path) const override;
  std::optional<std::string> read(const std::string& path, std::string& error) const override;
  std::string canonical(const std::string& path) const override;
  std::optional<std::uintmax_t> size(const std::string& path) const override;

  // Directories whose canonical form canonical() has cached.
  std::size_t cached_directories() const { return dirs_.size(); }

 private:
  std::uint64_t max_bytes_;
  mutable CanonicalDirCache dirs_;
};

// A lowercase reason for an errno value ("permission denied"), for messages.
std::string error_reason(int error_number);

}  // namespace terms::driver
