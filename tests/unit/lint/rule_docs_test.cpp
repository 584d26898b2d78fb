// Every rule's documented example makes it fire, and the documented "use
// instead" does not: the docs cannot drift from what the rules do. Fixes are
// checked the same way: applying them removes the diagnostic and leaves a
// file without errors.

#include <gtest/gtest.h>

#include "tests/unit/lint/lint_fixture.hpp"

namespace terms::lint {
namespace {

using testing::LintRun;

// The examples of unused-import import this file.
const std::vector<std::pair<std::string, std::string>> kSupport = {
    {"korea.terms", "party rok \"Republic of Korea\";\nbenefit inter-korean-trade by rok \"Inter-Korean trade\";\n"}};

class RuleDocs : public ::testing::TestWithParam<const Rule*> {};

TEST_P(RuleDocs, ExampleFiresAndUseInsteadDoesNot) {
  const RuleInfo& rule = GetParam()->info;
  LintRun example(std::string(rule.example), testing::all_rules_on(), kSupport);
  EXPECT_TRUE(example.front_end.all().empty()) << rule.name << ": the example has front-end diagnostics";
  EXPECT_TRUE(example.fired(rule.code)) << rule.name << ": the example does not make the rule fire";
  LintRun instead(std::string(rule.use_instead), testing::all_rules_on(), kSupport);
  EXPECT_TRUE(instead.front_end.all().empty()) << rule.name << ": the use-instead file has front-end diagnostics";
  EXPECT_FALSE(instead.fired(rule.code)) << rule.name << ": the rule fires on its own use-instead file";
}

TEST_P(RuleDocs, FixesRemoveTheDiagnosticAndKeepTheFileValid) {
  const RuleInfo& rule = GetParam()->info;
  LintRun example(std::string(rule.example), testing::all_rules_on(), kSupport);
  std::vector<const Fix*> fixes;
  for (const Diagnostic* d : example.of(rule.code)) {
    if (d->fix) fixes.push_back(&*d->fix);
  }
  if (!rule.fixable) {
    EXPECT_TRUE(fixes.empty()) << rule.name << " says it has no fix but attaches one";
    return;
  }
  ASSERT_FALSE(fixes.empty()) << rule.name << " says it has a fix but attaches none";
  const std::string fixed = testing::apply_fixes(example.text(), fixes);
  LintRun after(fixed, testing::all_rules_on(), kSupport);
  EXPECT_TRUE(after.front_end.all().empty()) << rule.name << ": the fixed file has errors:\n" << fixed;
  EXPECT_FALSE(after.fired(rule.code)) << rule.name << ": the rule still fires after its fix:\n" << fixed;
}

std::string name_of(const ::testing::TestParamInfo<const Rule*>& info) {
  std::string n = std::string(info.param->info.code) + "_";
  for (char c : info.param->info.name) n += c == '-' ? '_' : c;
  return n;
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleDocs, ::testing::ValuesIn(all_rules().begin(), all_rules().end()), name_of);

}  // namespace
}  // namespace terms::lint
