// L022 invalid-suppression: reported by the linter (linter.cpp) from the
// parsed suppression comments; this file holds its registry entry.

#include "dsl/lint/rules.hpp"

namespace terms::lint::rules {

const Rule invalid_suppression{
    {
        .code = "L022",
        .name = "invalid-suppression",
        .category = "suppression",
        .severity = Severity::warning,
        .enabled_by_default = true,
        .fixable = false,
        .summary = "a `# terms:` comment is malformed or names something that is not a lint rule",
        .what = "A comment starting with `# terms:` that is not `# terms: ignore RULE[, RULE]` or "
                "`# terms: ignore-file RULE[, RULE]` (optionally followed by `-- reason`), or one "
                "that names an unknown rule or a front-end diagnostic code (those cannot be "
                "suppressed). A misspelled rule gets a \"did you mean\".",
        .why = "A suppression with a typo suppresses nothing, and without this rule the author "
               "would believe the warning was dealt with on purpose.",
        .example = R"terms(party dprk "Democratic People's Republic of Korea";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon Nuclear Scientific Research Center";

agreement freeze-2020 "A freeze" {
  # terms: ignore unverified-frezee -- verification is agreed separately
  freeze yongbyon;
  expect acceptable;
}
)terms",
        .use_instead = R"terms(party dprk "Democratic People's Republic of Korea";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon Nuclear Scientific Research Center";

agreement freeze-2020 "A freeze" {
  # terms: ignore unverified-freeze -- verification is agreed separately
  freeze yongbyon;
  expect acceptable;
}
)terms",
    },
    nullptr,
};

}  // namespace terms::lint::rules
