#include "lsp/documents.hpp"

#include <vector>

namespace terms::lsp {

namespace {

// Byte offset of an LSP position in `text`; nullopt past the last line.
// A column past the end of its line clamps to the line end (before "\r\n").
std::optional<std::size_t> offset_in(std::string_view text, Position p) {
  std::size_t line_start = 0;
  for (std::uint32_t line = 0; line < p.line; ++line) {
    const auto nl = text.find('\n', line_start);
    if (nl == std::string_view::npos) return std::nullopt;
    line_start = nl + 1;
  }
  std::size_t line_end = text.find('\n', line_start);
  if (line_end == std::string_view::npos) line_end = text.size();
  if (line_end > line_start && text[line_end - 1] == '\r') --line_end;
  std::size_t i = line_start;
  std::uint32_t col = 0;
  while (i < line_end && col < p.character) {
    const char32_t c = decode_utf8(text, i);
    col += c >= 0x10000 ? 2 : 1;
  }
  return i < line_end ? i : line_end;
}

}  // namespace

std::optional<std::string> apply_change(std::string& text, const json& change) {
  if (!change.is_object()) return "a content change must be an object";
  auto new_text = change.find("text");
  if (new_text == change.end() || !new_text->is_string()) return "a content change needs a string `text`";
  auto range = change.find("range");
  if (range == change.end() || range->is_null()) {
    text = new_text->get<std::string>();
    return std::nullopt;
  }
  if (!range->is_object() || !range->contains("start") || !range->contains("end")) {
    return "a content change's `range` needs `start` and `end`";
  }
  std::string error;
  const auto start = read_position((*range)["start"], "range.start", error);
  if (!start) return "a content change's " + error;
  const auto end = read_position((*range)["end"], "range.end", error);
  if (!end) return "a content change's " + error;
  // A position past the last line means the end of the document.
  const std::size_t b = offset_in(text, *start).value_or(text.size());
  const std::size_t e = offset_in(text, *end).value_or(text.size());
  if (e < b) return "a content change's range ends before it starts";
  text.replace(b, e - b, new_text->get_ref<const std::string&>());
  return std::nullopt;
}

Document& DocumentStore::open(std::string uri, std::string path, std::string canonical, std::string language_id,
                              std::int64_t version, std::string text) {
  Document doc;
  doc.uri = uri;
  doc.path = std::move(path);
  doc.canonical = std::move(canonical);
  doc.language_id = std::move(language_id);
  doc.version = version;
  doc.text = std::move(text);
  auto it = docs_.find(uri);
  if (it != docs_.end()) {
    doc.generation = it->second.generation + 1;
    it->second = std::move(doc);
    return it->second;
  }
  return docs_.emplace(std::move(uri), std::move(doc)).first->second;
}

void DocumentStore::close(std::string_view uri) {
  if (auto it = docs_.find(uri); it != docs_.end()) docs_.erase(it);
}

Document* DocumentStore::find(std::string_view uri) {
  auto it = docs_.find(uri);
  return it == docs_.end() ? nullptr : &it->second;
}

const Document* DocumentStore::find(std::string_view uri) const {
  auto it = docs_.find(uri);
  return it == docs_.end() ? nullptr : &it->second;
}

const Document* DocumentStore::find_by_canonical(std::string_view canonical) const {
  for (const auto& [uri, doc] : docs_) {
    if (doc.canonical == canonical) return &doc;
  }
  return nullptr;
}

const Document* OverlayFileSystem::open_document(const std::string& path) const {
  if (docs_.all().empty()) return nullptr;
  return docs_.find_by_canonical(base_.canonical(path));
}

FileKind OverlayFileSystem::kind(const std::string& path) const {
  if (open_document(path) != nullptr) return FileKind::regular;
  return base_.kind(path);
}

std::optional<std::string> OverlayFileSystem::read(const std::string& path, std::string& error) const {
  if (const Document* doc = open_document(path)) return doc->text;
  return base_.read(path, error);
}

std::string OverlayFileSystem::canonical(const std::string& path) const { return base_.canonical(path); }

std::optional<std::uintmax_t> OverlayFileSystem::size(const std::string& path) const {
  if (const Document* doc = open_document(path)) return doc->text.size();
  return base_.size(path);
}

}  // namespace terms::lsp
