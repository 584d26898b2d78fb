// textDocument/documentSymbol: the outline of a term file.
#include <fmt/format.h>

#include "dsl/profile_ast.hpp"
#include "lsp/features.hpp"

namespace terms::lsp {

namespace {

// LSP SymbolKind values.
namespace symbol_kind {
inline constexpr int file = 1, module = 2, namespace_ = 3, package = 4, class_ = 5, property = 7, interface = 11,
                     function = 12, constant = 14, boolean = 17, object = 19, struct_ = 23, event = 24;
}

int kind_of(ast::DeclKind k) {
  switch (k) {
    case ast::DeclKind::party: return symbol_kind::class_;
    case ast::DeclKind::verifier: return symbol_kind::interface;
    case ast::DeclKind::program: return symbol_kind::module;
    case ast::DeclKind::facility: return symbol_kind::struct_;
    case ast::DeclKind::sanction: return symbol_kind::constant;
    case ast::DeclKind::benefit: return symbol_kind::property;
    case ast::DeclKind::material: return symbol_kind::struct_;
  }
  return symbol_kind::object;
}

json symbol(const SourceFile& file, const std::string& name, const std::string& detail, int kind, Span whole,
            Span selection) {
  if (!whole.valid()) whole = selection;
  if (!selection.valid() || selection.begin < whole.begin || selection.end > whole.end) selection = whole;
  json s{{"name", name.empty() ? std::string("?") : name},
         {"kind", kind},
         {"range", range_of(file, whole.begin, whole.end)},
         {"selectionRange", range_of(file, selection.begin, selection.end)}};
  if (!detail.empty()) s["detail"] = detail;
  return s;
}

}  // namespace

json document_symbols(const Analysis& analysis) {
  const SourceFile& file = analysis.root_source();
  json out = json::array();
  for (const auto& item : analysis.root_unit().tree.items) {
    if (const auto* d = std::get_if<ast::Decl>(&item)) {
      std::string detail(ast::to_string(d->kind));
      if (d->title) detail += ": " + d->title->value;
      out.push_back(symbol(file, d->name.name, detail, kind_of(d->kind), d->span, d->name.span));
    } else if (const auto* a = std::get_if<ast::Agreement>(&item)) {
      json s = symbol(file, a->name.name, a->title ? a->title->value : std::string(), symbol_kind::namespace_,
                      a->span, a->name.span);
      json children = json::array();
      for (const ast::Step* st : a->steps()) {
        children.push_back(symbol(file, st->name.name, st->title ? st->title->value : std::string(),
                                  symbol_kind::function, st->span, st->name.span));
      }
      if (!children.empty()) s["children"] = std::move(children);
      out.push_back(std::move(s));
    } else if (const auto* p = std::get_if<std::shared_ptr<ast::Profile>>(&item)) {
      if (!*p) continue;
      const ast::Profile& profile = **p;
      json s = symbol(file, profile.name.name, profile.title ? profile.title->value : std::string(),
                      symbol_kind::package, profile.span, profile.name.span);
      json children = json::array();
      for (const auto& c : profile.conditions) {
        children.push_back(symbol(file, c.id.name, c.statement.value, symbol_kind::boolean, c.span, c.id.span));
      }
      if (!children.empty()) s["children"] = std::move(children);
      out.push_back(std::move(s));
    } else if (const auto* imp = std::get_if<ast::Import>(&item)) {
      out.push_back(symbol(file, imp->path.value, "import", symbol_kind::file, imp->span, imp->path.span));
    }
  }
  return out;
}

}  // namespace terms::lsp
