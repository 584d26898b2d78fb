// The lifecycle and the protocol's errors: initialize, shutdown, exit,
// malformed JSON, invalid requests, unknown methods.
#include "tests/unit/lsp/lsp_fixture.hpp"

#include "lsp/documents.hpp"

namespace terms::lsp::testing {

std::string apply_edits(const std::string& text, const json& edits) {
  std::vector<json> sorted(edits.begin(), edits.end());
  // Later edits first, so earlier ranges stay valid.
  std::sort(sorted.begin(), sorted.end(), [](const json& a, const json& b) {
    const auto& sa = a["range"]["start"];
    const auto& sb = b["range"]["start"];
    return std::make_pair(sa["line"].get<int>(), sa["character"].get<int>()) >
           std::make_pair(sb["line"].get<int>(), sb["character"].get<int>());
  });
  std::string out = text;
  for (const auto& e : sorted) {
    auto error = apply_change(out, json{{"range", e["range"]}, {"text", e["newText"]}});
    EXPECT_FALSE(error) << *error;
  }
  return out;
}

namespace {

TEST_F(LspTest, InitializeAnnouncesCapabilities) {
  json r = initialize();
  ASSERT_TRUE(r.contains("result")) << r.dump();
  const json& caps = r["result"]["capabilities"];
  EXPECT_EQ(caps["positionEncoding"], "utf-16");
  EXPECT_EQ(caps["textDocumentSync"]["change"], 2);  // incremental
  EXPECT_EQ(caps["textDocumentSync"]["openClose"], true);
  EXPECT_EQ(caps["hoverProvider"], true);
  EXPECT_EQ(caps["definitionProvider"], true);
  EXPECT_EQ(caps["referencesProvider"], true);
  EXPECT_EQ(caps["documentSymbolProvider"], true);
  EXPECT_EQ(caps["documentFormattingProvider"], true);
  EXPECT_EQ(caps["codeActionProvider"]["codeActionKinds"], json::array({"quickfix"}));
  EXPECT_EQ(caps["completionProvider"]["triggerCharacters"], json::array({" ", ","}));
  EXPECT_EQ(r["result"]["serverInfo"], (json{{"name", "terms"}, {"version", "9.9.9"}}));
}

TEST_F(LspTest, RequestBeforeInitializeIsServerNotInitialized) {
  json r = request("textDocument/hover", at("/w/deal.terms", 0, 0));
  EXPECT_EQ(r["error"]["code"], -32002);
  EXPECT_EQ(r["error"]["message"], "the server has not been initialized");
  // A notification before initialize is dropped: nothing is checked or sent.
  open("/w/deal.terms", kDeal);
  EXPECT_TRUE(idle().empty());
  EXPECT_TRUE(notifications.empty());
}

TEST_F(LspTest, InitializeTwiceIsInvalidRequest) {
  initialize();
  json r = request("initialize", {{"capabilities", json::object()}});
  EXPECT_EQ(r["error"]["code"], -32600);
  EXPECT_EQ(r["error"]["message"], "`initialize` may only be sent once");
}

TEST_F(LspTest, ShutdownThenExitGivesStatusZero) {
  initialize();
  json r = request("shutdown", nullptr);
  EXPECT_TRUE(r.contains("result"));
  EXPECT_TRUE(r["result"].is_null());
  // After shutdown, requests are refused; exit ends with 0.
  json after = request("textDocument/documentSymbol", {{"textDocument", doc("/w/deal.terms")}});
  EXPECT_EQ(after["error"]["code"], -32600);
  EXPECT_FALSE(server().exit_requested());
  notify("exit", nullptr);
  EXPECT_TRUE(server().exit_requested());
  EXPECT_EQ(server().exit_code(), 0);
}

TEST_F(LspTest, ExitWithoutShutdownGivesStatusOne) {
  initialize();
  notify("exit", nullptr);
  EXPECT_TRUE(server().exit_requested());
  EXPECT_EQ(server().exit_code(), 1);
}

TEST_F(LspTest, ExitBeforeInitializeIsHonoured) {
  notify("exit", nullptr);
  EXPECT_TRUE(server().exit_requested());
  EXPECT_EQ(server().exit_code(), 1);
}

TEST_F(LspTest, MalformedJsonIsParseError) {
  initialize();
  for (const char* body : {"{", "{\"jsonrpc\": \"2.0\", \"id\": 1,", "not json", "", "\xff\xfe"}) {
    auto out = server().handle_text(body);
    ASSERT_EQ(out.size(), 1u) << body;
    EXPECT_EQ(out[0]["error"]["code"], -32700) << body;
    EXPECT_TRUE(out[0]["id"].is_null());
    EXPECT_EQ(out[0]["jsonrpc"], "2.0");
  }
}

TEST_F(LspTest, InvalidRequestsAreRejected) {
  initialize();
  struct Case {
    const char* body;
    json expected_id;
    const char* message;
  };
  const Case cases[] = {
      {R"([{"jsonrpc":"2.0","id":1,"method":"shutdown"}])", nullptr,
       "batches are not supported by the language server protocol"},
      {R"(42)", nullptr, "a message must be a JSON object"},
      {R"({"jsonrpc":"1.0","id":7,"method":"shutdown"})", 7, "`jsonrpc` must be \"2.0\""},
      {R"({"id":8,"method":"shutdown"})", 8, "`jsonrpc` must be \"2.0\""},
      {R"({"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"})", nullptr, "`id` must be an integer or a string"},
      {R"({"jsonrpc":"2.0","id":9,"method":5})", 9, "`method` must be a string"},
      {R"({"jsonrpc":"2.0","id":10})", 10, "a request needs a `method`"},
      {R"({"jsonrpc":"2.0","id":"s","method":"textDocument/hover","params":3})", "s",
       "`params` must be an object or an array"},
  };
  for (const auto& c : cases) {
    auto out = server().handle_text(c.body);
    ASSERT_EQ(out.size(), 1u) << c.body;
    EXPECT_EQ(out[0]["error"]["code"], -32600) << c.body;
    EXPECT_EQ(out[0]["id"], c.expected_id) << c.body;
    EXPECT_EQ(out[0]["error"]["message"], c.message) << c.body;
  }
  EXPECT_FALSE(server().shutdown_requested());
}

TEST_F(LspTest, UnknownMethods) {
  initialize();
  json r = request("textDocument/semanticTokens/full", {{"textDocument", doc("/w/deal.terms")}});
  EXPECT_EQ(r["error"]["code"], -32601);
  EXPECT_EQ(r["error"]["message"], "unknown method `textDocument/semanticTokens/full`");
  // Unknown notifications, and $/ notifications, are ignored without a reply.
  auto out = server().handle(json{{"jsonrpc", "2.0"}, {"method", "$/setTrace"}, {"params", {{"value", "off"}}}});
  EXPECT_TRUE(out.empty());
  out = server().handle(json{{"jsonrpc", "2.0"}, {"method", "custom/thing"}});
  EXPECT_TRUE(out.empty());
  out = server().handle(json{{"jsonrpc", "2.0"}, {"method", "$/cancelRequest"}, {"params", {{"id", 3}}}});
  EXPECT_TRUE(out.empty());
}

TEST_F(LspTest, ResponsesFromTheClientAreIgnored) {
  initialize();
  auto out = server().handle(json{{"jsonrpc", "2.0"}, {"id", 99}, {"result", nullptr}});
  EXPECT_TRUE(out.empty());
}

TEST_F(LspTest, InvalidParamsAreReportedNotThrown) {
  initialize();
  open("/w/deal.terms", kDeal);
  const auto error_of = [&](const std::string& method, json params) {
    json r = request(method, std::move(params));
    EXPECT_EQ(r["error"]["code"], -32602) << r.dump();
    return r["error"]["message"].get<std::string>();
  };
  const json d = doc("/w/deal.terms");
  EXPECT_EQ(error_of("textDocument/hover", {{"textDocument", d}}), "`position` is missing");
  EXPECT_EQ(error_of("textDocument/hover", {{"textDocument", d}, {"position", pos(-1, 0)}}),
            "`position.line` must be a non-negative integer, not -1");
  EXPECT_EQ(error_of("textDocument/hover", {{"textDocument", d}, {"position", {{"line", "0"}, {"character", 0}}}}),
            "`position.line` must be a non-negative integer, not a string");
  EXPECT_EQ(error_of("textDocument/hover", {{"textDocument", d}, {"position", {{"line", 1.5}, {"character", 0}}}}),
            "`position.line` must be a non-negative integer, not the number 1.5");
  EXPECT_EQ(error_of("textDocument/hover", {{"textDocument", d}, {"position", {{"line", 0}}}}),
            "`position.character` is missing");
  EXPECT_EQ(error_of("textDocument/hover", {{"textDocument", d}, {"position", "0:0"}}),
            "`position` must be an object with `line` and `character`, not a string");
  // LSP positions are `uinteger`s: at most 2^31 - 1.
  EXPECT_EQ(error_of("textDocument/hover",
                     {{"textDocument", d}, {"position", {{"line", 99999999999LL}, {"character", 0}}}}),
            "`position.line` is out of range: 99999999999 is more than 2147483647, the largest LSP `uinteger`");
  EXPECT_EQ(error_of("textDocument/completion",
                     {{"textDocument", d}, {"position", {{"line", 0}, {"character", 2147483648LL}}}}),
            "`position.character` is out of range: 2147483648 is more than 2147483647, the largest LSP `uinteger`");
  EXPECT_EQ(error_of("textDocument/hover", {{"textDocument", {{"uri", 5}}}, {"position", pos(0, 0)}}),
            "`textDocument.uri` must be a string, not the number 5");
  EXPECT_EQ(error_of("textDocument/hover", {{"position", pos(0, 0)}}), "`textDocument` is missing");
  EXPECT_EQ(error_of("textDocument/documentSymbol", {{"textDocument", nullptr}}),
            "`textDocument` must be an object, not null");
  EXPECT_EQ(error_of("textDocument/hover", json::array()), "`params` must be an object, not an array");
  EXPECT_EQ(error_of("textDocument/codeAction", {{"textDocument", d}}), "`range` is missing");
  EXPECT_EQ(error_of("textDocument/codeAction", {{"textDocument", d}, {"range", {{"start", pos(0, 0)}}}}),
            "`range.end` is missing");
  EXPECT_EQ(error_of("textDocument/references",
                     {{"textDocument", d}, {"position", pos(0, 0)}, {"context", {{"includeDeclaration", 1}}}}),
            "`context.includeDeclaration` must be true or false, not the number 1");
  // FormattingOptions must be an object (its values are not used: the layout is canonical).
  EXPECT_EQ(error_of("textDocument/formatting", {{"textDocument", d}, {"options", "two spaces"}}),
            "`options` must be an object, not a string");
  EXPECT_EQ(error_of("textDocument/formatting", {{"textDocument", d}}), "`options` is missing");
  EXPECT_EQ(error_of("textDocument/formatting", {{"textDocument", d}, {"options", {{"tabSize", -2}}}}),
            "`options.tabSize` must be a non-negative integer, not -2");
  EXPECT_EQ(error_of("textDocument/formatting", {{"textDocument", d}, {"options", {{"insertSpaces", "yes"}}}}),
            "`options.insertSpaces` must be true or false, not a string");
  // A broken notification is logged, never answered.
  notify("textDocument/didOpen", {{"textDocument", {{"uri", 1}}}});
  ASSERT_FALSE(notifications.empty());
  EXPECT_EQ(notifications.back()["method"], "window/logMessage");
  EXPECT_EQ(notifications.back()["params"]["type"], 1);
  EXPECT_EQ(notifications.back()["params"]["message"],
            "textDocument/didOpen: invalid params: `textDocument.uri` must be a string, not the number 1");
  notify("textDocument/didOpen", {{"textDocument", {{"uri", "file:///w/x.terms"}, {"text", 5}}}});
  EXPECT_EQ(notifications.back()["params"]["message"],
            "textDocument/didOpen: invalid params: `textDocument.text` must be a string, not the number 5");
  notify("textDocument/didChange", {{"textDocument", d}, {"contentChanges", "all"}});
  EXPECT_EQ(notifications.back()["params"]["message"],
            "textDocument/didChange: invalid params: `contentChanges` must be an array, not a string");
}

TEST_F(LspTest, RequestsOnUnopenedDocumentsFail) {
  initialize();
  for (const char* method : {"textDocument/hover", "textDocument/definition", "textDocument/references",
                             "textDocument/completion"}) {
    json r = request(method, at("/w/deal.terms", 0, 0));
    EXPECT_EQ(r["error"]["code"], -32803) << method;
    EXPECT_EQ(r["error"]["message"], "`file:///w/deal.terms` is not open (send didOpen first)") << method;
  }
  for (const char* method : {"textDocument/documentSymbol", "textDocument/formatting"}) {
    json r = request(method, {{"textDocument", doc("/w/deal.terms")}, {"options", json::object()}});
    EXPECT_EQ(r["error"]["code"], -32803) << method;
  }
}

}  // namespace
}  // namespace terms::lsp::testing
