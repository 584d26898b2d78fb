#include "tests/unit/golden/golden.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace terms::golden {

namespace fs = std::filesystem;

std::string root() { return TERMS_SOURCE_DIR; }
std::string binary() { return TERMS_BINARY; }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool file_exists(const std::string& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

namespace {

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> out;
  std::string current;
  for (char c : text) {
    if (c == separator) {
      if (!current.empty()) out.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

std::string test_name(std::string relative) {
  for (char& c : relative) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) c = '_';
  }
  return relative;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// Splits a directive's value on spaces; "double quotes" keep spaces together.
std::vector<std::string> split_arguments(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  bool quoted = false;
  bool any = false;
  for (char c : text) {
    if (c == '"') {
      quoted = !quoted;
      any = true;
    } else if ((c == ' ' || c == '\t') && !quoted) {
      if (any) out.push_back(current);
      current.clear();
      any = false;
    } else {
      current += c;
      any = true;
    }
  }
  if (any) out.push_back(current);
  return out;
}

}  // namespace

std::vector<Case> discover() {
  const fs::path base = fs::path(root()) / "tests" / "golden";
  std::vector<std::string> only;
  if (const char* env = std::getenv("TERMS_GOLDEN_ONLY")) only = split(env, ':');
  std::vector<Case> cases;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(base, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    if (p.extension() != ".terms" || !it->is_regular_file()) continue;
    const std::string rel = p.lexically_relative(root()).generic_string();
    const std::string in_suite = p.lexically_relative(base).generic_string();
    const std::vector<std::string> parts = split(in_suite, '/');
    if (std::find(parts.begin(), parts.end() - 1, "lib") != parts.end() - 1) continue;
    if (!only.empty() && std::none_of(only.begin(), only.end(), [&](const std::string& o) {
          std::string prefix = o;
          while (prefix.ends_with('/')) prefix.pop_back();
          return rel == prefix || rel.starts_with(prefix + "/");
        })) {
      continue;
    }
    Case c;
    c.input = rel;
    c.expected = rel + ".out";
    c.name = test_name(in_suite.substr(0, in_suite.size() - 6));  // without ".terms"
    c.should_fail = p.filename().string().ends_with("-fails.terms") ||
                    std::find(parts.begin(), parts.end() - 1, "errors") != parts.end() - 1;
    cases.push_back(std::move(c));
  }
  std::sort(cases.begin(), cases.end(), [](const Case& a, const Case& b) { return a.input < b.input; });
  return cases;
}

Invocation invocation(const Case& c) {
  Invocation inv;
  std::string args_line = "check --color never %s";
  const std::string text = read_file(root() + "/" + c.input);
  std::istringstream lines(text);
  std::string line;
  // Directives live in the comment lines at the top of the file.
  while (std::getline(lines, line) && line.starts_with("#")) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.starts_with("# ARGS:")) args_line = line.substr(7);
    if (line.starts_with("# STDIN:")) {
      std::string file = line.substr(8);
      file.erase(0, file.find_first_not_of(' '));
      replace_all(file, "%s", c.input);
      inv.stdin_file = root() + "/" + file;
    }
  }
  for (std::string a : split_arguments(args_line)) {
    replace_all(a, "%s", c.input);
    inv.args.push_back(std::move(a));
  }
  return inv;
}

std::string format_result(const testing::ProcessResult& r) {
  std::string out;
  if (!r.spawn_error.empty()) {
    out += "not started: " + r.spawn_error + "\n";
  } else if (r.timed_out) {
    out += "timed out\n";
  } else if (r.signal != 0) {
    out += "killed by signal " + std::to_string(r.signal) + "\n";
  } else {
    out += "exit: " + std::to_string(r.exit_status) + "\n";
  }
  auto section = [&](const char* title, std::string text) {
    // Absolute paths into the checkout differ per machine.
    replace_all(text, root() + "/", "<root>/");
    out += std::string("--- ") + title + "\n" + text;
    if (!text.empty() && text.back() != '\n') out += "\n\\ no newline at end\n";
  };
  section("stdout", r.out);
  section("stderr", r.err);
  return out;
}

std::string run_and_format(const Case& c) {
  const Invocation inv = invocation(c);
  testing::ProcessOptions options;
  options.cwd = root();
  options.stdin_file = inv.stdin_file;
  return format_result(testing::run_process(binary(), inv.args, options));
}

}  // namespace terms::golden
