// Incremental checking: after any sequence of edits, the diagnostics the
// server publishes equal those of a fresh server given the final texts
// (lsp/passes.hpp, PassCache). Each edit is an incremental didChange, as an
// editor sends it; after each one the published diagnostics are compared with
// a new server's.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "lsp/analysis.hpp"
#include "lsp/passes.hpp"
#include "tests/unit/lsp/lsp_fixture.hpp"

namespace terms::lsp::testing {
namespace {

// Agreements with failing conditions and expectations; `extra` is declared in
// this file and used by agreements that the edits below never touch; `second`
// builds on `first`; `mine` is a profile in the file, used when terms.json
// names it.
// didOpen with the language an editor gives the file.
void open_in(LspSession& session, const std::string& path, const std::string& text) {
  const bool terms_file = path.size() > 6 && path.compare(path.size() - 6, 6, ".terms") == 0;
  session.notify("textDocument/didOpen", {{"textDocument",
                                           {{"uri", LspSession::uri(path)},
                                            {"languageId", terms_file ? "terms" : "json"},
                                            {"version", 1},
                                            {"text", text}}}});
}

void replace_in(std::string& text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
}

constexpr const char* kDeals = R"(import "lib.terms";

facility extra in dprk-nuclear "Extra site";

profile mine "Verified dismantlement" {
  require verified-dismantlement "Dismantlement must be verifiable":
    every dismantle clause is verified;
}

agreement first "First" {
  freeze yongbyon verified by iaea;
  ease sanctions unsc-2397;
  expect acceptable;
}

agreement second "Second" {
  builds_on first;
  step one "One" {
    dismantle yongbyon partially verified;
    dismantle extra;
  }
  step two "Two" after one {
    lift sanctions all;
  }
  expect unacceptable;
}

agreement third "Third" {
  dismantle kangson verified by iaea;
  dismantle extra verified by iaea;
  suspend sanctions us-primary snapback;
  provide hfo;
}

agreement fourth "Fourth" {
  freeze extra;
  retain sanctions all;
  expect violated milestones;
}
)";

class IncrementalTest : public LspTest {
 protected:
  void SetUp() override {
    fs.add("/i/lib.terms", kLib);
    initialize();
    texts_["/i/deal.terms"] = kDeals;
    open("/i/deal.terms", kDeals);
    expect_same_as_fresh("after opening");
  }

  // Replaces the one occurrence of `from` in the open document `path` by `to`,
  // with an incremental change (ASCII text: UTF-16 columns are bytes).
  void replace(const std::string& path, const std::string& from, const std::string& to) {
    std::string& text = texts_.at(path);
    const std::size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    ASSERT_EQ(text.find(from, at + 1), std::string::npos) << "not unique: " << from;
    auto position = [&](std::size_t offset) {
      const std::size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
      const std::size_t line = static_cast<std::size_t>(std::count(text.begin(), text.begin() + offset, '\n'));
      const std::size_t column = line == 0 ? offset : offset - line_start - 1;
      return pos(static_cast<int>(line), static_cast<int>(column));
    };
    json change{{"range", {{"start", position(at)}, {"end", position(at + from.size())}}}, {"text", to}};
    text.replace(at, from.size(), to);
    notify("textDocument/didChange", {{"textDocument", {{"uri", uri(path)}, {"version", ++version_}}},
                                      {"contentChanges", json::array({change})}});
  }

  void open_document(const std::string& path, const std::string& text) {
    texts_[path] = text;
    open_in(*this, path, text);
  }

  // The diagnostics published for deal.terms now, and those a fresh server
  // publishes for the same texts (the same documents open), must be equal.
  void expect_same_as_fresh(const std::string& step) {
    json published;
    for (auto& p : idle()) {
      if (p["uri"] == uri("/i/deal.terms")) published = p["diagnostics"];
    }
    ASSERT_FALSE(published.is_null()) << step << ": nothing published for deal.terms";
    LspSession fresh;
    fresh.fs.add("/i/lib.terms", kLib);
    fresh.initialize();
    // The other documents first, so that deal.terms is checked with them in place.
    for (const auto& [path, text] : texts_) {
      if (path != "/i/deal.terms") open_in(fresh, path, text);
    }
    fresh.open("/i/deal.terms", texts_.at("/i/deal.terms"));
    const json expected = fresh.diagnostics_for("/i/deal.terms");
    EXPECT_EQ(published, expected) << step << "\nincremental:\n"
                                   << published.dump(1) << "\nfresh:\n"
                                   << expected.dump(1);
    last_ = published;
  }

