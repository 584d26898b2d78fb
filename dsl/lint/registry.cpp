// The one table of lint rules, sorted by code (a unit test checks the order
// and that codes and names are unique), and the documentation renderer.

#include <array>

#include <fmt/format.h>

#include "dsl/lint/lint.hpp"
#include "dsl/lint/rules.hpp"

namespace terms::lint {

namespace {

constexpr std::array<const Rule*, 24> kRules = {
    &rules::duplicate_clause,             // L001
    &rules::duplicate_target,             // L002
    &rules::retained_but_lifted,          // L003
    &rules::contradictory_expectations,   // L004
    &rules::unverified_freeze,            // L005
    &rules::unnamed_verifier,             // L006
    &rules::self_verification,            // L007
    &rules::empty_step,                   // L008
    &rules::relief_without_concession,    // L009
    &rules::relief_due_before_concession, // L010
    &rules::relief_without_deadline,      // L011
    &rules::after_later_step,             // L012
    &rules::missing_title,                // L013
    &rules::naming_convention,            // L014
    &rules::missing_sanctions_keyword,    // L015
    &rules::duplicate_expectation,        // L016
    &rules::all_with_few_sanctions,       // L017
    &rules::unused_declaration,           // L018
    &rules::unused_import,                // L019
    &rules::missing_expectation,          // L020
    &rules::unused_suppression,           // L021
    &rules::invalid_suppression,          // L022
    &rules::vacuous_every,                // L023
    &rules::builds_on_undated,            // L024
};

constexpr std::array<std::string_view, 6> kCategories = {"correctness", "verification", "sequencing",
                                                         "style",       "library",      "suppression"};

// Wraps a paragraph at `width` columns (words are never split).
std::string wrap(std::string_view text, std::size_t width) {
  std::string out;
  std::size_t column = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    std::size_t j = i;
    while (j < text.size() && text[j] != ' ') ++j;
    if (j == i) break;
    const std::string_view word = text.substr(i, j - i);
    if (column > 0 && column + 1 + word.size() > width) {
      out += '\n';
      column = 0;
    } else if (column > 0) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    i = j;
  }
  return out;
}

}  // namespace

std::span<const Rule* const> all_rules() { return kRules; }

std::span<const std::string_view> categories() { return kCategories; }

const Rule* find_rule(std::string_view code_or_name) {
  for (const Rule* r : kRules) {
    if (r->info.code == code_or_name || r->info.name == code_or_name) return r;
  }
  return nullptr;
}

ConfigVocabulary config_vocabulary() {
  ConfigVocabulary v;
  for (const Rule* r : kRules) v.rules.push_back({r->info.code, r->info.name, r->info.category});
  v.categories.assign(kCategories.begin(), kCategories.end());
  return v;
}

RuleLevel default_level(const RuleInfo& rule) {
  return rule.enabled_by_default ? level_of_severity(rule.severity) : RuleLevel::off;
}

Settings Settings::defaults() {
  Settings s;
  for (const Rule* r : kRules) s.levels.push_back(default_level(r->info));
  return s;
}

Settings Settings::from(const Config& config) {
  Settings s;
  for (const Rule* r : kRules) {
    s.levels.push_back(config.level_of(r->info.code, r->info.category, default_level(r->info)));
  }
  return s;
}

RuleLevel Settings::level(std::string_view code_or_name) const {
  for (std::size_t i = 0; i < kRules.size(); ++i) {
    if (kRules[i]->info.code == code_or_name || kRules[i]->info.name == code_or_name) return levels.at(i);
  }
  return RuleLevel::off;
}

std::string docs_anchor(const RuleInfo& rule) {
  std::string out = fmt::format("{}-{}", rule.code, rule.name);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string explain_markdown(const RuleInfo& rule) {
  std::string out = fmt::format("### {} {}\n\n", rule.code, rule.name);
  const std::string level = rule.enabled_by_default
                                ? std::string(to_string(rule.severity))
                                : fmt::format("off (opt-in; reports as {} when turned on)", to_string(rule.severity));
  out += fmt::format("Category: {}. Default level: {}. Fix available: {}.\n\n", rule.category, level,
                     rule.fixable ? "yes" : "no");
  out += wrap(fmt::format("**What it checks.** {}", rule.what), 80) + "\n\n";
  out += wrap(fmt::format("**Why.** {}", rule.why), 80) + "\n\n";
  out += fmt::format("**Example** (the rule reports this file):\n\n```terms\n{}```\n\n", rule.example);
  out += fmt::format("**Use instead:**\n\n```terms\n{}```\n", rule.use_instead);
  return out;
}

std::string rules_markdown() {
  std::string out = "| code | name | category | default level | fix |\n| --- | --- | --- | --- | --- |\n";
  for (const Rule* r : kRules) {
    const RuleInfo& i = r->info;
    out += fmt::format("| [{}](#{}) | {} | {} | {} | {} |\n", i.code, docs_anchor(i), i.name, i.category,
                       to_string(default_level(i)), i.fixable ? "yes" : "no");
  }
  for (const Rule* r : kRules) {
    out += '\n';  // appended apart: g++ 12 -O3 warns (-Wrestrict, a false positive) on "\n" + std::string
    out += explain_markdown(r->info);
  }
  return out;
}

}  // namespace terms::lint
