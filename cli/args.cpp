#include "cli/args.hpp"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "dsl/diagnostics.hpp"

namespace terms::cli {

bool ParsedArgs::flag(std::string_view name) const {
  return std::any_of(options_.begin(), options_.end(), [&](const auto& o) { return o.first == name; });
}

std::optional<std::string> ParsedArgs::value(std::string_view name) const {
  for (auto it = options_.rbegin(); it != options_.rend(); ++it) {
    if (it->first == name) return it->second;
  }
  return std::nullopt;
}

std::string ParsedArgs::value_or(std::string_view name, std::string_view fallback) const {
  auto v = value(name);
  return v ? *v : std::string(fallback);
}

std::vector<std::string> ParsedArgs::values(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& o : options_) {
    if (o.first == name) out.push_back(o.second);
  }
  return out;
}

ArgParser::ArgParser(std::string command, std::string summary)
    : command_(std::move(command)), summary_(std::move(summary)) {
  options_.push_back(OptionSpec{"help", 'h', {}, "print this help and exit", {}, {}});
}

ArgParser& ArgParser::flag(std::string name, std::string help, char short_name) {
  options_.push_back(OptionSpec{std::move(name), short_name, {}, std::move(help), {}, {}});
  return *this;
}

ArgParser& ArgParser::option(std::string name, std::string value_name, std::string help,
                             std::vector<std::string> choices, std::string default_value) {
  options_.push_back(OptionSpec{std::move(name), 0, std::move(value_name), std::move(help),
                                std::move(choices), std::move(default_value)});
  return *this;
}

ArgParser& ArgParser::positional(std::string value_name, std::string help, Arity arity) {
  positional_name_ = std::move(value_name);
  positional_help_ = std::move(help);
  arity_ = arity;
  return *this;
}

ArgParser& ArgParser::description(std::string text) {
  description_.push_back(std::move(text));
  return *this;
}

ArgParser& ArgParser::example(std::string command_line, std::string explanation) {
  examples_.emplace_back(std::move(command_line), std::move(explanation));
  return *this;
}

ArgParser& ArgParser::exit_status(int status, std::string meaning) {
  exit_statuses_.emplace_back(status, std::move(meaning));
  return *this;
}

const OptionSpec* ArgParser::find_long(std::string_view name) const {
  for (const auto& o : options_) {
    if (o.name == name) return &o;
  }
  return nullptr;
}

const OptionSpec* ArgParser::find_short(char c) const {
  for (const auto& o : options_) {
    if (o.short_name != 0 && o.short_name == c) return &o;
  }
  return nullptr;
}

namespace {

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? (items.size() > 2 ? ", or " : " or ") : ", ";
    out += fmt::format("`{}`", items[i]);
  }
  return out;
}

std::optional<std::string> suggest(std::string_view word, const std::vector<std::string>& candidates) {
  std::vector<std::string_view> views(candidates.begin(), candidates.end());
  auto best = closest_match(word, views);
  if (!best) return std::nullopt;
  return fmt::format("did you mean `{}`?", *best);
}

}  // namespace

