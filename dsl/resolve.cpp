#include "dsl/resolve.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>
#include <utility>

#include "dsl/checks.hpp"

namespace terms {

namespace {

// Where a unit is in the load of one root. Imports are loaded depth first; a
// unit is `loading` while its own imports are; an import that reaches a
// `loading` unit closes a cycle.
enum class LoadState : std::uint8_t { loading, loaded, checked };

// A diagnostic waiting for its unit to be fully checked; `anchor` orders it.
struct Pending {
  Diagnostic diag;
  std::uint32_t anchor = 0;
};

// A declaration as the duplicate checks see it.
struct NamedDecl {
  Span name_span;
  std::string_view what;  // "party", "agreement", "profile"
};

using SpanPair = std::pair<std::uint64_t, std::uint64_t>;

struct SpanPairHash {
  std::size_t operator()(const SpanPair& p) const noexcept {
    return std::hash<std::uint64_t>{}(p.first * 0x9e3779b97f4a7c15ull ^ p.second);
  }
};

std::uint64_t span_key(Span s) { return (std::uint64_t{s.file} << 32) | s.begin; }

std::string format_bytes(std::uintmax_t n) {
  constexpr std::uintmax_t kMiB = 1024 * 1024;
  if (n >= kMiB && n % kMiB == 0) return fmt::format("{} MiB", n / kMiB);
  return fmt::format("{} bytes", n);
}

// Why a file could not be read.
enum class ReadFailure : std::uint8_t { none, missing, directory, not_regular, too_large, unreadable };

struct ReadResult {
  std::string text;
  ReadFailure failure = ReadFailure::none;
  std::string reason;        // for unreadable
  std::uintmax_t size = 0;   // for too_large, when known
};

std::string duplicate_message(std::string_view name, const NamedDecl& first, const NamedDecl& second) {
  if (first.what == second.what) return fmt::format("`{}` is declared twice", name);
  return fmt::format("`{}` is declared twice (as {} {} and as {} {})", name,
                     first.what == "agreement" ? "an" : "a", first.what,
                     second.what == "agreement" ? "an" : "a", second.what);
}

constexpr std::string_view kDuplicateHelp =
    "rename one of them: a file shares one set of names with every file it imports";

}  // namespace

// The loader and checker behind a Workspace. One load (load_file/load_text)
// reads the root and its imports depth first, then checks every new unit in
// four passes (scopes, duplicates and owners, agreements, emission), so that
// imports are complete before the files that use them are checked, even
// across an import cycle.
struct Workspace::Impl {
  struct ImportEdge {
    UnitId target = 0;
    const ast::Import* clause = nullptr;
    bool closes_cycle = false;
  };

  struct UnitState {
    LoadState state = LoadState::loading;
    EntityId first_entity = 0;
    EntityId end_entity = 0;
    // Every import that loaded, including one that closes a cycle (kept out
    // of Unit::imports so that walks over imports terminate, but visible so
    // that a cycle does not also cause a cascade of undefined names).
    std::vector<ImportEdge> edges;
    std::vector<Pending> pending;
    // Other units with an edge to this one (cycle-closing edges included).
    std::uint32_t importers = 0;
  };

  // Collects one unit's diagnostics and counts its errors.
  class UnitReporter final : public detail::Reporter {
   public:
    UnitReporter(Impl& impl, UnitId id) : impl_(impl), id_(id) {}
    void report(Diagnostic d, std::optional<std::uint32_t> anchor) override {
      impl_.add_pending(id_, std::move(d), anchor);
    }
    bool saturated() const override {
      const std::size_t limit = impl_.ws.options_.max_errors_per_file;
      return limit != 0 && impl_.states[id_].pending.size() >= limit;
    }

   private:
    Impl& impl_;
    UnitId id_;
  };

  explicit Impl(Workspace& w) : ws(w) {}

  Workspace& ws;
  std::vector<UnitState> states;
  std::vector<UnitId> stack;                     // units whose imports are loading
  std::vector<const ast::Import*> stack_clause;  // the import each of them is on
  std::vector<UnitId> fresh;                     // loaded by this call, imports first
  std::unordered_map<const ast::Agreement*, UnitId> agreement_units;
  std::unordered_map<FileId, UnitId> file_units;
  std::unordered_set<SpanPair, SpanPairHash> reported_pairs;
  std::vector<std::uint32_t> marks;  // visit stamps for graph walks
  std::uint32_t stamp = 0;
  std::size_t imports_loaded = 0;  // files read through imports by this load
  std::optional<std::string> root_key;  // canonical library root, once computed

  Unit& unit(UnitId id) { return *ws.units_[id]; }

