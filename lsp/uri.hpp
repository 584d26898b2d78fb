#pragma once
// `file:` URIs <-> file system paths, as the protocol exchanges them.
//
// Only the `file` scheme names files the server can read; any other scheme
// (`untitled:`, `git:`) is kept as an opaque path so that such a document can
// still be checked on its own (its relative imports then resolve against
// nothing, and report as missing).

#include <optional>
#include <string>
#include <string_view>

namespace terms::lsp {

// "file:///a/b%20c.terms" -> "/a/b c.terms". nullopt when `uri` is not a
// well-formed file URI (other scheme, bad percent escape).
std::optional<std::string> file_uri_to_path(std::string_view uri);

// "/a/b c.terms" -> "file:///a/b%20c.terms". Relative paths are kept relative
// ("file:a.terms" is not produced: callers pass absolute paths).
std::string path_to_file_uri(std::string_view path);

// The path a document is known by inside the server: the file path for a file
// URI, else the URI itself.
std::string document_path(std::string_view uri);

// The URI to report for a path: a file URI for an absolute path; the path
// itself when it was an opaque non-file URI.
std::string uri_for_path(std::string_view path);

}  // namespace terms::lsp
