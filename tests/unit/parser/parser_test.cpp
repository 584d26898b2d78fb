// The parser: every normative form of the brief parses with its meaning, and
// broken input gets one diagnostic per mistake, with recovery.
#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "dsl/parser.hpp"

namespace terms {
namespace {

struct Parsed {
  SourceManager sources;
  DiagnosticBag diags;
  ast::File file;
  const SourceFile* src = nullptr;

  std::string where(const Diagnostic& d) const {
    auto lc = src->line_col(d.span.begin);
    return std::to_string(lc.line) + ":" + std::to_string(lc.column);
  }
};

std::unique_ptr<Parsed> parse(std::string text) {
  auto p = std::make_unique<Parsed>();
  p->src = &p->sources.add("test.terms", std::move(text));
  p->file = parse_file(*p->src, p->diags);
  return p;
}

const ast::Agreement& only_agreement(const Parsed& p) {
  auto as = p.file.agreements();
  EXPECT_EQ(as.size(), 1u);
  return *as.at(0);
}

TEST(Parser, DeclarationsOfEveryKind) {
  auto p = parse(R"t(import "lib/korea.terms";
party dprk "Democratic People's Republic of Korea";
verifier iaea "International Atomic Energy Agency";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon";
sanction unsc-2397 by unsc "Resolution 2397 (2017)";
benefit hfo by us "Heavy fuel oil";
party untitled;
)t");
  ASSERT_TRUE(p->diags.all().empty()) << p->diags.all().front().message;
  ASSERT_EQ(p->file.imports().size(), 1u);
  EXPECT_EQ(p->file.imports()[0]->path.value, "lib/korea.terms");
  auto decls = p->file.decls();
  ASSERT_EQ(decls.size(), 7u);
  EXPECT_EQ(decls[0]->kind, ast::DeclKind::party);
  EXPECT_EQ(decls[0]->title->value, "Democratic People's Republic of Korea");
  EXPECT_EQ(decls[2]->kind, ast::DeclKind::program);
  EXPECT_EQ(decls[2]->owner->name, "dprk");
  EXPECT_EQ(decls[2]->program_kind->name, "nuclear");
  EXPECT_EQ(decls[3]->owner->name, "dprk-nuclear");
  EXPECT_EQ(decls[4]->owner->name, "unsc");
  EXPECT_EQ(decls[5]->kind, ast::DeclKind::benefit);
  EXPECT_FALSE(decls[6]->title.has_value());
}

TEST(Parser, StringEscapes) {
  auto p = parse(R"t(party p "say \"yes\" \\ no";)t");
  ASSERT_TRUE(p->diags.all().empty());
  EXPECT_EQ(p->file.decls()[0]->title->value, R"t(say "yes" \ no)t");
}

TEST(Parser, StepsClausesAndModifiers) {
  auto p = parse(R"t(agreement interim-2020 "Step-by-step interim deal" {
  builds_on singapore-2018, panmunjom-2018;
  step freeze "Freeze and declare" {
    freeze yongbyon verified by iaea;
    declare dprk-nuclear verified by iaea within 60 days;
    ease sanctions unsc-2397;
    retain sanctions unsc-2270, unsc-2321, us-primary;
  }
  step dismantle "Dismantle Yongbyon" after freeze {
    dismantle yongbyon within 12 months verified by iaea;
    suspend sanctions unsc-2375 snapback;
    provide hfo;
  }
  expect acceptable;
  expect satisfied milestones;
}
)t");
  ASSERT_TRUE(p->diags.all().empty()) << p->diags.all().front().message;
  const auto& a = only_agreement(*p);
  EXPECT_EQ(a.name.name, "interim-2020");
  ASSERT_EQ(a.builds_on().size(), 2u);
  EXPECT_EQ(a.builds_on()[1]->name, "panmunjom-2018");
  auto steps = a.steps();
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0]->name.name, "freeze");  // a verb is a fine step name
  ASSERT_EQ(steps[0]->clauses.size(), 4u);
  const auto& declare = steps[0]->clauses[1];
  EXPECT_EQ(declare.verb, ast::Verb::declare);
  ASSERT_NE(declare.find(ast::Modifier::Kind::verified), nullptr);
  EXPECT_EQ(declare.find(ast::Modifier::Kind::verified)->verifier->name, "iaea");
  EXPECT_EQ(declare.find(ast::Modifier::Kind::within)->duration->days(), 60u);
  const auto& retain = steps[0]->clauses[3];
  EXPECT_TRUE(retain.sanctions_keyword);
  ASSERT_EQ(retain.targets.names.size(), 3u);
  EXPECT_EQ(retain.targets.names[2].name, "us-primary");
  ASSERT_EQ(steps[1]->after.size(), 1u);
  EXPECT_EQ(steps[1]->after[0].name, "freeze");
  // Modifiers in any order.
  const auto& dismantle = steps[1]->clauses[0];
  EXPECT_EQ(dismantle.modifiers[0].kind, ast::Modifier::Kind::within);
  EXPECT_EQ(dismantle.find(ast::Modifier::Kind::within)->duration->unit, ast::DurationUnit::month);
  EXPECT_TRUE(steps[1]->clauses[1].has(ast::Modifier::Kind::snapback));
  auto ex = a.expectations();
  ASSERT_EQ(ex.size(), 2u);
  EXPECT_EQ(ex[0]->kind, ast::Expectation::Kind::acceptable);
  EXPECT_EQ(ex[1]->kind, ast::Expectation::Kind::satisfied);
  EXPECT_EQ(ex[1]->condition->name, "milestones");
}