  void add_pending(UnitId id, Diagnostic d, std::optional<std::uint32_t> anchor) {
    Unit& u = unit(id);
    if (d.severity == Severity::error) ++u.error_count;
    std::uint32_t a = 0;
    if (anchor) {
      a = *anchor;
    } else if (d.span.valid() && d.span.file == u.source->id()) {
      a = d.span.begin;
    }
    states[id].pending.push_back(Pending{std::move(d), a});
  }

  // ---- reading -----------------------------------------------------------------

  ReadResult read(const std::string& path) const {
    ReadResult r;
    switch (ws.fs_.kind(path)) {
      case FileKind::missing: r.failure = ReadFailure::missing; return r;
      case FileKind::directory: r.failure = ReadFailure::directory; return r;
      case FileKind::other: r.failure = ReadFailure::not_regular; return r;
      case FileKind::regular: break;
    }
    const std::size_t limit = ws.options_.max_file_bytes;
    if (auto size = ws.fs_.size(path); size && *size > limit) {
      r.failure = ReadFailure::too_large;
      r.size = *size;
      return r;
    }
    std::string error;
    std::optional<std::string> text = ws.fs_.read(path, error);
    if (!text) {
      r.failure = ReadFailure::unreadable;
      r.reason = error.empty() ? "the file could not be read" : std::move(error);
      return r;
    }
    if (text->size() > limit) {
      r.failure = ReadFailure::too_large;
      r.size = text->size();
      return r;
    }
    r.text = std::move(*text);
    return r;
  }

  std::string canonical_key(const std::string& path) const {
    std::string key = ws.fs_.canonical(path);
    return key.empty() ? path : key;
  }

  // A root that cannot be read: reported without a span (there is no unit).
  void report_root_failure(const std::string& path, const ReadResult& r) {
    Diagnostic d;
    switch (r.failure) {
      case ReadFailure::missing:
        d = make_diagnostic(DiagId::io_unreadable, Span{}, fmt::format("cannot read `{}`: no such file", path));
        break;
      case ReadFailure::directory:
        d = make_diagnostic(DiagId::io_not_regular, Span{}, fmt::format("`{}` is a directory, not a term file", path));
        break;
      case ReadFailure::not_regular:
        d = make_diagnostic(DiagId::io_not_regular, Span{},
                            fmt::format("`{}` is not a regular file (a FIFO, socket or device)", path));
        d.with_note("it was not opened, so that reading it cannot block");
        break;
      case ReadFailure::too_large:
        d = make_diagnostic(DiagId::io_too_large, Span{},
                            fmt::format("`{}` is larger than the limit of {}", path,
                                        format_bytes(ws.options_.max_file_bytes)));
        d.with_help("split the file into smaller files that import each other");
        break;
      case ReadFailure::unreadable:
        d = make_diagnostic(DiagId::io_unreadable, Span{}, fmt::format("cannot read `{}`: {}", path, r.reason));
        break;
      case ReadFailure::none: return;
    }
    d.path = path;
    ws.sink_.emit(std::move(d));
  }

  // An import that cannot be read: reported at the import clause.
  void report_import_failure(UnitId id, const ast::Import& imp, const std::string& target,
                             const ReadResult& r) {
    const std::string& from = unit(id).source->path();
    const std::string& written = imp.path.value;
    Diagnostic d;
    switch (r.failure) {
      case ReadFailure::missing:
        d = make_diagnostic(DiagId::import_not_found, imp.span,
                            fmt::format("cannot find `{}`, imported by `{}`", written, from));
        d.with_label(fmt::format("looked for `{}`", target));
        d.with_help("an import path is relative to the directory of the file that imports it");
        break;
      case ReadFailure::directory:
        d = make_diagnostic(DiagId::import_not_file, imp.span,
                            fmt::format("`{}` imports `{}`, which is a directory", from, written));
        d.with_label(fmt::format("`{}` is a directory", target));
        d.with_help("import a `.terms` file, not a directory");
        break;
      case ReadFailure::not_regular:
        d = make_diagnostic(DiagId::import_not_file, imp.span,
                            fmt::format("`{}` imports `{}`, which is not a regular file", from, written));
        d.with_label(fmt::format("`{}` is a FIFO, socket or device", target));
        d.with_help("import a `.terms` file");
        break;
      case ReadFailure::too_large:
        d = make_diagnostic(DiagId::io_too_large, imp.span,
                            fmt::format("`{}` imports `{}`, which is larger than the limit of {}", from,
                                        written, format_bytes(ws.options_.max_file_bytes)));
        d.with_label(fmt::format("`{}` is too large", target));
        d.with_help("split the imported file into smaller files");
        break;
      case ReadFailure::unreadable:
        d = make_diagnostic(DiagId::import_unreadable, imp.span,
                            fmt::format("cannot read `{}`, imported by `{}`: {}", written, from, r.reason));
        d.with_label(fmt::format("`{}` exists but could not be read", target));
        d.with_help("check that the file is readable (its permissions, or the device it is on)");
        break;
      case ReadFailure::none: return;
    }
    add_pending(id, std::move(d), std::nullopt);
  }

