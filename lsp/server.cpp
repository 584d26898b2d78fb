#include "lsp/server.hpp"

#include <algorithm>
#include <exception>
#include <filesystem>

#include <fmt/format.h>

#include "dsl/library_root.hpp"
#include "lsp/features.hpp"
#include "lsp/passes.hpp"
#include "lsp/uri.hpp"

namespace terms::lsp {

// What the server keeps per open document besides its text.
struct Server::DocState {
  std::unique_ptr<Analysis> analysis;
  std::uint64_t analysed_generation = 0;
  bool stale = true;            // the analysis is missing or out of date
  bool publish_pending = true;  // the editor has not seen this text's diagnostics
  std::vector<std::string> dependencies;
  PassCache cache;  // results of the last check that an edit may leave valid
};

// A request that cannot be served, as the error response it becomes.
struct Server::RequestError {
  ErrorCode code;
  std::string message;
};

namespace {

// The params member of a message: an object or array, or null when absent.
const json& params_of(const json& message) {
  static const json null_value;
  auto it = message.find("params");
  return it == message.end() ? null_value : *it;
}

// Params that do not have the shape the protocol gives them: -32602 for a
// request, a logged error for a notification. The message names the member
// as a client's author would look it up (`textDocument.uri`).
struct InvalidParams {
  std::string message;
};

[[noreturn]] void invalid(std::string message) { throw InvalidParams{std::move(message)}; }

// The member `key` of `object` (a dotted `shown` for messages); missing is an error.
const json& member(const json& object, const char* key, const std::string& shown) {
  auto it = object.find(key);
  if (it == object.end()) invalid(fmt::format("`{}` is missing", shown));
  return *it;
}

const json& object_member(const json& object, const char* key, const std::string& shown) {
  const json& value = member(object, key, shown);
  if (!value.is_object()) invalid(fmt::format("`{}` must be an object, not {}", shown, describe_json(value)));
  return value;
}

std::string string_member(const json& object, const char* key, const std::string& shown) {
  const json& value = member(object, key, shown);
  if (!value.is_string()) invalid(fmt::format("`{}` must be a string, not {}", shown, describe_json(value)));
  return value.get<std::string>();
}

const json& params_object(const json& params) {
  if (!params.is_object()) invalid(fmt::format("`params` must be an object, not {}", describe_json(params)));
  return params;
}

std::string uri_param(const json& params) {
  return string_member(object_member(params_object(params), "textDocument", "textDocument"), "uri",
                       "textDocument.uri");
}

Position position_member(const json& object, const char* key, const std::string& shown) {
  std::string error;
  auto p = read_position(member(object, key, shown), shown, error);
  if (!p) invalid(std::move(error));
  return *p;
}

// A nlohmann exception's text without its "[json.exception.type_error.302] " prefix.
std::string without_prefix(const char* what) {
  std::string_view text(what);
  if (!text.empty() && text.front() == '[') {
    if (auto end = text.find("] "); end != std::string_view::npos) text.remove_prefix(end + 2);
  }
  return std::string(text);
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Only term files are checked; other open documents (a terms.json, say) are
// kept so that they shadow the disk, but get no diagnostics.
bool is_term_document(const Document& doc) { return doc.language_id == "terms" || ends_with(doc.path, ".terms"); }

bool is_config_document(const Document& doc) { return ends_with(doc.path, "/terms.json") || doc.path == "terms.json"; }

}  // namespace

Server::Server(ServerOptions options) : options_(std::move(options)) {
  overlay_ = std::make_unique<OverlayFileSystem>(*options_.file_system, documents_);
}

Server::~Server() = default;

void Server::log(int type, std::string message) {
  pending_.push_back(make_notification("window/logMessage", json{{"type", type}, {"message", std::move(message)}}));
}

std::vector<json> Server::handle_text(std::string_view body) {
  json message = json::parse(body.begin(), body.end(), nullptr, false);
  if (message.is_discarded()) {
    return {make_error(nullptr, ErrorCode::parse_error, "the message is not valid JSON")};
  }
  return handle(message);
}

std::vector<json> Server::handle(const json& message) {
  std::vector<json> out;
  auto finish = [&]() {
    for (auto& p : pending_) out.push_back(std::move(p));
    pending_.clear();
    return out;
  };
  if (!message.is_object()) {
    out.push_back(make_error(nullptr, ErrorCode::invalid_request,
                             message.is_array() ? "batches are not supported by the language server protocol"
                                                : "a message must be a JSON object"));
    return finish();
  }
  json id = nullptr;
  const bool has_id = message.contains("id");
  if (has_id) {
    const json& raw = message["id"];
    if (raw.is_number_integer() || raw.is_string()) {
      id = raw;
    } else {
      out.push_back(make_error(nullptr, ErrorCode::invalid_request, "`id` must be an integer or a string"));
      return finish();
    }
  }
  auto version = message.find("jsonrpc");
  if (version == message.end() || *version != "2.0") {
    if (has_id || !message.contains("method")) {
      out.push_back(make_error(id, ErrorCode::invalid_request, "`jsonrpc` must be \"2.0\""));
    }
    return finish();
  }
  auto method_it = message.find("method");
  if (method_it == message.end()) {
    // A response to a request of ours (we send none that need an answer): ignore.
    if (has_id && (message.contains("result") || message.contains("error"))) return finish();
    out.push_back(make_error(id, ErrorCode::invalid_request, "a request needs a `method`"));
    return finish();
  }
  if (!method_it->is_string()) {
    if (has_id) out.push_back(make_error(id, ErrorCode::invalid_request, "`method` must be a string"));
    return finish();
  }
  const std::string method = method_it->get<std::string>();
  const json& params = params_of(message);
  if (!params.is_null() && !params.is_object() && !params.is_array()) {
    if (has_id) out.push_back(make_error(id, ErrorCode::invalid_request, "`params` must be an object or an array"));
    return finish();
  }
  if (has_id) {
    out.push_back(dispatch_request(id, method, params));
  } else {
    dispatch_notification(method, params);
  }
  return finish();
}

json Server::dispatch_request(const json& id, const std::string& method, const json& params) {
  static const std::map<std::string, Handler, std::less<>> handlers{
      {"initialize", &Server::on_initialize},
      {"shutdown", &Server::on_shutdown},
      {"textDocument/hover", &Server::on_hover},
      {"textDocument/definition", &Server::on_definition},
      {"textDocument/references", &Server::on_references},
      {"textDocument/completion", &Server::on_completion},
      {"textDocument/documentSymbol", &Server::on_document_symbol},
      {"textDocument/formatting", &Server::on_formatting},
      {"textDocument/codeAction", &Server::on_code_action},
  };
  if (!initialized_ && method != "initialize") {
    return make_error(id, ErrorCode::server_not_initialized, "the server has not been initialized");
  }
  if (shutdown_requested_) {
    return make_error(id, ErrorCode::invalid_request, "the server is shutting down");
  }
  auto it = handlers.find(method);
  if (it == handlers.end()) {
    return make_error(id, ErrorCode::method_not_found, fmt::format("unknown method `{}`", method));
  }
  try {
    return make_response(id, (this->*(it->second))(params));
  } catch (const RequestError& e) {
    return make_error(id, e.code, e.message);
  } catch (const InvalidParams& e) {
    return make_error(id, ErrorCode::invalid_params, e.message);
  } catch (const json::exception& e) {
    // Every member is checked above; this is a last resort, in words.
    return make_error(id, ErrorCode::invalid_params,
                      fmt::format("invalid params for `{}`: {}", method, without_prefix(e.what())));
  } catch (const std::exception& e) {
    return make_error(id, ErrorCode::internal_error, fmt::format("internal error in `{}`: {}", method, e.what()));
  }
}

void Server::dispatch_notification(const std::string& method, const json& params) {
  static const std::map<std::string, NotificationHandler, std::less<>> handlers{
      {"initialized", &Server::on_initialized},
      {"exit", &Server::on_exit},
      {"textDocument/didOpen", &Server::on_did_open},
      {"textDocument/didChange", &Server::on_did_change},
      {"textDocument/didClose", &Server::on_did_close},
      {"textDocument/didSave", &Server::on_did_save},
      {"workspace/didChangeConfiguration", &Server::on_did_change_configuration},
      {"workspace/didChangeWatchedFiles", &Server::on_did_change_watched_files},
  };
  if (method == "exit") {
    on_exit(params);
    return;
  }
  // Before initialize, and after shutdown, notifications are dropped.
  if (!initialized_ || shutdown_requested_) return;
  auto it = handlers.find(method);
  if (it == handlers.end()) return;  // unknown notifications ($/cancelRequest, $/setTrace...) are ignored
  try {
    (this->*(it->second))(params);
  } catch (const RequestError& e) {
    log(1, fmt::format("{}: {}", method, e.message));
  } catch (const InvalidParams& e) {
    log(1, fmt::format("{}: invalid params: {}", method, e.message));
  } catch (const json::exception& e) {
    log(1, fmt::format("{}: invalid params: {}", method, without_prefix(e.what())));
  } catch (const std::exception& e) {
    log(1, fmt::format("{}: internal error: {}", method, e.what()));
  }
}

// ---- lifecycle -------------------------------------------------------------------

json Server::on_initialize(const json& params) {
  if (initialized_) throw RequestError{ErrorCode::invalid_request, "`initialize` may only be sent once"};
  if (!params.is_object()) throw RequestError{ErrorCode::invalid_params, "`initialize` needs params"};
  initialized_ = true;
  // Hover format: markdown unless the client says it only takes plain text.
  if (auto caps = params.find("capabilities"); caps != params.end() && caps->is_object()) {
    const json pointer_value = caps->value(json::json_pointer("/textDocument/hover/contentFormat"), json());
    if (pointer_value.is_array() && !pointer_value.empty()) {
      markdown_hover_ = std::find(pointer_value.begin(), pointer_value.end(), "markdown") != pointer_value.end();
    }
  }
  if (auto folders = params.find("workspaceFolders"); folders != params.end() && folders->is_array()) {
    for (const auto& f : *folders) {
      if (f.is_object() && f.contains("uri") && f["uri"].is_string()) {
        if (auto p = file_uri_to_path(f["uri"].get<std::string>())) workspace_folders_.push_back(*p);
      }
    }
  }
  if (workspace_folders_.empty()) {
    if (auto root = params.find("rootUri"); root != params.end() && root->is_string()) {
      if (auto p = file_uri_to_path(root->get<std::string>())) workspace_folders_.push_back(*p);
    }
  }
  json capabilities{
      {"positionEncoding", "utf-16"},
      {"textDocumentSync",
       {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
      {"hoverProvider", true},
      {"definitionProvider", true},
      {"referencesProvider", true},
      {"completionProvider", {{"triggerCharacters", json::array({" ", ","})}, {"resolveProvider", false}}},
      {"documentSymbolProvider", true},
      {"documentFormattingProvider", formatting_available()},
      {"codeActionProvider", {{"codeActionKinds", json::array({"quickfix"})}}},
  };
  return json{{"capabilities", std::move(capabilities)},
              {"serverInfo", {{"name", "terms"}, {"version", options_.version}}}};
}

void Server::on_initialized(const json&) {}

json Server::on_shutdown(const json&) {
  shutdown_requested_ = true;
  return nullptr;
}

void Server::on_exit(const json&) { exit_requested_ = true; }

// ---- documents -------------------------------------------------------------------

Server::DocState& Server::state_for(const Document& doc) {
  auto& slot = states_[doc.uri];
  if (!slot) slot = std::make_unique<DocState>();
  return *slot;
}

void Server::invalidate_dependents(const std::string& canonical) {
  for (auto& [uri, state] : states_) {
    const auto& deps = state->dependencies;
    if (std::find(deps.begin(), deps.end(), canonical) != deps.end()) {
      state->stale = true;
      state->publish_pending = true;
    }
  }
}

void Server::invalidate_all() {
  for (auto& [uri, state] : states_) {
    state->stale = true;
    state->publish_pending = true;
  }
}

void Server::on_did_open(const json& params) {
  const json& item = object_member(params_object(params), "textDocument", "textDocument");
  std::string uri = string_member(item, "uri", "textDocument.uri");
  std::string text = string_member(item, "text", "textDocument.text");
  std::string path = document_path(uri);
  std::string canonical = options_.file_system->canonical(path);
  if (canonical.empty()) canonical = path;
  std::int64_t version = 0;
  if (auto v = item.find("version"); v != item.end() && v->is_number_integer()) version = v->get<std::int64_t>();
  std::string language = "terms";
  if (auto l = item.find("languageId"); l != item.end() && l->is_string()) language = l->get<std::string>();
  Document& doc = documents_.open(uri, path, canonical, std::move(language), version, std::move(text));
  if (is_config_document(doc)) invalidate_all();
  if (!is_term_document(doc)) return;
  DocState& state = state_for(doc);
  state.stale = true;
  state.publish_pending = true;
  invalidate_dependents(doc.canonical);
}

void Server::on_did_change(const json& params) {
  const std::string uri = uri_param(params);
  Document* doc = documents_.find(uri);
  if (doc == nullptr) throw RequestError{ErrorCode::invalid_params, fmt::format("`{}` is not open", uri)};
  const json& changes = member(params, "contentChanges", "contentChanges");
  if (!changes.is_array()) {
    invalid(fmt::format("`contentChanges` must be an array, not {}", describe_json(changes)));
  }
  // Apply to a copy: a bad change leaves the document as it was.
  std::string text = doc->text;
  for (const auto& change : changes) {
    if (auto error = apply_change(text, change)) {
      throw RequestError{ErrorCode::invalid_params, fmt::format("{} (in `{}`)", *error, uri)};
    }
  }
  doc->text = std::move(text);
  ++doc->generation;
  if (auto v = params["textDocument"].find("version"); v != params["textDocument"].end() && v->is_number_integer()) {
    doc->version = v->get<std::int64_t>();
  }
  if (is_config_document(*doc)) invalidate_all();
  if (!is_term_document(*doc)) return;
  DocState& state = state_for(*doc);
  state.stale = true;
  state.publish_pending = true;
  invalidate_dependents(doc->canonical);
}

void Server::on_did_close(const json& params) {
  const std::string uri = uri_param(params);
  const Document* doc = documents_.find(uri);
  if (doc == nullptr) return;
  const std::string canonical = doc->canonical;
  const bool config = is_config_document(*doc);
  const bool checked = is_term_document(*doc);
  documents_.close(uri);
  if (auto it = states_.find(uri); it != states_.end()) states_.erase(it);
  if (config) invalidate_all();
  if (!checked) return;
  // Clear the file's diagnostics in the editor; files importing it now read the disk.
  pending_.push_back(make_notification("textDocument/publishDiagnostics",
                                       json{{"uri", uri}, {"diagnostics", json::array()}}));
  invalidate_dependents(canonical);
}

void Server::on_did_save(const json& params) {
  const std::string uri = uri_param(params);
  const Document* doc = documents_.find(uri);
  if (doc == nullptr) return;
  // A saved terms.json changes the settings of every document.
  if (is_config_document(*doc)) {
    invalidate_all();
    return;
  }
  invalidate_dependents(doc->canonical);
}

void Server::on_did_change_configuration(const json&) { invalidate_all(); }

void Server::on_did_change_watched_files(const json&) {
  // Files on disk changed (an import, terms.json): re-check everything open.
  invalidate_all();
}

namespace {

// `p` lexically normalised, without a trailing separator.
std::string normal_dir(const std::filesystem::path& p) {
  std::string out = p.lexically_normal().generic_string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out.empty() ? std::string(".") : out;
}

// Whether directory `dir` holds `path` (component by component, lexically).
bool holds(const std::string& dir, const std::string& path) {
  const std::filesystem::path d(dir), p(path);
  auto q = p.begin();
  for (auto c = d.begin(); c != d.end(); ++c) {
    if (c->empty()) continue;  // a trailing separator
    if (q == p.end() || *c != *q) return false;
    ++q;
  }
  return true;
}

}  // namespace

std::string Server::library_root_for(const Document& doc) const {
  const std::filesystem::path file = std::filesystem::path(doc.path).lexically_normal();
  const std::string dir = normal_dir(file.parent_path());
  // A document that is not a file (`untitled:`) has no directory: its
  // imports resolve against nothing, and may name nothing outside the
  // workspace (or, without one, nothing but the empty directory).
  const bool is_file = file.is_absolute();
  if (is_file) {
    if (auto configured = configured_library_root(*overlay_, dir)) return normal_dir(*configured);
  }
  const std::string* best = nullptr;
  for (const std::string& folder : workspace_folders_) {
    if ((!is_file || holds(folder, file.generic_string())) && (best == nullptr || folder.size() > best->size())) {
      best = &folder;
    }
  }
  if (best != nullptr) return normal_dir(*best);
  return dir;
}

Settings Server::settings_for(const Document& doc) const {
  Settings settings = settings_for_path(*overlay_, doc.path);
  settings.load = options_.load;
  settings.load.library_root = library_root_for(doc);
  return settings;
}

const Analysis& Server::analysis_for(const Document& doc) {
  DocState& state = state_for(doc);
  if (!state.analysis || state.stale || state.analysed_generation != doc.generation) {
    const Settings settings = settings_for(doc);
    auto analysis = std::make_unique<Analysis>(*overlay_, doc.path, doc.text, settings.load);
    run_passes(*analysis, settings, &state.cache);
    state.dependencies = analysis->dependencies();
    if (state.analysis) retired_.push_back(std::move(state.analysis));
    state.analysis = std::move(analysis);
    state.analysed_generation = doc.generation;
    state.stale = false;
  }
  return *state.analysis;
}

const Analysis* Server::analysis(std::string_view uri) {
  const Document* doc = documents_.find(uri);
  if (doc == nullptr) return nullptr;
  return &analysis_for(*doc);
}

json Server::publish(const Document& doc) {
  const Analysis& a = analysis_for(doc);
  return make_notification("textDocument/publishDiagnostics",
                           json{{"uri", doc.uri}, {"version", doc.version}, {"diagnostics", diagnostics_for_root(a)}});
}

bool Server::has_pending_checks() const {
  return std::any_of(states_.begin(), states_.end(), [](const auto& s) { return s.second->publish_pending; });
}

void Server::release_retired() { retired_.clear(); }

std::vector<json> Server::flush() {
  release_retired();
  std::vector<json> out;
  for (auto& [uri, state] : states_) {
    if (!state->publish_pending) continue;
    const Document* doc = documents_.find(uri);
    state->publish_pending = false;
    if (doc == nullptr) continue;
    try {
      out.push_back(publish(*doc));
    } catch (const std::exception& e) {
      log(1, fmt::format("checking `{}` failed: {}", uri, e.what()));
    }
  }
  for (auto& p : pending_) out.push_back(std::move(p));
  pending_.clear();
  return out;
}

// ---- requests on documents -------------------------------------------------------

Document& Server::document_for(const json& params) {
  const std::string uri = uri_param(params);
  Document* doc = documents_.find(uri);
  if (doc == nullptr) {
    throw RequestError{ErrorCode::request_failed, fmt::format("`{}` is not open (send didOpen first)", uri)};
  }
  if (!is_term_document(*doc)) {
    throw RequestError{ErrorCode::request_failed, fmt::format("`{}` is not a term file", uri)};
  }
  return *doc;
}

std::optional<std::uint32_t> Server::offset_for(const Analysis& analysis, const json& params) {
  return offset_of(analysis.root_source(), position_member(params, "position", "position"));
}

json Server::on_hover(const json& params) {
  const Analysis& a = analysis_for(document_for(params));
  auto offset = offset_for(a, params);
  if (!offset) return nullptr;
  return hover(a, *offset, markdown_hover_);
}

json Server::on_definition(const json& params) {
  const Analysis& a = analysis_for(document_for(params));
  auto offset = offset_for(a, params);
  if (!offset) return nullptr;
  return definition(a, *offset);
}

json Server::on_references(const json& params) {
  const Document& doc = document_for(params);
  const Analysis& a = analysis_for(doc);
  auto offset = offset_for(a, params);
  if (!offset) return json::array();
  bool include_declaration = false;
  if (auto ctx = params.find("context"); ctx != params.end() && !ctx->is_null()) {
    if (!ctx->is_object()) invalid(fmt::format("`context` must be an object, not {}", describe_json(*ctx)));
    if (auto inc = ctx->find("includeDeclaration"); inc != ctx->end()) {
      if (!inc->is_boolean()) {
        invalid(fmt::format("`context.includeDeclaration` must be true or false, not {}", describe_json(*inc)));
      }
      include_declaration = inc->get<bool>();
    }
  }
  // The project: this document first, then every other open document and
  // every term file of the workspace folders, each with its imports.
  std::vector<std::string> roots;
  for (const auto& [uri, other] : documents_.all()) {
    if (uri != doc.uri) roots.push_back(other.path);
  }
  if (options_.list_term_files) {
    for (const auto& folder : workspace_folders_) {
      for (auto& f : options_.list_term_files(folder)) roots.push_back(std::move(f));
    }
  }
  Analysis project(*overlay_, doc.path, doc.text, settings_for(doc).load, roots);
  return references(project, *offset, include_declaration);
}

json Server::on_completion(const json& params) {
  const Analysis& a = analysis_for(document_for(params));
  auto offset = offset_for(a, params);
  if (!offset) return json{{"isIncomplete", false}, {"items", json::array()}};
  return completion(a, *offset);
}

json Server::on_document_symbol(const json& params) {
  return document_symbols(analysis_for(document_for(params)));
}

json Server::on_formatting(const json& params) {
  // FormattingOptions: the layout is canonical, so the values are not used,
  // but a client that sends the wrong shape hears of it.
  uri_param(params);
  const json& options = object_member(params, "options", "options");
  if (auto tab = options.find("tabSize"); tab != options.end()) {
    std::string error;
    if (!read_uinteger(*tab, "options.tabSize", error)) invalid(std::move(error));
  }
  if (auto spaces = options.find("insertSpaces"); spaces != options.end() && !spaces->is_boolean()) {
    invalid(fmt::format("`options.insertSpaces` must be true or false, not {}", describe_json(*spaces)));
  }
  const Document& doc = document_for(params);
  const Analysis& a = analysis_for(doc);
  std::string error;
  auto edits = format_edits(a, error);
  if (!edits) throw RequestError{ErrorCode::request_failed, error};
  return *edits;
}

json Server::on_code_action(const json& params) {
  const Document& doc = document_for(params);
  const Analysis& a = analysis_for(doc);
  const json& range = object_member(params, "range", "range");
  const Position start = position_member(range, "start", "range.start");
  const Position end = position_member(range, "end", "range.end");
  const auto size = static_cast<std::uint32_t>(a.root_source().text().size());
  const std::uint32_t b = offset_of(a.root_source(), start).value_or(size);
  const std::uint32_t e = offset_of(a.root_source(), end).value_or(size);
  return code_actions(a, doc.uri, std::min(b, e), std::max(b, e));
}

}  // namespace terms::lsp