TEST(Parser, ImplicitStepTargetsAllAndAllBy) {
  auto p = parse(R"t(agreement hanoi-2019 {
  dismantle yongbyon partially verified;
  lift sanctions all;
  suspend sanctions all by us;
  ease sanction all-unsc;
  expect unacceptable;
  expect violated sanctions-retained;
})t");
  ASSERT_TRUE(p->diags.all().empty()) << p->diags.all().front().message;
  auto clauses = only_agreement(*p).implicit_clauses();
  ASSERT_EQ(clauses.size(), 4u);
  EXPECT_TRUE(clauses[0]->has(ast::Modifier::Kind::partially));
  EXPECT_FALSE(clauses[0]->find(ast::Modifier::Kind::verified)->verifier.has_value());
  EXPECT_EQ(clauses[1]->targets.kind, ast::Targets::Kind::all);
  EXPECT_EQ(clauses[2]->targets.kind, ast::Targets::Kind::all_by);
  EXPECT_EQ(clauses[2]->targets.by->name, "us");
  // `all-unsc` is a name, not the keyword `all`.
  EXPECT_EQ(clauses[3]->targets.kind, ast::Targets::Kind::names);
  EXPECT_EQ(clauses[3]->targets.names[0].name, "all-unsc");
}

TEST(Parser, DurationsSingularAndUnknownUnits) {
  auto p = parse("agreement a { freeze x within 1 year; freeze y within 2 weeks; freeze z within 3 fortnights; }");
  ASSERT_TRUE(p->diags.all().empty());
  auto c = only_agreement(*p).implicit_clauses();
  EXPECT_EQ(c[0]->modifiers[0].duration->days(), 365u);
  EXPECT_EQ(c[1]->modifiers[0].duration->days(), 14u);
  // Unknown units parse; the resolver reports them (E0303).
  EXPECT_EQ(c[2]->modifiers[0].duration->unit, ast::DurationUnit::unknown);
  EXPECT_EQ(c[2]->modifiers[0].duration->unit_text, "fortnights");
}

TEST(Parser, CommentsAreKeptWithPlacement) {
  auto p = parse("# header\nparty a \"A\"; # trailing\n\n  # indented own line\nparty b;\n");
  ASSERT_TRUE(p->diags.all().empty());
  ASSERT_EQ(p->file.comments.size(), 3u);
  EXPECT_EQ(p->file.comments[0].text, "# header");
  EXPECT_TRUE(p->file.comments[0].own_line);
  EXPECT_EQ(p->file.comments[1].text, "# trailing");
  EXPECT_FALSE(p->file.comments[1].own_line);
  EXPECT_TRUE(p->file.comments[2].own_line);
}

TEST(Parser, CrlfAndBomCheckClean) {
  auto p = parse("\xEF\xBB\xBFparty a \"A\";\r\n# note\r\nagreement x {\r\n  freeze f;\r\n}\r\n");
  EXPECT_TRUE(p->diags.all().empty());
  EXPECT_EQ(p->file.decls().size(), 1u);
  EXPECT_EQ(p->file.comments.at(0).text, "# note");
  EXPECT_EQ(only_agreement(*p).implicit_clauses().size(), 1u);
}

