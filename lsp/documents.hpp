#pragma once
// The documents the editor has open, and the file system the server checks
// them through.
//
// A Document holds the editor's text, which may differ from the disk;
// incremental changes (LSP ranges in UTF-16 code units) are applied to it in
// place. The OverlayFileSystem makes open documents shadow the files on disk,
// so that a file importing an open, unsaved file sees the editor's text.
//
// Lifetime: the OverlayFileSystem refers to the DocumentStore and the base
// FileSystem given at construction; both must outlive it.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "dsl/file_system.hpp"
#include "lsp/protocol.hpp"

namespace terms::lsp {

struct Document {
  std::string uri;
  std::string path;         // document_path(uri)
  std::string canonical;    // the base file system's key for path
  std::string language_id;
  std::int64_t version = 0;
  std::string text;
  std::uint64_t generation = 0;  // bumped on every change, for caches
};

// Applies one TextDocumentContentChangeEvent to `text`: with a "range", the
// bytes between its two positions (UTF-16 columns; a line past the end means
// the end of the text; an end before the start is an error) are replaced by
// "text"; without one, the whole text is. Returns an error message, or
// nullopt on success.
std::optional<std::string> apply_change(std::string& text, const json& change);

// The open documents, by URI.
class DocumentStore {
 public:
  Document& open(std::string uri, std::string path, std::string canonical, std::string language_id,
                 std::int64_t version, std::string text);
  void close(std::string_view uri);
  Document* find(std::string_view uri);
  const Document* find(std::string_view uri) const;
  // The open document whose canonical path is `canonical`, if any.
  const Document* find_by_canonical(std::string_view canonical) const;
  const std::map<std::string, Document, std::less<>>& all() const { return docs_; }

 private:
  std::map<std::string, Document, std::less<>> docs_;
};

// A FileSystem in which open documents shadow the base file system.
class OverlayFileSystem final : public FileSystem {
 public:
  OverlayFileSystem(const FileSystem& base, const DocumentStore& docs) : base_(base), docs_(docs) {}

  FileKind kind(const std::string& path) const override;
  std::optional<std::string> read(const std::string& path, std::string& error) const override;
  std::string canonical(const std::string& path) const override;
  std::optional<std::uintmax_t> size(const std::string& path) const override;

 private:
  const Document* open_document(const std::string& path) const;

  const FileSystem& base_;
  const DocumentStore& docs_;
};

}  // namespace terms::lsp
