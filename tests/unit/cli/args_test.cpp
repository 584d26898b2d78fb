// The shared argument parser: the forms it accepts and the exact messages a
// user gets for each mistake.

#include "cli/args.hpp"

#include <unistd.h>

#include <cstdlib>

#include <gtest/gtest.h>

namespace terms::cli {
namespace {

ArgParser check_like() {
  ArgParser p("check", "parse, resolve and check term files");
  p.positional("PATH", "a term file, a directory, or `-`", Arity::one_or_more);
  add_format_option(p, {"text", "json"});
  add_color_option(p);
  p.option("profile", "NAME|FILE", "the profile to evaluate with");
  p.flag("quiet", "print only the summary", 'q');
  return p;
}

ParsedArgs ok(const ArgParser& p, const std::vector<std::string>& args) {
  auto r = p.parse(args);
  if (auto* e = std::get_if<UsageError>(&r)) {
    ADD_FAILURE() << "unexpected usage error: " << e->message;
    return {};
  }
  return std::get<ParsedArgs>(r);
}

UsageError fails(const ArgParser& p, const std::vector<std::string>& args) {
  auto r = p.parse(args);
  if (auto* e = std::get_if<UsageError>(&r)) return *e;
  ADD_FAILURE() << "expected a usage error";
  return {};
}

TEST(Args, SeparateAndJoinedValues) {
  const ArgParser p = check_like();
  ParsedArgs a = ok(p, {"--format", "json", "a.terms", "--color=never", "b"});
  EXPECT_EQ(a.value("format"), "json");
  EXPECT_EQ(a.value("color"), "never");
  EXPECT_EQ(a.positionals(), (std::vector<std::string>{"a.terms", "b"}));
  EXPECT_FALSE(a.help());
}

TEST(Args, RepeatedOptionKeepsEveryValueAndLastWins) {
  const ArgParser p = check_like();
  ParsedArgs a = ok(p, {"--profile", "cvid", "x", "--profile=mine.terms"});
  EXPECT_EQ(a.value("profile"), "mine.terms");
  EXPECT_EQ(a.values("profile"), (std::vector<std::string>{"cvid", "mine.terms"}));
  EXPECT_EQ(a.value_or("format", "text"), "text");
  EXPECT_FALSE(a.value("format").has_value());
}

TEST(Args, FlagsLongAndShort) {
  const ArgParser p = check_like();
  EXPECT_TRUE(ok(p, {"-q", "x"}).flag("quiet"));
  EXPECT_TRUE(ok(p, {"--quiet", "x"}).flag("quiet"));
  EXPECT_FALSE(ok(p, {"x"}).flag("quiet"));
}

TEST(Args, DashIsStandardInputAndDoubleDashEndsOptions) {
  const ArgParser p = check_like();
  ParsedArgs a = ok(p, {"-", "--", "--format", "-x", "--help"});
  EXPECT_EQ(a.positionals(), (std::vector<std::string>{"-", "--format", "-x", "--help"}));
  EXPECT_FALSE(a.help());
  EXPECT_FALSE(a.value("format").has_value());
}

TEST(Args, HelpWinsOverOtherMistakes) {
  const ArgParser p = check_like();
  EXPECT_TRUE(ok(p, {"--bogus", "--help"}).help());
  EXPECT_TRUE(ok(p, {"-h"}).help());  // even without the required PATH
}

TEST(Args, UnknownOptionSuggestsTheClosest) {
  const ArgParser p = check_like();
  UsageError e = fails(p, {"--fromat", "json", "x"});
  EXPECT_EQ(e.message, "unknown option `--fromat` for `terms check`");
  EXPECT_EQ(e.help, "did you mean `--format`?");
  e = fails(p, {"--colour=never", "x"});
  EXPECT_EQ(e.message, "unknown option `--colour` for `terms check`");
  EXPECT_EQ(e.help, "did you mean `--color`?");
  e = fails(p, {"--zzzzzzzz", "x"});
  EXPECT_FALSE(e.help.has_value());
}

TEST(Args, SingleDashLongOptionGetsAHint) {
  const ArgParser p = check_like();
  UsageError e = fails(p, {"-format", "json", "x"});
  EXPECT_EQ(e.message, "unknown option `-format` for `terms check`");
  EXPECT_EQ(e.help, "did you mean `--format`?");
  e = fails(p, {"-z", "x"});
  EXPECT_EQ(e.message, "unknown option `-z` for `terms check`");
}

TEST(Args, InvalidChoiceListsTheChoices) {
  const ArgParser p = check_like();
  UsageError e = fails(p, {"--format", "jsn", "x"});
  EXPECT_EQ(e.message, "invalid value `jsn` for `--format`: expected `text` or `json`");
  EXPECT_EQ(e.help, "did you mean `json`?");
  e = fails(p, {"--color=sometimes", "x"});
  EXPECT_EQ(e.message, "invalid value `sometimes` for `--color`: expected `auto`, `always`, or `never`");
}

TEST(Args, MissingValueAndValueOnAFlag) {
  const ArgParser p = check_like();
  UsageError e = fails(p, {"x", "--format"});
  EXPECT_EQ(e.message, "option `--format` needs a value (FORMAT)");
  EXPECT_EQ(e.help, "expected `text` or `json`");
  e = fails(p, {"--quiet=yes", "x"});
  EXPECT_EQ(e.message, "option `--quiet` takes no value");
}

TEST(Args, PositionalArity) {
  const ArgParser p = check_like();
  UsageError e = fails(p, {"--format", "json"});
  EXPECT_EQ(e.message, "missing PATH");
  EXPECT_EQ(e.help, "give at least one PATH");

  ArgParser one("explain", "explain one agreement");
  one.positional("FILE", "a term file", Arity::exactly_one);
  EXPECT_EQ(fails(one, {}).message, "missing FILE");
  e = fails(one, {"a", "b"});
  EXPECT_EQ(e.message, "unexpected argument `b`");
  EXPECT_EQ(e.help, "`terms explain` takes one FILE");

  ArgParser none("lsp", "language server");
  EXPECT_EQ(fails(none, {"x"}).message, "unexpected argument `x`");
  EXPECT_TRUE(std::holds_alternative<ParsedArgs>(none.parse({})));
}

TEST(Args, UsageLineAndErrorText) {
  const ArgParser p = check_like();
  EXPECT_EQ(p.usage(), "usage: terms check [OPTIONS] PATH...");
  EXPECT_EQ(p.format_error(UsageError{"unknown option `--x`", std::string("did you mean `--y`?")}),
            "error: unknown option `--x`\n"
            "  = help: did you mean `--y`?\n"
            "\n"
            "usage: terms check [OPTIONS] PATH...\n"
            "for more information, run `terms check --help`\n");
}

TEST(Args, HelpTextListsEveryOption) {
  ArgParser p("fmt", "format term files");
  p.positional("PATH", "files or directories", Arity::zero_or_more);
  add_format_option(p, {"text", "json"});
  p.flag("check", "do not write; exit 1 if a file would change");
  p.exit_status(0, "nothing to change");
  p.example("terms fmt --check examples/", "");
  EXPECT_EQ(p.help_text(),
            "terms fmt: format term files\n"
            "\n"
            "usage: terms fmt [OPTIONS] [PATH...]\n"
            "\n"
            "arguments:\n"
            "  PATH...              files or directories\n"
            "\n"
            "options:\n"
            "      --format FORMAT  output format: text, json [default: text]\n"
            "      --check          do not write; exit 1 if a file would change\n"
            "  -h, --help           print this help and exit\n"
            "\n"
            "exit status:\n"
            "  0  nothing to change\n"
            "\n"
            "examples:\n"
            "  terms fmt --check examples/\n");
}

TEST(Args, ColorModes) {
  const ArgParser p = check_like();
  EXPECT_EQ(color_mode(ok(p, {"x"})), ColorMode::automatic);
  EXPECT_EQ(color_mode(ok(p, {"--color", "always", "x"})), ColorMode::always);
  EXPECT_EQ(color_mode(ok(p, {"--color=never", "x"})), ColorMode::never);

  // A pipe is not a terminal; NO_COLOR only affects `auto`.
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  ::unsetenv("NO_COLOR");
  EXPECT_FALSE(use_color(ColorMode::automatic, fds[1]));
  EXPECT_TRUE(use_color(ColorMode::always, fds[1]));
  ::setenv("NO_COLOR", "1", 1);
  EXPECT_TRUE(use_color(ColorMode::always, fds[1]));
  EXPECT_FALSE(use_color(ColorMode::never, fds[1]));
  ::unsetenv("NO_COLOR");
  ::close(fds[0]);
  ::close(fds[1]);
}

TEST(Args, ByteSizes) {
  EXPECT_EQ(parse_byte_size("1000"), 1000u);
  EXPECT_EQ(parse_byte_size("64k"), 65536u);
  EXPECT_EQ(parse_byte_size("64KiB"), 65536u);
  EXPECT_EQ(parse_byte_size("2M"), 2u * 1024 * 1024);
  EXPECT_EQ(parse_byte_size("1G"), 1024u * 1024 * 1024);
  EXPECT_FALSE(parse_byte_size("").has_value());
  EXPECT_FALSE(parse_byte_size("M").has_value());
  EXPECT_FALSE(parse_byte_size("12x").has_value());
  EXPECT_FALSE(parse_byte_size("-1").has_value());
  EXPECT_FALSE(parse_byte_size("99999999999999999999").has_value());
  EXPECT_FALSE(parse_byte_size("99999999999999G").has_value());
}

}  // namespace
}  // namespace terms::cli
