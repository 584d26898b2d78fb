#include "lsp/uri.hpp"

#include <fmt/format.h>

namespace terms::lsp {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Characters left unescaped in a path (RFC 3986 unreserved, plus the
// separators VS Code also leaves alone).
bool keep_unescaped(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~' || c == '/';
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char a = s[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (a != prefix[i]) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> file_uri_to_path(std::string_view uri) {
  if (!starts_with_ci(uri, "file:")) return std::nullopt;
  std::string_view rest = uri.substr(5);
  if (rest.substr(0, 2) == "//") {
    rest.remove_prefix(2);
    // An authority other than empty or localhost is a network path we cannot read.
    const auto slash = rest.find('/');
    const std::string_view authority = rest.substr(0, slash);
    if (!authority.empty() && authority != "localhost") return std::nullopt;
    if (slash == std::string_view::npos) return std::nullopt;
    rest.remove_prefix(slash);
  }
  // Drop a query or fragment.
  rest = rest.substr(0, rest.find_first_of("?#"));
  std::string out;
  out.reserve(rest.size());
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] != '%') {
      out.push_back(rest[i]);
      continue;
    }
    if (i + 2 >= rest.size()) return std::nullopt;
    const int hi = hex_value(rest[i + 1]);
    const int lo = hex_value(rest[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    const char decoded = static_cast<char>(hi * 16 + lo);
    if (decoded == '\0') return std::nullopt;
    out.push_back(decoded);
    i += 2;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

std::string path_to_file_uri(std::string_view path) {
  std::string out = "file://";
  if (path.empty() || path.front() != '/') out.push_back('/');
  for (char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    if (keep_unescaped(c)) {
      out.push_back(ch);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

std::string document_path(std::string_view uri) {
  if (auto path = file_uri_to_path(uri)) return *path;
  return std::string(uri);
}

std::string uri_for_path(std::string_view path) {
  if (!path.empty() && path.front() == '/') return path_to_file_uri(path);
  return std::string(path);
}

}  // namespace terms::lsp
