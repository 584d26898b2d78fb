#include "cli/load_options.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <optional>
#include <system_error>

#include <fmt/core.h>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "driver/library_root.hpp"
#include "driver/runner.hpp"

namespace terms::cli {

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

void add_jobs_option(ArgParser& parser) {
  parser.option("jobs", "N", "check this many files at a time (default: one per core)", {}, "0");
}

std::optional<unsigned> jobs_or_report(const ArgParser& parser, const ParsedArgs& args, int& status) {
  const std::string text = args.value_or("jobs", "0");
  const bool digits = !text.empty() && text.size() <= 4 &&
                      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) {
    fmt::print(stderr, "{}",
               parser.format_error(UsageError{fmt::format("invalid value `{}` for `--jobs`", text),
                                              "give a number of files to check at a time, or 0 for one per core"}));
    status = kExitUsage;
    return std::nullopt;
  }
  return worker_count(static_cast<unsigned>(std::stoul(text)));
}

}  // namespace terms::cli