  // ---- units and their own names -------------------------------------------------

  UnitId add_unit(std::string path, const std::string& key, std::string text, bool parse) {
    const SourceFile& src = ws.sources_.add(std::move(path), std::move(text));
    auto owned = std::make_unique<Unit>();
    owned->source = &src;
    owned->canonical_path = key;
    UnitId id = 0;
    if (!ws.free_units_.empty()) {
      // A slot left by release_root.
      id = ws.free_units_.back();
      ws.free_units_.pop_back();
      ws.units_[id] = std::move(owned);
      states[id] = UnitState{};
      marks[id] = 0;
    } else {
      id = static_cast<UnitId>(ws.units_.size());
      ws.units_.push_back(std::move(owned));
      states.emplace_back();
      marks.push_back(0);
    }
    Unit& u = unit(id);
    u.id = id;
    DiagnosticBag parse_diags;
    if (parse) u.tree = parse_file(src, parse_diags, ws.options_.parse);
    u.tree.file = src.id();
    for (Diagnostic& d : parse_diags.all()) add_pending(id, std::move(d), std::nullopt);
    ws.by_path_.emplace(key, id);
    file_units.emplace(src.id(), id);
    register_names(id);
    return id;
  }

  // Enters the unit's own declarations, agreements and profiles in its tables
  // and reports names declared twice in the file itself.
  void register_names(UnitId id) {
    Unit& u = unit(id);
    UnitReporter out(*this, id);
    std::size_t decl_count = 0;
    std::size_t agreement_count = 0;
    for (const ast::Item& item : u.tree.items) {
      decl_count += std::holds_alternative<ast::Decl>(item) ? 1 : 0;
      agreement_count += std::holds_alternative<ast::Agreement>(item) ? 1 : 0;
    }
    u.own_names.reserve(decl_count);
    u.own_agreements.reserve(agreement_count);
    ws.entities_.reserve(ws.entities_.size() + decl_count);
    // Declarations and agreements share one namespace; items come in source
    // order, so whatever is already in the tables was declared first.
    auto first_named = [&](std::string_view name) -> std::optional<NamedDecl> {
      if (auto it = u.own_names.find(name); it != u.own_names.end()) {
        const Entity& e = ws.entities_[it->second];
        return NamedDecl{e.decl->name.span, ast::to_string(e.kind)};
      }
      if (auto it = u.own_agreements.find(name); it != u.own_agreements.end()) {
        return NamedDecl{it->second->name.span, "agreement"};
      }
      return std::nullopt;
    };
    states[id].first_entity = static_cast<EntityId>(ws.entities_.size());
    for (const ast::Item& item : u.tree.items) {
      if (const auto* decl = std::get_if<ast::Decl>(&item)) {
        if (decl->name.name.empty()) continue;
        const auto eid = static_cast<EntityId>(ws.entities_.size());
        ws.entities_.push_back(Entity{decl->kind, decl, decl->name.name, id, kNoEntity, sanction_terms_of(*decl)});
        // One hash operation in the common case (no agreement declared yet).
        auto [it, inserted] = u.own_names.try_emplace(decl->name.name, eid);
        std::optional<NamedDecl> first;
        if (!inserted) {
          const Entity& e = ws.entities_[it->second];
          first = NamedDecl{e.decl->name.span, ast::to_string(e.kind)};
        } else if (!u.own_agreements.empty()) {
          if (auto a = u.own_agreements.find(decl->name.name); a != u.own_agreements.end()) {
            first = NamedDecl{a->second->name.span, "agreement"};
            u.own_names.erase(it);
          }
        }
        if (first) {
          report_duplicate(out, decl->name.name, *first, NamedDecl{decl->name.span, ast::to_string(decl->kind)},
                           nullptr);
        }
      } else if (const auto* agreement = std::get_if<ast::Agreement>(&item)) {
        agreement_units.emplace(agreement, id);
        if (agreement->name.name.empty()) continue;
        if (auto first = first_named(agreement->name.name)) {
          report_duplicate(out, agreement->name.name, *first, NamedDecl{agreement->name.span, "agreement"}, nullptr);
        } else {
          u.own_agreements.emplace(agreement->name.name, agreement);
        }
      } else if (const auto* profile = std::get_if<std::shared_ptr<ast::Profile>>(&item)) {
        if (!*profile || (*profile)->name.name.empty()) continue;
        const ast::Ident& name = (*profile)->name;
        if (auto it = u.own_profiles.find(name.name); it != u.own_profiles.end()) {
          report_duplicate(out, name.name, NamedDecl{it->second->name.span, "profile"},
                           NamedDecl{name.span, "profile"}, nullptr);
        } else {
          u.own_profiles.emplace(name.name, profile->get());
        }
      }
    }
    states[id].end_entity = static_cast<EntityId>(ws.entities_.size());
  }

