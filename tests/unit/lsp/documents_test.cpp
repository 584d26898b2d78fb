// Text synchronisation (didOpen, incremental didChange in UTF-16 units,
// didClose, didSave) and the diagnostics published for it.
#include "tests/unit/lsp/lsp_fixture.hpp"

#include "lsp/documents.hpp"

namespace terms::lsp::testing {
namespace {

json change(int l1, int c1, int l2, int c2, const std::string& text) {
  return json{{"range", LspSession::range(l1, c1, l2, c2)}, {"text", text}};
}

TEST(ApplyChange, ReplacesRangesInUtf16Units) {
  // "é" is one UTF-16 unit (2 bytes), "😀" two units (4 bytes).
  std::string text = "aé😀b\nline two\n";
  EXPECT_FALSE(apply_change(text, change(0, 4, 0, 5, "B")));
  EXPECT_EQ(text, "aé😀B\nline two\n");
  EXPECT_FALSE(apply_change(text, change(0, 2, 0, 4, "")));
  EXPECT_EQ(text, "aéB\nline two\n");
  // Across lines; an insertion; a column past the line end clamps to it.
  EXPECT_FALSE(apply_change(text, change(0, 3, 1, 4, "")));
  EXPECT_EQ(text, "aéB two\n");
  EXPECT_FALSE(apply_change(text, change(0, 99, 0, 99, "!")));
  EXPECT_EQ(text, "aéB two!\n");
  // A line past the end means the end of the text.
  EXPECT_FALSE(apply_change(text, change(7, 0, 9, 0, "tail")));
  EXPECT_EQ(text, "aéB two!\ntail");
  // Without a range, the whole text.
  EXPECT_FALSE(apply_change(text, json{{"text", "new"}}));
  EXPECT_EQ(text, "new");
}

TEST(ApplyChange, RejectsMalformedChanges) {
  std::string text = "abc\ndef\n";
  EXPECT_EQ(apply_change(text, change(1, 2, 0, 1, "x")), "a content change's range ends before it starts");
  EXPECT_EQ(apply_change(text, json{{"range", LspSession::range(0, 0, 0, 1)}}), "a content change needs a string `text`");
  EXPECT_EQ(apply_change(text, json{{"range", {{"start", LspSession::pos(0, -1)}, {"end", LspSession::pos(0, 1)}}},
                                   {"text", ""}}),
            "a content change's `range.start.character` must be a non-negative integer, not -1");
  EXPECT_EQ(apply_change(text, json{{"range", {{"start", LspSession::pos(0, 0)}, {"end", {{"line", 4294967296LL}}}}},
                                   {"text", ""}}),
            "a content change's `range.end.line` is out of range: 4294967296 is more than 2147483647, the largest "
            "LSP `uinteger`");
  EXPECT_EQ(apply_change(text, json::array()), "a content change must be an object");
  EXPECT_EQ(text, "abc\ndef\n");
}

TEST_F(LspTest, DidOpenPublishesDiagnosticsWithVersion) {
  initialize();
  std::string text = kDeal;
  text.replace(text.find("freeze yongbyon"), 15, "freeze yongbyn");
  open("/w/deal.terms", text, 3);
  auto published = idle();
  ASSERT_EQ(published.size(), 1u);
  EXPECT_EQ(published[0]["uri"], "file:///w/deal.terms");
  EXPECT_EQ(published[0]["version"], 3);
  const json& diags = published[0]["diagnostics"];
  ASSERT_EQ(diags.size(), 1u) << diags.dump(2);
  EXPECT_EQ(diags[0]["message"], "undefined name `yongbyn`\nhelp: did you mean `yongbyon`?");
  EXPECT_EQ(diags[0]["code"], "E0204");
  EXPECT_EQ(diags[0]["severity"], 1);
  EXPECT_EQ(diags[0]["source"], "terms");
  EXPECT_EQ(diags[0]["range"], range(4, 11, 4, 18));
  // Nothing more to publish until something changes.
  EXPECT_TRUE(idle().empty());
}

TEST_F(LspTest, IncrementalChangesAreCheckedOncePerBurst) {
  initialize();
  open("/w/deal.terms", kDeal);
  EXPECT_EQ(diagnostics_for("/w/deal.terms"), json::array());
  // Three keystrokes: `yongbyon` -> `yongbyonx` -> `yongbyonxy` -> `yongbyonx`.
  auto type = [&](int version, json c) {
    notify("textDocument/didChange", {{"textDocument", {{"uri", uri("/w/deal.terms")}, {"version", version}}},
                                      {"contentChanges", json::array({std::move(c)})}});
  };
  type(2, change(4, 19, 4, 19, "x"));
  type(3, change(4, 20, 4, 20, "y"));
  type(4, change(4, 20, 4, 21, ""));
  auto published = idle();
  ASSERT_EQ(published.size(), 1u);
  EXPECT_EQ(published[0]["version"], 4);
  ASSERT_EQ(published[0]["diagnostics"].size(), 1u);
  EXPECT_EQ(published[0]["diagnostics"][0]["message"],
            "undefined name `yongbyonx`\nhelp: did you mean `yongbyon`?");
  EXPECT_EQ(published[0]["diagnostics"][0]["range"], range(4, 11, 4, 20));
  // Fix it again: the diagnostics are cleared.
  type(5, change(4, 19, 4, 20, ""));
  EXPECT_EQ(diagnostics_for("/w/deal.terms"), json::array());
}

TEST_F(LspTest, RangesCountUtf16CodeUnits) {
  initialize();
  open("/w/d.terms", "party a \"😀\"; party a \"x\";\n");
  json diags = diagnostics_for("/w/d.terms");
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0]["message"],
            "`a` is declared twice\nhelp: rename one of them: a file shares one set of names with every file it "
            "imports");
  // Code point 20 (1-based) is UTF-16 unit 20 (0-based): the emoji counts twice.
  EXPECT_EQ(diags[0]["range"], range(0, 20, 0, 21));
  ASSERT_EQ(diags[0]["relatedInformation"].size(), 2u);
  EXPECT_EQ(diags[0]["relatedInformation"][1]["message"], "first declared here");
  EXPECT_EQ(diags[0]["relatedInformation"][1]["location"]["range"], range(0, 6, 0, 7));
  // Rename the second `a` to `b`: a change whose range lies after the emoji.
  notify("textDocument/didChange", {{"textDocument", {{"uri", uri("/w/d.terms")}, {"version", 2}}},
                                    {"contentChanges", json::array({change(0, 20, 0, 21, "b")})}});
  EXPECT_EQ(diagnostics_for("/w/d.terms"), json::array());
}

