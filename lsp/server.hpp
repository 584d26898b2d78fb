#pragma once
// The language server, as a library: JSON-RPC messages in, messages out.
//
// The Server knows nothing of streams or threads: the transport
// (lsp/transport.hpp) frames messages on standard input and output, and tests
// call handle() directly. Checks are deferred: didOpen and didChange only
// record the new text; flush() re-checks the documents that changed and
// returns their publishDiagnostics notifications. The transport calls
// flush() when no message is waiting, so a burst of keystrokes costs one
// check, not one per keystroke. A request that needs a document's analysis
// (hover, completion...) re-checks it first if it is stale, so answers are
// always about the text the editor has.
//
// Bad input from the client never escapes as an exception: it becomes the
// protocol's error response (-32700, -32600, -32601, -32602, -32002...) or,
// for a notification, a window/logMessage.
//
// Lifetime: the FileSystem in ServerOptions must outlive the Server.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "driver/version.hpp"
#include "dsl/file_system.hpp"
#include "dsl/resolve.hpp"
#include "lsp/analysis.hpp"
#include "lsp/documents.hpp"
#include "lsp/passes.hpp"
#include "lsp/protocol.hpp"

namespace terms::lsp {

struct ServerOptions {
  // The disk, under the open documents. Required.
  const FileSystem* file_system = nullptr;
  // Lists the `*.terms` files under a workspace folder (for find-references
  // across files that are not open). Optional: without it, references are
  // searched in the open documents and the files they import.
  std::function<std::vector<std::string>(const std::string& folder)> list_term_files;
  std::string version = std::string(driver::kVersion);
  // The limits for every load (`terms lsp` passes the CLI's defaults:
  // docs/hardening.md). Its library_root is replaced per document
  // (Server::library_root_for).
  LoadOptions load;
};

class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Handles one message body as received (JSON text). Malformed JSON gets a
  // -32700 response with a null id.
  std::vector<json> handle_text(std::string_view body);
  // Handles one parsed message. Returns the responses and notifications to send.
  std::vector<json> handle(const json& message);
  // Re-checks every document whose text (or an import's) changed since its
  // diagnostics were last published; returns the publishDiagnostics messages.
  std::vector<json> flush();
  // True when flush() has work to do.
  bool has_pending_checks() const;
  // Frees the analyses that re-checks replaced. The transport calls it after
  // sending what flush() returned, so that freeing a large analysis does not
  // delay the diagnostics; flush() also frees what is left from before.
  void release_retired();

  // After an `exit` notification: stop reading, and exit with exit_code()
  // (0 when `shutdown` came first, 1 otherwise).
  bool exit_requested() const { return exit_requested_; }
  int exit_code() const { return shutdown_requested_ ? 0 : 1; }
  bool shutdown_requested() const { return shutdown_requested_; }

  // The analysis of an open document, re-checked if stale (nullptr if not open).
  // For tests and the benchmark.
  const Analysis* analysis(std::string_view uri);

 private:
  struct DocState;
  struct RequestError;
  using Handler = json (Server::*)(const json& params);
  using NotificationHandler = void (Server::*)(const json& params);

  json dispatch_request(const json& id, const std::string& method, const json& params);
  void dispatch_notification(const std::string& method, const json& params);

  // Requests.
  json on_initialize(const json& params);
  json on_shutdown(const json& params);
  json on_hover(const json& params);
  json on_definition(const json& params);
  json on_references(const json& params);
  json on_completion(const json& params);
  json on_document_symbol(const json& params);
  json on_formatting(const json& params);
  json on_code_action(const json& params);
  // Notifications.
  void on_initialized(const json& params);
  void on_exit(const json& params);
  void on_did_open(const json& params);
  void on_did_change(const json& params);
  void on_did_close(const json& params);
  void on_did_save(const json& params);
  void on_did_change_configuration(const json& params);
  void on_did_change_watched_files(const json& params);

  // The open document named by params.textDocument.uri, or a RequestError.
  Document& document_for(const json& params);
  DocState& state_for(const Document& doc);
  const Analysis& analysis_for(const Document& doc);
  // The byte offset of params.position in the analysed text; nullopt when out of range.
  std::optional<std::uint32_t> offset_for(const Analysis& analysis, const json& params);
  // Marks every open document that read `canonical` as needing a re-check.
  void invalidate_dependents(const std::string& canonical);
  void invalidate_all();
  // The settings (terms.json) in force for a document.
  Settings settings_for(const Document& doc) const;
  // The directory a document's imports may not leave: the `root` of its
  // nearest terms.json (relative to it), else the directory holding that
  // terms.json, else the deepest workspace folder holding the document, else
  // the document's directory (docs/hardening.md, "The library root").
  std::string library_root_for(const Document& doc) const;
  json publish(const Document& doc);
  void log(int type, std::string message);

  ServerOptions options_;
  DocumentStore documents_;
  std::unique_ptr<OverlayFileSystem> overlay_;
  std::map<std::string, std::unique_ptr<DocState>, std::less<>> states_;  // by URI
  std::vector<std::string> workspace_folders_;  // paths
  std::vector<json> pending_;                   // notifications produced while handling
  std::vector<std::unique_ptr<Analysis>> retired_;  // replaced analyses, freed by release_retired()
  bool initialized_ = false;
  bool shutdown_requested_ = false;
  bool exit_requested_ = false;
  bool markdown_hover_ = true;
};

}  // namespace terms::lsp
