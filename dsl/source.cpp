#include "dsl/source.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace terms {

Span join(Span a, Span b) {
  if (!a.valid()) return b;
  if (!b.valid()) return a;
  return Span{a.file, std::min(a.begin, b.begin), std::max(a.end, b.end)};
}

SourceFile::SourceFile(FileId id, std::string path, std::string text)
    : id_(id), path_(std::move(path)), text_(std::move(text)) {
  // memchr finds each line end (the library's vectorised scan); a rough
  // guess of the line count (40 bytes a line) saves most regrowth.
  line_starts_.reserve(text_.size() / 40 + 1);
  line_starts_.push_back(0);
  const char* const begin = text_.data();
  const char* const end = begin + text_.size();
  for (const char* p = begin; p < end;) {
    const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    if (nl == nullptr) break;
    p = static_cast<const char*>(nl) + 1;
    line_starts_.push_back(static_cast<std::uint32_t>(p - begin));
  }
}

std::uint32_t SourceFile::line_index(std::uint32_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<std::uint32_t>(it - line_starts_.begin()) - 1;
}

std::uint32_t SourceFile::line_start(std::uint32_t line) const {
  if (line == 0) return 0;
  if (line > line_starts_.size()) return static_cast<std::uint32_t>(text_.size());
  return line_starts_[line - 1];
}

LineCol SourceFile::line_col(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  const std::uint32_t li = line_index(offset);
  std::uint32_t col = 1;
  std::size_t i = line_starts_[li];
  // The byte order mark is not a column: the first character after it is at 1:1.
  if (li == 0 && offset >= 3 && text_.size() >= 3 && text_.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;
  while (i < offset) {
    decode_utf8(text_, i);
    ++col;
  }
  return LineCol{li + 1, col};
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  std::size_t b = line_starts_[line - 1];
  std::size_t e = line < line_starts_.size() ? line_starts_[line] : text_.size();
  std::string_view s(text_.data() + b, e - b);
  if (!s.empty() && s.back() == '\n') s.remove_suffix(1);
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return s;
}

std::uint32_t SourceFile::utf16_column(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  std::size_t i = line_starts_[line_index(offset)];
  std::uint32_t col = 0;
  while (i < offset) {
    char32_t c = decode_utf8(text_, i);
    col += c >= 0x10000 ? 2 : 1;
  }
  return col;
}

std::uint32_t SourceFile::offset_from_utf16(std::uint32_t line0, std::uint32_t utf16_col) const {
  if (line0 >= line_starts_.size()) return static_cast<std::uint32_t>(text_.size());
  std::size_t i = line_starts_[line0];
  std::size_t end = line0 + 1 < line_starts_.size() ? line_starts_[line0 + 1] - 1 : text_.size();
  if (end > i && text_[end - 1] == '\r') --end;
  std::uint32_t col = 0;
  while (i < end && col < utf16_col) {
    char32_t c = decode_utf8(text_, i);
    col += c >= 0x10000 ? 2 : 1;
  }
  return static_cast<std::uint32_t>(std::min(i, end));
}

const SourceFile& SourceManager::add(std::string path, std::string text) {
  auto id = static_cast<FileId>(files_.size());
  files_.push_back(std::make_unique<SourceFile>(id, std::move(path), std::move(text)));
  ++files_held_;
  bytes_held_ += files_.back()->text().size();
  return *files_.back();
}

const SourceFile& SourceManager::get(FileId id) const {
  const SourceFile* f = find(id);
  if (f == nullptr) throw std::out_of_range("SourceManager::get: unknown or released file");
  return *f;
}

bool SourceManager::release(FileId id) {
  if (id >= files_.size() || !files_[id]) return false;
  --files_held_;
  bytes_held_ -= files_[id]->text().size();
  files_[id].reset();
  return true;
}

namespace {
std::size_t utf8_sequence(std::string_view t, std::size_t i, char32_t& out) {
  const auto b0 = static_cast<unsigned char>(t[i]);
  if (b0 < 0x80) {
    out = b0;
    return 1;
  }
  std::size_t len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > t.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(t[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  out = cp;
  return len;
}
}  // namespace

char32_t decode_utf8(std::string_view text, std::size_t& i) {
  char32_t cp = 0;
  std::size_t n = utf8_sequence(text, i, cp);
  if (n == 0) {
    ++i;
    return 0xFFFD;
  }
  i += n;
  return cp;
}

std::size_t find_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    // Fast path over ASCII: eight bytes at a time while none has its high bit set.
    while (i + 8 <= text.size()) {
      std::uint64_t word = 0;
      std::memcpy(&word, text.data() + i, sizeof word);
      if ((word & 0x8080808080808080ull) != 0) break;
      i += 8;
    }
    if (i >= text.size()) break;
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    char32_t cp = 0;
    std::size_t n = utf8_sequence(text, i, cp);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

}  // namespace terms