TEST_F(LspTest, BadChangesLeaveTheDocumentAsItWas) {
  initialize();
  open("/w/deal.terms", kDeal);
  idle();
  notify("textDocument/didChange", {{"textDocument", {{"uri", uri("/w/deal.terms")}, {"version", 2}}},
                                    {"contentChanges", json::array({change(0, 0, 0, 1, "X"), change(3, 0, 1, 0, "")})}});
  ASSERT_EQ(notifications.size(), 1u);
  EXPECT_EQ(notifications[0]["params"]["message"],
            "textDocument/didChange: a content change's range ends before it starts (in `file:///w/deal.terms`)");
  // The first, valid change of the batch was not applied either.
  EXPECT_EQ(server().analysis(uri("/w/deal.terms"))->root_source().text(), kDeal);
  // A change to a document that is not open is logged too.
  notify("textDocument/didChange", {{"textDocument", {{"uri", uri("/w/other.terms")}, {"version", 2}}},
                                    {"contentChanges", json::array({json{{"text", "x"}}})}});
  EXPECT_EQ(notifications.back()["params"]["message"], "textDocument/didChange: `file:///w/other.terms` is not open");
}

TEST_F(LspTest, DidCloseClearsDiagnostics) {
  initialize();
  open("/w/deal.terms", "party p \"P\"; party p \"Q\";\n");
  EXPECT_EQ(diagnostics_for("/w/deal.terms").size(), 1u);
  notify("textDocument/didClose", {{"textDocument", doc("/w/deal.terms")}});
  ASSERT_EQ(notifications.size(), 1u);
  EXPECT_EQ(notifications[0]["method"], "textDocument/publishDiagnostics");
  EXPECT_EQ(notifications[0]["params"], (json{{"uri", uri("/w/deal.terms")}, {"diagnostics", json::array()}}));
  EXPECT_TRUE(idle().empty());
  json r = request("textDocument/documentSymbol", {{"textDocument", doc("/w/deal.terms")}});
  EXPECT_EQ(r["error"]["code"], -32803);
}

