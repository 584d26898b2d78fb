// L024 builds-on-undated: `builds_on` between a dated and an undated agreement.

#include <fmt/format.h>

#include "dsl/lint/analysis.hpp"
#include "dsl/lint/rules.hpp"

namespace terms::lint::rules {
namespace {

void check(RuleContext& cx) {
  const Workspace& ws = cx.workspace();
  for (const ast::Agreement* agreement : cx.tree().agreements()) {
    const bool dated = agreement->date().has_value();
    for (const ast::Ident* ref : agreement->builds_on()) {
      const ast::Agreement* earlier = ws.lookup_agreement(cx.unit_id(), ref->name);
      if (earlier == nullptr || earlier->date().has_value() == dated) continue;
      if (dated) {
        Diagnostic& d = cx.report(ref->span, fmt::format("agreement `{}` is dated, but `{}`, which it builds on, is not",
                                                         agreement->name.name, ref->name));
        d.with_label("no `signed` or `dated`").with_related(earlier->name.span, "declared here");
        d.with_help(fmt::format("date `{}` (`signed YYYY-MM-DD;` or `dated YYYY-MM-DD;`), so that the order "
                                "of the two can be checked",
                                ref->name));
      } else {
        Diagnostic& d = cx.report(ref->span, fmt::format("agreement `{}` has no date, but `{}`, which it builds on, has one",
                                                         agreement->name.name, ref->name));
        d.with_label("a dated agreement").with_related(earlier->name.span, "declared here");
        d.with_help(fmt::format("date `{}` too (`signed YYYY-MM-DD;` or `dated YYYY-MM-DD;`), so that the order "
                                "of the two can be checked",
                                agreement->name.name));
      }
    }
  }
}

}  // namespace

const Rule builds_on_undated{
    {
        .code = "L024",
        .name = "builds-on-undated",
        .category = "sequencing",
        .severity = Severity::warning,
        .enabled_by_default = true,
        .fixable = false,
        .summary = "`builds_on` between a dated and an undated agreement",
        .what = "An agreement with a `signed` or `dated` line that builds on one without, or the reverse.",
        .why = "`builds_on` names earlier agreements, and building on an agreement dated later is an "
               "error (E0323). When only one of the two has a date, that order cannot be checked, and "
               "the two see different sanctions: a dated agreement those in force on its date, an "
               "undated one every sanction that has not ended.",
        .example = R"terms(party us "United States";
party dprk "Democratic People's Republic of Korea";
benefit new-relations by us "New relations";

agreement statement-2018 "A statement" {
  provide new-relations;
}

agreement follow-up-2019 "A follow-up" {
  signed 2019-02-28;
  builds_on statement-2018;
  provide new-relations;
}
)terms",
        .use_instead = R"terms(party us "United States";
party dprk "Democratic People's Republic of Korea";
benefit new-relations by us "New relations";

agreement statement-2018 "A statement" {
  signed 2018-06-12;
  provide new-relations;
}

agreement follow-up-2019 "A follow-up" {
  signed 2019-02-28;
  builds_on statement-2018;
  provide new-relations;
}
)terms",
    },
    check,
};

}  // namespace terms::lint::rules
