// The passes after name resolution, as the editor sees them: lint
// diagnostics under the settings of terms.json, verdicts with their failing
// conditions on the clauses that cause them, failed expectations.
#include "tests/unit/lsp/lsp_fixture.hpp"

namespace terms::lsp::testing {
namespace {

// The Hanoi offer of the brief, in /v (no terms.json: the default profile
// stepwise-2020 and the default lint levels).
constexpr const char* kHanoi = R"(import "lib.terms";

agreement hanoi "Hanoi" {
  dismantle yongbyon partially verified;
  lift sanctions all;
}
)";

class PassesTest : public LspTest {
 protected:
  void SetUp() override {
    fs.add("/v/lib.terms", kLib);
    initialize();
  }
  static std::vector<std::string> messages(const json& diags) {
    std::vector<std::string> out;
    for (const auto& d : diags) out.push_back(d["message"]);
    return out;
  }
};

TEST_F(PassesTest, VerdictsPointAtTheClausesThatCauseThem) {
  open("/v/hanoi.terms", kHanoi);
  json diags = diagnostics_for("/v/hanoi.terms");
  // Find the diagnostic of `no-all-for-partial`.
  const json* condition = nullptr;
  const json* verdict = nullptr;
  for (const auto& d : diags) {
    if (d.value("code", "") == "no-all-for-partial") condition = &d;
    if (d["data"]["name"] == "verdict") verdict = &d;
  }
  ASSERT_NE(condition, nullptr) << diags.dump(2);
  EXPECT_EQ((*condition)["severity"], 1);
  const std::string head =
      "require `no-all-for-partial` fails: Partial dismantlement cannot buy the lifting of all sanctions\nnote: "
      "because `share of sanctions relieved at end` is 100% (2 of 2 sanctions): 100% is greater than 90%, but none "
      "of the 2 facilities of the sanctioned side is dismantled completely and verified at end";
  EXPECT_EQ((*condition)["message"].get<std::string>().substr(0, head.size()), head);
  // On the partial dismantlement, with the facilities left as related information.
  EXPECT_EQ((*condition)["range"], range(3, 2, 3, 40));
  const json& related = (*condition)["relatedInformation"];
  ASSERT_GE(related.size(), 2u);
  EXPECT_EQ(related[0]["location"]["uri"], "file:///v/hanoi.terms");
  EXPECT_EQ(related[1]["location"]["uri"], "file:///v/lib.terms");
  EXPECT_EQ(related[1]["message"],
            "`kangson` is not dismantled completely and verified at end (no clause changes it: untouched)");

  ASSERT_NE(verdict, nullptr);
  EXPECT_EQ((*verdict)["severity"], 1);
  EXPECT_EQ((*verdict)["range"], range(2, 10, 2, 15));
  EXPECT_NE((*verdict)["message"].get<std::string>().find("`hanoi` is unacceptable under `stepwise-2020`: "),
            std::string::npos);
}

TEST_F(PassesTest, ExpectedFailuresAreInformationNotErrors) {
  std::string text = kHanoi;
  text.insert(text.rfind('}'), "  expect unacceptable;\n  expect violated builds-on-previous;\n");
  open("/v/hanoi.terms", text);
  json diags = diagnostics_for("/v/hanoi.terms");
  ASSERT_FALSE(diags.empty());
  for (const auto& d : diags) {
    // Every require failure and the verdict are expected; `builds-on-previous` is pinned.
    const std::string code = d.value("code", "");
    if (code == "milestones" || code == "proportional-relief") {
      EXPECT_EQ(d["severity"], 2) << d.dump();  // prefer, not pinned: a warning
    } else {
      EXPECT_EQ(d["severity"], 3) << d.dump();
    }
  }
}

TEST_F(PassesTest, FailedExpectationsAreErrors) {
  std::string text = kHanoi;
  text.insert(text.rfind('}'), "  expect acceptable;\n");
  open("/v/hanoi.terms", text);
  json diags = diagnostics_for("/v/hanoi.terms");
  const json* mismatch = nullptr;
  for (const auto& d : diags) {
    if (d.value("code", "") == "E0502") mismatch = &d;
  }
  ASSERT_NE(mismatch, nullptr) << diags.dump(2);
  EXPECT_EQ((*mismatch)["severity"], 1);
  EXPECT_EQ((*mismatch)["range"]["start"], pos(5, 2));
}

TEST_F(PassesTest, ConditionsCompleteAfterExpectViolated) {
  open("/v/hanoi.terms", "import \"lib.terms\";\nagreement a {\n  expect violated \n}\n");
  json r = request("textDocument/completion", at("/v/hanoi.terms", 2, 18));
  std::vector<std::string> labels;
  for (const auto& item : r["result"]["items"]) labels.push_back(item["label"]);
  EXPECT_EQ(labels, (std::vector<std::string>{"verified-dismantlement", "sanctions-retained", "no-all-for-partial",
                                              "relief-after-verification", "milestones", "proportional-relief",
                                              "builds-on-previous"}));
}

TEST_F(PassesTest, HoverOnAnExpectationSaysWhatTheConditionSaysAndWhetherItHolds) {
  std::string text = kHanoi;
  text.insert(text.rfind('}'), "  expect violated sanctions-retained;\n");
  open("/v/hanoi.terms", text);
  json r = request("textDocument/hover", at("/v/hanoi.terms", 5, 20));
  EXPECT_EQ(r["result"]["contents"]["value"],
            "**expect violated** `sanctions-retained`: `terms test` fails unless this condition fails.\n\n"
            "`sanctions-retained`: Some sanctions stay in force after the agreement\n\n"
            "Under `stepwise-2020` it fails: `share of sanctions in full force at end` is 0% (0 of 2 sanctions); 2 "
            "sanctions do not count in full yet: 0% is less than 10%.");
}

TEST_F(PassesTest, LintRulesFollowTermsJson) {
  // No terms.json in /v: L020 missing-expectation is on by default.
  open("/v/hanoi.terms", kHanoi);
  json diags = diagnostics_for("/v/hanoi.terms");
  bool found = false;
  for (const auto& d : diags) found = found || d.value("code", "") == "L020";
  EXPECT_TRUE(found) << diags.dump(2);
  // In /w, terms.json turns it off (and picks the `verified` profile).
  open("/w/hanoi.terms", kHanoi);
  diags = diagnostics_for("/w/hanoi.terms");
  for (const auto& d : diags) EXPECT_NE(d.value("code", ""), "L020");
  // An open, unsaved terms.json counts: turn the rule back on.
  notify("textDocument/didOpen", {{"textDocument", {{"uri", uri("/w/terms.json")}, {"languageId", "json"},
                                                    {"version", 1}, {"text", "{\"profile\": \"verified.terms\"}"}}}});
  json refreshed;
  auto published = idle();
  for (auto& p : published) {
    if (p["uri"] == uri("/w/hanoi.terms")) refreshed = p["diagnostics"];
  }
  // terms.json itself is not a term file: it gets no diagnostics.
  EXPECT_EQ(published.size(), 2u);  // /v/hanoi.terms and /w/hanoi.terms, both re-checked
  for (auto& p : published) EXPECT_NE(p["uri"], uri("/w/terms.json"));
  found = false;
  for (const auto& d : refreshed) found = found || d.value("code", "") == "L020";
  EXPECT_TRUE(found) << refreshed.dump(2);
}

TEST_F(PassesTest, ProblemsInTermsJsonShowInTheDocument) {
  fs.add("/u/terms.json", "{\"rulez\": {}}\n");
  fs.add("/u/lib.terms", kLib);
  open("/u/deal.terms", kDeal);
  json diags = diagnostics_for("/u/deal.terms");
  ASSERT_FALSE(diags.empty());
  EXPECT_EQ(diags[0]["severity"], 2);
  EXPECT_EQ(diags[0]["range"], range(0, 0, 0, 0));
  EXPECT_EQ(diags[0]["message"].get<std::string>().substr(0, 52),
            "`/u/terms.json` has 1 problem; the first: /u/terms.j");
}

}  // namespace
}  // namespace terms::lsp::testing
