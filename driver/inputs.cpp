#include "driver/inputs.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <set>
#include <system_error>

#include <fmt/core.h>

namespace terms::driver {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kExtension = ".terms";

std::string lowercase_first(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

std::string reason_of(const std::error_code& ec) { return lowercase_first(ec.message()); }

std::string describe_bytes(std::uint64_t n) {
  if (n >= (1u << 30) && n % (1u << 30) == 0) return fmt::format("{} GiB", n >> 30);
  if (n >= (1u << 20) && n % (1u << 20) == 0) return fmt::format("{} MiB", n >> 20);
  if (n >= (1u << 10) && n % (1u << 10) == 0) return fmt::format("{} KiB", n >> 10);
  return fmt::format("{} byte{}", n, n == 1 ? "" : "s");
}

bool has_terms_extension(std::string_view name) {
  return name.size() > kExtension.size() && name.ends_with(kExtension);
}

// What a non-regular, non-directory file is, for "`p` is a FIFO".
std::string_view kind_name(fs::file_type t) {
  switch (t) {
    case fs::file_type::fifo: return "FIFO";
    case fs::file_type::socket: return "socket";
    case fs::file_type::character: return "character device";
    case fs::file_type::block: return "block device";
    case fs::file_type::directory: return "directory";
    default: return "special file";
  }
}

Diagnostic path_diagnostic(DiagId id, const std::string& path, std::string message) {
  Diagnostic d = make_diagnostic(id, Span{}, std::move(message));
  d.path = path;
  return d;
}

std::string join_shown(const std::string& base, const std::string& relative) {
  if (base == "." || base == "./") return relative;
  if (base.ends_with('/')) return base + relative;
  return base + "/" + relative;
}

// "did you mean": a sibling of a missing path whose name is close to it.
std::optional<std::string> similar_path(const std::string& missing) {
  const fs::path p(missing);
  const std::string wanted = p.filename().string();
  if (wanted.empty()) return std::nullopt;
  const fs::path parent = p.parent_path();
  std::error_code ec;
  fs::directory_iterator it(parent.empty() ? fs::path(".") : parent, ec);
  if (ec) return std::nullopt;
  std::vector<std::string> names;
  for (std::size_t n = 0; it != fs::directory_iterator() && n < 4096; it.increment(ec), ++n) {
    if (ec) break;
    std::string name = it->path().filename().string();
    if (!name.starts_with('.')) names.push_back(std::move(name));
  }
  std::sort(names.begin(), names.end());
  std::vector<std::string_view> views(names.begin(), names.end());
  auto best = closest_match(wanted, views);
  if (!best) return std::nullopt;
  return parent.empty() ? *best : (parent / *best).generic_string();
}

// Collects the `*.terms` files under one directory argument.
class DirectorySearch {
 public:
  DirectorySearch(const std::string& root, InputSet& out) : root_(root), out_(out) {}

  // Returns the files found, sorted by their shown path, each with whether it
  // is a regular file that is not a link.
  std::vector<std::pair<std::string, bool>> run() {
    std::vector<std::string> stack{""};  // relative directories still to read
    while (!stack.empty()) {
      const std::string rel = std::move(stack.back());
      stack.pop_back();
      read_directory(rel, stack);
    }
    std::sort(found_.begin(), found_.end());
    return std::move(found_);
  }

 private:
  void read_directory(const std::string& rel, std::vector<std::string>& stack) {
    const fs::path dir = rel.empty() ? fs::path(root_) : fs::path(root_) / rel;
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      fail(DiagId::io_unreadable, shown(rel),
           fmt::format("cannot read directory `{}`: {}", shown(rel), reason_of(ec)));
      return;
    }
    std::vector<std::string> subdirectories;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) {
        fail(DiagId::io_unreadable, shown(rel),
             fmt::format("cannot read directory `{}`: {}", shown(rel), reason_of(ec)));
        break;
      }
      const std::string name = it->path().filename().string();
      if (name.starts_with('.')) continue;
      const std::string child = rel.empty() ? name : rel + "/" + name;
      // The listing's own file type, when the file system gives one (d_type),
      // answers for entries that are not links without a system call.
      std::error_code fast;
      if (!it->is_symlink(fast) && !fast) {
        if (it->is_directory(fast) && !fast) {
          subdirectories.push_back(child);
          continue;
        }
        if (!has_terms_extension(name)) continue;
        if (it->is_regular_file(fast) && !fast) {
          found_.emplace_back(shown(child), true);
          continue;
        }
      }
      std::error_code sec;
      const fs::file_status link = it->symlink_status(sec);
      if (!sec && fs::is_directory(link)) {
        subdirectories.push_back(child);
        continue;
      }
      if (!has_terms_extension(name)) continue;
      if (!sec && fs::is_regular_file(link)) {  // not a link: it is its own target (no second stat)
        found_.emplace_back(shown(child), true);
        continue;
      }
      std::error_code tec;
      const fs::file_status target = it->status(tec);
      if (tec || !fs::exists(target)) {
        const std::string why = fs::is_symlink(link) ? "broken symbolic link"
                                                     : reason_of(tec ? tec : std::make_error_code(std::errc::no_such_file_or_directory));
        fail(DiagId::io_unreadable, shown(child), fmt::format("cannot read `{}`: {}", shown(child), why));
      } else if (fs::is_regular_file(target)) {
        found_.emplace_back(shown(child), false);
      } else if (!fs::is_directory(target)) {  // links to directories are not followed
        fail(DiagId::io_not_regular, shown(child),
             fmt::format("`{}` is a {}, not a regular file", shown(child), kind_name(target.type())));
      }
    }
    // Pushed in reverse so that the stack pops them in name order.
    std::sort(subdirectories.rbegin(), subdirectories.rend());
    for (auto& s : subdirectories) stack.push_back(std::move(s));
  }

  std::string shown(const std::string& rel) const { return rel.empty() ? root_ : join_shown(root_, rel); }

  void fail(DiagId id, const std::string& path, std::string message) {
    out_.diagnostics.push_back(path_diagnostic(id, path, std::move(message)));
    out_.io_error = true;
  }

  std::string root_;
  InputSet& out_;
  std::vector<std::pair<std::string, bool>> found_;
};

}  // namespace

