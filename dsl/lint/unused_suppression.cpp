// L021 unused-suppression: reported by the linter (linter.cpp), which knows
// which suppressions silenced something; this file holds its registry entry.

#include "dsl/lint/rules.hpp"

namespace terms::lint::rules {

const Rule unused_suppression{
    {
        .code = "L021",
        .name = "unused-suppression",
        .category = "suppression",
        .severity = Severity::warning,
        .enabled_by_default = true,
        .fixable = true,
        .summary = "a `# terms: ignore` comment names a rule that reports nothing there",
        .what = "A rule named in a `# terms: ignore` or `# terms: ignore-file` comment that did not "
                "report anything the comment covers. Rules turned off in terms.json are not "
                "reported. The fix removes the name, or the whole comment when it names only that "
                "rule.",
        .why = "Suppressions outlive the problem they hid: once the clause is fixed, the comment "
               "stays and will silently hide the next, real problem on that line. Reporting them "
               "keeps every suppression a deliberate, current decision.",
        .example = R"terms(party dprk "Democratic People's Republic of Korea";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon Nuclear Scientific Research Center";

agreement freeze-2020 "A freeze" {
  # terms: ignore unverified-freeze -- inspectors return in step 2
  freeze yongbyon verified by iaea;
  expect acceptable;
}
)terms",
        .use_instead = R"terms(party dprk "Democratic People's Republic of Korea";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon Nuclear Scientific Research Center";

agreement freeze-2020 "A freeze" {
  freeze yongbyon verified by iaea;
  expect acceptable;
}
)terms",
    },
    nullptr,
};

}  // namespace terms::lint::rules