  // Reports `second` as a duplicate of `first` (once per pair in the workspace).
  // `via` is the import clause through which a unit sees both, when neither is its own.
  void report_duplicate(detail::Reporter& out, std::string_view name, const NamedDecl& first,
                        const NamedDecl& second, const ast::Import* via) {
    // Unordered: across an import cycle, each file sees the other's declaration as the first.
    const std::uint64_t a = span_key(first.name_span);
    const std::uint64_t b = span_key(second.name_span);
    if (!reported_pairs.insert({std::min(a, b), std::max(a, b)}).second) return;
    Diagnostic d = make_diagnostic(DiagId::duplicate_name, second.name_span,
                                   duplicate_message(name, first, second));
    d.with_label("declared again here");
    d.with_related(first.name_span, "first declared here");
    std::optional<std::uint32_t> anchor;
    if (via != nullptr) {
      d.with_related(via->span, "both declarations are visible here through this import");
      anchor = via->span.begin;
    }
    d.with_help(std::string(kDuplicateHelp));
    out.report(std::move(d), anchor);
  }

  // ---- imports -------------------------------------------------------------------

  void load_imports(UnitId id, std::size_t depth) {
    stack.push_back(id);
    stack_clause.push_back(nullptr);
    for (const ast::Import* imp : unit(id).tree.imports()) {
      stack_clause.back() = imp;
      load_import(id, *imp, depth);
    }
    stack.pop_back();
    stack_clause.pop_back();
    states[id].state = LoadState::loaded;
    fresh.push_back(id);
  }

  void add_edge(UnitId from, UnitId to, const ast::Import* clause, bool closes_cycle) {
    auto& edges = states[from].edges;
    const bool known = std::any_of(edges.begin(), edges.end(),
                                   [&](const ImportEdge& e) { return e.target == to; });
    if (known) return;
    edges.push_back(ImportEdge{to, clause, closes_cycle});
    if (to != from) ++states[to].importers;
    if (!closes_cycle) unit(from).imports.push_back(to);
  }

  // Whether a canonical path lies inside the library root (path components,
  // not string prefixes: `/lib-other` is not inside `/lib`).
  bool inside_library(const std::string& key) {
    if (ws.options_.library_root.empty()) return true;
    if (!root_key) {
      root_key = canonical_key(ws.options_.library_root);
      while (root_key->size() > 1 && root_key->back() == '/') root_key->pop_back();
    }
    const std::string& root = *root_key;
    if (root == "/") return !key.empty() && key.front() == '/';
    if (root == ".") return !key.empty() && key.front() != '/' && key != ".." && key.rfind("../", 0) != 0;
    return key == root || (key.size() > root.size() && key.compare(0, root.size(), root) == 0 &&
                           key[root.size()] == '/');
  }

  void report_outside_root(UnitId id, const ast::Import& imp, const std::string& target) {
    Diagnostic d = make_diagnostic(
        DiagId::import_outside_root, imp.span,
        fmt::format("`{}` imports `{}`, which is outside the library root `{}`", unit(id).source->path(),
                    imp.path.value, ws.options_.library_root));
    d.with_label(fmt::format("resolves to `{}`", target));
    d.with_note("imports stay inside the library, so that checking a library cannot read other files");
    d.with_help("move the file into the library, or widen the library root (`root` in terms.json, or `--library-root`)");
    add_pending(id, std::move(d), std::nullopt);
  }

