// textDocument/hover and textDocument/definition: what a name is and where it
// is declared, what a clause does to the state, what a condition says.
#include <algorithm>

#include <fmt/format.h>

#include "lsp/describe.hpp"
#include "lsp/features.hpp"

namespace terms::lsp {

namespace {

// Finds the innermost agreement item at `offset` in the root file.
struct ItemAt {
  const ast::Agreement* agreement = nullptr;
  const ast::Step* step = nullptr;
  const ast::Clause* clause = nullptr;
  const ast::Expectation* expectation = nullptr;
  const ast::Decl* decl = nullptr;
  const ast::Profile* profile = nullptr;
  const ast::Condition* condition = nullptr;
};

bool contains(Span s, std::uint32_t offset) { return s.valid() && offset >= s.begin && offset <= s.end; }

ItemAt item_at(const ast::File& file, std::uint32_t offset) {
  ItemAt at;
  for (const auto& item : file.items) {
    if (const auto* d = std::get_if<ast::Decl>(&item)) {
      if (contains(d->span, offset)) at.decl = d;
    } else if (const auto* p = std::get_if<std::shared_ptr<ast::Profile>>(&item)) {
      if (!*p || !contains((*p)->span, offset)) continue;
      at.profile = p->get();
      for (const auto& c : (*p)->conditions) {
        if (contains(c.span, offset)) at.condition = &c;
      }
    } else if (const auto* a = std::get_if<ast::Agreement>(&item)) {
      if (!contains(a->span, offset)) continue;
      at.agreement = a;
      for (const auto& ai : a->items) {
        if (const auto* s = std::get_if<ast::Step>(&ai)) {
          if (!contains(s->span, offset)) continue;
          at.step = s;
          for (const auto& c : s->clauses) {
            if (contains(c.span, offset)) at.clause = &c;
          }
        } else if (const auto* c = std::get_if<ast::Clause>(&ai)) {
          if (contains(c->span, offset)) at.clause = c;
        } else if (const auto* e = std::get_if<ast::Expectation>(&ai)) {
          if (contains(e->span, offset)) at.expectation = e;
        }
      }
    }
  }
  return at;
}

json markup(std::string text, bool markdown, const SourceFile& root, Span range) {
  if (!markdown) {
    // Plain text: drop the code fences, keep their contents.
    std::string plain;
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t nl = text.find('\n', pos);
      if (nl == std::string::npos) nl = text.size();
      std::string_view line(text.data() + pos, nl - pos);
      if (line.substr(0, 3) != "```") {
        plain.append(line);
        plain.push_back('\n');
      }
      pos = nl + 1;
    }
    while (!plain.empty() && plain.back() == '\n') plain.pop_back();
    for (char& c : plain) {
      if (c == '`') c = '\'';
    }
    text = std::move(plain);
  }
  json out{{"contents", {{"kind", markdown ? "markdown" : "plaintext"}, {"value", std::move(text)}}}};
  if (range.valid() && range.file == root.id()) out["range"] = range_of(root, range.begin, range.end);
  return out;
}

}  // namespace

json hover(const Analysis& analysis, std::uint32_t offset, bool markdown) {
  const SourceFile& root = analysis.root_source();
  const Describer describe(analysis);
  if (const Occurrence* o = analysis.occurrence_at(offset)) {
    return markup(describe.occurrence(*o), markdown, root, o->span);
  }
  const ItemAt at = item_at(analysis.root_unit().tree, offset);
  if (at.clause != nullptr) return markup(describe.clause(*at.clause), markdown, root, at.clause->span);
  if (at.agreement != nullptr) {
    for (const auto& ai : at.agreement->items) {
      if (const auto* d = std::get_if<ast::AgreementDate>(&ai); d != nullptr && contains(d->span, offset)) {
        const bool dated = d->kind == ast::AgreementDate::Kind::dated;
        return markup(fmt::format("**{}** {}: {}. The agreement sees the sanctions in force on this day (for `all`, "
                                  "\"in force at start\" and shares), and the deadlines of its first step count "
                                  "from it.",
                                  dated ? "dated" : "signed",
                                  d->date.date ? d->date.date->to_string() : std::string("(not a day of the calendar)"),
                                  dated ? "the date of an offer or a draft that was never signed"
                                        : "the day the agreement was concluded"),
                      markdown, root, d->span);
      }
      const auto* b = std::get_if<ast::BuildsOn>(&ai);
      if (b == nullptr || !contains(b->span, offset)) continue;
      return markup("**builds_on**: the agreements this one follows from; the `builds-on-previous` condition "
                    "of the default profile prefers at least one.",
                    markdown, root, b->span);
    }
  }
  if (at.expectation != nullptr) {
    return markup(describe.expectation(*at.expectation), markdown, root, at.expectation->span);
  }
  if (at.step != nullptr && contains(at.step->header_span, offset)) {
    return markup(describe.step(*at.agreement, *at.step), markdown, root, at.step->header_span);
  }
  if (at.agreement != nullptr && contains(at.agreement->header_span, offset)) {
    return markup(describe.agreement(*at.agreement), markdown, root, at.agreement->header_span);
  }
  if (at.condition != nullptr) {
    return markup(describe.condition(*at.profile, *at.condition), markdown, root, at.condition->span);
  }
  if (at.decl != nullptr && contains(at.decl->keyword_span, offset)) {
    return markup(describe.decl_keyword(at.decl->kind), markdown, root, at.decl->keyword_span);
  }
  return nullptr;
}

json definition(const Analysis& analysis, std::uint32_t offset) {
  const Occurrence* o = analysis.occurrence_at(offset);
  if (o == nullptr || !o->declaration.valid()) return nullptr;
  return location_of(analysis.sources(), o->declaration);
}

json references(const Analysis& project, std::uint32_t offset, bool include_declaration) {
  json out = json::array();
  const Occurrence* target = project.occurrence_at(offset);
  if (target == nullptr) return out;
  const std::string key = target->key;
  const Workspace& ws = project.workspace();
  std::vector<Span> spans;
  for (UnitId unit = 0; unit < ws.unit_count(); ++unit) {
    for (const Occurrence& o : project.occurrences(unit)) {
      if (o.key != key) continue;
      if (o.is_declaration && !include_declaration) continue;
      spans.push_back(o.span);
    }
  }
  // Files come in load order; sort by file path, then position.
  auto path_of = [&](const Span& s) -> const std::string& { return project.sources().get(s.file).path(); };
  std::sort(spans.begin(), spans.end(), [&](const Span& a, const Span& b) {
    if (a.file != b.file) return path_of(a) < path_of(b);
    return a.begin < b.begin;
  });
  spans.erase(std::unique(spans.begin(), spans.end()), spans.end());
  for (const Span& s : spans) out.push_back(location_of(project.sources(), s));
  return out;
}

}  // namespace terms::lsp
