// Hover, definition, references, completion, document symbols, formatting
// and code actions, as an editor would call them.
#include "tests/unit/lsp/lsp_fixture.hpp"

#include "dsl/fmt/format.hpp"

namespace terms::lsp::testing {
namespace {

std::vector<std::string> labels(const json& completion) {
  std::vector<std::string> out;
  for (const auto& item : completion["items"]) out.push_back(item["label"]);
  return out;
}

class FeaturesTest : public LspTest {
 protected:
  void SetUp() override {
    initialize();
    open("/w/deal.terms", kDeal);
    idle();
  }
  std::string hover_text(int line, int character) {
    json r = request("textDocument/hover", at("/w/deal.terms", line, character));
    EXPECT_TRUE(r.contains("result")) << r.dump();
    if (r["result"].is_null()) return "<null>";
    EXPECT_EQ(r["result"]["contents"]["kind"], "markdown");
    return r["result"]["contents"]["value"];
  }
};

TEST_F(FeaturesTest, HoverOnANameShowsItsDeclaration) {
  // `yongbyon` in `freeze yongbyon verified by iaea;`
  EXPECT_EQ(hover_text(4, 13),
            "```terms\nfacility yongbyon in dprk-nuclear \"Yongbyon\";\n```\n\n"
            "**facility** `yongbyon`: facility in program `dprk-nuclear` (party `dprk`)  \n*Yongbyon*\n\n"
            "Declared in `lib.terms`, line 6.");
  json r = request("textDocument/hover", at("/w/deal.terms", 4, 13));
  EXPECT_EQ(r["result"]["range"], range(4, 11, 4, 19));
}

TEST_F(FeaturesTest, HoverOnAProgramListsItsFacilities) {
  open("/w/p.terms", "import \"lib.terms\";\nagreement a {\n  dismantle dprk-nuclear verified by iaea;\n}\n");
  json r = request("textDocument/hover", at("/w/p.terms", 2, 14));
  const std::string text = r["result"]["contents"]["value"];
  EXPECT_NE(text.find("**program** `dprk-nuclear`: program of party `dprk`, kind `nuclear`"), std::string::npos)
      << text;
  EXPECT_NE(text.find("facilities: `yongbyon`, `kangson`"), std::string::npos) << text;
}

TEST_F(FeaturesTest, HoverOnAClauseSaysWhatItDoes) {
  // On the verb of `dismantle yongbyon verified by iaea within 12 months;`
  EXPECT_EQ(hover_text(8, 6),
            "```terms\ndismantle yongbyon verified by iaea within 12 months;\n```\n\n"
            "**dismantle**: yongbyon is dismantled completely. A concession by `dprk`.\n\n"
            "Verified by `iaea`.\n\nDeadline: within 12 months (360 days).");
  // `ease sanctions unsc-2397;`: relief by the imposer of the sanction.
  EXPECT_EQ(hover_text(5, 5),
            "```terms\nease sanctions unsc-2397;\n```\n\n"
            "**ease**: unsc-2397 is eased: relaxed, but still in force. Relief by `unsc`.");
}

TEST_F(FeaturesTest, HoverOnStepsAndAgreements) {
  EXPECT_EQ(hover_text(7, 8),
            "**step** `dismantle` of agreement `deal`: *Dismantle*\n\n2 clauses; runs after `freeze`.\n\n"
            "Declared on line 8.");
  // `after freeze` refers to the first step.
  EXPECT_EQ(hover_text(7, 39),
            "**step** `freeze` of agreement `deal`: *Freeze*\n\n2 clauses.\n\nDeclared on line 4.");
  EXPECT_EQ(hover_text(2, 11),
            "**agreement** `deal`: *A deal*\n\n2 steps, 4 clauses.\n\n"
            "Verdict under `verified`: **acceptable** (1 of 1 conditions hold)\n\nDeclared on line 3.");
}

TEST_F(FeaturesTest, HoverShowsASanctionsWeightAndDatesAndAnAgreementsDate) {
  open("/w/d.terms",
       "import \"lib.terms\";\n"
       "sanction old by us weight 2.5 since 1950-12-17 until 2008-06-26 \"Old\";\n"
       "agreement a {\n"
       "  signed 1994-10-21;\n"
       "  ease sanctions old;\n"
       "}\n");
  auto text = [&](int line, int character) -> std::string {
    json r = request("textDocument/hover", at("/w/d.terms", line, character));
    return r["result"].is_null() ? "<null>" : r["result"]["contents"]["value"].get<std::string>();
  };
  // `old` in the clause: its imposer, weight and the days it is in force.
  EXPECT_NE(text(4, 17).find("**sanction** `old`: sanction imposed by `us`, weight 2.5, in force from 1950-12-17 "
                             "until 2008-06-26 (not on 2008-06-26)"),
            std::string::npos)
      << text(4, 17);
  // The agreement's header: its date.
  EXPECT_NE(text(2, 11).find("signed 1994-10-21: it sees the sanctions in force on that day"), std::string::npos)
      << text(2, 11);
  // The `signed` line itself.
  EXPECT_NE(text(3, 4).find("**signed** 1994-10-21: the day the agreement was concluded."), std::string::npos)
      << text(3, 4);
}

TEST_F(FeaturesTest, HoverWhereThereIsNothingIsNull) {
  EXPECT_EQ(hover_text(1, 0), "<null>");    // a blank line
  EXPECT_EQ(hover_text(99, 0), "<null>");   // past the last line
  EXPECT_EQ(hover_text(4, 1), "<null>");    // the indentation before a clause
  // Past the end of a line: the position clamps to the line's end, which is
  // the end of the clause there.
  EXPECT_EQ(hover_text(4, 999).substr(0, 46), "```terms\nfreeze yongbyon verified by iaea;\n```");
}

TEST_F(FeaturesTest, HoverInPlainTextWhenTheClientAsksForIt) {
  LspSession plain;
  plain.request("initialize",
                {{"capabilities", {{"textDocument", {{"hover", {{"contentFormat", json::array({"plaintext"})}}}}}}}});
  plain.open("/w/deal.terms", kDeal);
  json r = plain.request("textDocument/hover", at("/w/deal.terms", 9, 13));
  EXPECT_EQ(r["result"]["contents"]["kind"], "plaintext");
  EXPECT_EQ(r["result"]["contents"]["value"],
            "benefit hfo by us \"Heavy fuel oil\";\n\n**benefit** 'hfo': benefit provided by 'us'  \n*Heavy fuel oil*\n\n"
            "Declared in 'lib.terms', line 10.");
}

TEST_F(FeaturesTest, DefinitionAcrossAnImport) {
  json r = request("textDocument/definition", at("/w/deal.terms", 4, 33));  // `iaea`
  EXPECT_EQ(r["result"], (json{{"uri", "file:///w/lib.terms"}, {"range", range(3, 9, 3, 13)}}));
  // A step in `after`.
  r = request("textDocument/definition", at("/w/deal.terms", 7, 37));
  EXPECT_EQ(r["result"], (json{{"uri", "file:///w/deal.terms"}, {"range", range(3, 7, 3, 13)}}));
  // Nothing there, or out of range: null.
  r = request("textDocument/definition", at("/w/deal.terms", 1, 0));
  EXPECT_TRUE(r["result"].is_null());
  r = request("textDocument/definition", at("/w/deal.terms", 500, 3));
  EXPECT_TRUE(r["result"].is_null());
}

TEST_F(FeaturesTest, ReferencesAcrossFiles) {
  fs.add("/w/other.terms", "import \"lib.terms\";\nagreement o {\n  freeze yongbyon;\n}\n");
  workspace_files = {"/w/lib.terms", "/w/other.terms", "/w/deal.terms"};
  json params = at("/w/deal.terms", 8, 14);  // `yongbyon` in the dismantle clause
  params["context"] = {{"includeDeclaration", true}};
  json r = request("textDocument/references", params);
  const json expected = json::array({
      json{{"uri", "file:///w/deal.terms"}, {"range", range(4, 11, 4, 19)}},
      json{{"uri", "file:///w/deal.terms"}, {"range", range(8, 14, 8, 22)}},
      json{{"uri", "file:///w/lib.terms"}, {"range", range(5, 9, 5, 17)}},
      json{{"uri", "file:///w/other.terms"}, {"range", range(2, 9, 2, 17)}},
  });
  EXPECT_EQ(r["result"], expected) << r.dump(2);
  params["context"]["includeDeclaration"] = false;
  r = request("textDocument/references", params);
  ASSERT_EQ(r["result"].size(), 3u);
  EXPECT_EQ(r["result"][2]["uri"], "file:///w/other.terms");
  // From the declaration, in the library itself.
  open("/w/lib.terms", kLib);
  params = at("/w/lib.terms", 5, 10);
  params["context"] = {{"includeDeclaration", false}};
  r = request("textDocument/references", params);
  EXPECT_EQ(r["result"].size(), 3u) << r.dump(2);
  // Nothing at the position: an empty array.
  r = request("textDocument/references", at("/w/deal.terms", 1, 0));
  EXPECT_EQ(r["result"], json::array());
}

TEST_F(FeaturesTest, CompletionOffersTheNamesThePositionExpects) {
  auto complete = [&](const std::string& text, int line, int character) {
    notify("textDocument/didChange", {{"textDocument", {{"uri", uri("/w/deal.terms")}, {"version", 9}}},
                                      {"contentChanges", json::array({json{{"text", text}}})}});
    return labels(request("textDocument/completion", at("/w/deal.terms", line, character))["result"]);
  };
  using V = std::vector<std::string>;
  const std::string head = "import \"lib.terms\";\nagreement a {\n  step s {\n    ";
  // After `dismantle`: the facilities and programs in scope.
  EXPECT_EQ(complete(head + "dismantle \n  }\n}\n", 3, 14), (V{"yongbyon", "kangson", "dprk-nuclear"}));
  // After `lift sanctions`: the sanctions, and `all`.
  EXPECT_EQ(complete(head + "lift sanctions \n  }\n}\n", 3, 19), (V{"all", "unsc-2397", "us-primary"}));
  // After a comma, the names not written yet; a partial word keeps the same list.
  EXPECT_EQ(complete(head + "retain sanctions unsc-2397, us\n  }\n}\n", 3, 34), (V{"us-primary"}));
  // After `verified by`: verifiers, then parties.
  EXPECT_EQ(complete(head + "freeze yongbyon verified by \n  }\n}\n", 3, 32), (V{"iaea", "dprk", "us", "unsc"}));
  // After a target: the modifiers that fit the verb.
  EXPECT_EQ(complete(head + "dismantle yongbyon \n  }\n}\n", 3, 23), (V{"verified", "within", "partially"}));
  EXPECT_EQ(complete(head + "freeze yongbyon within 6 \n  }\n}\n", 3, 29), (V{"days", "weeks", "months", "years"}));
  EXPECT_EQ(complete(head + "provide \n  }\n}\n", 3, 12), (V{"hfo"}));
  // At the start of a clause: the verbs.
  EXPECT_EQ(complete(head + "\n  }\n}\n", 3, 4),
            (V{"declare", "freeze", "dismantle", "lift", "ease", "suspend", "retain", "provide", "convert",
               "remove"}));
  // After a verifier and a comma: the other verifiers, then parties.
  EXPECT_EQ(complete(head + "freeze yongbyon verified by iaea, \n  }\n}\n", 3, 38), (V{"iaea", "dprk", "us", "unsc"}));
  // `convert` takes `to civilian use` after its targets.
  EXPECT_EQ(complete(head + "convert yongbyon \n  }\n}\n", 3, 21), (V{"to"}));
  EXPECT_EQ(complete(head + "convert yongbyon to \n  }\n}\n", 3, 24), (V{"civilian"}));
  // At top level: the declarations.
  EXPECT_EQ(complete("import \"lib.terms\";\n\n", 1, 0),
            (V{"import", "party", "verifier", "program", "facility", "sanction", "benefit", "material", "agreement",
               "profile"}));
  EXPECT_EQ(complete("import \"lib.terms\";\nmaterial m in \n", 1, 14), (V{"dprk-nuclear"}));
  EXPECT_EQ(complete("import \"lib.terms\";\nverifier v of \n", 1, 14), (V{"dprk", "us", "unsc"}));
  EXPECT_EQ(complete("import \"lib.terms\";\nfacility f in \n", 1, 14), (V{"dprk-nuclear"}));
  EXPECT_EQ(complete("import \"lib.terms\";\nagreement a {\n  expect \n}\n", 2, 9),
            (V{"acceptable", "unacceptable", "violated", "satisfied", "under"}));
  EXPECT_EQ(complete("import \"lib.terms\";\nagreement a {\n  expect under cvid \n}\n", 2, 20),
            (V{"acceptable", "unacceptable", "violated", "satisfied"}));
  // In an agreement body: steps, `builds_on`, `expect`, the date lines, then the verbs.
  EXPECT_EQ(complete("import \"lib.terms\";\nagreement a {\n  \n}\n", 2, 2),
            (V{"step", "builds_on", "expect", "sanctioned", "signed", "dated", "declare", "freeze", "dismantle", "lift",
               "ease", "suspend", "retain", "provide", "convert", "remove"}));
  // After `sanction ID by PARTY`: the optional parts not written yet, in their order.
  EXPECT_EQ(complete("import \"lib.terms\";\nsanction s by us \n", 1, 17), (V{"weight", "since", "until"}));
  EXPECT_EQ(complete("import \"lib.terms\";\nsanction s by us weight 2 \n", 1, 26), (V{"since", "until"}));
  EXPECT_EQ(complete("import \"lib.terms\";\nsanction s by us since 2017-12-22 \n", 1, 34), (V{"until"}));
  // In a comment or a string: nothing.
  EXPECT_EQ(complete("import \"lib.terms\";\n# dismantle \n", 1, 12), V{});
  // Out of range: an empty list, not an error.
  json r = request("textDocument/completion", at("/w/deal.terms", 400, 0));
  EXPECT_EQ(r["result"], (json{{"isIncomplete", false}, {"items", json::array()}}));
}

TEST_F(FeaturesTest, CompletionItemsReplaceThePartialWord) {
  const std::string text = "import \"lib.terms\";\nagreement a {\n  freeze yong\n}\n";
  notify("textDocument/didChange", {{"textDocument", {{"uri", uri("/w/deal.terms")}, {"version", 9}}},
                                    {"contentChanges", json::array({json{{"text", text}}})}});
  json r = request("textDocument/completion", at("/w/deal.terms", 2, 13));
  ASSERT_FALSE(r["result"]["items"].empty());
  const json& first = r["result"]["items"][0];
  EXPECT_EQ(first["label"], "yongbyon");
  EXPECT_EQ(first["detail"], "facility in program `dprk-nuclear` (party `dprk`)");
  EXPECT_EQ(first["textEdit"], (json{{"range", range(2, 9, 2, 13)}, {"newText", "yongbyon"}}));
}

TEST_F(FeaturesTest, DocumentSymbolsOutlineTheFile) {
  json r = request("textDocument/documentSymbol", {{"textDocument", doc("/w/deal.terms")}});
  const json& symbols = r["result"];
  ASSERT_EQ(symbols.size(), 2u) << symbols.dump(2);
  EXPECT_EQ(symbols[0]["name"], "lib.terms");
  EXPECT_EQ(symbols[0]["kind"], 1);  // File
  EXPECT_EQ(symbols[1]["name"], "deal");
  EXPECT_EQ(symbols[1]["detail"], "A deal");
  EXPECT_EQ(symbols[1]["kind"], 3);  // Namespace
  EXPECT_EQ(symbols[1]["range"], range(2, 0, 11, 1));
  EXPECT_EQ(symbols[1]["selectionRange"], range(2, 10, 2, 14));
  ASSERT_EQ(symbols[1]["children"].size(), 2u);
  EXPECT_EQ(symbols[1]["children"][0]["name"], "freeze");
  EXPECT_EQ(symbols[1]["children"][1]["name"], "dismantle");
  EXPECT_EQ(symbols[1]["children"][1]["kind"], 12);  // Function

  open("/w/lib.terms", kLib);
  r = request("textDocument/documentSymbol", {{"textDocument", doc("/w/lib.terms")}});
  ASSERT_EQ(r["result"].size(), 10u);
  EXPECT_EQ(r["result"][5]["name"], "yongbyon");
  EXPECT_EQ(r["result"][5]["detail"], "facility: Yongbyon");
  EXPECT_EQ(r["result"][5]["kind"], 23);  // Struct
}

TEST_F(FeaturesTest, FormattingReturnsTheEditsToTheCanonicalLayout) {
  const std::string messy = "import   \"lib.terms\" ;\nagreement deal \"A deal\" {\nfreeze yongbyon   verified by iaea ;\n}\n";
  open("/w/messy.terms", messy);
  json r = request("textDocument/formatting",
                   {{"textDocument", doc("/w/messy.terms")}, {"options", {{"tabSize", 2}, {"insertSpaces", true}}}});
  ASSERT_TRUE(r["result"].is_array()) << r.dump();
  ASSERT_FALSE(r["result"].empty());
  // The edits turn the text into exactly what the formatter (terms fmt) writes.
  SourceManager sm;
  DiagnosticBag bag;
  auto expected = format_source(sm.add("/w/messy.terms", messy), bag);
  ASSERT_TRUE(expected);
  EXPECT_EQ(apply_edits(messy, r["result"]), *expected);
  EXPECT_NE(expected->find("\n  freeze yongbyon verified by iaea;\n"), std::string::npos) << *expected;
  EXPECT_EQ(expected->find("   "), std::string::npos) << *expected;
  // Already formatted: no edits.
  r = request("textDocument/formatting", {{"textDocument", doc("/w/deal.terms")}, {"options", json::object()}});
  EXPECT_EQ(r["result"], json::array());
  // Syntax errors: the request fails, and the text is left alone.
  open("/w/broken.terms", "party p \"P\"\nparty q;\n");
  r = request("textDocument/formatting", {{"textDocument", doc("/w/broken.terms")}, {"options", json::object()}});
  EXPECT_EQ(r["error"]["code"], -32803);
  EXPECT_EQ(r["error"]["message"], "the file has syntax errors; fix them before formatting");
}

TEST_F(FeaturesTest, CodeActionsApplyTheFixOfADiagnostic) {
  std::string text = kDeal;
  text.replace(text.find("provide hfo"), 11, "provide hf0");
  open("/w/typo.terms", text);
  json diags = diagnostics_for("/w/typo.terms");
  ASSERT_EQ(diags.size(), 1u);
  json r = request("textDocument/codeAction", {{"textDocument", doc("/w/typo.terms")},
                                               {"range", range(9, 12, 9, 12)},
                                               {"context", {{"diagnostics", diags}}}});
  ASSERT_EQ(r["result"].size(), 1u) << r.dump(2);
  const json& action = r["result"][0];
  EXPECT_EQ(action["kind"], "quickfix");
  EXPECT_EQ(action["diagnostics"][0]["code"], "E0204");
  const json& edits = action["edit"]["changes"][uri("/w/typo.terms")];
  EXPECT_EQ(apply_edits(text, edits), kDeal);
  // Elsewhere in the file: no action.
  r = request("textDocument/codeAction", {{"textDocument", doc("/w/typo.terms")},
                                          {"range", range(0, 0, 1, 0)},
                                          {"context", {{"diagnostics", json::array()}}}});
  EXPECT_EQ(r["result"], json::array());
}

}  // namespace
}  // namespace terms::lsp::testing
