#pragma once
// An in-memory FileSystem for tests and fuzzers: files, directories, special
// files (standing for FIFOs and devices) and unreadable files, all by path.
// Paths are normalised lexically ("a/./b/../c" -> "a/c"), which is also the
// canonical key, so one file reached by two spellings is one file. It counts
// reads, so tests can assert that a file was read once.
//
// Lifetime: a plain value; a Workspace holding a reference to it must not
// outlive it.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "dsl/file_system.hpp"

namespace terms::testing {

class MemoryFileSystem : public FileSystem {
 public:
  // Adds (or replaces) a regular file; its parent directories exist implicitly.
  MemoryFileSystem& add(const std::string& path, std::string text) {
    files_[normal(path)] = std::move(text);
    return *this;
  }
  MemoryFileSystem& add_directory(const std::string& path) {
    dirs_.insert(normal(path));
    return *this;
  }
  // A path that exists but is not a regular file (a FIFO, socket or device).
  MemoryFileSystem& add_special(const std::string& path) {
    special_.insert(normal(path));
    return *this;
  }
  // A regular file whose read fails with `reason`.
  MemoryFileSystem& add_unreadable(const std::string& path, std::string reason) {
    unreadable_[normal(path)] = std::move(reason);
    return *this;
  }

  FileKind kind(const std::string& path) const override {
    const std::string p = normal(path);
    if (files_.count(p) != 0 || unreadable_.count(p) != 0) return FileKind::regular;
    if (special_.count(p) != 0) return FileKind::other;
    if (dirs_.count(p) != 0 || p == "." || p == "/") return FileKind::directory;
    // A directory that holds a file exists implicitly.
    const std::string prefix = p + "/";
    auto it = files_.lower_bound(prefix);
    if (it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0) return FileKind::directory;
    return FileKind::missing;
  }

  std::optional<std::string> read(const std::string& path, std::string& error) const override {
    const std::string p = normal(path);
    ++reads_[p];
    if (auto it = unreadable_.find(p); it != unreadable_.end()) {
      error = it->second;
      return std::nullopt;
    }
    auto it = files_.find(p);
    if (it == files_.end()) {
      error = "no such file";
      return std::nullopt;
    }
    return it->second;
  }

  std::string canonical(const std::string& path) const override { return normal(path); }

  std::optional<std::uintmax_t> size(const std::string& path) const override {
    auto it = files_.find(normal(path));
    if (it == files_.end()) return std::nullopt;
    return it->second.size();
  }

  // How many times a path (any spelling) was read.
  int reads(const std::string& path) const {
    auto it = reads_.find(normal(path));
    return it == reads_.end() ? 0 : it->second;
  }

  static std::string normal(const std::string& path) {
    std::string out = std::filesystem::path(path).lexically_normal().generic_string();
    if (out.size() > 1 && out.back() == '/') out.pop_back();
    return out.empty() ? std::string(".") : out;
  }

 private:
  std::map<std::string, std::string> files_;
  std::set<std::string> dirs_;
  std::set<std::string> special_;
  std::map<std::string, std::string> unreadable_;
  mutable std::map<std::string, int> reads_;
};

}  // namespace terms::testing