TEST(Parser, ThreeBrokenClausesGiveThreeErrorsAndTheRestParses) {
  auto p = parse(R"t(agreement a {
  step one {
    dismantel yongbyon;
    freeze yongbyon verifed;
    lift sanctions all by;
    provide hfo;
  }
  expect acceptable;
}
)t");
  const auto& d = p->diags.all();
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].code, "E0101");
  EXPECT_EQ(d[0].message, "unknown clause `dismantel`");
  EXPECT_EQ(p->where(d[0]), "3:5");
  EXPECT_EQ(d[0].help.at(0), "did you mean `dismantle`?");
  EXPECT_EQ(d[1].code, "E0100");
  EXPECT_EQ(d[1].message,
            "expected a modifier (`verified`, `within`, `partially`, `snapback`) or `;` to end the "
            "clause, found `verifed`");
  EXPECT_EQ(d[1].help.at(0), "did you mean `verified`?");
  EXPECT_EQ(p->where(d[2]), "5:26");
  EXPECT_EQ(d[2].message, "expected a party after `all by`, found `;`");
  const auto& a = only_agreement(*p);
  ASSERT_EQ(a.steps().size(), 1u);
  ASSERT_EQ(a.steps()[0]->clauses.size(), 1u);
  EXPECT_EQ(a.steps()[0]->clauses[0].verb, ast::Verb::provide);
  EXPECT_EQ(a.expectations().size(), 1u);
  EXPECT_TRUE(p->file.has_syntax_errors);
}

TEST(Parser, MissingSemicolonAtLineEndKeepsTheItem) {
  auto p = parse("party a \"A\"\nparty b \"B\";\nagreement x {\n  freeze f\n  freeze g;\n}\n");
  ASSERT_EQ(p->diags.all().size(), 2u);
  EXPECT_EQ(p->diags.all()[0].message, "expected `;` at the end of the declaration, found `party`");
  EXPECT_EQ(p->where(p->diags.all()[0]), "1:12");  // just after the title
  EXPECT_EQ(p->diags.all()[0].help.at(0), "add `;` at the end of the previous line");
  EXPECT_EQ(p->file.decls().size(), 2u);
  EXPECT_EQ(only_agreement(*p).implicit_clauses().size(), 2u);
}

TEST(Parser, UnclosedBlocksPointAtTheirBraces) {
  auto p = parse("agreement a {\n  step s {\n    freeze x;\n");
  ASSERT_EQ(p->diags.all().size(), 2u);
  EXPECT_EQ(p->diags.all()[0].code, "E0104");
  EXPECT_EQ(p->diags.all()[0].message, "this `{` of the step has no matching `}`");
  EXPECT_EQ(p->where(p->diags.all()[0]), "2:10");
  EXPECT_EQ(p->diags.all()[1].message, "this `{` of the agreement has no matching `}`");
  EXPECT_EQ(p->where(p->diags.all()[1]), "1:13");
  // The clauses parsed so far are kept.
  EXPECT_EQ(only_agreement(*p).steps().at(0)->clauses.size(), 1u);
}

TEST(Parser, UnclosedAgreementBeforeTheNextDeclaration) {
  auto p = parse("agreement a {\n  freeze x;\nparty p;\nagreement b { freeze y; }\n");
  ASSERT_EQ(p->diags.all().size(), 1u);
  EXPECT_EQ(p->diags.all()[0].code, "E0104");
  EXPECT_EQ(p->file.decls().size(), 1u);
  EXPECT_EQ(p->file.agreements().size(), 2u);
}

TEST(Parser, UnknownTopLevelWordSuggestsADeclaration) {
  auto p = parse("partys a;\nparty b;\n");
  ASSERT_EQ(p->diags.all().size(), 1u);
  EXPECT_EQ(p->diags.all()[0].code, "E0102");
  EXPECT_EQ(p->diags.all()[0].help.at(0), "did you mean `party`?");
  EXPECT_EQ(p->file.decls().size(), 1u);
}

TEST(Parser, ClauseWordsThatBelongOutsideAStep) {
  auto p = parse("agreement a { step s { expect acceptable; } }");
  ASSERT_EQ(p->diags.all().size(), 1u);
  EXPECT_EQ(p->diags.all()[0].message, "`expect` is not allowed inside a step");
}