  std::map<std::string, std::string> texts_;
  int version_ = 1;
  json last_;
};

TEST_F(IncrementalTest, TheFixtureHasVerdictsToKeep) {
  // The file must give the cache something to reuse: verdicts on several agreements.
  std::size_t verdicts = 0;
  for (const auto& d : last_) verdicts += d.contains("data") && d["data"]["name"] == "verdict" ? 1 : 0;
  EXPECT_GE(verdicts, 3u) << last_.dump(1);
}

TEST_F(IncrementalTest, EditsInsideOneAgreement) {
  replace("/i/deal.terms", "dismantle yongbyon partially verified;", "dismantle yongbyon verified;");
  expect_same_as_fresh("an agreement's clause changed");
  replace("/i/deal.terms", "dismantle kangson verified by iaea;", "dismantle kangson;");
  expect_same_as_fresh("a later agreement's clause changed");
  replace("/i/deal.terms", "  provide hfo;\n", "");
  expect_same_as_fresh("a line removed");
}

TEST_F(IncrementalTest, EditsThatMoveEverythingAfterThem) {
  replace("/i/deal.terms", "import \"lib.terms\";\n", "# a comment\n# two lines\nimport \"lib.terms\";\n");
  expect_same_as_fresh("lines inserted at the top");
  replace("/i/deal.terms", "agreement first \"First\" {", "agreement first \"The first agreement\" {");
  expect_same_as_fresh("a title grew on the line of a name the later verdicts do not use");
  replace("/i/deal.terms", "  freeze yongbyon verified by iaea;\n", "");
  expect_same_as_fresh("a line removed in the first agreement");
}

TEST_F(IncrementalTest, ASharedDeclarationChangesUnchangedAgreements) {
  // `fourth` and `third` are not edited, but `extra` is theirs.
  replace("/i/deal.terms", "facility extra in dprk-nuclear \"Extra site\";",
          "facility extra in dprk-nuclear \"Extra site\";\nfacility spare in dprk-nuclear \"Spare\";");
  expect_same_as_fresh("a facility added to the program the agreements use");
  replace("/i/deal.terms", "facility spare in dprk-nuclear \"Spare\";\n", "");
  expect_same_as_fresh("the facility removed again");
  replace("/i/deal.terms", "\"Extra site\"", "\"An extra site\"");
  expect_same_as_fresh("a declaration's title changed");
}

TEST_F(IncrementalTest, AnImportOpenInTheEditorChanges) {
  open_document("/i/lib.terms", kLib);
  expect_same_as_fresh("the library opened");
  replace("/i/lib.terms", "sanction us-primary by us \"US primary sanctions\";\n",
          "sanction us-primary by us \"US primary sanctions\";\nsanction eu-autonomous by us \"EU\";\n");
  expect_same_as_fresh("a sanction added to the library (`all` grows)");
  replace("/i/lib.terms", "facility kangson in dprk-nuclear \"Kangson\";\n", "");
  expect_same_as_fresh("a facility removed from the library");
}

TEST_F(IncrementalTest, TheProfileChanges) {
  // terms.json selects the profile declared in the file.
  open_document("/i/terms.json", "{ \"profile\": \"mine\" }\n");
  expect_same_as_fresh("terms.json selects `mine`");
  replace("/i/deal.terms", "  require verified-dismantlement", "  prefer verified-dismantlement");
  expect_same_as_fresh("the profile's condition became `prefer`");
  replace("/i/deal.terms", "every dismantle clause is verified;", "every freeze clause is verified;");
  expect_same_as_fresh("the profile's formula changed");
  replace("/i/terms.json", "\"mine\"", "\"stepwise-2020\"");
  expect_same_as_fresh("terms.json selects the default profile again");
}

TEST_F(IncrementalTest, NamesThatBuildsOnFinds) {
  replace("/i/deal.terms", "agreement first \"First\"", "agreement primero \"First\"");
  expect_same_as_fresh("the agreement `second` builds on was renamed");
  replace("/i/deal.terms", "agreement primero \"First\"", "agreement first \"First\"");
  expect_same_as_fresh("and renamed back");
}

TEST_F(IncrementalTest, ErrorsInBetween) {
  replace("/i/deal.terms", "freeze extra;", "freeze extr;");
  expect_same_as_fresh("an undefined name (no verdicts)");
  replace("/i/deal.terms", "dismantle kangson verified by iaea;", "dismantle yongbyon verified by iaea;");
  expect_same_as_fresh("another agreement changed while the file has an error");
  replace("/i/deal.terms", "freeze extr;", "freeze extra;");
  expect_same_as_fresh("the name repaired");
  replace("/i/deal.terms", "agreement third \"Third\" {", "agreement third \"Third\" {{");
  expect_same_as_fresh("a syntax error");
  replace("/i/deal.terms", "agreement third \"Third\" {{", "agreement third \"Third\" {");
  expect_same_as_fresh("the syntax error repaired");
}

TEST_F(IncrementalTest, AgreementsAddedAndRemoved) {
  replace("/i/deal.terms", "agreement third \"Third\" {\n  dismantle kangson verified by iaea;\n",
          "agreement third \"Third\" {\n  lift sanctions all;\n}\n\nagreement inserted \"Inserted\" {\n"
          "  dismantle kangson verified by iaea;\n");
  expect_same_as_fresh("an agreement split in two");
  replace("/i/deal.terms", "agreement first \"First\" {\n  freeze yongbyon verified by iaea;\n  ease sanctions unsc-2397;\n  expect acceptable;\n}\n", "");
  expect_same_as_fresh("an agreement removed");
}

// The cache at work: an edit inside one agreement evaluates that agreement
// only; an edit to a declaration evaluates them all.
TEST(PassCacheTest, AnEditInOneAgreementEvaluatesOnlyIt) {
  terms::testing::MemoryFileSystem fs;
  fs.add("/i/lib.terms", kLib);
  const Settings settings = settings_for_path(fs, "/i/deal.terms");
  PassCache cache;
  auto check = [&](const std::string& text) {
    Analysis analysis(fs, "/i/deal.terms", text, settings.load);
    run_passes(analysis, settings, &cache);
    return std::make_pair(cache.reused, cache.evaluated);
  };
  std::string text = kDeals;
  EXPECT_EQ(check(text), std::make_pair(std::size_t{0}, std::size_t{4}));
  replace_in(text, "dismantle kangson verified by iaea;", "dismantle kangson;");
  EXPECT_EQ(check(text), std::make_pair(std::size_t{3}, std::size_t{1}));
  text.insert(0, "# a comment\n");
  EXPECT_EQ(check(text), std::make_pair(std::size_t{0}, std::size_t{4}));  // outside the agreements
  replace_in(text, "freeze yongbyon", "freeze kangson");
  EXPECT_EQ(check(text), std::make_pair(std::size_t{3}, std::size_t{1}));
  replace_in(text, "\"Extra site\"", "\"Extra\"");
  EXPECT_EQ(check(text), std::make_pair(std::size_t{0}, std::size_t{4}));
}

TEST(PassCacheTest, AProfileInTheFileCountsOnlyWhenItChanges) {
  terms::testing::MemoryFileSystem fs;
  fs.add("/i/lib.terms", kLib);
  Settings settings = settings_for_path(fs, "/i/deal.terms");
  settings.profile = "mine";
  PassCache cache;
  auto check = [&](const std::string& text) {
    Analysis analysis(fs, "/i/deal.terms", text, settings.load);
    run_passes(analysis, settings, &cache);
    return std::make_pair(cache.reused, cache.evaluated);
  };
  std::string text = kDeals;
  EXPECT_EQ(check(text), std::make_pair(std::size_t{0}, std::size_t{4}));
  replace_in(text, "dismantle kangson verified by iaea;", "dismantle kangson;");
  EXPECT_EQ(check(text), std::make_pair(std::size_t{3}, std::size_t{1}));
  replace_in(text, "every dismantle clause", "every freeze clause");
  EXPECT_EQ(check(text), std::make_pair(std::size_t{0}, std::size_t{4}));
}

}  // namespace
}  // namespace terms::lsp::testing
