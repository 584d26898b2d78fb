// Resource limits: each is configurable, each is a clear diagnostic when
// reached, and none lets hostile input cost more than linear time or memory
// (megabyte-long names, thousands of imports, deep nesting).

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <chrono>
#include <string>
#include <vector>

#include "dsl/diagnostics.hpp"
#include "dsl/parser.hpp"
#include "dsl/profile_ast.hpp"
#include "tests/support/workspace_fixture.hpp"

namespace terms::testing {
namespace {

// ---- "did you mean" on hostile names -------------------------------------------------

TEST(DidYouMean, StillSuggestsForOrdinaryTypos) {
  EXPECT_EQ(closest_match("yongbyn", {"yongbyon", "sohae"}), "yongbyon");
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("ab", "ba"), 1u);  // a transposition costs one
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
}

TEST(DidYouMean, AMegabyteNameGetsNoSuggestionAndCostsNothing) {
  const std::string huge(1'000'000, 'x');
  const std::string huge_typo = huge + "y";
  const auto started = std::chrono::steady_clock::now();
  // Before the limit, this allocated a |a| x |b| table (8 terabytes): std::bad_alloc.
  EXPECT_EQ(closest_match(huge_typo, {huge, "us"}), std::nullopt);
  EXPECT_EQ(closest_match("us", {huge, "uss"}), "uss");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(1));
}

