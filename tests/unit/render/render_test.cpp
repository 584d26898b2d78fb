// The diagnostic renderers, on hand-built diagnostics: the exact text a user
// sees in a terminal, and the exact JSON a machine reads.

#include "dsl/render.hpp"

#include <gtest/gtest.h>

namespace terms {
namespace {

// The span of the first occurrence of `needle` (after `from`) in a file.
Span find(const SourceFile& f, std::string_view needle, std::size_t from = 0) {
  const std::size_t at = f.text().find(needle, from);
  EXPECT_NE(at, std::string_view::npos) << needle;
  return Span{f.id(), static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + needle.size())};
}

std::string lines(int n, std::string_view text) {
  std::string out;
  for (int i = 0; i < n; ++i) out += text;
  return out;
}

TEST(RenderText, SingleSpanWithLabelAndHelp) {
  SourceManager sm;
  const SourceFile& f = sm.add("examples/hanoi.terms",
                               lines(11, "# context\n") + "  dismantle yongbyn partially verified;\n");
  Diagnostic d = make_diagnostic(DiagId::undefined_name, find(f, "yongbyn"), "undefined name `yongbyn`");
  d.with_label("not declared in this file or its imports").with_help("did you mean `yongbyon`?");
  EXPECT_EQ(render_text(d, sm),
            "error[E0204]: undefined name `yongbyn`\n"
            "  --> examples/hanoi.terms:12:13\n"
            "   |\n"
            "12 |   dismantle yongbyn partially verified;\n"
            "   |             ^^^^^^^ not declared in this file or its imports\n"
            "   |\n"
            "   = help: did you mean `yongbyon`?\n");
}

TEST(RenderText, RelatedSpanInTheSameFile) {
  SourceManager sm;
  const SourceFile& f = sm.add("d.terms",
                               "party dprk \"A\";\n"
                               "party us \"B\";\n"
                               "party dprk \"C\";\n");
  Diagnostic d = make_diagnostic(DiagId::duplicate_name, find(f, "dprk", 10), "duplicate name `dprk`");
  d.with_label("declared again here").with_related(find(f, "dprk"), "first declared here");
  EXPECT_EQ(render_text(d, sm),
            "error[E0205]: duplicate name `dprk`\n"
            " --> d.terms:3:7\n"
            "  |\n"
            "1 | party dprk \"A\";\n"
            "  |       ---- first declared here\n"
            "2 | party us \"B\";\n"
            "3 | party dprk \"C\";\n"
            "  |       ^^^^ declared again here\n");
}

TEST(RenderText, DistantLinesAreElided) {
  SourceManager sm;
  const SourceFile& f = sm.add("d.terms", "party dprk \"A\";\n" + lines(10, "\n") + "party dprk \"C\";\n");
  Diagnostic d = make_diagnostic(DiagId::duplicate_name, find(f, "dprk", 10), "duplicate name `dprk`");
  d.with_related(find(f, "dprk"), "first declared here");
  EXPECT_EQ(render_text(d, sm),
            "error[E0205]: duplicate name `dprk`\n"
            "  --> d.terms:12:7\n"
            "   |\n"
            " 1 | party dprk \"A\";\n"
            "   |       ---- first declared here\n"
            "...\n"
            "12 | party dprk \"C\";\n"
            "   |       ^^^^\n");
}

TEST(RenderText, RelatedSpanInAnotherFile) {
  SourceManager sm;
  const SourceFile& lib = sm.add("examples/lib/korea.terms",
                                 "party dprk \"DPRK\";\n"
                                 "sanction unsc-2397 by unsc \"Resolution 2397\";\n");
  const SourceFile& deal = sm.add("examples/deal.terms",
                                  "import \"lib/korea.terms\";\n"
                                  "agreement a {\n"
                                  "  dismantle unsc-2397;\n"
                                  "}\n");
  Diagnostic d = make_diagnostic(DiagId::wrong_kind, find(deal, "unsc-2397"),
                                 "`unsc-2397` is a sanction, not a facility or program");
  d.with_label("`dismantle` needs a facility or program")
      .with_related(find(lib, "unsc-2397"), "declared here as a sanction")
      .with_note("the target of a concession is what the sanctioned side gives up");
  EXPECT_EQ(render_text(d, sm),
            "error[E0206]: `unsc-2397` is a sanction, not a facility or program\n"
            " --> examples/deal.terms:3:13\n"
            "  |\n"
            "3 |   dismantle unsc-2397;\n"
            "  |             ^^^^^^^^^ `dismantle` needs a facility or program\n"
            "  |\n"
            " --> examples/lib/korea.terms:2:10\n"
            "  |\n"
            "2 | sanction unsc-2397 by unsc \"Resolution 2397\";\n"
            "  |          --------- declared here as a sanction\n"
            "  |\n"
            "  = note: the target of a concession is what the sanctioned side gives up\n");
}

TEST(RenderText, MultiLineSpanMarksItsFirstAndLastLines) {
  SourceManager sm;
  const SourceFile& f = sm.add("m.terms",
                               "agreement a {\n"
                               "  step one {\n"
                               "    freeze yongbyon;\n"
                               "  }\n"
                               "  lift sanctions all;\n");
  const Span open = find(f, "{");
  Diagnostic d = make_diagnostic(DiagId::syntax_unclosed_block,
                                 Span{f.id(), open.begin, static_cast<std::uint32_t>(f.text().size())},
                                 "unclosed block");
  d.with_label("the file ends before this block is closed").with_help("add `}` at the end of the agreement");
  EXPECT_EQ(render_text(d, sm),
            "error[E0104]: unclosed block\n"
            " --> m.terms:1:13\n"
            "  |\n"
            "1 | agreement a {\n"
            "  |             ^\n"
            "...\n"
            "5 |   lift sanctions all;\n"
            "  |   ^^^^^^^^^^^^^^^^^^^ the file ends before this block is closed\n"
            "  |\n"
            "  = help: add `}` at the end of the agreement\n");
}

TEST(RenderText, MultiLineSpanOnAdjacentLines) {
  SourceManager sm;
  const SourceFile& f = sm.add("m.terms", "step a after b {\n}\n");
  Diagnostic d = make_diagnostic(DiagId::step_cycle, Span{f.id(), 0, 18}, "steps wait on each other");
  EXPECT_EQ(render_text(d, sm),
            "error[E0208]: steps wait on each other\n"
            " --> m.terms:1:1\n"
            "  |\n"
            "1 | step a after b {\n"
            "  | ^^^^^^^^^^^^^^^^\n"
            "2 | }\n"
            "  | ^\n");
}

TEST(RenderText, TabsExpandToTabStops) {
  SourceManager sm;
  const SourceFile& f = sm.add("t.terms", "\tfreeze\tyongbyn;\n");
  Diagnostic d = make_diagnostic(DiagId::undefined_name, find(f, "yongbyn"), "undefined name `yongbyn`");
  d.with_label("not declared");
  // Column 9 counts code points (the tabs are one each); the caret lines up
  // with the expanded text.
  EXPECT_EQ(render_text(d, sm),
            "error[E0204]: undefined name `yongbyn`\n"
            " --> t.terms:1:9\n"
            "  |\n"
            "1 |     freeze  yongbyn;\n"
            "  |             ^^^^^^^ not declared\n");
  RenderOptions two;
  two.tab_width = 2;
  EXPECT_EQ(render_text(d, sm, two),
            "error[E0204]: undefined name `yongbyn`\n"
            " --> t.terms:1:9\n"
            "  |\n"
            "1 |   freeze  yongbyn;\n"
            "  |           ^^^^^^^ not declared\n");
}

TEST(RenderText, MultibyteAndWideCharacters) {
  SourceManager sm;
  // "é" is two bytes and one column; "北朝鮮" is nine bytes, three code points
  // and six terminal columns.
  const SourceFile& f = sm.add("u.terms", "party é \"北朝鮮\" bad;\n");
  Diagnostic d = make_diagnostic(DiagId::syntax_error, find(f, "bad"), "expected `;` after the title");
  d.with_label("unexpected word").with_related(find(f, "\"北朝鮮\""), "the title");
  EXPECT_EQ(render_text(d, sm),
            "error[E0100]: expected `;` after the title\n"
            " --> u.terms:1:15\n"
            "  |\n"
            "1 | party é \"北朝鮮\" bad;\n"
            "  |         -------- the title\n"
            "  |                  ^^^ unexpected word\n");
}

TEST(RenderText, ControlCharactersAndInvalidBytesAreShownSafely) {
  SourceManager sm;
  const SourceFile& f = sm.add("c.terms", "party \x01 \xff x;\n");
  Diagnostic d = make_diagnostic(DiagId::syntax_error, find(f, "x;"), "bad");
  EXPECT_EQ(render_text(d, sm),
            "error[E0100]: bad\n"
            " --> c.terms:1:11\n"
            "  |\n"
            "1 | party \u2401 \uFFFD x;\n"
            "  |           ^^\n");
}

TEST(RenderText, EmptySpanAtTheEndOfALine) {
  SourceManager sm;
  const SourceFile& f = sm.add("s.terms", "party dprk \"D\"\r\nparty us \"U\";\r\n");
  const std::uint32_t at = static_cast<std::uint32_t>(f.text().find('\r'));
  Diagnostic d = make_diagnostic(DiagId::syntax_error, Span{f.id(), at, at}, "expected `;`");
  d.with_label("add `;` here");
  EXPECT_EQ(render_text(d, sm),
            "error[E0100]: expected `;`\n"
            " --> s.terms:1:15\n"
            "  |\n"
            "1 | party dprk \"D\"\n"
            "  |               ^ add `;` here\n");
}

TEST(RenderText, EmptyLineHasNoTrailingSpace) {
  SourceManager sm;
  const SourceFile& f = sm.add("e.terms", "");
  Diagnostic d = make_diagnostic(DiagId::io_no_inputs, Span{f.id(), 0, 0}, "empty");
  d.severity = Severity::warning;
  EXPECT_EQ(render_text(d, sm),
            "warning[E0006]: empty\n"
            " --> e.terms:1:1\n"
            "  |\n"
            "1 |\n"
            "  | ^\n");
}

TEST(RenderText, LongLinesAreWindowed) {
  SourceManager sm;
  const SourceFile& f = sm.add("long.terms", std::string(300, 'a') + " bad " + std::string(300, 'b') + "\n");
  Diagnostic d = make_diagnostic(DiagId::syntax_error, find(f, "bad"), "bad");
  RenderOptions narrow;
  narrow.max_line_width = 40;
  EXPECT_EQ(render_text(d, sm, narrow),
            "error[E0100]: bad\n"
            " --> long.terms:1:302\n"
            "  |\n"
            "1 | ..." + std::string(4, 'a') + " bad " + std::string(31, 'b') + "...\n"
            "  |         ^^^\n");
}

TEST(RenderText, MarksTooFarApartGetAWindowEach) {
  SourceManager sm;
  const SourceFile& f = sm.add("long.terms", "party p; " + std::string(200, 'x') + " party p;\n");
  Diagnostic d = make_diagnostic(DiagId::duplicate_name, find(f, "p;", 20), "duplicate");
  d.with_label("again").with_related(find(f, "p;"), "first");
  RenderOptions narrow;
  narrow.max_line_width = 40;
  EXPECT_EQ(render_text(d, sm, narrow),
            "error[E0205]: duplicate\n"
            " --> long.terms:1:217\n"
            "  |\n"
            "1 | party p; " + std::string(31, 'x') + "...\n"
            "  |       -- first\n"
            "1 | ..." + std::string(31, 'x') + " party p;\n"
            "  |                                          ^^ again\n");
}

TEST(RenderText, WithoutASpanShowsThePath) {
  SourceManager sm;
  Diagnostic d = make_diagnostic(DiagId::io_unreadable, Span{}, "cannot read `x.terms`: permission denied");
  d.path = "x.terms";
  d.with_help("check the file's permissions");
  EXPECT_EQ(render_text(d, sm),
            "error[E0001]: cannot read `x.terms`: permission denied\n"
            " --> x.terms\n"
            "  = help: check the file's permissions\n");
  d.path.clear();
  d.help.clear();
  EXPECT_EQ(render_text(d, sm), "error[E0001]: cannot read `x.terms`: permission denied\n");
}

TEST(RenderText, RelatedSpanOfAnUnknownFileBecomesANote) {
  SourceManager sm;
  const SourceFile& f = sm.add("a.terms", "party a \"A\";\n");
  Diagnostic d = make_diagnostic(DiagId::duplicate_name, find(f, "a \"A\""), "duplicate");
  d.with_related(Span{}, "first declared in a built-in profile");
  EXPECT_EQ(render_text(d, sm),
            "error[E0205]: duplicate\n"
            " --> a.terms:1:7\n"
            "  |\n"
            "1 | party a \"A\";\n"
            "  |       ^^^^^\n"
            "  |\n"
            "  = note: first declared in a built-in profile\n");
}

TEST(RenderText, Colour) {
  SourceManager sm;
  const SourceFile& f = sm.add("w.terms", "x;\n");
  Diagnostic d = make_diagnostic(DiagId::zero_duration, find(f, "x"), "zero");
  d.with_label("here").with_help("fix");
  RenderOptions colour;
  colour.color = true;
  EXPECT_EQ(render_text(d, sm, colour),
            "\x1b[1;33mwarning[E0304]\x1b[0m\x1b[1m: zero\x1b[0m\n"
            " \x1b[1;34m-->\x1b[0m w.terms:1:1\n"
            "  \x1b[1;34m|\x1b[0m\n"
            "\x1b[1;34m1 |\x1b[0m x;\n"
            "\x1b[1;34m  |\x1b[0m \x1b[1;33m^\x1b[0m \x1b[1;33mhere\x1b[0m\n"
            "  \x1b[1;34m|\x1b[0m\n"
            "  \x1b[1;34m=\x1b[0m \x1b[1mhelp\x1b[0m: fix\n");
}

TEST(RenderText, SeveralDiagnosticsAreSeparatedByBlankLines) {
  SourceManager sm;
  Diagnostic a = make_diagnostic(DiagId::io_unreadable, Span{}, "one");
  Diagnostic b = make_diagnostic(DiagId::io_unreadable, Span{}, "two");
  const std::vector<Diagnostic> both{a, b};
  EXPECT_EQ(render_text(both, sm), "error[E0001]: one\n\nerror[E0001]: two\n");
}

TEST(RenderText, DisplayWidths) {
  EXPECT_EQ(display_width(U'a'), 1u);
  EXPECT_EQ(display_width(U'é'), 1u);
  EXPECT_EQ(display_width(U'\u0301'), 0u);  // combining acute accent
  EXPECT_EQ(display_width(U'\uFEFF'), 0u);  // byte order mark
  EXPECT_EQ(display_width(U'北'), 2u);
  EXPECT_EQ(display_width(U'한'), 2u);
  EXPECT_EQ(display_width(U'\U0001F600'), 2u);
}

TEST(RenderCounts, Phrases) {
  EXPECT_EQ(counts_phrase({0, 0, 0}), "0 errors, 0 warnings");
  EXPECT_EQ(counts_phrase({1, 1, 0}), "1 error, 1 warning");
  EXPECT_EQ(counts_phrase({2, 3, 7}), "2 errors, 3 warnings");
  std::vector<Diagnostic> ds(4);
  ds[1].severity = Severity::warning;
  ds[2].severity = Severity::note;
  const DiagnosticCounts c = count_diagnostics(ds);
  EXPECT_EQ(c.errors, 2u);
  EXPECT_EQ(c.warnings, 1u);
  EXPECT_EQ(c.infos, 1u);
}

TEST(RenderJson, ReportSchema) {
  SourceManager sm;
  const SourceFile& lib = sm.add("lib.terms", "party dprk \"D\";\n");
  const SourceFile& f = sm.add("é.terms", "party é;\nparty dprk \"D\";\n");
  Diagnostic dup = make_diagnostic(DiagId::duplicate_name, find(f, "dprk"), "duplicate name `dprk`");
  dup.with_label("declared again here").with_related(find(lib, "dprk"), "first declared here");
  dup.with_help("rename one of them");
  Diagnostic io = make_diagnostic(DiagId::io_unreadable, Span{}, "cannot read `gone.terms`: no such file or directory");
  io.path = "gone.terms";
  const std::vector<Diagnostic> ds{dup, io};
  const std::vector<std::string> files{"é.terms"};
  EXPECT_EQ(dump_json(report_to_json(files, ds, sm)),
            R"({
  "version": 1,
  "files": [
    "é.terms"
  ],
  "diagnostics": [
    {
      "code": "E0205",
      "name": "duplicate-name",
      "severity": "error",
      "category": "names",
      "message": "duplicate name `dprk`",
      "file": "é.terms",
      "range": {
        "start": {
          "line": 2,
          "column": 7,
          "offset": 16
        },
        "end": {
          "line": 2,
          "column": 11,
          "offset": 20
        }
      },
      "label": "declared again here",
      "related": [
        {
          "file": "lib.terms",
          "range": {
            "start": {
              "line": 1,
              "column": 7,
              "offset": 6
            },
            "end": {
              "line": 1,
              "column": 11,
              "offset": 10
            }
          },
          "message": "first declared here"
        }
      ],
      "help": [
        "rename one of them"
      ],
      "notes": []
    },
    {
      "code": "E0001",
      "name": "unreadable-file",
      "severity": "error",
      "category": "io",
      "message": "cannot read `gone.terms`: no such file or directory",
      "file": "gone.terms",
      "range": null,
      "label": null,
      "related": [],
      "help": [],
      "notes": []
    }
  ],
  "summary": {
    "files": 1,
    "errors": 2,
    "warnings": 0
  }
}
)");
}