std::variant<ParsedArgs, UsageError> ArgParser::parse(const std::vector<std::string>& args) const {
  ParsedArgs out;
  // --help wins over everything else on the line, so that `terms check --help
  // --bogus` still helps (and `terms help check` can reuse this path).
  for (const std::string& a : args) {
    if (a == "--") break;
    if (a == "--help" || a == "-h") {
      out.help_ = true;
      return out;
    }
  }

  std::vector<std::string> long_names;
  for (const auto& o : options_) long_names.push_back("--" + o.name);

  auto take_value = [&](const OptionSpec& spec, const std::string& value) -> std::optional<UsageError> {
    if (!spec.choices.empty() &&
        std::find(spec.choices.begin(), spec.choices.end(), value) == spec.choices.end()) {
      UsageError e{fmt::format("invalid value `{}` for `--{}`: expected {}", value, spec.name,
                               quoted_list(spec.choices)),
                   suggest(value, spec.choices)};
      return e;
    }
    out.options_.emplace_back(spec.name, value);
    return std::nullopt;
  };

  bool only_positionals = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (only_positionals || a == "-" || a.empty() || a[0] != '-') {
      out.positionals_.push_back(a);
      continue;
    }
    if (a == "--") {
      only_positionals = true;
      continue;
    }
    if (a.starts_with("--")) {
      const std::size_t eq = a.find('=');
      const std::string name = a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
      const OptionSpec* spec = find_long(name);
      if (spec == nullptr) {
        const std::string shown = "--" + name;
        UsageError e{fmt::format("unknown option `{}`{}", shown,
                                 command_.empty() ? "" : fmt::format(" for `terms {}`", command_)),
                     suggest(shown, long_names)};
        return e;
      }
      if (spec->value_name.empty()) {
        if (eq != std::string::npos) {
          return UsageError{fmt::format("option `--{}` takes no value", name), std::nullopt};
        }
        out.options_.emplace_back(spec->name, std::string());
        continue;
      }
      std::string value;
      if (eq != std::string::npos) {
        value = a.substr(eq + 1);
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        std::optional<std::string> hint;
        if (!spec->choices.empty()) hint = fmt::format("expected {}", quoted_list(spec->choices));
        return UsageError{fmt::format("option `--{}` needs a value ({})", name, spec->value_name), hint};
      }
      if (auto e = take_value(*spec, value)) return *e;
      continue;
    }
    // A short option: only single letters that are registered (-h).
    const OptionSpec* spec = a.size() == 2 ? find_short(a[1]) : nullptr;
    if (spec == nullptr || !spec->value_name.empty()) {
      std::optional<std::string> hint = suggest(a, long_names);
      if (!hint && a.size() > 2) hint = fmt::format("long options start with two dashes: `-{}`", a);
      return UsageError{fmt::format("unknown option `{}`{}", a,
                                    command_.empty() ? "" : fmt::format(" for `terms {}`", command_)),
                        hint};
    }
    out.options_.emplace_back(spec->name, std::string());
  }

  const std::size_t n = out.positionals_.size();
  const std::string& what = positional_name_;
  switch (arity_) {
    case Arity::none:
      if (n > 0) {
        return UsageError{fmt::format("unexpected argument `{}`", out.positionals_[0]),
                          command_.empty() ? std::nullopt
                                           : std::optional<std::string>(fmt::format(
                                                 "`terms {}` takes no arguments", command_))};
      }
      break;
    case Arity::optional:
      if (n > 1) return UsageError{fmt::format("unexpected argument `{}`", out.positionals_[1]), std::nullopt};
      break;
    case Arity::exactly_one:
      if (n == 0) return UsageError{fmt::format("missing {}", what), std::nullopt};
      if (n > 1) {
        return UsageError{fmt::format("unexpected argument `{}`", out.positionals_[1]),
                          fmt::format("`terms {}` takes one {}", command_, what)};
      }
      break;
    case Arity::zero_or_more:
      break;
    case Arity::one_or_more:
      if (n == 0) {
        return UsageError{fmt::format("missing {}", what), fmt::format("give at least one {}", what)};
      }
      break;
  }
  return out;
}

std::string ArgParser::usage() const {
  std::string u = command_.empty() ? "usage: terms" : fmt::format("usage: terms {}", command_);
  if (options_.size() > 0) u += " [OPTIONS]";
  switch (arity_) {
    case Arity::none: break;
    case Arity::optional: u += fmt::format(" [{}]", positional_name_); break;
    case Arity::exactly_one: u += fmt::format(" {}", positional_name_); break;
    case Arity::zero_or_more: u += fmt::format(" [{}...]", positional_name_); break;
    case Arity::one_or_more: u += fmt::format(" {}...", positional_name_); break;
  }
  return u;
}

