#include "engine/report.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "dsl/render.hpp"

namespace terms::engine {

namespace {

struct Style {
  bool on = false;
  std::string paint(std::string_view text, std::string_view code) const {
    if (!on) return std::string(text);
    return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
  }
  std::string bold(std::string_view t) const { return paint(t, "1"); }
  std::string green(std::string_view t) const { return paint(t, "1;32"); }
  std::string yellow(std::string_view t) const { return paint(t, "1;33"); }
  std::string red(std::string_view t) const { return paint(t, "1;31"); }
  std::string blue(std::string_view t) const { return paint(t, "1;34"); }
};

std::string verdict_word(Verdict v, const Style& s) {
  switch (v) {
    case Verdict::acceptable: return s.green("acceptable");
    case Verdict::acceptable_with_reservations: return s.yellow("acceptable with reservations");
    case Verdict::unacceptable: return s.red("unacceptable");
  }
  return "?";
}

std::size_t holding(const AgreementResult& r) {
  return static_cast<std::size_t>(
      std::count_if(r.conditions.begin(), r.conditions.end(), [](const ConditionResult& c) { return c.holds; }));
}

// Display width in code points (table cells hold identifiers and ASCII words,
// but names may be UTF-8).
std::size_t width(std::string_view s) {
  std::size_t w = 0;
  for (unsigned char c : s) w += (c & 0xC0) != 0x80 ? 1 : 0;
  return w;
}

std::string pad(std::string_view s, std::size_t to) {
  std::string out(s);
  for (std::size_t w = width(s); w < to; ++w) out.push_back(' ');
  return out;
}

}  // namespace

std::string location(Span span, const SourceManager& sources) {
  const SourceFile* f = span.valid() ? sources.find(span.file) : nullptr;
  if (!f) return {};
  const LineCol lc = f->line_col(span.begin);
  return fmt::format("{}:{}:{}", f->path(), lc.line, lc.column);
}

std::string render_verdict(const AgreementResult& r, const SourceManager& sources, const ReportOptions& options) {
  const Style s{options.color};
  std::string out = fmt::format("{}: `{}` is {} under `{}` ({} of {} conditions hold)\n", s.bold("verdict"),
                                r.agreement, verdict_word(r.verdict, s), r.profile, holding(r), r.conditions.size());
  out += fmt::format("  {} {}\n", s.blue("-->"), location(r.name_span, sources));
  for (const auto& c : r.conditions) {
    if (c.holds) continue;
    const bool required = c.severity == ast::ConditionSeverity::require;
    out += fmt::format("  {} {} `{}` {}: {}\n", s.blue("="), ast::to_string(c.severity), c.id,
                       required ? s.red("fails") : s.yellow("fails"), c.statement);
    out += fmt::format("      because {}\n", c.reason);
    for (const auto& e : c.evidence) out += fmt::format("      {} {}: {}\n", s.blue("-->"), location(e.span, sources), e.label);
    if (c.omitted > 0) out += fmt::format("      and {} more\n", c.omitted);
  }
  return out;
}

std::string render_not_evaluated(const ast::Agreement& agreement, const SourceManager& sources,
                                 const ReportOptions& options) {
  const Style s{options.color};
  return fmt::format("{}: `{}` was not evaluated: its file or a file it imports has errors\n  {} {}\n",
                     s.bold("verdict"), agreement.name.name, s.blue("-->"), location(agreement.name.span, sources));
}

nlohmann::ordered_json verdict_to_json(const AgreementResult& r, const SourceManager& sources) {
  nlohmann::ordered_json j;
  j["agreement"] = r.agreement;
  const SourceFile* f = r.name_span.valid() ? sources.find(r.name_span.file) : nullptr;
  j["file"] = f ? f->path() : std::string();
  j["range"] = range_to_json(r.name_span, sources);
  j["profile"] = r.profile;
  if (!r.date.empty()) j["date"] = {{"kind", r.date_kind}, {"day", r.date}};
  j["verdict"] = std::string(to_string(r.verdict));
  auto conditions = nlohmann::ordered_json::array();
  for (const auto& c : r.conditions) {
    nlohmann::ordered_json cj;
    cj["id"] = c.id;
    cj["severity"] = std::string(ast::to_string(c.severity));
    cj["statement"] = c.statement;
    cj["formula"] = c.formula;
    cj["holds"] = c.holds;
    cj["reason"] = c.reason;
    auto evidence = nlohmann::ordered_json::array();
    for (const auto& e : c.evidence) {
      nlohmann::ordered_json ej;
      const SourceFile* ef = e.span.valid() ? sources.find(e.span.file) : nullptr;
      ej["file"] = ef ? ef->path() : std::string();
      ej["range"] = range_to_json(e.span, sources);
      ej["label"] = e.label;
      evidence.push_back(std::move(ej));
    }
    cj["evidence"] = std::move(evidence);
    cj["omitted"] = c.omitted;
    conditions.push_back(std::move(cj));
  }
  j["conditions"] = std::move(conditions);
  return j;
}

std::string render_timeline(const Deal& deal) {
  const auto& steps = deal.steps();
  std::vector<std::string> header = {"", "start"};
  for (const auto& st : steps) header.push_back(st.implicit() ? std::string("(no step)") : st.name);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::size_t> group_rows;  // rows that are group titles

  auto add_group = [&](std::string title, const std::vector<std::vector<std::string>>& group) {
    if (group.empty()) return;
    group_rows.push_back(rows.size());
    rows.push_back({std::move(title)});
    for (const auto& g : group) rows.push_back(g);
  };
  // One row: the state at the start, then after each step ("·" when unchanged).
  auto row = [&](std::string_view name, auto state_at, auto describe_state, bool& changes) {
    std::vector<std::string> r = {fmt::format("  {}", name)};
    auto previous = state_at(kStart);
    r.push_back(describe_state(previous));
    changes = false;
    for (std::size_t p = 0; p < steps.size(); ++p) {
      auto now = state_at(static_cast<Position>(p));
      const std::string text = describe_state(now);
      if (text == describe_state(previous)) {
        r.emplace_back("·");
      } else {
        r.push_back(text);
        changes = true;
      }
      previous = now;
    }
    return r;
  };

  std::vector<std::vector<std::string>> group;
  const auto& facilities = deal.things(Domain::facility);
  for (std::uint32_t i = 0; i < facilities.size(); ++i) {
    bool changes = false;
    group.push_back(row(deal.name(facilities[i]), [&](Position at) { return deal.facility_state(i, at); },
                        [](const FacilityState& s) { return describe(s); }, changes));
  }
  add_group("facilities", group);
  group.clear();
  const auto& programs = deal.things(Domain::program);
  for (std::uint32_t i = 0; i < programs.size(); ++i) {
    if (!deal.program_facilities(i).empty()) continue;  // shown through its facilities
    bool changes = false;
    auto r = row(deal.name(programs[i]), [&](Position at) { return deal.program_state(i, at); },
                 [](const FacilityState& s) { return describe(s); }, changes);
    if (changes) group.push_back(std::move(r));
  }
  add_group("programs without facilities", group);
  group.clear();
  const auto& sanctions = deal.things(Domain::sanction);
  for (std::uint32_t i = 0; i < sanctions.size(); ++i) {
    bool changes = false;
    group.push_back(row(deal.name(sanctions[i]), [&](Position at) { return deal.sanction_state(i, at); },
                        [](const SanctionState& s) { return describe(s); }, changes));
  }
  add_group("sanctions", group);
  group.clear();
  const auto& benefits = deal.things(Domain::benefit);
  for (std::uint32_t i = 0; i < benefits.size(); ++i) {
    bool changes = false;
    auto r = row(deal.name(benefits[i]), [&](Position at) { return deal.benefit_state(i, at); },
                 [](const BenefitState& s) { return describe(s); }, changes);
    if (changes) group.push_back(std::move(r));
  }
  add_group("benefits provided", group);

  std::vector<std::size_t> widths(header.size(), 0);
  for (std::size_t c = 0; c < header.size(); ++c) widths[c] = width(header[c]);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (std::find(group_rows.begin(), group_rows.end(), r) != group_rows.end()) continue;
    for (std::size_t c = 0; c < rows[r].size() && c < widths.size(); ++c) widths[c] = std::max(widths[c], width(rows[r][c]));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c + 1 == cells.size()) {
        out += cells[c];
      } else {
        out += pad(cells[c], widths[c]) + "  ";
      }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = line(header);
  for (std::size_t r = 0; r < rows.size(); ++r) out += line(rows[r]);
  return out;
}