  void load_import(UnitId id, const ast::Import& imp, std::size_t depth) {
    if (imp.path.value.empty()) {
      Diagnostic d = make_diagnostic(DiagId::import_not_found, imp.span, "the import path is empty");
      d.with_help("write the path of a `.terms` file, relative to this file, like `\"lib/korea.terms\"`");
      add_pending(id, std::move(d), std::nullopt);
      return;
    }
    const std::string target = resolve_relative(unit(id).source->path(), imp.path.value);
    const std::string key = canonical_key(target);
    if (!inside_library(key)) {
      report_outside_root(id, imp, target);
      return;
    }
    if (auto it = ws.by_path_.find(key); it != ws.by_path_.end()) {
      const UnitId t = it->second;
      const bool cycle = states[t].state == LoadState::loading;
      if (cycle) report_cycle(id, imp, t);
      add_edge(id, t, &imp, cycle);
      return;
    }
    if (depth + 1 > ws.options_.max_import_depth) {
      Diagnostic d = make_diagnostic(
          DiagId::import_too_deep, imp.span,
          fmt::format("imports are nested more than {} deep", ws.options_.max_import_depth));
      d.with_label(fmt::format("`{}` is not loaded", imp.path.value));
      d.with_note(fmt::format("the chain starts at `{}`", unit(stack.front()).source->path()));
      d.with_help("import the shared declarations from fewer levels of files");
      add_pending(id, std::move(d), std::nullopt);
      return;
    }
    if (ws.options_.max_imports != 0 && imports_loaded >= ws.options_.max_imports) {
      Diagnostic d = make_diagnostic(
          DiagId::too_many_imports, imp.span,
          fmt::format("`{}` is not loaded: this check has read {} file{} through imports, the limit",
                      imp.path.value, ws.options_.max_imports, ws.options_.max_imports == 1 ? "" : "s"));
      d.with_note(fmt::format("the check started at `{}`", unit(stack.front()).source->path()));
      d.with_help("check the library in smaller parts, or raise the limit (`--max-imports`)");
      add_pending(id, std::move(d), std::nullopt);
      return;
    }
    ++imports_loaded;
    ReadResult r = read(target);
    if (r.failure != ReadFailure::none) {
      report_import_failure(id, imp, target, r);
      return;
    }
    const UnitId t = add_unit(target, key, std::move(r.text), true);
    load_imports(t, depth + 1);
    add_edge(id, t, &imp, false);
  }

  // `imp` (in unit `id`, on top of the stack) imports `target`, which is on the stack.
  void report_cycle(UnitId id, const ast::Import& imp, UnitId target) {
    const auto pos = static_cast<std::size_t>(std::find(stack.begin(), stack.end(), target) - stack.begin());
    Diagnostic d;
    if (target == id) {
      d = make_diagnostic(DiagId::import_cycle, imp.span,
                          fmt::format("`{}` imports itself", unit(id).source->path()));
      d.with_label("imports the file it is in");
      d.with_help("remove this import");
    } else {
      std::string chain;
      for (std::size_t i = pos; i < stack.size(); ++i) {
        chain += fmt::format("`{}` -> ", unit(stack[i]).source->path());
      }
      chain += fmt::format("`{}`", unit(target).source->path());
      d = make_diagnostic(DiagId::import_cycle, imp.span, fmt::format("import cycle: {}", chain));
      d.with_label("closes the cycle");
      for (std::size_t i = pos; i + 1 < stack.size(); ++i) {
        d.with_related(stack_clause[i]->span, fmt::format("`{}` imports `{}` here",
                                                          unit(stack[i]).source->path(),
                                                          unit(stack[i + 1]).source->path()));
      }
      d.with_help("remove one of these imports; declarations that both files need can move to a "
                  "third file that both import");
    }
    add_pending(id, std::move(d), std::nullopt);
  }

  // ---- checking ------------------------------------------------------------------

  // Itself first, then every unit reachable through imports, depth first in
  // import order.
  void compute_visible(UnitId id) {
    auto& out = unit(id).visible_units;
    out.clear();
    ++stamp;
    struct Frame {
      UnitId unit;
      std::size_t next;
    };
    std::vector<Frame> walk{{id, 0}};
    marks[id] = stamp;
    out.push_back(id);
    while (!walk.empty()) {
      Frame& f = walk.back();
      const auto& edges = states[f.unit].edges;
      if (f.next == edges.size()) {
        walk.pop_back();
        continue;
      }
      const UnitId t = edges[f.next++].target;
      if (marks[t] == stamp) continue;
      marks[t] = stamp;
      out.push_back(t);
      walk.push_back(Frame{t, 0});
    }
  }

  // The first declaration of `name` among the unit's visible units other than itself.
  std::optional<NamedDecl> find_imported(const Unit& u, std::string_view name, bool profiles) const {
    for (std::size_t i = 1; i < u.visible_units.size(); ++i) {
      const Unit& v = *ws.units_[u.visible_units[i]];
      if (profiles) {
        if (auto it = v.own_profiles.find(name); it != v.own_profiles.end()) {
          return NamedDecl{it->second->name.span, "profile"};
        }
        continue;
      }
      if (auto it = v.own_names.find(name); it != v.own_names.end()) {
        const Entity& e = ws.entities_[it->second];
        return NamedDecl{e.decl->name.span, ast::to_string(e.kind)};
      }
      if (auto it = v.own_agreements.find(name); it != v.own_agreements.end()) {
        return NamedDecl{it->second->name.span, "agreement"};
      }
    }
    return std::nullopt;
  }

