// The registry: one sorted table, stable unique codes and names, complete
// documentation, and docs/lint.md generated from it.

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "dsl/lint/analysis.hpp"
#include "dsl/lint/lint.hpp"

namespace terms::lint {
namespace {

TEST(LintRegistry, HasAtLeastFifteenRulesSortedByCodeWithUniqueCodesAndNames) {
  const auto rules = all_rules();
  ASSERT_GE(rules.size(), 15u);
  std::set<std::string_view> codes;
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const RuleInfo& r = rules[i]->info;
    EXPECT_TRUE(std::regex_match(std::string(r.code), std::regex("L[0-9]{3}"))) << r.code;
    EXPECT_TRUE(is_kebab_case(r.name)) << r.name;
    EXPECT_TRUE(codes.insert(r.code).second) << "duplicate code " << r.code;
    EXPECT_TRUE(names.insert(r.name).second) << "duplicate name " << r.name;
    if (i > 0) {
      EXPECT_LT(rules[i - 1]->info.code, r.code) << "the table must be sorted by code";
    }
  }
}

TEST(LintRegistry, EveryRuleIsDocumentedAndInAKnownCategory) {
  const auto cats = categories();
  for (const Rule* rule : all_rules()) {
    const RuleInfo& r = rule->info;
    EXPECT_NE(std::find(cats.begin(), cats.end(), r.category), cats.end()) << r.name << ": " << r.category;
    EXPECT_FALSE(r.summary.empty()) << r.name;
    EXPECT_FALSE(r.what.empty()) << r.name;
    EXPECT_FALSE(r.why.empty()) << r.name;
    EXPECT_FALSE(r.example.empty()) << r.name;
    EXPECT_FALSE(r.use_instead.empty()) << r.name;
    EXPECT_NE(r.example, r.use_instead) << r.name;
    // Messages and summaries follow the house style: lowercase, no final period.
    EXPECT_TRUE(r.summary.front() < 'A' || r.summary.front() > 'Z') << r.name;
    EXPECT_NE(r.summary.back(), '.') << r.name;
  }
}

TEST(LintRegistry, FindsRulesByCodeAndByName) {
  ASSERT_NE(find_rule("L005"), nullptr);
  EXPECT_EQ(find_rule("L005"), find_rule("unverified-freeze"));
  EXPECT_EQ(find_rule("unverified-frezee"), nullptr);
  EXPECT_EQ(find_rule("E0204"), nullptr);
}

TEST(LintRegistry, SettingsFollowTheConfigurationRuleFirstThenCategory) {
  Config config;
  config.categories["style"] = RuleLevel::off;
  config.rules["L013"] = RuleLevel::error;               // missing-title, a style rule
  config.rules["L011"] = RuleLevel::warning;             // the opt-in rule, turned on
  const Settings s = Settings::from(config);
  EXPECT_EQ(s.level("missing-title"), RuleLevel::error);
  EXPECT_EQ(s.level("naming-convention"), RuleLevel::off);
  EXPECT_EQ(s.level("relief-without-deadline"), RuleLevel::warning);
  EXPECT_EQ(s.level("unverified-freeze"), RuleLevel::warning);
  EXPECT_EQ(Settings::defaults().level("relief-without-deadline"), RuleLevel::off);
  EXPECT_EQ(Settings::defaults().level("retained-but-lifted"), RuleLevel::error);
}

TEST(LintRegistry, DocsLintMdHoldsTheGeneratedRuleSections) {
  std::ifstream in(std::string(TERMS_SOURCE_DIR) + "/docs/lint.md");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string doc = buffer.str();
  const std::size_t begin_marker = doc.find("<!-- BEGIN RULES");
  const std::size_t end_marker = doc.find("<!-- END RULES");
  ASSERT_NE(begin_marker, std::string::npos) << "docs/lint.md has no BEGIN RULES marker";
  ASSERT_NE(end_marker, std::string::npos) << "docs/lint.md has no END RULES marker";
  const std::size_t begin = doc.find('\n', begin_marker) + 1;
  EXPECT_EQ(doc.substr(begin, end_marker - begin), rules_markdown())
      << "docs/lint.md is out of date: run tools/update-lint-docs.sh and review the diff";
}

TEST(LintRegistry, AnchorsAreGitHubHeadingAnchors) {
  EXPECT_EQ(docs_anchor(find_rule("L001")->info), "l001-duplicate-clause");
  EXPECT_NE(explain_markdown(find_rule("L001")->info).find("### L001 duplicate-clause\n"), std::string::npos);
}

}  // namespace
}  // namespace terms::lint
