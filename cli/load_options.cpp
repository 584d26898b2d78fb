#include "cli/load_options.hpp"

#include <charconv>
#include <filesystem>
#include <optional>
#include <system_error>

#include <fmt/core.h>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "dsl/library_root.hpp"

namespace terms::cli {
namespace {

namespace fs = std::filesystem;

fs::path canonical_or_normal(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(fs::absolute(p, ec), ec);
  return ec ? fs::absolute(p).lexically_normal() : c;
}

// The root the nearest terms.json in `dir` or above sets (dsl/library_root.hpp,
// shared with the language server), resolved.
std::optional<fs::path> config_root(const fs::path& dir) {
  const DiskFileSystem disk;
  if (auto root = configured_library_root(disk, dir.string())) return canonical_or_normal(*root);
  return std::nullopt;
}

bool contains(const fs::path& dir, const fs::path& p) {
  auto d = dir.begin();
  auto q = p.begin();
  for (; d != dir.end(); ++d, ++q) {
    if (d->empty()) continue;  // a trailing separator
    if (q == p.end() || *d != *q) return false;
  }
  return true;
}

fs::path common_ancestor(const fs::path& a, const fs::path& b) {
  fs::path out;
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end() && *i == *j; ++i, ++j) out /= *i;
  return out.empty() ? fs::path("/") : out;
}

// Shown in diagnostics: relative to the current directory when inside it,
// so that messages read like the paths the user typed.
std::string shown_root(const fs::path& chosen, const fs::path& cwd) {
  if (contains(cwd, chosen)) {
    const fs::path rel = chosen.lexically_relative(cwd);
    return rel.empty() ? std::string(".") : rel.generic_string();
  }
  return chosen.generic_string();
}

}  // namespace

std::string choose_library_root(const std::vector<std::string>& paths) {
  const fs::path cwd = canonical_or_normal(".");
  std::optional<fs::path> root;
  for (const std::string& path : paths) {
    std::error_code ec;
    fs::path here;  // the directory of the input
    fs::path mine;  // the root it implies without a terms.json
    if (path == "-") {
      here = mine = cwd;
    } else if (fs::is_directory(path, ec)) {
      here = mine = canonical_or_normal(path);
    } else {
      // The file where it is written, not where a link leads: a link inside
      // the library (to a file, or to a directory on the way) to somewhere
      // outside must not move the root out with it. (The current directory,
      // which fs::absolute starts from, has no links in it.)
      const fs::path file = fs::absolute(path, ec).lexically_normal();
      here = file.parent_path();
      mine = contains(cwd, file) ? cwd : here;
    }
    if (auto configured = config_root(here)) mine = *configured;
    root = root ? common_ancestor(*root, mine) : mine;
  }
  return shown_root(root ? *root : cwd, cwd);
}

std::string input_library_root(const std::string& path, const std::string& fallback) {
  const fs::path cwd = canonical_or_normal(".");
  std::error_code ec;
  const fs::path here = path == "-" ? cwd : fs::absolute(path, ec).lexically_normal().parent_path();
  if (auto configured = config_root(here)) return shown_root(*configured, cwd);
  return fallback;
}

void refuse_inputs_leaving_root(InputSet& inputs, const std::string& library_root) {
  if (library_root.empty()) return;
  const fs::path cwd = canonical_or_normal(".");
  std::error_code ec;
  const fs::path root_written = fs::absolute(library_root, ec).lexically_normal();
  const fs::path root_resolved = canonical_or_normal(library_root);
  // Shown relative to the current directory when inside it, as the user wrote paths.
  const auto shown = [&](const fs::path& p) {
    if (contains(cwd, p)) {
      const fs::path rel = p.lexically_relative(cwd);
      return rel.empty() ? std::string(".") : rel.generic_string();
    }
    return p.generic_string();
  };
  std::vector<InputFile> kept;
  CanonicalDirCache dirs;  // a library's files share few directories: resolve each once
  const fs::path current = fs::current_path(ec);
  for (InputFile& input : inputs.files) {
    if (input.from_stdin) {
      kept.push_back(std::move(input));
      continue;
    }
    const fs::path given(input.path);
    const fs::path absolute = given.is_absolute() || current.empty() ? fs::absolute(given, ec) : current / given;
    const fs::path written = absolute.lexically_normal();
    // As canonical_or_normal(input.path), with each directory resolved once
    // (or as expand_inputs already resolved it).
    std::string key = !input.canonical.empty() ? input.canonical : weakly_canonical_cached(dirs, absolute.string());
    const fs::path resolved = key.empty() ? canonical_or_normal(input.path) : fs::path(std::move(key));
    if (!contains(root_written, written) || contains(root_resolved, resolved)) {
      kept.push_back(std::move(input));
      continue;
    }
    Diagnostic d = make_diagnostic(
        DiagId::io_leaves_root, Span{},
        fmt::format("`{}` leads outside the library root `{}`: it resolves to `{}`", input.path, library_root,
                    shown(resolved)));
    d.path = input.path;
    d.with_note("it was not read: a file inside the library may not lead to other files on the machine, so "
                "that checking an untrusted library cannot read them");
    d.with_help("copy the file into the library, or widen the library root (`root` in terms.json, or "
                "`--library-root`)");
    inputs.diagnostics.push_back(std::move(d));
    inputs.io_error = true;
  }
  inputs.files = std::move(kept);
}