  // Names declared both in this unit and in a file it imports, or in two
  // files it imports (when neither imports the other).
  void check_scope_duplicates(UnitId id) {
    const Unit& u = unit(id);
    if (u.visible_units.size() <= 1) return;
    UnitReporter out(*this, id);
    // Sorted by position, so that the report order does not depend on hashing.
    std::vector<std::pair<std::string_view, NamedDecl>> own;
    for (const auto& [name, eid] : u.own_names) {
      const Entity& e = ws.entities_[eid];
      own.emplace_back(name, NamedDecl{e.decl->name.span, ast::to_string(e.kind)});
    }
    for (const auto& [name, agreement] : u.own_agreements) own.emplace_back(name, NamedDecl{agreement->name.span, "agreement"});
    const std::size_t names_end = own.size();
    for (const auto& [name, profile] : u.own_profiles) own.emplace_back(name, NamedDecl{profile->name.span, "profile"});
    for (std::size_t i = 0; i < own.size(); ++i) {
      const auto& [name, decl] = own[i];
      if (auto first = find_imported(u, name, i >= names_end)) report_duplicate(out, name, *first, decl, nullptr);
    }
    if (states[id].edges.size() < 2) return;
    // Two imports may each bring a declaration of the same name.
    std::unordered_map<std::string_view, std::pair<NamedDecl, UnitId>> names;
    std::unordered_map<std::string_view, std::pair<NamedDecl, UnitId>> profiles;
    auto meet = [&](std::unordered_map<std::string_view, std::pair<NamedDecl, UnitId>>& table,
                    std::string_view name, const NamedDecl& decl, UnitId where) {
      auto [it, inserted] = table.emplace(name, std::pair{decl, where});
      if (inserted || it->second.second == where) return;
      report_duplicate(out, name, it->second.first, decl, import_leading_to(id, where));
    };
    for (std::size_t i = 1; i < u.visible_units.size(); ++i) {
      const UnitId vid = u.visible_units[i];
      const Unit& v = unit(vid);
      for (EntityId e = states[vid].first_entity; e < states[vid].end_entity; ++e) {
        const Entity& ent = ws.entities_[e];
        if (auto it = v.own_names.find(ent.name); it == v.own_names.end() || it->second != e) continue;
        meet(names, ent.name, NamedDecl{ent.decl->name.span, ast::to_string(ent.kind)}, vid);
      }
      for (const ast::Agreement* a : v.tree.agreements()) {
        if (auto it = v.own_agreements.find(a->name.name); it == v.own_agreements.end() || it->second != a) continue;
        meet(names, a->name.name, NamedDecl{a->name.span, "agreement"}, vid);
      }
      for (const auto& [name, profile] : v.own_profiles) meet(profiles, name, NamedDecl{profile->name.span, "profile"}, vid);
    }
  }

  // The import clause of `id` through which `target` becomes visible.
  const ast::Import* import_leading_to(UnitId id, UnitId target) const {
    for (const ImportEdge& e : states[id].edges) {
      const auto& vis = ws.units_[e.target]->visible_units;
      if (std::find(vis.begin(), vis.end(), target) != vis.end()) return e.clause;
    }
    return nullptr;
  }

  // `until` must come after `since`: a sanction in force on no day is a mistake.
  static void check_sanction_dates(const ast::Decl& decl, detail::Reporter& out) {
    const auto& since = decl.since;
    const auto& until = decl.until;
    if (!since || !until || !since->date || !until->date || *since->date < *until->date) return;
    Diagnostic d = make_diagnostic(
        DiagId::sanction_ends_before_start, until->span,
        fmt::format("the sanction `{}` ends on {}, not after it takes effect on {}", decl.name.name,
                    until->date->to_string(), since->date->to_string()));
    d.with_label("`until` must be after `since`");
    d.with_related(since->span, "takes effect here");
    d.with_help("`until` is the first day the sanction no longer applies; check both dates");
    out.report(std::move(d));
  }

  // `of PARTY`, `in PROGRAM`, `by PARTY` of the unit's declarations.
  void resolve_owners(UnitId id) {
    UnitReporter out(*this, id);
    for (EntityId e = states[id].first_entity; e < states[id].end_entity; ++e) {
      const ast::Decl& decl = *ws.entities_[e].decl;
      check_sanction_dates(decl, out);
      if (!decl.owner) continue;
      detail::Expected expected;
      switch (decl.kind) {
        case ast::DeclKind::program:
          expected = {detail::kind_bit(ast::DeclKind::party), "a party", DiagId::wrong_kind,
                      "a program belongs to a party: `program ID of PARTY kind KIND`"};
          break;
        case ast::DeclKind::facility:
          expected = {detail::kind_bit(ast::DeclKind::program), "a program", DiagId::wrong_kind,
                      "a facility belongs to a program: `facility ID in PROGRAM`"};
          break;
        case ast::DeclKind::sanction:
          expected = {detail::kind_bit(ast::DeclKind::party), "a party", DiagId::wrong_kind,
                      "a sanction is imposed by a party: `sanction ID by PARTY`"};
          break;
        case ast::DeclKind::benefit:
          expected = {detail::kind_bit(ast::DeclKind::party), "a party", DiagId::wrong_kind,
                      "a benefit is provided by a party: `benefit ID by PARTY`"};
          break;
        case ast::DeclKind::party:
        case ast::DeclKind::verifier: continue;
      }
      if (auto owner = detail::resolve_reference(ws, id, *decl.owner, expected, out)) {
        ws.entities_[e].owner = *owner;
      }
    }
  }

