#include "dsl/lint/suppressions.hpp"

#include <fmt/format.h>

#include "dsl/lint/lint.hpp"
#include "dsl/lint/suppression_grammar.hpp"

namespace terms::lint {
namespace {

namespace pegtl = tao::pegtl;

struct Captured {
  bool file_level = false;
  std::vector<std::pair<std::string, std::uint32_t>> refs;  // (text, byte offset in the comment)
};

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

template <>
struct action<grammar::kw_ignore_file> {
  static void apply0(Captured& c) { c.file_level = true; }
};

template <>
struct action<grammar::rule_ref> {
  template <typename Input>
  static void apply(const Input& in, Captured& c) {
    c.refs.emplace_back(in.string(), static_cast<std::uint32_t>(in.iterator().byte));
  }
};

constexpr std::string_view kForms =
    "write `# terms: ignore RULE[, RULE]` (this line and the next) or `# terms: ignore-file RULE[, RULE]` "
    "(the whole file)";

std::size_t index_of(const Rule* rule) {
  const auto rules = all_rules();
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (rules[i] == rule) return i;
  }
  return 0;
}

}  // namespace

FileSuppressions parse_suppressions(const ast::File& tree, const SourceFile& source) {
  FileSuppressions out;
  for (const ast::Comment& comment : tree.comments) {
    {
      pegtl::memory_input<> probe(comment.text.data(), comment.text.size(), "");
      if (!pegtl::parse<grammar::marker>(probe)) continue;  // an ordinary comment
    }
    Captured captured;
    pegtl::memory_input<> in(comment.text.data(), comment.text.size(), "");
    bool ok = false;
    try {
      ok = pegtl::parse<grammar::suppression, action>(in, captured);
    } catch (const pegtl::parse_error&) {
      ok = false;
    }
    if (!ok) {
      out.problems.push_back(SuppressionProblem{comment.span, "malformed suppression comment",
                                                "not a suppression Terms understands",
                                                {std::string(kForms)}});
      continue;
    }
    Suppression s;
    s.comment = &comment;
    s.file_level = captured.file_level;
    s.line = source.line_col(comment.span.begin).line;
    s.written = captured.refs.size();
    for (const auto& [text, offset] : captured.refs) {
      const Span span{comment.span.file, comment.span.begin + offset,
                      comment.span.begin + offset + static_cast<std::uint32_t>(text.size())};
      if (const Rule* rule = find_rule(text)) {
        s.entries.push_back(SuppressionEntry{text, span, index_of(rule), false});
        continue;
      }
      SuppressionProblem p{span, "", "", {}};
      if (const DiagInfo* diag = find_diagnostic(text)) {
        p.message = fmt::format("`{}` is not a lint rule", text);
        p.label = fmt::format("{} `{}` comes from the front end", diag->code, diag->name);
        p.help.emplace_back("only lint rules can be suppressed; the front end's diagnostics say what to fix");
      } else {
        p.message = fmt::format("unknown lint rule `{}`", text);
        p.label = "no such rule";
        std::vector<std::string_view> names;
        for (const Rule* r : all_rules()) {
          names.push_back(r->info.name);
          names.push_back(r->info.code);
        }
        if (auto best = closest_match(text, names)) {
          p.help.push_back(fmt::format("did you mean `{}`?", *best));
        } else {
          p.help.emplace_back("`terms lint --list-rules` lists the rules by code and name");
        }
      }
      out.problems.push_back(std::move(p));
    }
    out.suppressions.push_back(std::move(s));
  }
  return out;
}

}  // namespace terms::lint