LoadOptions default_load_options(const std::vector<std::string>& paths, std::uint64_t max_file_bytes) {
  LoadOptions o;
  o.max_file_bytes = static_cast<std::size_t>(max_file_bytes);
  o.library_root = choose_library_root(paths);
  return o;
}

void add_load_options(ArgParser& p) {
  p.option("max-file-size", "BYTES", "refuse files larger than this (suffixes k, M, G)", {}, "64M");
  p.option("library-root", "DIR",
           "imports may not leave this directory (default: terms.json `root`, or the directory checked)");
  p.option("max-imports", "N", "files one input may read through imports (0: no limit)", {}, "4096");
  p.option("max-import-depth", "N", "how deep imports may nest", {}, "64");
  p.option("max-nesting", "N", "how deep formulas and blocks may nest", {}, "256");
  p.option("max-formula-size", "N", "parts of one profile condition's formula (0: no limit)", {}, "10000");
  p.option("max-errors", "N", "diagnostics per file; parsing stops at this many syntax errors (0: no limit)", {},
           "100");
}

std::variant<LoadOptions, UsageError> load_options(const ParsedArgs& args, const std::vector<std::string>& paths) {
  LoadOptions o;
  const std::string size_text = args.value_or("max-file-size", "64M");
  const std::optional<std::uint64_t> max_bytes = parse_byte_size(size_text);
  if (!max_bytes || *max_bytes == 0) {
    return UsageError{fmt::format("invalid value `{}` for `--max-file-size`", size_text),
                      std::string("give a positive number of bytes, optionally with a suffix k, M or G")};
  }
  o.max_file_bytes = static_cast<std::size_t>(*max_bytes);
  struct Limit {
    const char* name;
    std::size_t* field;
    bool zero_ok;
  };
  const Limit limits[] = {{"max-imports", &o.max_imports, true},
                          {"max-import-depth", &o.max_import_depth, false},
                          {"max-nesting", &o.parse.max_depth, false},
                          {"max-formula-size", &o.parse.max_formula_size, true},
                          // 0: no limit, as clang's -ferror-limit=0.
                          {"max-errors", &o.parse.max_errors, true}};
  for (const Limit& l : limits) {
    const std::optional<std::string> text = args.value(l.name);
    if (!text) continue;
    std::size_t value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc{} || end != text->data() + text->size() || (value == 0 && !l.zero_ok)) {
      return UsageError{fmt::format("invalid value `{}` for `--{}`", *text, l.name),
                        std::string(l.zero_ok ? "give a number (0 for no limit)" : "give a positive number")};
    }
    *l.field = value;
  }
  o.max_errors_per_file = o.parse.max_errors;
  const std::optional<std::string> root = args.value("library-root");
  o.library_root = root ? *root : choose_library_root(paths);
  return o;
}

std::optional<LoadOptions> load_options_or_report(const ArgParser& parser, const ParsedArgs& args,
                                                  const std::vector<std::string>& paths, int& status) {
  auto load = load_options(args, paths);
  if (const auto* error = std::get_if<UsageError>(&load)) {
    fmt::print(stderr, "{}", parser.format_error(*error));
    status = kExitUsage;
    return std::nullopt;
  }
  return std::get<LoadOptions>(std::move(load));
}

bool library_root_given(const ParsedArgs& args) { return args.value("library-root").has_value(); }

}  // namespace terms::cli