TEST_F(LspTest, UnsavedImportsAreSeenByTheFilesImportingThem) {
  initialize();
  open("/w/deal.terms", kDeal);
  open("/w/lib.terms", kLib);
  idle();
  // Remove `hfo` from the library in the editor, without saving.
  std::string lib = kLib;
  const auto at_hfo = lib.find("benefit hfo");
  notify("textDocument/didChange", {{"textDocument", {{"uri", uri("/w/lib.terms")}, {"version", 2}}},
                                    {"contentChanges", json::array({json{{"text", lib.substr(0, at_hfo)}}})}});
  auto published = idle();
  ASSERT_EQ(published.size(), 2u);
  json deal_diags;
  for (auto& p : published) {
    if (p["uri"] == uri("/w/deal.terms")) deal_diags = p["diagnostics"];
  }
  ASSERT_EQ(deal_diags.size(), 1u) << deal_diags.dump(2);
  EXPECT_EQ(deal_diags[0]["message"],
            "undefined name `hfo`\nhelp: declare a benefit named `hfo`, or import the file that declares it");
  EXPECT_EQ(deal_diags[0]["range"], range(9, 12, 9, 15));
  // Closing the library: the deal reads it from the disk again, where `hfo` exists.
  notify("textDocument/didClose", {{"textDocument", doc("/w/lib.terms")}});
  EXPECT_EQ(diagnostics_for("/w/deal.terms"), json::array());
}

TEST_F(LspTest, ErrorsInAnImportShowAtTheImport) {
  fs.add("/w/lib.terms", std::string(kLib) + "party dprk \"again\";\n");
  initialize();
  open("/w/deal.terms", kDeal);
  json diags = diagnostics_for("/w/deal.terms");
  ASSERT_EQ(diags.size(), 1u) << diags.dump(2);
  EXPECT_EQ(diags[0]["range"], range(0, 0, 0, 19));
  EXPECT_EQ(diags[0]["message"], "`lib.terms` has 1 error; the first, at /w/lib.terms:11:7: `dprk` is declared twice");
  EXPECT_EQ(diags[0]["relatedInformation"][0]["location"]["uri"], "file:///w/lib.terms");
  EXPECT_EQ(diags[0]["relatedInformation"][0]["location"]["range"], range(10, 6, 10, 10));
}

TEST_F(LspTest, DidSaveRechecks) {
  initialize();
  open("/w/deal.terms", kDeal);
  idle();
  notify("textDocument/didSave", {{"textDocument", doc("/w/deal.terms")}});
  auto published = idle();
  ASSERT_EQ(published.size(), 1u);
  EXPECT_EQ(published[0]["diagnostics"], json::array());
  // A file on disk that changed (a watched import): everything open is re-checked.
  fs.add("/w/lib.terms", "party dprk \"DPRK\";\n");
  notify("workspace/didChangeWatchedFiles",
         {{"changes", json::array({json{{"uri", uri("/w/lib.terms")}, {"type", 2}}})}});
  json diags = diagnostics_for("/w/deal.terms");
  EXPECT_EQ(diags.size(), 6u) << diags.dump(2);  // yongbyon x2, iaea x2, unsc-2397, hfo
}

TEST_F(LspTest, SyntaxErrorsDoNotHideTheRest) {
  initialize();
  open("/w/d.terms", "import \"lib.terms\";\nparty p \"P\"\nfacility f in nothing \"F\";\n");
  json diags = diagnostics_for("/w/d.terms");
  ASSERT_EQ(diags.size(), 2u) << diags.dump(2);
  EXPECT_EQ(diags[0]["message"],
            "expected `;` at the end of the declaration, found `facility`\nhelp: add `;` at the end of the previous "
            "line");
  EXPECT_EQ(diags[0]["range"]["start"], pos(1, 11));
  EXPECT_EQ(diags[1]["message"],
            "undefined name `nothing`\nhelp: declare a program named `nothing`, or import the file that declares it");
}

}  // namespace
}  // namespace terms::lsp::testing
