// The library root of the language server (issue 8): a document opened in an
// editor may import only files inside its library, as `terms check` does
// (docs/hardening.md, "The library root"), and a file outside is neither read
// nor quoted in any message. Symbolic links, which the in-memory file system
// has not, are tested on a real disk in process_test.cpp.
#include "tests/unit/lsp/lsp_fixture.hpp"

namespace terms::lsp::testing {
namespace {

// A file outside every library below, whose content must never show.
constexpr const char* kSecret = "party secret \"SECRET-CONTENT-42\";\n";
constexpr const char* kImportsOutside = "import \"../outside.terms\";\nagreement a \"A\" {\n  freeze secret;\n}\n";

class LibraryRootTest : public LspTest {
 protected:
  LibraryRootTest() { fs.add("/ws/outside.terms", kSecret); }

  json init(const json& params) {
    json p = params;
    p["capabilities"] = json::object();
    json r = request("initialize", p);
    notify("initialized", json::object());
    return r;
  }

  // Every message the server sent so far and sends now, as text.
  std::string everything_sent(const std::vector<json>& published) {
    std::string all;
    for (const auto& m : published) all += m.dump();
    for (const auto& m : notifications) all += m.dump();
    return all;
  }
};

json with_code(const json& diagnostics, const std::string& code) {
  if (!diagnostics.is_array()) return json();
  for (const auto& d : diagnostics) {
    if (d.is_object() && d.contains("code") && d["code"] == code) return d;
  }
  return json();
}

TEST_F(LibraryRootTest, AnImportBeyondTheWorkspaceFolderIsRefusedAndNotRead) {
  init({{"rootUri", "file:///ws/proj"}});
  open("/ws/proj/deal.terms", kImportsOutside);
  auto published = idle();
  ASSERT_EQ(published.size(), 1u);
  const json e0213 = with_code(published[0]["diagnostics"], "E0213");
  ASSERT_FALSE(e0213.is_null()) << published[0].dump();
  EXPECT_EQ(e0213["range"], range(0, 0, 0, 26));
  EXPECT_EQ(e0213["severity"], 1);
  EXPECT_EQ(e0213["message"],
            "`/ws/proj/deal.terms` imports `../outside.terms`, which is outside the library root `/ws/proj`\n"
            "note: imports stay inside the library, so that checking a library cannot read other files\n"
            "help: move the file into the library, or widen the library root (`root` in terms.json, or "
            "`--library-root`)");
  // Hover on the import and on the name it would have declared: nothing of the file outside.
  json hover_import = request("textDocument/hover", at("/ws/proj/deal.terms", 0, 10));
  json hover_name = request("textDocument/hover", at("/ws/proj/deal.terms", 2, 10));
  json definition = request("textDocument/definition", at("/ws/proj/deal.terms", 2, 10));
  json completion = request("textDocument/completion", at("/ws/proj/deal.terms", 2, 9));
  const std::string all = everything_sent(published) + hover_import.dump() + hover_name.dump() +
                          definition.dump() + completion.dump();
  EXPECT_EQ(all.find("SECRET-CONTENT-42"), std::string::npos) << all;
  EXPECT_EQ(fs.reads("/ws/outside.terms"), 0);
}

TEST_F(LibraryRootTest, WorkspaceFoldersWinOverRootUriAndTheDeepestHoldingFolderIsTheRoot) {
  fs.add("/ws/proj/sub/lib.terms", "party p \"P\";\n");
  init({{"rootUri", "file:///elsewhere"},
        {"workspaceFolders", json::array({{{"uri", "file:///ws"}, {"name", "ws"}},
                                          {{"uri", "file:///ws/proj/sub"}, {"name", "sub"}}})}});
  // In /ws/proj/sub: the root is /ws/proj/sub, so ../outside.terms... is not reached either.
  open("/ws/proj/sub/deal.terms", "import \"../../outside.terms\";\n");
  auto published = idle();
  ASSERT_EQ(published.size(), 1u);
  const json e0213 = with_code(published[0]["diagnostics"], "E0213");
  ASSERT_FALSE(e0213.is_null()) << published[0].dump();
  EXPECT_NE(e0213["message"].get<std::string>().find("outside the library root `/ws/proj/sub`"), std::string::npos);
  EXPECT_EQ(fs.reads("/ws/outside.terms"), 0);
}

TEST_F(LibraryRootTest, WithoutAWorkspaceTheDocumentsDirectoryIsTheRoot) {
  init({{"rootUri", nullptr}});
  open("/ws/proj/deal.terms", kImportsOutside);
  const json e0213 = with_code(diagnostics_for("/ws/proj/deal.terms"), "E0213");
  ASSERT_FALSE(e0213.is_null());
  EXPECT_NE(e0213["message"].get<std::string>().find("outside the library root `/ws/proj`"), std::string::npos);
  EXPECT_EQ(fs.reads("/ws/outside.terms"), 0);
}

TEST_F(LibraryRootTest, ATermsJsonMarksTheTopOfTheLibrary) {
  // The workspace is /ws, but /ws/proj/terms.json makes /ws/proj the library.
  fs.add("/ws/proj/terms.json", "{}\n");
  init({{"rootUri", "file:///ws"}});
  open("/ws/proj/deal.terms", kImportsOutside);
  const json e0213 = with_code(diagnostics_for("/ws/proj/deal.terms"), "E0213");
  ASSERT_FALSE(e0213.is_null());
  EXPECT_NE(e0213["message"].get<std::string>().find("outside the library root `/ws/proj`"), std::string::npos);
  EXPECT_EQ(fs.reads("/ws/outside.terms"), 0);
}

TEST_F(LibraryRootTest, ATermsJsonRootWidensIt) {
  fs.add("/ws/proj/terms.json", "{ \"root\": \"..\" }\n");
  init({{"rootUri", "file:///ws/proj"}});
  open("/ws/proj/deal.terms", kImportsOutside);
  const json diagnostics = diagnostics_for("/ws/proj/deal.terms");
  EXPECT_TRUE(with_code(diagnostics, "E0213").is_null()) << diagnostics.dump();
  EXPECT_TRUE(with_code(diagnostics, "E0201").is_null()) << diagnostics.dump();  // found
  // The name the file outside declares now resolves.
  json definition = request("textDocument/definition", at("/ws/proj/deal.terms", 2, 10));
  ASSERT_TRUE(definition["result"].is_object() || definition["result"].is_array()) << definition.dump();
  EXPECT_NE(definition.dump().find("file:///ws/outside.terms"), std::string::npos) << definition.dump();
}

TEST_F(LibraryRootTest, AnUnsavedTermsJsonInTheEditorCountsAsItsText) {
  fs.add("/ws/proj/terms.json", "{}\n");
  init({{"rootUri", "file:///ws/proj"}});
  open("/ws/proj/deal.terms", kImportsOutside);
  EXPECT_FALSE(with_code(diagnostics_for("/ws/proj/deal.terms"), "E0213").is_null());
  notify("textDocument/didOpen", {{"textDocument",
                                   {{"uri", uri("/ws/proj/terms.json")}, {"languageId", "json"}, {"version", 1},
                                    {"text", "{ \"root\": \"..\" }\n"}}}});
  EXPECT_TRUE(with_code(diagnostics_for("/ws/proj/deal.terms"), "E0213").is_null());
}

}  // namespace
}  // namespace terms::lsp::testing