TEST(RenderJson, ColumnsCountCodePointsAndFixesAreIncluded) {
  SourceManager sm;
  const SourceFile& f = sm.add("u.terms", "party 北朝鮮 x\n");
  Diagnostic d = make_diagnostic(DiagId::syntax_error, find(f, "x"), "expected `;`");
  d.fix = Fix{"insert `;`", {TextEdit{Span{f.id(), d.span.end, d.span.end}, ";"}}};
  const auto j = diagnostic_to_json(d, sm);
  EXPECT_EQ(j["range"]["start"]["column"], 11);
  EXPECT_EQ(j["range"]["start"]["offset"], 16);
  EXPECT_EQ(j["fix"]["description"], "insert `;`");
  EXPECT_EQ(j["fix"]["edits"][0]["replacement"], ";");
  EXPECT_EQ(j["fix"]["edits"][0]["range"]["start"]["column"], 12);
}

TEST(RenderJson, InvalidUtf8InAMessageIsReplacedNotThrown) {
  SourceManager sm;
  Diagnostic d = make_diagnostic(DiagId::io_invalid_utf8, Span{}, std::string("bad \xff byte"));
  const std::vector<Diagnostic> ds{d};
  const std::string out = dump_json(report_to_json({}, ds, sm));
  EXPECT_NE(out.find("bad \xEF\xBF\xBD byte"), std::string::npos);
}

}  // namespace
}  // namespace terms
