// terms.json: values, positions of problems in the JSON, "did you mean", and
// the glob matching of `ignore`.

#include <gtest/gtest.h>

#include "dsl/config.hpp"
#include "dsl/lint/lint.hpp"

namespace terms {
namespace {

struct Parsed {
  explicit Parsed(const std::string& text) {
    const SourceFile& f = sources.add("terms.json", text);
    config = parse_config(f, "/lib", lint::config_vocabulary(), bag);
  }
  // "E0602 3:5 unknown key `rulez` | did you mean `rules`?"
  std::vector<std::string> lines() const {
    std::vector<std::string> out;
    for (const Diagnostic& d : bag.all()) {
      const LineCol lc = sources.get(d.span.file).line_col(d.span.begin);
      std::string line = d.code + " " + std::to_string(lc.line) + ":" + std::to_string(lc.column) + " " + d.message;
      for (const std::string& h : d.help) line += " | " + h;
      out.push_back(line);
    }
    return out;
  }
  SourceManager sources;
  DiagnosticBag bag;
  Config config;
};

TEST(Config, ReadsEverySetting) {
  Parsed p(R"({
  "$schema": "https://example.org/terms.schema.json",
  "profile": "cvid",
  "root": "lib",
  "ignore": ["drafts", "vendor/**"],
  "rules": {"missing-title": "off", "L005": "error"},
  "categories": {"style": "info"},
  "docs_url": "https://example.org/docs/"
})");
  EXPECT_TRUE(p.lines().empty()) << ::testing::PrintToString(p.lines());
  EXPECT_EQ(p.config.profile, "cvid");
  EXPECT_EQ(p.config.root, "lib");
  EXPECT_EQ(p.config.ignore, (std::vector<std::string>{"drafts", "vendor/**"}));
  EXPECT_EQ(p.config.rules.at("L013"), RuleLevel::off);  // stored by code
  EXPECT_EQ(p.config.rules.at("L005"), RuleLevel::error);
  EXPECT_EQ(p.config.categories.at("style"), RuleLevel::info);
  EXPECT_EQ(p.config.docs_url, "https://example.org/docs");
  EXPECT_EQ(p.config.directory, "/lib");
}

TEST(Config, UnknownKeysPointAtTheKeyWithASuggestion) {
  Parsed p("{\n  \"profile\": \"cvid\",\n    \"rulez\": {}\n}\n");
  EXPECT_EQ(p.lines(), std::vector<std::string>{"E0602 3:5 unknown key `rulez` | did you mean `rules`?"});
}

TEST(Config, UnknownRulesAndCategoriesPointAtTheirKeys) {
  Parsed p("{\"rules\": {\"L001\": \"off\", \"unverified-freez\": \"error\"},\n \"categories\": {\"stile\": \"off\"}}");
  EXPECT_EQ(p.lines(), (std::vector<std::string>{
                           "E0604 1:27 unknown lint rule `unverified-freez` | did you mean `unverified-freeze`?",
                           "E0604 2:17 unknown rule category `stile` | did you mean `style`?",
                       }));
  EXPECT_EQ(p.config.rules.at("L001"), RuleLevel::off);  // the valid entry still applies
}

TEST(Config, WrongValuesPointAtTheValue) {
  Parsed p("{\"rules\": {\"L001\": \"warn\"}, \"ignore\": [\"a\", 3, \"\"]}");
  EXPECT_EQ(p.lines(), (std::vector<std::string>{
                           "E0603 1:20 `warn` is not a rule level | did you mean `warning`? | the levels are `error`, "
                           "`warning`, `info` and `off`",
                           "E0603 1:45 an `ignore` glob must be a string, not a number | write the glob in quotes, "
                           "such as `\"drafts/**\"`",
                           "E0603 1:48 an `ignore` glob is empty | remove it, or write a glob such as `drafts/**`",
                       }));
  EXPECT_EQ(p.config.ignore, std::vector<std::string>{"a"});
}

TEST(Config, InvalidJsonPointsAtTheError) {
  Parsed p("{\n  \"rules\": {\"L001\": \"off\",}\n}\n");
  ASSERT_EQ(p.bag.all().size(), 1u);
  EXPECT_EQ(p.lines()[0].substr(0, 11), "E0601 2:27 ");
}

TEST(Config, NotAnObject) {
  Parsed p("[1, 2]");
  EXPECT_EQ(p.lines(), std::vector<std::string>{
                           "E0603 1:1 the configuration must be a JSON object, not an array | write `{}` with the settings inside"});
}

TEST(Config, DuplicateKeysWarnAndTheLastWins) {
  Parsed p("{\"rules\": {\"L001\": \"off\", \"L001\": \"error\"}}");
  EXPECT_EQ(p.lines(), std::vector<std::string>{"E0605 1:27 key `L001` appears twice in the same object | remove one of them"});
  EXPECT_EQ(p.bag.error_count(), 0u);
  EXPECT_EQ(p.config.rules.at("L001"), RuleLevel::error);
}

TEST(Config, EscapedKeysAndMultibyteTextKeepPositions) {
  Parsed p("{\"profile\": \"é\", \"r\\u0075les\": {\"Lé\": \"off\"}}");
  // The escaped key decodes to `rules`; the unknown rule sits after a two-byte é.
  EXPECT_EQ(p.lines(), std::vector<std::string>{"E0604 1:33 unknown lint rule `Lé` | `terms lint --list-rules` lists the rules by code and name"});
}

TEST(Glob, StarStaysWithinASegment) {
  EXPECT_TRUE(glob_match("*.terms", "a.terms"));
  EXPECT_TRUE(glob_match("*.terms", "deep/dir/a.terms"));  // no `/` in the pattern: any depth
  EXPECT_TRUE(glob_match("drafts/*.terms", "drafts/a.terms"));
  EXPECT_FALSE(glob_match("drafts/*.terms", "drafts/sub/a.terms"));
  EXPECT_FALSE(glob_match("drafts/*.terms", "x/drafts/a.terms"));  // anchored
  EXPECT_TRUE(glob_match("a?c", "abc"));
  EXPECT_FALSE(glob_match("a?c", "a/c"));
}

TEST(Glob, DoubleStarMatchesAnyNumberOfSegments) {
  EXPECT_TRUE(glob_match("vendor/**", "vendor/a.terms"));
  EXPECT_TRUE(glob_match("vendor/**", "vendor/x/y/a.terms"));
  EXPECT_TRUE(glob_match("**/old/*.terms", "old/a.terms"));
  EXPECT_TRUE(glob_match("**/old/*.terms", "x/y/old/a.terms"));
  EXPECT_FALSE(glob_match("**/old/*.terms", "x/older/a.terms"));
  EXPECT_TRUE(glob_match("./drafts/", "drafts"));
}

TEST(Glob, IgnoresCoversDirectoriesAboveAFile) {
  Config c;
  c.ignore = {"drafts", "lib/vendor", "*.old.terms"};
  EXPECT_TRUE(c.ignores("drafts/a.terms"));
  EXPECT_TRUE(c.ignores("x/drafts/y/a.terms"));
  EXPECT_TRUE(c.ignores("lib/vendor/sub/a.terms"));
  EXPECT_FALSE(c.ignores("x/lib/vendor/a.terms"));
  EXPECT_TRUE(c.ignores("deals/a.old.terms"));
  EXPECT_FALSE(c.ignores("deals/a.terms"));
}

}  // namespace
}  // namespace terms