namespace {

// `lift sanctions a, b`, `provide hfo`, `dismantle all by x`: what a clause does, in one line.
std::string clause_summary(const ast::Clause& c) {
  std::string out(ast::to_string(c.verb));
  if (ast::takes_sanctions(c.verb)) out += " sanctions";
  switch (c.targets.kind) {
    case ast::Targets::Kind::names:
      for (std::size_t i = 0; i < c.targets.names.size(); ++i) {
        out += fmt::format("{}{}", i == 0 ? " " : ", ", c.targets.names[i].name);
      }
      break;
    case ast::Targets::Kind::all: out += " all"; break;
    case ast::Targets::Kind::all_by: out += fmt::format(" all by {}", c.targets.by ? c.targets.by->name : ""); break;
  }
  return out;
}

// The day a deadline falls on: `within` counts from `start`.
std::optional<Date> deadline_on(const Date& start, const ast::Duration& d) {
  switch (d.unit) {
    case ast::DurationUnit::day: return start.plus_days(static_cast<std::int64_t>(d.amount));
    case ast::DurationUnit::week: return start.plus_days(static_cast<std::int64_t>(d.amount) * 7);
    case ast::DurationUnit::month: return start.plus_months(d.amount);
    case ast::DurationUnit::year: return start.plus_months(d.amount * 12);
    case ast::DurationUnit::unknown: break;
  }
  return std::nullopt;
}

// Deadlines on the calendar: `within` counts from the start of its step, and
// the first step starts on the agreement's date. Later steps start when the
// steps they follow are done, which no text says, so their deadlines stay
// relative. Empty when no clause has `within`.
std::string render_deadlines(const Deal& deal) {
  std::vector<std::pair<std::string, std::string>> rows;
  for (std::size_t i = 0; i < deal.steps().size(); ++i) {
    const DealStep& st = deal.steps()[i];
    for (std::uint32_t ci : st.clauses) {
      const DealClause& dc = deal.clauses()[ci];
      if (dc.syntax == nullptr) continue;
      const ast::Modifier* m = dc.syntax->find(ast::Modifier::Kind::within);
      if (m == nullptr || !m->duration) continue;
      const ast::Duration& d = *m->duration;
      const std::string span = fmt::format("{} {}", d.amount, d.unit_text);
      std::string when;
      const std::optional<Date> on = i == 0 && deal.date() ? deadline_on(*deal.date(), d) : std::nullopt;
      if (on) {
        when = fmt::format("by {}", on->to_string());
      } else if (st.implicit()) {
        when = i == 0 ? fmt::format("{} after the agreement starts", span)
                      : fmt::format("{} after the clauses outside any step start", span);
      } else {
        when = fmt::format("{} after step `{}` starts", span, st.name);
      }
      std::string what = clause_summary(*dc.syntax);
      if (on) what += fmt::format(" (within {} of {})", span, deal.date()->to_string());
      rows.emplace_back(std::move(when), std::move(what));
    }
  }
  if (rows.empty()) return {};
  std::size_t w = 0;
  for (const auto& r : rows) w = std::max(w, width(r.first));
  std::string out;
  for (const auto& r : rows) out += fmt::format("  {}  {}\n", pad(r.first, w), r.second);
  return out;
}

}  // namespace

