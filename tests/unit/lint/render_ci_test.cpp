// The CI renderers on hand-made diagnostics: exact text, escaping, and
// positions (SARIF columns in UTF-16 code units, the others in code points).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "dsl/render_ci.hpp"

namespace terms {
namespace {

// A file whose second line has an emoji (two UTF-16 units, one code point)
// before the span.
struct Sample {
  Sample() {
    const SourceFile& f = sources.add("dir/a b.terms", "freeze x;\nstep s \"\xF0\x9F\x9A\x80\" after t {\n");
    const std::uint32_t after = static_cast<std::uint32_t>(f.text().find("after"));
    Diagnostic d;
    d.code = "L012";
    d.name = "after-later-step";
    d.category = "sequencing";
    d.severity = Severity::warning;
    d.message = "100% sure: a, b";
    d.span = Span{f.id(), after + 6, after + 7};
    d.label = "here";
    d.related.push_back(Label{Span{f.id(), 0, 6}, "and <there> & \"here\""});
    d.help.push_back("move it\nup");
    d.fix = Fix{"rename", {TextEdit{Span{f.id(), 0, 6}, "thaw"}}};
    diags.push_back(d);
    Diagnostic io;
    io.code = "E0001";
    io.name = "unreadable-file";
    io.category = "io";
    io.severity = Severity::error;
    io.message = "cannot read `gone.terms`: no such file";
    io.path = "gone.terms";
    diags.push_back(io);
  }
  SourceManager sources;
  std::vector<Diagnostic> diags;
};

TEST(RenderGcc, OneLinePerDiagnosticAndANotePerRelatedSpan) {
  Sample s;
  EXPECT_EQ(render_gcc(s.diags, s.sources),
            "dir/a b.terms:2:18: warning: 100% sure: a, b [L012 after-later-step]\n"
            "dir/a b.terms:1:1: note: and <there> & \"here\"\n"
            "gone.terms: error: cannot read `gone.terms`: no such file [E0001 unreadable-file]\n");
}

TEST(RenderGithub, WorkflowCommandsWithEscapes) {
  Sample s;
  EXPECT_EQ(render_github(s.diags, s.sources),
            "::warning file=dir/a b.terms,line=2,col=18,endLine=2,endColumn=19,title=L012 after-later-step::"
            "100%25 sure: a, b%0Ahelp: move it%0Aup\n"
            "::error file=gone.terms,title=E0001 unreadable-file::cannot read `gone.terms`: no such file\n");
  Diagnostic d = s.diags[1];
  d.path = "a,b:c.terms";
  EXPECT_EQ(render_github(std::vector<Diagnostic>{d}, s.sources),
            "::error file=a%2Cb%3Ac.terms,title=E0001 unreadable-file::cannot read `gone.terms`: no such file\n");
}

TEST(RenderSarif, ResultsUseUtf16ColumnsAndCarryRelatedLocationsAndFixes) {
  Sample s;
  Report r;
  r.command = "lint";
  r.tool_version = "0.1.0";
  r.files = {"dir/a b.terms"};
  r.diagnostics = s.diags;
  const auto log = nlohmann::json::parse(render_sarif(r, s.sources));
  EXPECT_EQ(log["version"], "2.1.0");
  const auto& run = log["runs"][0];
  EXPECT_EQ(run["columnKind"], "utf16CodeUnits");
  const auto& result = run["results"][0];
  EXPECT_EQ(result["ruleId"], "L012");
  EXPECT_EQ(result["level"], "warning");
  EXPECT_EQ(result["message"]["text"], "100% sure: a, b\nhelp: move it\nup");
  const auto& loc = result["locations"][0]["physicalLocation"];
  EXPECT_EQ(loc["artifactLocation"]["uri"], "dir/a%20b.terms");
  EXPECT_EQ(loc["region"]["startLine"], 2);
  EXPECT_EQ(loc["region"]["startColumn"], 19);  // code point 18; the emoji counts two UTF-16 units
  EXPECT_EQ(loc["region"]["endColumn"], 20);
  EXPECT_EQ(result["relatedLocations"][0]["message"]["text"], "and <there> & \"here\"");
  const auto& replacement = result["fixes"][0]["artifactChanges"][0]["replacements"][0];
  EXPECT_EQ(replacement["deletedRegion"]["startColumn"], 1);
  EXPECT_EQ(replacement["deletedRegion"]["endColumn"], 7);
  EXPECT_EQ(replacement["insertedContent"]["text"], "thaw");
  // A diagnostic without a span still names its file; its rule comes from the registry.
  EXPECT_EQ(run["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "gone.terms");
  EXPECT_FALSE(run["results"][1]["locations"][0]["physicalLocation"].contains("region"));
  EXPECT_EQ(run["tool"]["driver"]["rules"][1]["id"], "E0001");
  EXPECT_EQ(run["tool"]["driver"]["rules"][1]["shortDescription"]["text"], "a file could not be read");
  EXPECT_EQ(run["results"][1]["ruleIndex"], 1);
}

TEST(RenderJunit, CasesPerFileFailuresAtTheFailLevelAndEscapedText) {
  Sample s;
  Report r;
  r.command = "lint";
  r.files = {"dir/a b.terms", "clean.terms"};
  r.diagnostics = s.diags;
  r.fail_level = Severity::error;
  EXPECT_EQ(render_junit(r, s.sources),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<testsuites name=\"terms lint\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"0\">\n"
            "  <testsuite name=\"terms lint\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"0\">\n"
            "    <testcase name=\"dir/a b.terms\" classname=\"terms.lint\" file=\"dir/a b.terms\">\n"
            "      <system-out>dir/a b.terms:2:18: warning[L012]: 100% sure: a, b\n"
            "  dir/a b.terms:1:1: and &lt;there&gt; &amp; \"here\"\n"
            "  help: move it\nup\n"
            "</system-out>\n"
            "    </testcase>\n"
            "    <testcase name=\"clean.terms\" classname=\"terms.lint\" file=\"clean.terms\"/>\n"
            "    <testcase name=\"gone.terms\" classname=\"terms.lint\" file=\"gone.terms\">\n"
            "      <failure message=\"gone.terms: cannot read `gone.terms`: no such file\" type=\"lint\">"
            "gone.terms: error[E0001]: cannot read `gone.terms`: no such file\n"
            "</failure>\n"
            "    </testcase>\n"
            "  </testsuite>\n"
            "</testsuites>\n");
}

TEST(RenderJunit, CallerCasesCarryTheirOwnFailuresAndInvalidBytesAreReplaced) {
  SourceManager sources;
  Report r;
  r.command = "test";
  ReportCase c;
  c.name = "hanoi-2019";
  c.classname = "examples/article/hanoi-2019.terms";
  c.failures = {"expected acceptable, got unacceptable \x01\xFF"};
  r.cases = {c};
  const std::string xml = render_junit(r, sources);
  EXPECT_NE(xml.find("<testcase name=\"hanoi-2019\" classname=\"examples/article/hanoi-2019.terms\">"), std::string::npos);
  EXPECT_NE(xml.find("<failure message=\"expected acceptable, got unacceptable \xEF\xBF\xBD\xEF\xBF\xBD\" type=\"test\">"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("tests=\"1\" failures=\"1\""), std::string::npos);
}

TEST(PathToUri, EncodesReservedCharactersAndMakesAbsolutePathsFileUris) {
  EXPECT_EQ(path_to_uri("examples/a.terms"), "examples/a.terms");
  EXPECT_EQ(path_to_uri("a b#c%.terms"), "a%20b%23c%25.terms");
  EXPECT_EQ(path_to_uri("/tmp/x.terms"), "file:///tmp/x.terms");
  EXPECT_EQ(path_to_uri("<stdin>"), "%3Cstdin%3E");
  EXPECT_EQ(path_to_uri("caf\xC3\xA9.terms"), "caf%C3%A9.terms");
}

TEST(Severity, AtOrAbove) {
  EXPECT_TRUE(at_or_above(Severity::error, Severity::warning));
  EXPECT_TRUE(at_or_above(Severity::warning, Severity::warning));
  EXPECT_FALSE(at_or_above(Severity::info, Severity::warning));
  EXPECT_TRUE(at_or_above(Severity::note, Severity::info));
}

}  // namespace
}  // namespace terms
