// Helpers shared by the CI renderers (render_ci.hpp).

#include <fmt/format.h>

#include "dsl/render_ci.hpp"

namespace terms {

namespace {

int rank(Severity s) {
  switch (s) {
    case Severity::error: return 2;
    case Severity::warning: return 1;
    case Severity::info:
    case Severity::note: return 0;
  }
  return 0;
}

}  // namespace

bool at_or_above(Severity s, Severity level) { return rank(s) >= rank(level); }

std::string code_and_name(const Diagnostic& d) {
  if (d.name.empty() || d.name == d.code) return d.code;
  return d.code + " " + d.name;
}

std::string diagnostic_path(const Diagnostic& d, const SourceManager& sources) {
  if (d.span.valid()) {
    if (const SourceFile* f = sources.find(d.span.file)) return f->path();
  }
  return d.path;
}

std::string path_to_uri(std::string_view path) {
  std::string out;
  if (path.starts_with('/')) out = "file://";
  for (unsigned char c : path) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                            c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

}  // namespace terms
