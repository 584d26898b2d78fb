// The `terms` executable: dispatches `terms COMMAND [ARGS...]` to the commands
// registered in cli/command.hpp's table, and handles `--help`, `--version` and
// `terms help COMMAND` itself.

#include <algorithm>
#include <cstdio>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "driver/version.hpp"
#include "cli/command.hpp"
#include "dsl/diagnostics.hpp"


namespace terms::cli {
namespace {

std::vector<const Command*> sorted_commands() {
  std::vector<const Command*> out;
  for (const Command& c : command_table()) out.push_back(&c);
  std::sort(out.begin(), out.end(), [](const Command* a, const Command* b) { return a->name < b->name; });
  return out;
}

const Command* find_command(std::string_view name) {
  for (const Command& c : command_table()) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

std::string global_help() {
  std::string out = fmt::format(
      "terms {}: check negotiated agreements against acceptance conditions\n\n"
      "usage: terms COMMAND [ARGS...]\n"
      "       terms help COMMAND\n"
      "       terms --help | --version\n\n"
      "commands:\n",
      std::string(driver::kVersion));
  std::size_t width = 4;  // "help"
  for (const Command* c : sorted_commands()) width = std::max(width, c->name.size());
  bool help_listed = false;
  for (const Command* c : sorted_commands()) {
    if (!help_listed && c->name > "help") {
      out += fmt::format("  {:{}}  {}\n", "help", width, "print the help of a command");
      help_listed = true;
    }
    out += fmt::format("  {:{}}  {}\n", c->name, width, c->summary);
  }
  if (!help_listed) out += fmt::format("  {:{}}  {}\n", "help", width, "print the help of a command");
  out +=
      "\noptions:\n"
      "  -h, --help     print this help and exit\n"
      "      --version  print the version and exit\n"
      "\nexit status:\n"
      "  0  all good\n"
      "  1  a finding: an error diagnostic, an unacceptable agreement, a failed\n"
      "     expectation, a file that needs formatting\n"
      "  2  a usage or I/O error\n"
      "\nRun `terms COMMAND --help` (or `terms help COMMAND`) for the options of a command.\n";
  return out;
}

int usage_error(const std::string& message, const std::optional<std::string>& help) {
  fmt::print(stderr, "error: {}\n", message);
  if (help) fmt::print(stderr, "  = help: {}\n", *help);
  fmt::print(stderr, "\nusage: terms COMMAND [ARGS...]\nfor more information, run `terms --help`\n");
  return kExitUsage;
}

std::optional<std::string> suggest_command(std::string_view word) {
  std::vector<std::string_view> names{"help"};
  for (const Command& c : command_table()) names.push_back(c.name);
  auto best = closest_match(word, names);
  if (!best) return std::nullopt;
  return fmt::format("did you mean `{}`?", *best);
}

int run(const std::vector<std::string>& args) {
  if (args.empty()) {
    fmt::print(stderr, "{}", global_help());
    return kExitUsage;
  }
  const std::string& first = args[0];
  if (first == "--help" || first == "-h") {
    fmt::print("{}", global_help());
    return kExitOk;
  }
  if (first == "--version") {
    fmt::print("terms {}\n", std::string(driver::kVersion));
    return kExitOk;
  }
  if (first == "help") {
    if (args.size() == 1) {
      fmt::print("{}", global_help());
      return kExitOk;
    }
    if (args.size() > 2) return usage_error(fmt::format("unexpected argument `{}`", args[2]), "write `terms help COMMAND`");
    if (args[1] == "help") {
      fmt::print("terms help: print the help of a command\n\nusage: terms help [COMMAND]\n");
      return kExitOk;
    }
    const Command* c = find_command(args[1]);
    if (c == nullptr) return usage_error(fmt::format("unknown command `{}`", args[1]), suggest_command(args[1]));
    return c->run({"--help"});
  }
  if (first.starts_with("-") && first != "-") {
    std::vector<std::string_view> options{"--help", "--version"};
    auto best = closest_match(first, options);
    return usage_error(fmt::format("unknown option `{}`", first),
                       best ? std::optional<std::string>(fmt::format("did you mean `{}`?", *best))
                            : std::optional<std::string>("options of a command go after its name: `terms COMMAND --OPTION`"));
  }
  const Command* c = find_command(first);
  if (c == nullptr) return usage_error(fmt::format("unknown command `{}`", first), suggest_command(first));
  return c->run(std::vector<std::string>(args.begin() + 1, args.end()));
}

}  // namespace
}  // namespace terms::cli

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    return terms::cli::run(args);
  } catch (const std::exception& e) {
    // A safety net: bad input is a diagnostic, so reaching this is a bug.
    std::fprintf(stderr, "error: internal error: %s\n  = note: this is a bug in terms; please report it with the input that caused it\n",
                 e.what());
    return terms::cli::kExitUsage;
  }
}
