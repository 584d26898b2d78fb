// textDocument/completion: keywords where they fit, and the names in scope of
// the kind the position expects (after `dismantle` the facilities and
// programs, after `sanctions` the sanctions, after `verified by` the
// verifiers and parties...).
//
// The context comes from a light scan of the text before the cursor (words,
// braces, `;` and `,`; comments and strings skipped), not from the syntax
// tree: the statement being typed is usually incomplete and did not parse.
// The names come from the last analysis, whose declarations did parse.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "lsp/describe.hpp"
#include "lsp/features.hpp"

namespace terms::lsp {

namespace {

namespace item_kind {
inline constexpr int value = 12, keyword = 14, unit = 11, class_ = 7, interface = 8, module = 9, struct_ = 22,
                     constant = 21, reference = 18, event = 23, enum_member = 20;
}

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         static_cast<unsigned char>(c) >= 0x80;
}

enum class Block : std::uint8_t { top, agreement, step, profile, other };

// What the scan of the text before the cursor found.
struct Context {
  std::vector<Block> blocks{Block::top};
  std::vector<std::string> statement;  // words and "," of the statement being written
  std::uint32_t partial_begin = 0;     // start of the word under the cursor
  bool in_comment_or_string = false;
};

Context scan(std::string_view text, std::uint32_t offset) {
  Context ctx;
  std::size_t i = 0;
  const std::size_t end = std::min<std::size_t>(offset, text.size());
  while (i < end) {
    const char c = text[i];
    if (c == '#') {
      const std::size_t nl = text.find('\n', i);
      if (nl == std::string_view::npos || nl >= end) {
        ctx.in_comment_or_string = true;
        break;
      }
      i = nl + 1;
      continue;
    }
    if (c == '"') {
      std::size_t j = i + 1;
      while (j < end && text[j] != '"' && text[j] != '\n') j += text[j] == '\\' ? 2 : 1;
      if (j >= end) {
        ctx.in_comment_or_string = true;
        break;
      }
      i = j + 1;
      continue;
    }
    if (c == '{') {
      const std::string first = ctx.statement.empty() ? std::string() : ctx.statement.front();
      Block b = Block::other;
      if (first == "agreement") b = Block::agreement;
      if (first == "step") b = Block::step;
      if (first == "profile") b = Block::profile;
      ctx.blocks.push_back(b);
      ctx.statement.clear();
      ++i;
      continue;
    }
    if (c == '}') {
      if (ctx.blocks.size() > 1) ctx.blocks.pop_back();
      ctx.statement.clear();
      ++i;
      continue;
    }
    if (c == ';') {
      ctx.statement.clear();
      ++i;
      continue;
    }
    if (c == ',') {
      ctx.statement.emplace_back(",");
      ++i;
      continue;
    }
    if (is_word_char(c)) {
      std::size_t j = i;
      while (j < end && is_word_char(text[j])) ++j;
      if (j == end) break;  // the word under the cursor: the client's filter text
      ctx.statement.emplace_back(text.substr(i, j - i));
      i = j;
      continue;
    }
    ++i;
  }
  std::size_t p = end;
  while (p > 0 && is_word_char(text[p - 1])) --p;
  ctx.partial_begin = static_cast<std::uint32_t>(p);
  return ctx;
}

bool is_verb(std::string_view w) {
  static const std::set<std::string_view> verbs{"declare", "freeze", "dismantle", "lift",   "ease",
                                                "suspend", "retain", "provide",   "convert", "remove"};
  return verbs.count(w) != 0;
}

bool is_number(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

class Completer {
 public:
  Completer(const Analysis& analysis, std::uint32_t offset)
      : analysis_(analysis), ws_(analysis.workspace()), offset_(offset), describe_(analysis) {}

  json run() {
    const std::string_view text = analysis_.root_source().text();
    const Context ctx = scan(text, offset_);
    partial_begin_ = ctx.partial_begin;
    if (!ctx.in_comment_or_string) complete(ctx);
    return json{{"isIncomplete", false}, {"items", std::move(items_)}};
  }

 private:
  void complete(const Context& ctx) {
    const Block block = ctx.blocks.back();
    const auto& s = ctx.statement;
    if (s.empty()) {
      switch (block) {
        case Block::top:
          keywords({"import", "party", "verifier", "program", "facility", "sanction", "benefit", "material",
                    "agreement", "profile"});
          return;
        case Block::agreement:
          keywords({"step", "builds_on", "expect", "sanctioned", "signed", "dated"});
          verbs();
          return;
        case Block::step: verbs(); return;
        case Block::profile: keywords({"require", "prefer"}); return;
        case Block::other: return;
      }
    }
    const std::string& first = s.front();
    const std::string& last = s.back();
    if (block == Block::top) {
      // program ID of PARTY kind KIND; facility ID in PROGRAM; sanction|benefit ID by PARTY
      if (first == "program" && s.size() == 2) keywords({"of"});
      if (first == "program" && last == "of") entities(ast::DeclKind::party);
      if (first == "program" && s.size() == 4) keywords({"kind"});
      if (first == "program" && last == "kind") program_kinds();
      if ((first == "facility" || first == "material") && s.size() == 2) keywords({"in"});
      if ((first == "facility" || first == "material") && last == "in") entities(ast::DeclKind::program);
      if (first == "verifier" && s.size() == 2) keywords({"of"});
      if (first == "verifier" && last == "of") entities(ast::DeclKind::party);
      if ((first == "sanction" || first == "benefit") && s.size() == 2) keywords({"by"});
      if ((first == "sanction" || first == "benefit") && last == "by") entities(ast::DeclKind::party);
      // sanction ID by PARTY [weight NUMBER] [since DATE] [until DATE]: the parts not yet written, in order.
      if (first == "sanction" && s.size() >= 4 && s[2] == "by" && last != "weight" && last != "since" &&
          last != "until") {
        const auto has = [&](std::string_view w) { return std::find(s.begin(), s.end(), w) != s.end(); };
        if (!has("weight") && !has("since") && !has("until")) keywords({"weight"});
        if (!has("since") && !has("until")) keywords({"since"});
        if (!has("until")) keywords({"until"});
      }
      return;
    }
    if (first == "builds_on" && (s.size() == 1 || last == ",")) {
      agreements();
      return;
    }
    if (first == "sanctioned") {
      entities(ast::DeclKind::party);
      return;
    }
    if (first == "expect") {
      // `expect [under PROFILE] acceptable|unacceptable|violated ID|satisfied ID;`
      const std::size_t body = s.size() >= 3 && s[1] == "under" ? 3 : 1;
      if (s.size() == body) keywords({"acceptable", "unacceptable", "violated", "satisfied"});
      if (s.size() == 1) keywords({"under"});
      if (s.size() == body + 1 && (last == "violated" || last == "satisfied")) conditions();
      return;
    }
    if (first == "step") {
      if (last == "after" || (last == "," && std::find(s.begin(), s.end(), "after") != s.end())) steps();
      if (s.size() >= 2 && last != "after" && last != ",") keywords({"after"});
      return;
    }
    if (is_verb(first)) clause(s);
  }

  void clause(const std::vector<std::string>& s) {
    const std::string& verb = s.front();
    const std::string& last = s.back();
    const bool sanctions_verb = verb == "lift" || verb == "ease" || verb == "suspend" || verb == "retain";
    // The targets: right after the verb (and `sanctions`), or after a comma.
    const bool after_verb = s.size() == 1 || (s.size() == 2 && (last == "sanctions" || last == "sanction"));
    // `verified by A, ` lists verifiers; other commas list targets.
    const bool verifier_list = last == "," && std::find(s.begin(), s.end(), "verified") != s.end();
    if (after_verb || (last == "," && !verifier_list)) {
      std::set<std::string> written(s.begin() + 1, s.end());
      if (sanctions_verb) {
        if (s.size() == 1) keywords({"sanctions"});
        if (after_verb) keywords({"all"});
        entities(ast::DeclKind::sanction, written);
      } else if (verb == "provide") {
        entities(ast::DeclKind::benefit, written);
      } else {
        entities(ast::DeclKind::facility, written);
        entities(ast::DeclKind::program, written);
        if (verb != "convert") entities(ast::DeclKind::material, written);
      }
      return;
    }
    if (verb == "convert" && std::find(s.begin(), s.end(), "use") == s.end()) {
      if (last == "to") keywords({"civilian"});
      else if (last == "civilian") keywords({"use"});
      else keywords({"to"});
      return;
    }
    if (last == "by" || verifier_list) {
      const std::string& before = s[s.size() - 2];
      if (before == "verified" || verifier_list) {
        entities(ast::DeclKind::verifier);
        entities(ast::DeclKind::party);
      } else if (before == "all") {
        entities(ast::DeclKind::party);
      }
      return;
    }
    if (last == "all") {
      keywords({"by"});
      return;
    }
    if (last == "within") return;  // a number comes next
    if (is_number(last)) {
      units();
      return;
    }
    if (last == "verified") keywords({"by"});
    // After a target or a modifier: the modifiers that fit this verb.
    std::vector<std::string> mods{"verified", "within"};
    if (verb == "dismantle") mods.emplace_back("partially");
    if (verb == "suspend" || verb == "ease") mods.emplace_back("snapback");
    for (const auto& m : mods) {
      if (std::find(s.begin(), s.end(), m) == s.end()) keyword(m);
    }
  }

  json edit_for(const std::string& label) const {
    const SourceFile& root = analysis_.root_source();
    return json{{"range", range_of(root, partial_begin_, offset_)}, {"newText", label}};
  }

  void add(const std::string& label, int kind, const std::string& detail, const std::string& doc = {}) {
    if (!seen_.insert(label).second) return;
    json item{{"label", label}, {"kind", kind}, {"textEdit", edit_for(label)}};
    if (!detail.empty()) item["detail"] = detail;
    if (!doc.empty()) item["documentation"] = json{{"kind", "markdown"}, {"value", doc}};
    items_.push_back(std::move(item));
  }

  void keyword(const std::string& k) { add(k, item_kind::keyword, "keyword"); }
  void keywords(std::initializer_list<const char*> ks) {
    for (const char* k : ks) keyword(k);
  }
  void verbs() {
    for (auto v : {ast::Verb::declare, ast::Verb::freeze, ast::Verb::dismantle, ast::Verb::lift, ast::Verb::ease,
                   ast::Verb::suspend, ast::Verb::retain, ast::Verb::provide, ast::Verb::convert,
                   ast::Verb::remove}) {
      add(std::string(ast::to_string(v)), item_kind::keyword, "clause",
          fmt::format("The targets are {}.", Describer::verb_effect(v)));
    }
  }
  void units() {
    for (const char* u : {"days", "weeks", "months", "years"}) add(u, item_kind::unit, "duration unit");
  }

  static int kind_of(ast::DeclKind k) {
    switch (k) {
      case ast::DeclKind::party: return item_kind::class_;
      case ast::DeclKind::verifier: return item_kind::interface;
      case ast::DeclKind::program: return item_kind::module;
      case ast::DeclKind::facility: return item_kind::struct_;
      case ast::DeclKind::sanction: return item_kind::constant;
      case ast::DeclKind::benefit:
      case ast::DeclKind::material: return item_kind::value;
    }
    return item_kind::value;
  }

  void entities(ast::DeclKind kind, const std::set<std::string>& exclude = {}) {
    for (EntityId id : ws_.visible_entities(analysis_.root())) {
      const Entity& e = ws_.entity(id);
      if (e.kind != kind) continue;
      std::string name(e.name);
      if (exclude.count(name) != 0) continue;
      add(name, kind_of(kind), describe_.entity_summary(id), e.decl->title ? e.decl->title->value : std::string());
    }
  }

  void program_kinds() {
    std::set<std::string> kinds{"nuclear", "ballistic"};
    for (EntityId id : ws_.visible_entities(analysis_.root())) {
      const Entity& e = ws_.entity(id);
      if (e.kind == ast::DeclKind::program && e.decl->program_kind) kinds.insert(e.decl->program_kind->name);
    }
    for (const auto& k : kinds) add(k, item_kind::value, "program kind");
  }

  void agreements() {
    const ast::Agreement* current = enclosing_agreement();
    for (UnitId v : analysis_.root_unit().visible_units) {
      for (const auto& [name, a] : ws_.unit(v).own_agreements) {
        if (a == current) continue;
        add(std::string(name), item_kind::reference, "agreement", a->title ? a->title->value : std::string());
      }
    }
  }

  const ast::Agreement* enclosing_agreement() const {
    for (const ast::Agreement* a : analysis_.root_unit().tree.agreements()) {
      if (a->span.valid() && offset_ >= a->span.begin && offset_ <= a->span.end) return a;
    }
    return nullptr;
  }

  void steps() {
    const ast::Agreement* a = enclosing_agreement();
    if (a == nullptr) return;
    for (const ast::Step* s : a->steps()) {
      // Not the step being written.
      if (offset_ >= s->span.begin && offset_ <= s->span.end) continue;
      add(s->name.name, item_kind::event, "step", s->title ? s->title->value : std::string());
    }
  }

  void conditions() {
    // Conditions of the profiles written in files in scope.
    for (UnitId v : analysis_.root_unit().visible_units) {
      for (const auto& [name, profile] : ws_.unit(v).own_profiles) {
        for (const auto& c : profile->conditions) {
          add(c.id.name, item_kind::enum_member, fmt::format("condition of profile `{}`", name), c.statement.value);
        }
      }
    }
    for (const auto& [id, statement] : analysis_.known_conditions) {
      add(id, item_kind::enum_member, "condition", statement);
    }
  }

  const Analysis& analysis_;
  const Workspace& ws_;
  std::uint32_t offset_;
  std::uint32_t partial_begin_ = 0;
  Describer describe_;
  json items_ = json::array();
  std::set<std::string> seen_;
};

}  // namespace

json completion(const Analysis& analysis, std::uint32_t offset) { return Completer(analysis, offset).run(); }

}  // namespace terms::lsp
