#pragma once
// The file access the front end needs, behind an interface, so that libraries
// do no I/O of their own: the CLI passes the real file system, the language
// server an overlay of open documents, tests and fuzzers an in-memory set.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace terms {

enum class FileKind : unsigned char { missing, regular, directory, other };

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  virtual FileKind kind(const std::string& path) const = 0;
  // Reads a regular file. On failure returns nullopt and sets `error` to a
  // lowercase reason ("permission denied").
  virtual std::optional<std::string> read(const std::string& path, std::string& error) const = 0;
  // A canonical key for a path (so one file imported two ways is loaded once).
  virtual std::string canonical(const std::string& path) const = 0;
  // The size in bytes of a regular file, when it can be known without reading
  // it, so that an over-large file is refused before it is read (nullopt: unknown).
  virtual std::optional<std::uintmax_t> size(const std::string& path) const {
    (void)path;
    return std::nullopt;
  }
};

// Joins an import path to the directory of the importing file.
std::string resolve_relative(std::string_view importing_file, std::string_view import_path);

}  // namespace terms