std::string ArgParser::help_text() const {
  std::string out = command_.empty() ? fmt::format("terms: {}\n\n", summary_)
                                     : fmt::format("terms {}: {}\n\n", command_, summary_);
  out += usage() + "\n";
  for (const std::string& p : description_) out += "\n" + p + "\n";

  // Two columns: the option as typed, then its help.
  std::vector<std::pair<std::string, std::string>> rows;
  std::vector<std::pair<std::string, std::string>> arg_rows;
  if (arity_ != Arity::none) {
    const bool many = arity_ == Arity::zero_or_more || arity_ == Arity::one_or_more;
    arg_rows.emplace_back(positional_name_ + (many ? "..." : ""), positional_help_);
  }
  // --help last: it is the same for every command.
  std::vector<const OptionSpec*> ordered;
  for (const auto& o : options_) {
    if (o.name != "help") ordered.push_back(&o);
  }
  ordered.push_back(&options_.front());
  for (const OptionSpec* o : ordered) {
    std::string left = o->short_name ? fmt::format("-{}, --{}", o->short_name, o->name)
                                     : fmt::format("    --{}", o->name);
    if (!o->value_name.empty()) left += " " + o->value_name;
    std::string right = o->help;
    if (!o->choices.empty()) right += fmt::format(": {}", fmt::join(o->choices, ", "));
    if (!o->default_value.empty()) right += fmt::format(" [default: {}]", o->default_value);
    rows.emplace_back(std::move(left), std::move(right));
  }
  std::size_t width = 0;
  for (const auto& r : rows) width = std::max(width, r.first.size());
  for (const auto& r : arg_rows) width = std::max(width, r.first.size());
  width = std::min<std::size_t>(width, 28);
  // The help column is wrapped at word boundaries to fit 80 columns.
  const std::size_t text_width = std::max<std::size_t>(80 - (width + 4), 30);
  auto table = [&](const std::vector<std::pair<std::string, std::string>>& t) {
    std::string s;
    for (const auto& [left, right] : t) {
      std::vector<std::string> wrapped{""};
      std::size_t start = 0;
      while (start < right.size()) {
        std::size_t end = right.find(' ', start);
        if (end == std::string::npos) end = right.size();
        const std::string word = right.substr(start, end - start);
        if (!wrapped.back().empty() && wrapped.back().size() + 1 + word.size() > text_width) wrapped.emplace_back();
        if (!wrapped.back().empty()) wrapped.back() += ' ';
        wrapped.back() += word;
        start = end + 1;
      }
      if (left.size() > width) {
        s += fmt::format("  {}\n", left);
      } else {
        s += fmt::format("  {:{}}  {}\n", left, width, wrapped.front());
        wrapped.erase(wrapped.begin());
      }
      for (const std::string& line : wrapped) s += fmt::format("  {:{}}  {}\n", "", width, line);
    }
    return s;
  };
  if (!arg_rows.empty()) out += "\narguments:\n" + table(arg_rows);
  out += "\noptions:\n" + table(rows);
  if (!exit_statuses_.empty()) {
    out += "\nexit status:\n";
    for (const auto& [status, meaning] : exit_statuses_) out += fmt::format("  {}  {}\n", status, meaning);
  }
  if (!examples_.empty()) {
    out += "\nexamples:\n";
    for (const auto& [line, explanation] : examples_) {
      out += fmt::format("  {}\n", line);
      if (!explanation.empty()) out += fmt::format("      {}\n", explanation);
    }
  }
  return out;
}

std::string ArgParser::format_error(const UsageError& error) const {
  std::string out = fmt::format("error: {}\n", error.message);
  if (error.help) out += fmt::format("  = help: {}\n", *error.help);
  out += fmt::format("\n{}\n", usage());
  out += command_.empty() ? "for more information, run `terms --help`\n"
                          : fmt::format("for more information, run `terms {} --help`\n", command_);
  return out;
}

std::optional<ParsedArgs> ArgParser::parse_or_report(const std::vector<std::string>& args, int& status) const {
  auto result = parse(args);
  if (auto* e = std::get_if<UsageError>(&result)) {
    fmt::print(stderr, "{}", format_error(*e));
    status = kExitUsage;
    return std::nullopt;
  }
  auto& parsed = std::get<ParsedArgs>(result);
  if (parsed.help()) {
    fmt::print("{}", help_text());
    status = kExitOk;
    return std::nullopt;
  }
  return std::move(parsed);
}

void add_format_option(ArgParser& parser, std::vector<std::string> formats, std::string default_format) {
  parser.option("format", "FORMAT", "output format", std::move(formats), std::move(default_format));
}

void add_color_option(ArgParser& parser) {
  parser.option("color", "WHEN",
                "colour the output (auto: on a terminal, unless NO_COLOR is set)",
                {"auto", "always", "never"}, "auto");
}

ColorMode color_mode(const ParsedArgs& args) {
  const std::string v = args.value_or("color", "auto");
  if (v == "always") return ColorMode::always;
  if (v == "never") return ColorMode::never;
  return ColorMode::automatic;
}

bool use_color(ColorMode mode, int fd) {
  switch (mode) {
    case ColorMode::always: return true;
    case ColorMode::never: return false;
    case ColorMode::automatic: break;
  }
  // https://no-color.org: a set, non-empty NO_COLOR turns automatic colour off.
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  return ::isatty(fd) == 1;
}

std::optional<std::uint64_t> parse_byte_size(std::string_view text) {
  std::uint64_t number = 0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  auto [rest, ec] = std::from_chars(begin, end, number);
  if (ec != std::errc() || rest == begin) return std::nullopt;
  std::string_view unit(rest, static_cast<std::size_t>(end - rest));
  std::uint64_t scale = 1;
  if (unit.empty() || unit == "B") {
    scale = 1;
  } else if (unit == "k" || unit == "K" || unit == "KiB") {
    scale = std::uint64_t{1} << 10;
  } else if (unit == "M" || unit == "MiB") {
    scale = std::uint64_t{1} << 20;
  } else if (unit == "G" || unit == "GiB") {
    scale = std::uint64_t{1} << 30;
  } else {
    return std::nullopt;
  }
  if (number > std::numeric_limits<std::uint64_t>::max() / scale) return std::nullopt;
  return number * scale;
}

}  // namespace terms::cli
