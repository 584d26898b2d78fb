#pragma once
// JSON-RPC 2.0 and LSP 3.17 vocabulary shared by the server and its transport:
// error codes, message constructors, and the conversions between byte spans
// and LSP positions (0-based lines, columns in UTF-16 code units).
//
// Everything here is a pure function over nlohmann::json values and
// SourceFiles; nothing does I/O.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "dsl/source.hpp"

namespace terms::lsp {

using json = nlohmann::json;

// JSON-RPC and LSP error codes (LSP 3.17, "Response Message").
enum class ErrorCode : int {
  parse_error = -32700,
  invalid_request = -32600,
  method_not_found = -32601,
  invalid_params = -32602,
  internal_error = -32603,
  server_not_initialized = -32002,
  unknown_error_code = -32001,
  request_failed = -32803,
  server_cancelled = -32802,
  content_modified = -32801,
  request_cancelled = -32800,
};

// A successful response to the request with `id`.
json make_response(const json& id, json result);
// An error response; `id` is null when the request's id could not be read.
json make_error(const json& id, ErrorCode code, std::string message);
json make_notification(std::string method, json params);

// LSP DiagnosticSeverity, SymbolKind and CompletionItemKind values used here.
namespace severity {
inline constexpr int error = 1, warning = 2, information = 3, hint = 4;
}

// An LSP Position: 0-based line, UTF-16 code units into the line.
struct Position {
  std::uint32_t line = 0;
  std::uint32_t character = 0;
};

json to_json(Position p);
// What a JSON value is, for messages: "a string", "null", "the number 1.5".
std::string describe_json(const json& value);

// The largest line or character a client may send: LSP's `uinteger`, 2^31 - 1.
inline constexpr std::int64_t kMaxUinteger = 2147483647;

// Reads {"line":N,"character":N}; nullopt when malformed (not an object, a
// member missing, not a non-negative integer, more than kMaxUinteger), with
// `error` saying what is wrong, the position named `name` in the message
// ("`position.line` is missing").
std::optional<Position> read_position(const json& value, std::string_view name, std::string& error);
// Reads a non-negative integer of at most kMaxUinteger; on failure sets
// `error` to what is wrong with the member named `name`.
std::optional<std::uint32_t> read_uinteger(const json& value, std::string_view name, std::string& error);

// The LSP position of a byte offset.
Position position_of(const SourceFile& file, std::uint32_t offset);
// The LSP range {"start","end"} of a byte span of `file`.
json range_of(const SourceFile& file, std::uint32_t begin, std::uint32_t end);

// The byte offset of an LSP position, or nullopt when the line is past the end
// of the file. A character past the end of its line clamps to the line's end
// (the protocol's rule for too-long columns).
std::optional<std::uint32_t> offset_of(const SourceFile& file, Position p);

}  // namespace terms::lsp
