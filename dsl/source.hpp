#pragma once
// Source buffers and positions.
//
// A SourceFile owns the bytes of one input (a file, standard input, an
// in-memory buffer of the language server) and answers position questions:
// byte offset -> (line, column in code points) and -> UTF-16 column for LSP.
// A SourceManager owns every SourceFile of one run; Spans refer to files by id,
// so a Span stays valid exactly as long as the SourceManager that issued it.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace terms {

using FileId = std::uint32_t;
inline constexpr FileId kNoFile = 0xffffffffu;

// A half-open byte range [begin, end) in one source file.
struct Span {
  FileId file = kNoFile;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;

  bool valid() const { return file != kNoFile; }
  std::uint32_t size() const { return end - begin; }
  friend bool operator==(const Span&, const Span&) = default;
};

// Joins two spans of the same file into the smallest span covering both.
Span join(Span a, Span b);

// A 1-based line and a 1-based column counted in Unicode code points.
struct LineCol {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
};

// One input's bytes plus a line index. Immutable after construction.
class SourceFile {
 public:
  SourceFile(FileId id, std::string path, std::string text);

  FileId id() const { return id_; }
  // The path as the user gave it (or "<stdin>"), used in diagnostics.
  const std::string& path() const { return path_; }
  std::string_view text() const { return text_; }

  std::uint32_t line_count() const { return static_cast<std::uint32_t>(line_starts_.size()); }
  // 0-based line index of a byte offset.
  std::uint32_t line_index(std::uint32_t offset) const;
  LineCol line_col(std::uint32_t offset) const;
  // The text of a 1-based line, without its line terminator (\n or \r\n).
  std::string_view line_text(std::uint32_t line) const;
  std::uint32_t line_start(std::uint32_t line) const;  // 1-based line -> offset

  // LSP positions: 0-based line, column in UTF-16 code units.
  std::uint32_t utf16_column(std::uint32_t offset) const;
  // Inverse of (line_index, utf16_column); clamps to the line's end.
  std::uint32_t offset_from_utf16(std::uint32_t line0, std::uint32_t utf16_col) const;

 private:
  FileId id_;
  std::string path_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
};

// Owns the SourceFiles of a run. A file stays valid until it is released
// (release(), used by Workspace::release_root); FileIds are never reused, so a
// Span of a released file can never name another file.
class SourceManager {
 public:
  const SourceFile& add(std::string path, std::string text);
  // Throws std::out_of_range for an id never issued or a released file.
  const SourceFile& get(FileId id) const;
  // nullptr for an id never issued or a released file.
  const SourceFile* find(FileId id) const { return id < files_.size() ? files_[id].get() : nullptr; }
  // Ids issued so far (released files included).
  std::size_t size() const { return files_.size(); }

  // Frees a file's text and line index. Every reference to the SourceFile,
  // and every string_view into its text, dangles afterwards. Returns false
  // when the file is unknown or already released.
  bool release(FileId id);
  // Files added and not released, and the bytes of their text.
  std::size_t files_held() const { return files_held_; }
  std::size_t bytes_held() const { return bytes_held_; }

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
  std::size_t files_held_ = 0;
  std::size_t bytes_held_ = 0;
};

// Decodes one UTF-8 code point starting at text[i]; advances i. Invalid bytes
// count as one code point each (U+FFFD), so positions stay well defined.
char32_t decode_utf8(std::string_view text, std::size_t& i);

// Returns the byte offset of the first invalid UTF-8 sequence, or npos.
std::size_t find_invalid_utf8(std::string_view text);

}  // namespace terms
