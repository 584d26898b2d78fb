// gen-corpus: writes generated term files (tools/gen-corpus/corpus.hpp) to disk,
// for looking at the corpus the formatter tests use, or for feeding other tools.
//
//   gen-corpus DIR [--count N] [--seed S]     N files DIR/case-0000.terms ... (default 1000, seed 1)
//   gen-corpus --large BYTES FILE [--seed S]  one file of about BYTES bytes
//
// The tests do not need this program: they generate the same files in memory.

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <fmt/core.h>

#include "tools/gen-corpus/corpus.hpp"

namespace {

int usage() {
  fmt::print(stderr,
             "usage: gen-corpus DIR [--count N] [--seed S]\n"
             "       gen-corpus --large BYTES FILE [--seed S]\n");
  return 2;
}

bool write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return static_cast<bool>(out);
}

bool parse_number(const char* text, std::uint64_t& value) {
  char* end = nullptr;
  value = std::strtoull(text, &end, 10);
  return end != text && *end == '\0';
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t count = 1000, seed = 1, large = 0;
  std::string target;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if ((a == "--count" || a == "--seed" || a == "--large") && i + 1 < argc) {
      std::uint64_t& slot = a == "--count" ? count : a == "--seed" ? seed : large;
      if (!parse_number(argv[++i], slot)) return usage();
    } else if (!a.starts_with("-") && target.empty()) {
      target = a;
    } else {
      return usage();
    }
  }
  if (target.empty()) return usage();

  if (large > 0) {
    if (!write_file(target, terms::corpus::generate_large(seed, static_cast<std::size_t>(large)))) {
      fmt::print(stderr, "error: cannot write `{}`\n", target);
      return 2;
    }
    return 0;
  }
  std::error_code ec;
  std::filesystem::create_directories(target, ec);
  if (ec) {
    fmt::print(stderr, "error: cannot create `{}`: {}\n", target, ec.message());
    return 2;
  }
  for (std::uint64_t i = 0; i < count; ++i) {
    const auto path = std::filesystem::path(target) / fmt::format("case-{:04}.terms", i);
    if (!write_file(path, terms::corpus::generate(seed + i))) {
      fmt::print(stderr, "error: cannot write `{}`\n", path.string());
      return 2;
    }
  }
  return 0;
}