TEST(DidYouMean, EditDistanceUsesLinearMemory) {
  // 4,000 x 4,000 cells: a full table would take 128 MB, the rows take 96 KB.
  const std::string a(4'000, 'a');
  const std::string b(4'000, 'b');
  EXPECT_EQ(edit_distance(a, b), 4'000u);
}

// ---- messages quoting huge input ---------------------------------------------------------

TEST(Messages, ShortenAQuotedRunLongerThan80Bytes) {
  const std::string name = std::string(100, 'a') + std::string(100, 'z');
  const Diagnostic d = make_diagnostic(DiagId::undefined_name, Span{}, fmt::format("undefined name `{}`", name));
  EXPECT_EQ(d.message, "undefined name `" + std::string(48, 'a') + "\u2026" + std::string(16, 'z') + "`");
}

TEST(Messages, KeepShortQuotesAndTheTextAroundThem) {
  const std::string long_path = "lib/" + std::string(200, 'p') + ".terms";
  const Diagnostic d = make_diagnostic(DiagId::import_not_found, Span{},
                                       fmt::format("cannot find `{}`, imported by `main.terms`", long_path));
  EXPECT_EQ(d.message, "cannot find `lib/" + std::string(44, 'p') + "\u2026" + std::string(10, 'p') +
                           ".terms`, imported by `main.terms`");
}

TEST(Messages, CutLongQuotesOnCharacterBoundaries) {
  std::string name;
  for (int i = 0; i < 60; ++i) name += "\xc3\xa9";  // é, two bytes each: 120 bytes
  const Diagnostic d = make_diagnostic(DiagId::undefined_name, Span{}, fmt::format("undefined name `{}`", name));
  std::string expected = "undefined name `";
  for (int i = 0; i < 24; ++i) expected += "\xc3\xa9";
  expected += "\u2026";
  for (int i = 0; i < 8; ++i) expected += "\xc3\xa9";
  EXPECT_EQ(d.message, expected + "`");
  EXPECT_EQ(find_invalid_utf8(d.message), std::string::npos);
}

// ---- the number of files imported -------------------------------------------------------

class ImportCount : public WorkspaceTest {};

TEST_F(ImportCount, StopsLoadingAtTheLimitAndSaysWhere) {
  options.max_imports = 3;
  std::string main;
  for (int i = 0; i < 5; ++i) {
    fs.add(fmt::format("lib/f{}.terms", i), fmt::format("party p{} \"P\";\n", i));
    main += fmt::format("import \"lib/f{}.terms\";\n", i);
  }
  check("main.terms", main);
  EXPECT_EQ(headlines(), (std::vector<std::string>{
                             "E0214 main.terms:4:1 `lib/f3.terms` is not loaded: this check has read 3 files "
                             "through imports, the limit",
                             "E0214 main.terms:5:1 `lib/f4.terms` is not loaded: this check has read 3 files "
                             "through imports, the limit"}));
  EXPECT_EQ(lines(diags.all()[0]).back(),
            "  help: check the library in smaller parts, or raise the limit (`--max-imports`)");
  EXPECT_EQ(fs.reads("lib/f3.terms"), 0);
}

TEST_F(ImportCount, CountsEachLoadSeparatelyAndFilesOnce) {
  options.max_imports = 2;
  fs.add("lib/a.terms", "party a \"A\";\n");
  fs.add("lib/b.terms", "import \"a.terms\";\nparty b \"B\";\n");
  // a.terms is imported twice but read once: two files in all.
  check("one.terms", "import \"lib/a.terms\";\nimport \"lib/b.terms\";\n");
  EXPECT_TRUE(diags.all().empty()) << ::testing::PrintToString(headlines());
  fs.add("lib/c.terms", "party c \"C\";\n");
  fs.add("lib/d.terms", "party d \"D\";\n");
  // A second root has its own budget.
  check("two.terms", "import \"lib/c.terms\";\nimport \"lib/d.terms\";\n");
  EXPECT_TRUE(diags.all().empty()) << ::testing::PrintToString(headlines());
}

TEST_F(ImportCount, ZeroMeansNoLimit) {
  options.max_imports = 0;
  std::string main;
  for (int i = 0; i < 50; ++i) {
    fs.add(fmt::format("f{}.terms", i), fmt::format("party p{} \"P\";\n", i));
    main += fmt::format("import \"f{}.terms\";\n", i);
  }
  check("main.terms", main);
  EXPECT_TRUE(diags.all().empty());
}

// ---- nesting and error budget of the parser ------------------------------------------------

std::vector<std::string> parse_codes(const std::string& text, const ParseOptions& options) {
  SourceManager sources;
  const SourceFile& f = sources.add("x.terms", text);
  DiagnosticBag diags;
  parse_file(f, diags, options);
  std::vector<std::string> out;
  for (const Diagnostic& d : diags.all()) out.push_back(d.code + " " + d.message);
  return out;
}

std::string nested_formula(int depth) {
  return fmt::format("profile p \"P\" {{\n  require a \"A\": {}true{};\n}}\n", std::string(depth, '('),
                     std::string(depth, ')'));
}

// The formula is the first level; each parenthesis adds one.
TEST(ParseLimits, NestingDepthIsConfigurable) {
  ParseOptions o;
  o.max_depth = 8;
  EXPECT_TRUE(parse_codes(nested_formula(7), o).empty());
  EXPECT_EQ(parse_codes(nested_formula(8), o),
            (std::vector<std::string>{"E0106 nesting is deeper than the limit of 8 levels"}));
  o.max_depth = 9;
  EXPECT_TRUE(parse_codes(nested_formula(8), o).empty());
}

TEST(ParseLimits, SiblingsDoNotAddUp) {
  ParseOptions o;
  o.max_depth = 4;
  std::string many = "profile p \"P\" {\n  require a \"A\": (true)";
  for (int i = 0; i < 100; ++i) many += " and ((true) or not true)";
  many += ";\n}\n";
  EXPECT_TRUE(parse_codes(many, o).empty());
}

TEST(ParseLimits, UnbracketedRecursionCountsToo) {
  ParseOptions o;
  o.max_depth = 8;
  const std::string nots = "profile p \"P\" {\n  require a \"A\": " + std::string() + [] {
    std::string s;
    for (int i = 0; i < 9; ++i) s += "not ";
    return s;
  }() + "true;\n}\n";
  EXPECT_EQ(parse_codes(nots, o), (std::vector<std::string>{"E0106 nesting is deeper than the limit of 8 levels"}));
  std::string ifs = "profile p \"P\" {\n  require a \"A\": ";
  for (int i = 0; i < 9; ++i) ifs += "if ";
  ifs += "true";
  for (int i = 0; i < 9; ++i) ifs += " then true";
  EXPECT_EQ(parse_codes(ifs + ";\n}\n", o),
            (std::vector<std::string>{"E0106 nesting is deeper than the limit of 8 levels"}));
}

TEST(ParseLimits, ErrorBudgetIsConfigurable) {
  ParseOptions o;
  o.max_errors = 3;
  std::string text;
  for (int i = 0; i < 10; ++i) text += "party ;\n";
  // `max_errors` errors, then a note that parsing stopped.
  const auto codes = parse_codes(text, o);
  ASSERT_EQ(codes.size(), 4u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(codes[i].substr(0, 6), "E0100 ") << codes[i];
  EXPECT_EQ(codes.back(), "E0107 too many syntax errors; parsing stopped after 3");
}

TEST(ParseLimits, AnErrorBudgetOfOneShowsTheFirstError) {
  // Before, the budget's one slot went to the note: "parsing stopped after 0"
  // and no error at all.
  ParseOptions o;
  o.max_errors = 1;
  const auto codes = parse_codes("party ;\nparty ;\n", o);
  ASSERT_EQ(codes.size(), 2u);
  EXPECT_EQ(codes[0], "E0100 expected a name for the declaration, found `;`");
  EXPECT_EQ(codes[1], "E0107 too many syntax errors; parsing stopped after 1");
}

TEST(ParseLimits, AnErrorBudgetOfZeroMeansNoLimit) {
  // As clang's -ferror-limit=0. Before, 0 wrapped round: the first error
  // stopped the parse, saying it had stopped "after 18446744073709551615".
  ParseOptions o;
  o.max_errors = 0;
  std::string text;
  for (int i = 0; i < 250; ++i) text += "party ;\n";
  const auto codes = parse_codes(text, o);
  EXPECT_EQ(codes.size(), 250u);
  for (const std::string& c : codes) EXPECT_EQ(c.substr(0, 6), "E0100 ") << c;
}

// ---- the size of a profile condition's formula -----------------------------------------

// A formula of `n` sentences joined by `and`: n + 1 parts (the `and`, and
// each sentence; `some X` is a sentence and a noun phrase, so 2 parts each
// when written that way).
std::string wide_formula(int n, const std::string& sentence = "true") {
  std::string f = "profile p \"P\" {\n  require a \"A\": " + sentence;
  for (int i = 1; i < n; ++i) f += " and " + sentence;
  return f + ";\n  require b \"B\": true;\n}\n";
}

TEST(FormulaSize, TheLimitCountsEveryPartAndIsConfigurable) {
  ParseOptions o;
  o.max_formula_size = 11;
  EXPECT_TRUE(parse_codes(wide_formula(10), o).empty());  // 10 constants + 1 `and`
  EXPECT_EQ(parse_codes(wide_formula(11), o),
            (std::vector<std::string>{"E0411 this formula has more than 11 parts, the limit"}));
  // `some clause is verified`: the sentence, its noun phrase and its property.
  EXPECT_TRUE(parse_codes(wide_formula(3, "some clause is verified"), o).empty());  // 3 * 3 + 1 = 10
  EXPECT_EQ(parse_codes(wide_formula(4, "some clause is verified"), o).size(), 1u);  // 13
  o.max_formula_size = 12;
  EXPECT_TRUE(parse_codes(wide_formula(11), o).empty());
}

TEST(FormulaSize, ZeroMeansNoLimitAndTheDefaultAllowsTenThousandParts) {
  ParseOptions o;
  EXPECT_EQ(o.max_formula_size, 10000u);
  EXPECT_TRUE(parse_codes(wide_formula(9999), o).empty());
  EXPECT_EQ(parse_codes(wide_formula(10000), o),
            (std::vector<std::string>{"E0411 this formula has more than 10000 parts, the limit"}));
  o.max_formula_size = 0;
  EXPECT_TRUE(parse_codes(wide_formula(20000), o).empty());
}

TEST(FormulaSize, OnlyTheLargeConditionIsDroppedWithAPositionAndAHint) {
  ParseOptions o;
  o.max_formula_size = 5;
  SourceManager sources;
  const SourceFile& f = sources.add("x.terms", wide_formula(6));
  DiagnosticBag diags;
  const ast::File file = parse_file(f, diags, o);
  ASSERT_EQ(diags.all().size(), 1u);
  const Diagnostic& d = diags.all()[0];
  EXPECT_EQ(f.line_col(d.span.begin).line, 2u);
  EXPECT_EQ(f.line_col(d.span.begin).column, 18u);
  EXPECT_EQ(d.label, "the formula starts here");
  ASSERT_EQ(d.help.size(), 1u);
  EXPECT_EQ(d.help[0], "split the condition into several conditions, or raise the limit (`--max-formula-size`)");
  // The condition is kept without a formula; the next one is whole.
  ASSERT_EQ(file.profiles().size(), 1u);
  const ast::Profile& p = *file.profiles()[0];
  ASSERT_EQ(p.conditions.size(), 2u);
  EXPECT_EQ(p.conditions[0].formula, nullptr);
  EXPECT_NE(p.conditions[1].formula, nullptr);
}

}  // namespace
}  // namespace terms::testing
