#include "tests/unit/badinput/corpus.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/files.hpp"

namespace terms::badinput {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) { return testing::read_file(path); }

void write_file(const fs::path& path, const std::string& text) { testing::write_file(path, text); }

std::vector<std::string> case_names(const std::vector<Case>& cases) {
  std::vector<std::string> names;
  for (const Case& c : cases) names.push_back(c.name);
  return names;
}

const Case& find_case(const std::vector<Case>& cases, const std::string& name) {
  for (const Case& c : cases) {
    if (c.name == name) return c;
  }
  throw std::runtime_error("no case " + name);
}

void expect_or_update(const Case& c, const Expectation& expected, const std::string& actual) {
  if (updating()) {
    std::string text;
    for (const std::string& h : expected.header) text += h + "\n";
    write_file(c.expected, text + actual);
    return;
  }
  ASSERT_TRUE(expected.exists) << "missing " << c.expected << " (TERMS_UPDATE_BAD_INPUT=1 writes it)";
  EXPECT_EQ(expected.text, actual) << "case " << c.input;
}

std::string expand_recipe(const std::string& recipe) {
  std::string out;
  std::istringstream lines(recipe);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    std::size_t times = 1;
    std::string literal = line;
    if (const auto star = line.find(" * "); star != std::string::npos && line[0] != '"') {
      times = std::stoul(line.substr(0, star));
      literal = line.substr(star + 3);
    }
    const auto value = nlohmann::json::parse(literal, nullptr, false);
    if (!value.is_string()) throw std::runtime_error(fmt::format("recipe line {}: expected a JSON string", number));
    const auto& piece = value.get_ref<const std::string&>();
    out.reserve(out.size() + piece.size() * times);
    for (std::size_t i = 0; i < times; ++i) out += piece;
  }
  return out;
}

namespace {

void add_directory(const fs::path& dir, Case& c) {
  std::vector<fs::path> paths;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) c.files[fs::relative(p, dir).generic_string()] = read_file(p);
  if (c.files.count("library/main.terms") != 0) {
    c.root = "library/main.terms";
    c.library = "library";
  } else {
    c.root = "main.terms";
  }
}

}  // namespace

std::vector<Case> discover(const fs::path& dir, const std::string& extension) {
  std::vector<Case> cases;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const fs::path p = entry.path();
    const std::string ext = p.extension().string();
    Case c;
    c.input = p;
    c.name = p.stem().string();
    if (entry.is_directory()) {
      c.name = p.filename().string();
      add_directory(p, c);
    } else if (ext == extension) {
      c.root = c.name + extension;
      c.files[c.root] = read_file(p);
    } else if (ext == ".gen") {
      c.root = c.name + extension;
      c.files[c.root] = expand_recipe(read_file(p));
    } else {
      continue;  // .expected, README.md
    }
    c.expected = dir / (c.name + ".expected");
    cases.push_back(std::move(c));
  }
  std::sort(cases.begin(), cases.end(), [](const Case& a, const Case& b) { return a.name < b.name; });
  return cases;
}

Expectation read_expectation(const fs::path& path) {
  Expectation e;
  if (!fs::exists(path)) return e;
  e.exists = true;
  std::istringstream lines(read_file(path));
  std::string line;
  bool in_header = true;
  while (std::getline(lines, line)) {
    if (in_header && !line.empty() && line[0] == '#') {
      e.header.push_back(line);
      constexpr std::string_view kCliCodes = "# cli-codes: ";
      if (line.compare(0, kCliCodes.size(), kCliCodes) == 0) {
        std::istringstream codes(line.substr(kCliCodes.size()));
        for (std::string code; codes >> code;) e.cli_codes.push_back(code);
      }
      constexpr std::string_view kCliExit = "# cli-exit: ";
      if (line.compare(0, kCliExit.size(), kCliExit) == 0) e.cli_exit = std::stoi(line.substr(kCliExit.size()));
      constexpr std::string_view kOption = "# option: ";
      if (line.compare(0, kOption.size(), kOption) == 0) {
        const std::string kv = line.substr(kOption.size());
        const auto eq = kv.find('=');
        e.options[kv.substr(0, eq)] = eq == std::string::npos ? "" : kv.substr(eq + 1);
      }
      continue;
    }
    in_header = false;
    e.text += line;
    e.text += '\n';
  }
  return e;
}

