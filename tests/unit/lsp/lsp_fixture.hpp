#pragma once
// A language server driven in memory, for protocol tests: an in-memory file
// system under /w, a Server, and helpers that send requests and notifications
// and collect what the server sends back.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lsp/server.hpp"
#include "memfs/memory_fs.hpp"

namespace terms::lsp::testing {

inline constexpr const char* kLib = R"(party dprk "DPRK";
party us "United States";
party unsc "UN Security Council";
verifier iaea "IAEA";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon";
facility kangson in dprk-nuclear "Kangson";
sanction unsc-2397 by unsc "Resolution 2397";
sanction us-primary by us "US primary sanctions";
benefit hfo by us "Heavy fuel oil";
)";

inline constexpr const char* kDeal = R"(import "lib.terms";

agreement deal "A deal" {
  step freeze "Freeze" {
    freeze yongbyon verified by iaea;
    ease sanctions unsc-2397;
  }
  step dismantle "Dismantle" after freeze {
    dismantle yongbyon verified by iaea within 12 months;
    provide hfo;
  }
}
)";

// A server and the helpers that talk to it.
// The settings of /w: a profile of one condition, which the deal meets, and
// no `missing-expectation` lint, so the fixture's files are clean.
inline constexpr const char* kConfig = R"({
  "profile": "verified.terms",
  "rules": { "missing-expectation": "off" }
}
)";

inline constexpr const char* kProfile = R"(profile verified "Verified dismantlement only" {
  require verified-dismantlement "Dismantlement must be verifiable":
    every dismantle clause is verified;
}
)";

class LspSession {
 public:
  LspSession() {
    fs.add("/w/lib.terms", kLib);
    fs.add("/w/deal.terms", kDeal);
    fs.add("/w/terms.json", kConfig);
    fs.add("/w/verified.terms", kProfile);
  }

  Server& server() {
    if (!server_) {
      ServerOptions options;
      options.file_system = &fs;
      options.version = "9.9.9";
      options.list_term_files = [this](const std::string&) { return workspace_files; };
      server_ = std::make_unique<Server>(std::move(options));
    }
    return *server_;
  }

  // Sends a request; returns the response (and keeps any notification).
  json request(const std::string& method, json params) {
    json message{{"jsonrpc", "2.0"}, {"id", ++next_id_}, {"method", method}, {"params", std::move(params)}};
    json response;
    for (auto& m : server().handle(message)) {
      if (m.contains("id") && m["id"] == next_id_) {
        response = std::move(m);
      } else {
        notifications.push_back(std::move(m));
      }
    }
    return response;
  }

  void notify(const std::string& method, json params) {
    json message{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
    for (auto& m : server().handle(message)) notifications.push_back(std::move(m));
  }

  json initialize() {
    json r = request("initialize", {{"processId", nullptr},
                                    {"rootUri", "file:///w"},
                                    {"capabilities", json::object()}});
    notify("initialized", json::object());
    return r;
  }

  void open(const std::string& path, const std::string& text, int version = 1) {
    notify("textDocument/didOpen",
           {{"textDocument", {{"uri", uri(path)}, {"languageId", "terms"}, {"version", version}, {"text", text}}}});
  }

  // Runs the deferred checks; returns the publishDiagnostics params by URI, in order.
  std::vector<json> idle() {
    std::vector<json> out;
    for (auto& m : server().flush()) {
      if (m.value("method", "") == "textDocument/publishDiagnostics") {
        out.push_back(m["params"]);
      } else {
        notifications.push_back(std::move(m));
      }
    }
    return out;
  }

  // The diagnostics published for one file by the next idle().
  json diagnostics_for(const std::string& path) {
    json found;
    for (auto& p : idle()) {
      if (p["uri"] == uri(path)) found = p["diagnostics"];
    }
    return found;
  }

  static std::string uri(const std::string& path) { return "file://" + path; }
  static json doc(const std::string& path) { return {{"uri", uri(path)}}; }
  static json pos(int line, int character) { return {{"line", line}, {"character", character}}; }
  static json at(const std::string& path, int line, int character) {
    return {{"textDocument", doc(path)}, {"position", pos(line, character)}};
  }
  static json range(int l1, int c1, int l2, int c2) { return {{"start", pos(l1, c1)}, {"end", pos(l2, c2)}}; }

  terms::testing::MemoryFileSystem fs;
  std::vector<std::string> workspace_files;
  std::vector<json> notifications;

 private:
  std::unique_ptr<Server> server_;
  int next_id_ = 0;
};

class LspTest : public ::testing::Test, public LspSession {};

// Applies LSP TextEdits (ranges in UTF-16 units) to a text, last edit first.
std::string apply_edits(const std::string& text, const json& edits);

}  // namespace terms::lsp::testing