std::string error_reason(int error_number) {
  return reason_of(std::error_code(error_number, std::generic_category()));
}

InputSet expand_inputs(const std::vector<std::string>& paths, const ExpandOptions& options) {
  InputSet out;
  std::set<std::string> seen;  // canonical paths, so a file named twice is checked once
  CanonicalDirCache dirs;
  bool stdin_seen = false;
  auto add = [&](const std::string& shown, bool not_link) {
    std::string canonical = weakly_canonical_cached(dirs, shown, not_link);
    std::string key = canonical.empty() ? fs::path(shown).lexically_normal().generic_string() : canonical;
    if (seen.insert(std::move(key)).second) out.files.push_back(InputFile{shown, false, std::move(canonical), nullptr});
  };
  auto fail = [&](DiagId id, const std::string& path, std::string message, std::optional<std::string> help) {
    Diagnostic d = path_diagnostic(id, path, std::move(message));
    if (help) d.with_help(std::move(*help));
    out.diagnostics.push_back(std::move(d));
    out.io_error = true;
  };

  for (const std::string& arg : paths) {
    if (arg == "-" && options.allow_stdin) {
      if (!stdin_seen) out.files.push_back(InputFile{kStdinPath, true, {}, nullptr});
      stdin_seen = true;
      continue;
    }
    if (arg.empty()) {
      fail(DiagId::io_unreadable, arg, "cannot read ``: the path is empty", std::nullopt);
      continue;
    }
    // stat(2), never open(2): the kind decides whether the path may be opened.
    std::error_code ec;
    const fs::file_status st = fs::status(arg, ec);
    if (ec || !fs::exists(st)) {
      const bool missing = !ec || ec == std::errc::no_such_file_or_directory;
      std::optional<std::string> help;
      if (missing) {
        if (auto similar = similar_path(arg)) help = fmt::format("did you mean `{}`?", *similar);
      }
      fail(DiagId::io_unreadable, arg,
           fmt::format("cannot read `{}`: {}", arg, missing ? "no such file or directory" : reason_of(ec)),
           help);
      continue;
    }
    if (fs::is_regular_file(st)) {
      add(arg, false);
      continue;
    }
    if (fs::is_directory(st)) {
      if (has_terms_extension(arg)) {
        fail(DiagId::io_not_regular, arg, fmt::format("`{}` is a directory, not a term file", arg),
             fmt::format("to check the `*.terms` files inside it, write `{}/`", arg));
        continue;
      }
      std::vector<std::pair<std::string, bool>> found = DirectorySearch(arg, out).run();
      if (found.empty()) {
        out.diagnostics.push_back(path_diagnostic(
            DiagId::io_no_inputs, arg, fmt::format("no `*.terms` files in `{}`", arg)));
      }
      for (const auto& [f, not_link] : found) add(f, not_link);
      continue;
    }
    fail(DiagId::io_not_regular, arg,
         fmt::format("`{}` is a {}, not a regular file", arg, kind_name(st.type())),
         std::string("give a term file, a directory to search for `*.terms` files, or `-` for standard input"));
  }
  return out;
}