  void flush(UnitId id) {
    auto& pending = states[id].pending;
    std::stable_sort(pending.begin(), pending.end(),
                     [](const Pending& a, const Pending& b) { return a.anchor < b.anchor; });
    const std::size_t limit = ws.options_.max_errors_per_file;
    // The note that parsing stopped (E0107, at most one per file) is shown
    // whatever the limit, after the errors it follows: it says why the rest
    // of the file has no diagnostics.
    const auto stop_note = [](const Pending& p) {
      return p.diag.code == info(DiagId::syntax_too_many_errors).code;
    };
    const std::size_t counted =
        pending.size() - static_cast<std::size_t>(std::count_if(pending.begin(), pending.end(), stop_note));
    const std::size_t shown = limit == 0 ? counted : std::min(limit, counted);
    std::size_t emitted = 0;
    for (Pending& p : pending) {
      if (stop_note(p)) {
        ws.sink_.emit(std::move(p.diag));
        continue;
      }
      if (emitted == shown) continue;
      if (++emitted == shown && shown < counted) {
        p.diag.with_note(fmt::format("{} more diagnostics in `{}` are not shown", counted - shown,
                                     unit(id).source->path()));
      }
      ws.sink_.emit(std::move(p.diag));
    }
    pending.clear();
    pending.shrink_to_fit();
  }

  // ---- release -------------------------------------------------------------------

  static const SourceFile& released_source() {
    static const SourceFile empty(kNoFile, std::string(), std::string());
    return empty;
  }

  bool release(UnitId id) {
    if (id >= ws.units_.size() || unit(id).released || !stack.empty()) return false;
    if (states[id].importers != 0) return false;
    Unit& u = unit(id);
    const FileId file = u.source->id();
    for (const ImportEdge& e : states[id].edges) {
      if (e.target != id) --states[e.target].importers;
    }
    for (const ast::Item& item : u.tree.items) {
      if (const auto* a = std::get_if<ast::Agreement>(&item)) agreement_units.erase(a);
    }
    file_units.erase(file);
    if (auto it = ws.by_path_.find(u.canonical_path); it != ws.by_path_.end() && it->second == id) {
      ws.by_path_.erase(it);
    }
    if (!reported_pairs.empty()) {
      std::erase_if(reported_pairs, [&](const SpanPair& p) {
        return (p.first >> 32) == file || (p.second >> 32) == file;
      });
    }
    // Entities become tombstones; those at the end of the table are dropped.
    for (EntityId e = states[id].first_entity; e < states[id].end_entity; ++e) {
      ws.entities_[e].decl = nullptr;
      ws.entities_[e].name = {};
      ws.entities_[e].owner = kNoEntity;
    }
    while (!ws.entities_.empty() && ws.entities_.back().decl == nullptr) ws.entities_.pop_back();
    // The tree and tables go with the Unit; then the text.
    auto tombstone = std::make_unique<Unit>();
    tombstone->id = id;
    tombstone->source = &released_source();
    tombstone->released = true;
    ws.units_[id] = std::move(tombstone);
    states[id] = UnitState{};
    ws.sources_.release(file);
    ws.free_units_.push_back(id);
    // Released slots at the end of the table are dropped.
    while (!ws.units_.empty() && ws.units_.back()->released) {
      const auto last = static_cast<UnitId>(ws.units_.size() - 1);
      std::erase(ws.free_units_, last);
      ws.units_.pop_back();
      states.pop_back();
      marks.pop_back();
    }
    return true;
  }

