// L003 retained-but-lifted: a sanction retained in a step where it is no
// longer in force (lifted or suspended in that step or an earlier one).

#include <map>

#include <fmt/format.h>

#include "dsl/lint/analysis.hpp"
#include "dsl/lint/rules.hpp"

namespace terms::lint::rules {
namespace {

struct Relief {
  std::size_t rank = 0;  // the step's place in the run order
  const ast::Clause* clause = nullptr;
  std::string_view step;
};

// Where a clause names a sanction: the name itself, or the whole `all` target.
Span mention(const ast::Clause& clause, std::string_view name) {
  for (const ast::Ident& n : clause.targets.names) {
    if (n.name == name) return n.span;
  }
  return clause.targets.span;
}

void check(RuleContext& cx) {
  const Workspace& ws = cx.workspace();
  for (const ast::Agreement* agreement : cx.tree().agreements()) {
    const std::vector<StepView>& steps = steps_of(cx, *agreement);
    const std::vector<std::size_t> order = run_order(steps);
    std::vector<std::size_t> rank(steps.size());
    for (std::size_t i = 0; i < order.size(); ++i) rank[order[i]] = i;

    // The first lift or suspend of each sanction, in run order.
    std::map<EntityId, Relief> relieved;
    for (std::size_t r = 0; r < order.size(); ++r) {
      const StepView& step = steps[order[r]];
      for (const ast::Clause* clause : step.clauses) {
        if (clause->verb != ast::Verb::lift && clause->verb != ast::Verb::suspend) continue;
        for (EntityId id : target_entities(cx, *clause)) relieved.emplace(id, Relief{r, clause, step.name()});
      }
    }
    for (std::size_t s = 0; s < steps.size(); ++s) {
      for (const ast::Clause* clause : steps[s].clauses) {
        if (clause->verb != ast::Verb::retain) continue;
        for (EntityId id : target_entities(cx, *clause)) {
          auto it = relieved.find(id);
          if (it == relieved.end() || it->second.rank > rank[s]) continue;
          const Relief& relief = it->second;
          const std::string_view name = ws.entity(id).name;
          const std::string_view verb = relief.clause->verb == ast::Verb::lift ? "lifted" : "suspended";
          const bool same_step = relief.rank == rank[s];
          const std::string message =
              same_step ? fmt::format("sanction `{}` is retained and {} in the same step", name, verb)
                        : fmt::format("sanction `{}` is retained after step `{}` has {} it", name, relief.step,
                                      verb == "lifted" ? "lifted" : "suspended");
          Diagnostic& d = cx.report(mention(*clause, name), message);
          d.with_label("retained here").with_related(mention(*relief.clause, name), fmt::format("{} here", verb));
          d.with_help(fmt::format(
              "a sanction cannot stay in force and be {} at once: remove it from one of the two clauses, or "
              "use `ease` for relief that keeps it in force",
              verb));
        }
      }
    }
  }
}

}  // namespace

const Rule retained_but_lifted{
    {
        .code = "L003",
        .name = "retained-but-lifted",
        .category = "correctness",
        .severity = Severity::error,
        .enabled_by_default = true,
        .fixable = false,
        .summary = "a sanction is retained in the step that lifts or suspends it, or after",
        .what = "A `retain` clause naming a sanction that a `lift` or `suspend` clause takes out of "
                "force in the same step or in a step that runs earlier. `all` and `all by PARTY` "
                "count as naming every sanction they cover. Retaining a sanction first and lifting "
                "it in a later step is a normal sequence and is not reported.",
        .why = "`retain` tells the reader that the sanction stays in force, and the `sanctions-retained` "
               "condition of the default profile counts on it; `lift` and `suspend` say the opposite. "
               "An agreement that says both cannot be read one way, and the verdict depends on which "
               "clause the reader believes. The usual cause is `lift sanctions all` written next to the "
               "sanctions meant to stay.",
        .example = R"terms(party us "United States";
party unsc "UN Security Council";
sanction unsc-2397 by unsc "Resolution 2397 (2017)";
sanction us-primary by us "US primary sanctions";

agreement relief-2020 "Relief" {
  lift sanctions all;
  retain sanctions us-primary;
  expect acceptable;
}
)terms",
        .use_instead = R"terms(party us "United States";
party unsc "UN Security Council";
sanction unsc-2397 by unsc "Resolution 2397 (2017)";
sanction us-primary by us "US primary sanctions";

agreement relief-2020 "Relief" {
  lift sanctions unsc-2397;
  retain sanctions us-primary;
  expect acceptable;
}
)terms",
    },
    check,
};

}  // namespace terms::lint::rules