std::vector<std::string> apply_options(const std::map<std::string, std::string>& options, LoadOptions& load) {
  std::vector<std::string> unknown;
  for (const auto& [key, value] : options) {
    const std::size_t n = std::stoul(value);
    if (key == "max_file_bytes") load.max_file_bytes = n;
    else if (key == "max_import_depth") load.max_import_depth = n;
    else if (key == "max_errors_per_file") load.max_errors_per_file = n;
    else if (key == "max_depth") load.parse.max_depth = n;
    else if (key == "max_errors") load.parse.max_errors = n;
    else if (key == "max_formula_size") load.parse.max_formula_size = n;
    else if (key == "max_imports") load.max_imports = n;
    else unknown.push_back(key);
  }
  return unknown;
}

namespace {

std::string shown_path(const std::string& path, const std::string& strip) {
  if (!strip.empty() && path.compare(0, strip.size(), strip) == 0) return path.substr(strip.size());
  return path;
}

std::string where(Span span, const SourceManager& sources, const std::string& strip, const std::string& fallback) {
  const SourceFile* f = span.valid() ? sources.find(span.file) : nullptr;
  if (f == nullptr) return shown_path(fallback, strip);
  const LineCol lc = f->line_col(span.begin);
  return fmt::format("{}:{}:{}", shown_path(f->path(), strip), lc.line, lc.column);
}

}  // namespace

std::string describe(std::span<const Diagnostic> diagnostics, const SourceManager& sources,
                     const std::string& strip, bool labels) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    out += fmt::format("{}: {}[{}]: {}\n", where(d.span, sources, strip, d.path), to_string(d.severity), d.code,
                       d.message);
    if (labels && !d.label.empty()) out += fmt::format("    label: {}\n", d.label);
    for (const Label& l : d.related) {
      out += fmt::format("    related {}: {}\n", where(l.span, sources, strip, ""), l.message);
    }
    for (const std::string& n : d.notes) out += fmt::format("    = note: {}\n", n);
    for (const std::string& h : d.help) out += fmt::format("    = help: {}\n", h);
  }
  return out;
}

bool updating() {
  const char* v = std::getenv("TERMS_UPDATE_BAD_INPUT");
  return v != nullptr && std::string(v) == "1";
}

std::string test_name(const std::string& name) {
  std::string out = name;
  std::replace_if(out.begin(), out.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
  return out;
}

std::vector<std::string> expected_codes(const std::string& text, bool errors_only) {
  std::vector<std::string> codes;
  std::size_t pos = 0;
  while ((pos = text.find("[E", pos)) != std::string::npos) {
    const std::size_t close = text.find(']', pos);
    const std::size_t line_start = text.rfind('\n', pos) == std::string::npos ? 0 : text.rfind('\n', pos) + 1;
    const bool is_error = pos >= 5 && text.compare(pos - 5, 5, "error") == 0;
    if (text.compare(line_start, 4, "    ") != 0 && (!errors_only || is_error)) {
      codes.push_back(text.substr(pos + 1, close - pos - 1));
    }
    pos = close;
  }
  return codes;
}

std::vector<std::string> sanitizer_environment() {
  std::vector<std::string> env;
  for (const char* var : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"}) {
    if (const char* v = std::getenv(var)) env.push_back(fmt::format("{}={}", var, v));
  }
  return env;
}

std::string output_problem(const std::string& output, bool control_characters) {
  for (const char* marker : {"AddressSanitizer", "LeakSanitizer", "runtime error:", "terminate called"}) {
    if (output.find(marker) != std::string::npos) return marker;
  }
  if (!control_characters) return "";
  const auto control = std::find_if(output.begin(), output.end(), [](char ch) {
    const auto b = static_cast<unsigned char>(ch);
    return (b < 0x20 && ch != '\n') || b == 0x7F;
  });
  if (control != output.end()) {
    return fmt::format("control character 0x{:02x} in the output", static_cast<unsigned char>(*control));
  }
  return "";
}

}  // namespace terms::badinput