std::optional<std::string> read_stdin(std::uint64_t max_bytes, Diagnostic& problem) {
  std::string text;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      problem = path_diagnostic(DiagId::io_unreadable, kStdinPath,
                                fmt::format("cannot read standard input: {}", error_reason(errno)));
      return std::nullopt;
    }
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    if (text.size() > max_bytes) {
      problem = path_diagnostic(DiagId::io_too_large, kStdinPath,
                                fmt::format("standard input is larger than the limit of {}",
                                            describe_bytes(max_bytes)));
      return std::nullopt;
    }
  }
  return text;
}

void read_stdin_once(InputSet& inputs, std::uint64_t max_bytes) {
  for (InputFile& input : inputs.files) {
    if (!input.from_stdin || input.stdin_text) continue;
    auto read = std::make_shared<StdinText>();
    read->text = read_stdin(max_bytes, read->problem);
    input.stdin_text = std::move(read);
  }
}

std::optional<std::string> stdin_input_text(const InputFile& input, std::uint64_t max_bytes, Diagnostic& problem) {
  if (!input.stdin_text) return read_stdin(max_bytes, problem);
  if (!input.stdin_text->text) problem = input.stdin_text->problem;
  return input.stdin_text->text;
}

FileKind DiskFileSystem::kind(const std::string& path) const {
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec) {
    if (ec == std::errc::no_such_file_or_directory || ec == std::errc::not_a_directory) return FileKind::missing;
    // Unknown (e.g. permission denied on a parent): let read() report why.
    return FileKind::regular;
  }
  if (fs::is_regular_file(st)) return FileKind::regular;
  if (fs::is_directory(st)) return FileKind::directory;
  if (!fs::exists(st)) return FileKind::missing;
  return FileKind::other;
}

std::optional<std::uintmax_t> DiskFileSystem::size(const std::string& path) const {
  struct stat st {};  // one call (std::filesystem would make two)
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return static_cast<std::uintmax_t>(st.st_size);
}

std::optional<std::string> DiskFileSystem::read(const std::string& path, std::string& error) const {
  // O_NONBLOCK: opening a FIFO without a writer must not wait; the fstat below
  // then refuses it. O_NOCTTY: never adopt a terminal named by the path.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    error = error_reason(errno);
    return std::nullopt;
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};

  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    error = error_reason(errno);
    return std::nullopt;
  }
  if (!S_ISREG(st.st_mode)) {
    error = S_ISDIR(st.st_mode) ? "is a directory" : "is not a regular file";
    return std::nullopt;
  }
  const auto too_large = [&] {
    error = fmt::format("is larger than the limit of {}", describe_bytes(max_bytes_));
    return std::nullopt;
  };
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes_) return too_large();

  std::string text;
  text.reserve(static_cast<std::size_t>(st.st_size));
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = error_reason(errno);
      return std::nullopt;
    }
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    // The file may have grown since fstat.
    if (text.size() > max_bytes_) return too_large();
  }
  return text;
}

std::string weakly_canonical_cached(CanonicalDirCache& cache, const std::string& path, bool not_link) {
  const auto full = [&]() -> std::string {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(path, ec);
    return ec ? std::string() : p.generic_string();
  };
  const fs::path p(path);
  const fs::path name = p.filename();
  const fs::path dir = p.parent_path();
  // weakly_canonical("x") is "x" when x does not exist but absolute when it
  // does; "a/.." and "a/." need the whole path. Left to the library.
  if (dir.empty() || name.empty() || name == "." || name == "..") return full();
  struct stat st {};
  if (not_link) {
    // Known from a directory listing: no lstat.
  } else if (::lstat(path.c_str(), &st) == 0) {
    if (S_ISLNK(st.st_mode)) return full();
  } else if (errno != ENOENT && errno != ENOTDIR) {
    return full();
  }
  // Not a link (or not there): weakly_canonical(dir) / name, as the library
  // would build it (it resolves the existing prefix, then appends the rest).
  const std::string dir_key = dir.generic_string();
  auto it = cache.find(dir_key);
  if (it == cache.end()) {
    std::error_code ec;
    const fs::path c = fs::weakly_canonical(dir, ec);
    if (ec) return full();
    it = cache.emplace(dir_key, c.generic_string()).first;
  }
  // `name` is one component, neither `.` nor `..`: joining is enough.
  const std::string& canonical_dir = it->second;
  if (canonical_dir.empty()) return full();
  std::string out;
  out.reserve(canonical_dir.size() + 1 + name.native().size());
  out += canonical_dir;
  if (out.back() != '/') out += '/';
  out += name.native();
  return out;
}

std::string DiskFileSystem::canonical(const std::string& path) const {
  std::string key = weakly_canonical_cached(dirs_, path);
  if (!key.empty()) return key;
  std::error_code ec;
  fs::path p = fs::absolute(path, ec);
  if (ec) p = path;
  return p.lexically_normal().generic_string();
}

}  // namespace terms::driver
