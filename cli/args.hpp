#pragma once
// The argument parser every `terms` command shares.
//
// A command describes its options and positional arguments to an ArgParser,
// then calls parse_or_report(): `--help`/`-h` prints the generated help and
// usage mistakes print one clear message (with "did you mean" for a misspelled
// option or value) and give exit status 2. Accepted forms:
//   --name VALUE   --name=VALUE   --flag   -h   -   (a lone `-` is a positional)
//   --             (everything after it is positional, even `--help`)
// Options and positionals may be interleaved; an option given twice keeps
// every value (ParsedArgs::values) and value() returns the last one.
//
// Typical use in a cli/cmd_*.cpp:
//   ArgParser p("check", "parse, resolve and check term files");
//   p.positional("PATH", "...", Arity::one_or_more);
//   add_format_option(p, {"text", "json"});
//   add_color_option(p);
//   int status = kExitOk;
//   auto args = p.parse_or_report(argv, status);
//   if (!args) return status;

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace terms::cli {

enum class Arity : unsigned char { none, optional, exactly_one, zero_or_more, one_or_more };

// One `--name` option: a flag when value_name is empty, else it takes a value.
struct OptionSpec {
  std::string name;                  // without dashes: "format"
  char short_name = 0;               // 'h' for -h; 0 for none
  std::string value_name;            // "FORMAT"; empty for a flag
  std::string help;                  // one line
  std::vector<std::string> choices;  // allowed values; empty = any value
  std::string default_value;         // shown in the help
};

// The outcome of a successful parse. Plain data: copies are cheap enough for
// command lines, and nothing refers back into the parser.
class ParsedArgs {
 public:
  bool help() const { return help_; }
  bool flag(std::string_view name) const;
  // The last value given for an option, if any.
  std::optional<std::string> value(std::string_view name) const;
  std::string value_or(std::string_view name, std::string_view fallback) const;
  // Every value given for an option, in order.
  std::vector<std::string> values(std::string_view name) const;
  const std::vector<std::string>& positionals() const { return positionals_; }

 private:
  friend class ArgParser;
  bool help_ = false;
  std::vector<std::pair<std::string, std::string>> options_;  // (name, value); flags have ""
  std::vector<std::string> positionals_;
};

// A mistake on the command line: printed as `error: MESSAGE` plus an optional
// `help:` line, the usage line, and a pointer to `--help`.
struct UsageError {
  std::string message;
  std::optional<std::string> help;
};

// Describes one command's command line, parses it, and prints its help.
class ArgParser {
 public:
  // `command` is the name after `terms` ("check"); empty for `terms` itself.
  ArgParser(std::string command, std::string summary);

  ArgParser& flag(std::string name, std::string help, char short_name = 0);
  ArgParser& option(std::string name, std::string value_name, std::string help,
                    std::vector<std::string> choices = {}, std::string default_value = {});
  // The positional arguments (one kind per command, e.g. PATH...).
  ArgParser& positional(std::string value_name, std::string help, Arity arity);
  // Extra paragraphs for --help: a description after the usage line, and
  // sections at the end (exit status, examples).
  ArgParser& description(std::string text);
  ArgParser& example(std::string command_line, std::string explanation);
  ArgParser& exit_status(int status, std::string meaning);

  // Pure parse: no output. `--help` anywhere before `--` wins over any error.
  std::variant<ParsedArgs, UsageError> parse(const std::vector<std::string>& args) const;

  // Parses; prints the help (stdout, status 0) or a usage error (stderr,
  // status 2) and returns nullopt when the command should stop with `status`.
  std::optional<ParsedArgs> parse_or_report(const std::vector<std::string>& args, int& status) const;

  std::string usage() const;      // "usage: terms check [OPTIONS] PATH..."
  std::string help_text() const;  // the whole --help page
  std::string format_error(const UsageError& error) const;  // as printed on stderr

  const std::string& command() const { return command_; }

 private:
  const OptionSpec* find_long(std::string_view name) const;
  const OptionSpec* find_short(char c) const;

  std::string command_;
  std::string summary_;
  std::vector<OptionSpec> options_;
  std::string positional_name_;
  std::string positional_help_;
  Arity arity_ = Arity::none;
  std::vector<std::string> description_;
  std::vector<std::pair<std::string, std::string>> examples_;
  std::vector<std::pair<int, std::string>> exit_statuses_;
};

// Options shared by several commands, spelled the same everywhere.
void add_format_option(ArgParser& parser, std::vector<std::string> formats,
                       std::string default_format = "text");
void add_color_option(ArgParser& parser);  // --color auto|always|never

enum class ColorMode : unsigned char { automatic, always, never };
ColorMode color_mode(const ParsedArgs& args);  // from --color (default auto)

// Whether to colour output written to `fd`: `always` and `never` decide alone;
// `auto` colours only when fd is a terminal and NO_COLOR is unset or empty.
bool use_color(ColorMode mode, int fd);

// Parses a byte count such as "1048576", "64k", "64KiB", "2M", "1G" (binary
// units). nullopt when malformed or out of range.
std::optional<std::uint64_t> parse_byte_size(std::string_view text);

}  // namespace terms::cli