TEST(Parser, UnterminatedStringAndBadEscape) {
  auto p = parse("party a \"no end;\nparty b \"bad \\q\";\nparty c;\n");
  ASSERT_EQ(p->diags.all().size(), 2u);
  EXPECT_EQ(p->diags.all()[0].code, "E0103");
  EXPECT_EQ(p->diags.all()[1].code, "E0105");
  EXPECT_EQ(p->diags.all()[0].message,
            "unterminated string: expected a closing `\"` on the same line, found end of line");
  EXPECT_EQ(p->diags.all()[1].message,
            "invalid escape in a string: only `\\\"` and `\\\\` are allowed, found `q`");
  EXPECT_EQ(p->file.decls().size(), 1u);
}

TEST(Parser, EmptyFileAndOnlyComments) {
  EXPECT_TRUE(parse("")->diags.all().empty());
  auto p = parse("# nothing but a comment");
  EXPECT_TRUE(p->diags.all().empty());
  EXPECT_EQ(p->file.comments.size(), 1u);
}

TEST(Parser, NulByteAndInvalidUtf8AreReportedNotParsed) {
  auto nul = parse(std::string("party a;\0party b;", 17));
  ASSERT_EQ(nul->diags.all().size(), 1u);
  EXPECT_EQ(nul->diags.all()[0].code, "E0004");
  EXPECT_EQ(nul->where(nul->diags.all()[0]), "1:9");
  auto bad = parse("party a \"\xC3\x28\";");
  ASSERT_EQ(bad->diags.all().size(), 1u);
  EXPECT_EQ(bad->diags.all()[0].code, "E0003");
  EXPECT_EQ(bad->diags.all()[0].message, "the file is not valid UTF-8 (byte 0xC3 at offset 9)");
}

TEST(Parser, TenThousandUnclosedBracesGiveOneErrorWithoutRecursion) {
  auto p = parse("agreement a " + std::string(10000, '{'));
  ASSERT_GE(p->diags.all().size(), 1u);
  EXPECT_LE(p->diags.all().size(), 2u);
}

TEST(Parser, ErrorBudgetStopsTheParse) {
  std::string text;
  for (int i = 0; i < 500; ++i) text += "bogus;\n";
  DiagnosticBag diags;
  SourceManager sm;
  const auto& src = sm.add("many.terms", text);
  ParseOptions opts;
  opts.max_errors = 10;
  parse_file(src, diags, opts);
  // Ten errors, then a note that parsing stopped.
  ASSERT_EQ(diags.all().size(), 11u);
  EXPECT_EQ(diags.all()[9].code, "E0102");
  EXPECT_EQ(diags.all().back().code, "E0107");
  EXPECT_EQ(diags.all().back().message, "too many syntax errors; parsing stopped after 10");
}

TEST(Parser, RandomBytesNeverCrash) {
  std::uint32_t seed = 12345;
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const char alphabet[] = "party agreement step { } ; , \" \\ # \n all by verified within 12 days x-y _";
    for (int i = 0; i < 200; ++i) {
      seed = seed * 1103515245u + 12345u;
      text.push_back(alphabet[(seed >> 16) % (sizeof(alphabet) - 1)]);
    }
    auto p = parse(text);
    for (const auto& d : p->diags.all()) {
      EXPECT_LE(d.span.end, text.size());
      EXPECT_FALSE(d.message.empty());
    }
  }
}

}  // namespace
}  // namespace terms

namespace terms {
namespace {

TEST(Suggestions, AHugeMisspeltNameGetsNoSuggestionAndNoCrash) {
  const std::string huge(1 << 20, 'x');
  EXPECT_FALSE(closest_match(huge, {"party", std::string_view(huge).substr(1)}).has_value());
  EXPECT_EQ(closest_match("dismantel", {"declare", "dismantle"}).value_or(""), "dismantle");
  auto p = parse("agreement a { " + huge + " x; }");
  ASSERT_EQ(p->diags.all().size(), 1u);
  EXPECT_EQ(p->diags.all()[0].code, "E0101");
  EXPECT_TRUE(p->diags.all()[0].help.at(0).starts_with("a clause starts with"));
}

}  // namespace
}  // namespace terms
