#pragma once
// Whole-file reads and writes for tests (binary, no newline translation).

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace terms::testing {

// The bytes of `path` ("" when it cannot be read).
inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Replaces `path` with `text`.
inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

}  // namespace terms::testing