std::string render_explanation(const AgreementResult& r, const Deal& deal, const SourceManager& sources,
                               const ReportOptions& options) {
  const Style s{options.color};
  const ast::Agreement& a = deal.agreement();
  std::string out;
  out += fmt::format("{} `{}`{}\n", s.bold("agreement"), a.name.name,
                     a.title ? fmt::format(" \"{}\"", a.title->value) : std::string());
  out += fmt::format("  {} {}\n", s.blue("-->"), location(a.name.span, sources));
  if (deal.date()) {
    const auto items = a.date_items();
    const bool dated = !items.empty() && items.front()->kind == ast::AgreementDate::Kind::dated;
    out += fmt::format("{} {}{}\n", dated ? "dated" : "signed", deal.date()->to_string(),
                       dated ? " (an offer or a draft, never signed)" : "");
  }
  out += fmt::format("verdict under `{}`: {} ({} of {} conditions hold)\n\n", r.profile, verdict_word(r.verdict, s),
                     holding(r), r.conditions.size());

  out += s.bold("steps, in order") + "\n";
  if (deal.steps().empty()) out += "  (none: the agreement has no clauses)\n";
  for (std::size_t i = 0; i < deal.steps().size(); ++i) {
    const DealStep& st = deal.steps()[i];
    std::string after;
    if (st.syntax && !st.syntax->after.empty()) {
      for (const auto& n : st.syntax->after) after += fmt::format("{}`{}`", after.empty() ? "" : ", ", n.name);
      after = fmt::format(", after {}", after);
    }
    const std::string title = st.syntax && st.syntax->title ? fmt::format(" \"{}\"", st.syntax->title->value) : "";
    out += fmt::format("  {}. {}{}{} ({} clause{})\n", i + 1,
                       st.implicit() ? std::string("the clauses outside any step") : fmt::format("`{}`", st.name),
                       title, after, st.clauses.size(), st.clauses.size() == 1 ? "" : "s");
  }
  if (const std::string deadlines = render_deadlines(deal); !deadlines.empty()) {
    out += fmt::format("\n{} (`within` counts from the start of its step{})\n", s.bold("deadlines"),
                       deal.date() ? "; the first step starts on the agreement's date" : "");
    out += deadlines;
  }
  std::string side;
  for (EntityId p : deal.sanctioned_parties()) side += fmt::format("{}`{}`", side.empty() ? "" : ", ", deal.name(p));
  out += fmt::format("\n{} {}\n", s.bold("the sanctioned side:"),
                     side.empty() ? std::string("nobody (no clause declares, freezes or dismantles anything)") : side);

  out += fmt::format("\n{} (at the start and after each step; · = unchanged)\n", s.bold("timeline"));
  out += render_timeline(deal);

  out += fmt::format("\n{} of `{}`\n", s.bold("conditions"), r.profile);
  for (const auto& c : r.conditions) {
    const bool required = c.severity == ast::ConditionSeverity::require;
    const std::string verdict = c.holds ? s.green("holds") : required ? s.red("fails") : s.yellow("fails");
    out += fmt::format("\n{} `{}` {}: {}\n", ast::to_string(c.severity), c.id, verdict, c.statement);
    out += fmt::format("  rule: {}\n", c.formula);
    out += fmt::format("  why:  {}\n", c.reason);
    bool first = true;
    for (const auto& e : c.evidence) {
      out += fmt::format("  {} {}: {}\n", first ? "see: " : "     ", location(e.span, sources), e.label);
      first = false;
    }
    if (c.omitted > 0) out += fmt::format("        and {} more\n", c.omitted);
  }
  return out;
}

std::string render_profile(const CompiledProfile& profile, bool is_default) {
  std::string out = fmt::format("{}{}", profile.name, is_default ? " (default)" : "");
  if (!profile.title.empty()) out += fmt::format(": {}", profile.title);
  out += "\n";
  for (const auto& c : profile.conditions) {
    out += fmt::format("  {} {}: {}\n", ast::to_string(c.severity), c.id, c.statement);
    out += fmt::format("      {}\n", c.formula_text);
  }
  return out;
}

}  // namespace terms::engine