  // Checks and reports every unit this load brought in, imports first.
  void finish() {
    for (UnitId id : fresh) compute_visible(id);
    for (UnitId id : fresh) {
      check_scope_duplicates(id);
      resolve_owners(id);
    }
    for (UnitId id : fresh) {
      UnitReporter out(*this, id);
      detail::check_agreements(ws, id, out);
    }
    for (UnitId id : fresh) {
      flush(id);
      states[id].state = LoadState::checked;
    }
    fresh.clear();
    imports_loaded = 0;
  }
};

Workspace::Workspace(SourceManager& sources, const FileSystem& fs, DiagnosticSink& sink,
                     LoadOptions options)
    : sources_(sources), fs_(fs), sink_(sink), options_(options), impl_(std::make_unique<Impl>(*this)) {}

Workspace::~Workspace() = default;

std::optional<UnitId> Workspace::load_file(const std::string& path) {
  const std::string key = impl_->canonical_key(path);
  if (auto it = by_path_.find(key); it != by_path_.end()) {
    units_[it->second]->is_root = true;
    return it->second;
  }
  ReadResult r = impl_->read(path);
  if (r.failure != ReadFailure::none) {
    impl_->report_root_failure(path, r);
    return std::nullopt;
  }
  const UnitId id = impl_->add_unit(path, key, std::move(r.text), true);
  units_[id]->is_root = true;
  impl_->load_imports(id, 0);
  impl_->finish();
  return id;
}

UnitId Workspace::load_text(const std::string& path, std::string text) {
  const std::string key = impl_->canonical_key(path);
  const bool too_large = text.size() > options_.max_file_bytes;
  if (too_large) text.clear();
  const UnitId id = impl_->add_unit(path, key, std::move(text), !too_large);
  units_[id]->is_root = true;
  if (too_large) {
    Diagnostic d = make_diagnostic(DiagId::io_too_large, Span{},
                                   fmt::format("`{}` is larger than the limit of {}", path,
                                               format_bytes(options_.max_file_bytes)));
    d.path = path;
    d.with_help("split the input into smaller files that import each other");
    impl_->add_pending(id, std::move(d), std::nullopt);
  }
  impl_->load_imports(id, 0);
  impl_->finish();
  return id;
}

SanctionTerms sanction_terms_of(const ast::Decl& decl) {
  SanctionTerms t;
  if (decl.kind != ast::DeclKind::sanction) return t;
  if (decl.weight) t.weight = decl.weight->value;
  if (decl.since) t.since = decl.since->date;
  if (decl.until) t.until = decl.until->date;
  return t;
}

std::optional<EntityId> Workspace::lookup(UnitId unit, std::string_view name) const {
  for (UnitId v : units_.at(unit)->visible_units) {
    const auto& names = units_[v]->own_names;
    if (auto it = names.find(name); it != names.end()) return it->second;
  }
  return std::nullopt;
}

const ast::Agreement* Workspace::lookup_agreement(UnitId unit, std::string_view name) const {
  for (UnitId v : units_.at(unit)->visible_units) {
    const auto& agreements = units_[v]->own_agreements;
    if (auto it = agreements.find(name); it != agreements.end()) return it->second;
  }
  return nullptr;
}

const ast::Profile* Workspace::lookup_profile(UnitId unit, std::string_view name) const {
  for (UnitId v : units_.at(unit)->visible_units) {
    const auto& profiles = units_[v]->own_profiles;
    if (auto it = profiles.find(name); it != profiles.end()) return it->second;
  }
  return nullptr;
}

std::vector<EntityId> Workspace::visible_entities(UnitId unit) const {
  // Post-order over the imports: a unit's imports before its own declarations.
  std::vector<EntityId> out;
  std::vector<bool> seen(units_.size(), false);
  struct Frame {
    UnitId unit;
    std::size_t next;
  };
  std::vector<Frame> walk{{unit, 0}};
  seen.at(unit) = true;
  while (!walk.empty()) {
    Frame& f = walk.back();
    const auto& edges = impl_->states[f.unit].edges;
    if (f.next < edges.size()) {
      const UnitId t = edges[f.next++].target;
      if (!seen[t]) {
        seen[t] = true;
        walk.push_back(Frame{t, 0});
      }
      continue;
    }
    for (EntityId e = impl_->states[f.unit].first_entity; e < impl_->states[f.unit].end_entity; ++e) {
      out.push_back(e);
    }
    walk.pop_back();
  }
  return out;
}

std::optional<UnitId> Workspace::unit_of(const ast::Agreement* agreement) const {
  if (auto it = impl_->agreement_units.find(agreement); it != impl_->agreement_units.end()) return it->second;
  return std::nullopt;
}

std::optional<UnitId> Workspace::unit_of_file(FileId file) const {
  if (auto it = impl_->file_units.find(file); it != impl_->file_units.end()) return it->second;
  return std::nullopt;
}

bool Workspace::release_root(UnitId id) { return impl_->release(id); }

bool Workspace::has_errors(UnitId unit) const {
  const auto& vis = units_.at(unit)->visible_units;
  return std::any_of(vis.begin(), vis.end(), [&](UnitId v) { return units_[v]->error_count > 0; });
}

}  // namespace terms
