#include "lsp/protocol.hpp"

#include <utility>

#include <fmt/format.h>

namespace terms::lsp {

json make_response(const json& id, json result) {
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

json make_error(const json& id, ErrorCode code, std::string message) {
  return json{{"jsonrpc", "2.0"},
              {"id", id},
              {"error", {{"code", static_cast<int>(code)}, {"message", std::move(message)}}}};
}

json make_notification(std::string method, json params) {
  return json{{"jsonrpc", "2.0"}, {"method", std::move(method)}, {"params", std::move(params)}};
}

json to_json(Position p) {
  // Built member by member: nlohmann's initializer lists copy every element
  // and test each for the object shape, which shows in the profile of a
  // publication with thousands of ranges.
  json out(json::value_t::object);
  out.emplace("line", p.line);
  out.emplace("character", p.character);
  return out;
}

std::optional<std::uint32_t> read_uinteger(const json& value, std::string_view name, std::string& error) {
  if (value.is_number_unsigned() || value.is_number_integer()) {
    if (value.is_number_integer() && !value.is_number_unsigned() && value.get<std::int64_t>() < 0) {
      error = fmt::format("`{}` must be a non-negative integer, not {}", name, value.dump());
      return std::nullopt;
    }
    const auto n = value.get<std::uint64_t>();
    if (n > static_cast<std::uint64_t>(kMaxUinteger)) {
      error = fmt::format("`{}` is out of range: {} is more than {}, the largest LSP `uinteger`", name, n,
                          kMaxUinteger);
      return std::nullopt;
    }
    return static_cast<std::uint32_t>(n);
  }
  // A number too large for 64 bits arrives as a float: still out of range.
  if (value.is_number_float() && value.get<double>() > static_cast<double>(kMaxUinteger)) {
    error = fmt::format("`{}` is out of range: {} is more than {}, the largest LSP `uinteger`", name, value.dump(),
                        kMaxUinteger);
    return std::nullopt;
  }
  error = fmt::format("`{}` must be a non-negative integer, not {}", name, describe_json(value));
  return std::nullopt;
}

std::optional<Position> read_position(const json& value, std::string_view name, std::string& error) {
  if (!value.is_object()) {
    error = fmt::format("`{}` must be an object with `line` and `character`, not {}", name, describe_json(value));
    return std::nullopt;
  }
  Position out;
  for (const auto& [key, field] : {std::pair{"line", &out.line}, std::pair{"character", &out.character}}) {
    const std::string member = fmt::format("{}.{}", name, key);
    auto it = value.find(key);
    if (it == value.end()) {
      error = fmt::format("`{}` is missing", member);
      return std::nullopt;
    }
    auto n = read_uinteger(*it, member, error);
    if (!n) return std::nullopt;
    *field = *n;
  }
  return out;
}

std::string describe_json(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    case json::value_t::number_float: return fmt::format("the number {}", value.dump());
    default: return fmt::format("the number {}", value.dump());
  }
}

Position position_of(const SourceFile& file, std::uint32_t offset) {
  const auto size = static_cast<std::uint32_t>(file.text().size());
  if (offset > size) offset = size;
  return Position{file.line_index(offset), file.utf16_column(offset)};
}

json range_of(const SourceFile& file, std::uint32_t begin, std::uint32_t end) {
  if (end < begin) end = begin;
  json out(json::value_t::object);
  out.emplace("start", to_json(position_of(file, begin)));
  out.emplace("end", to_json(position_of(file, end)));
  return out;
}

std::optional<std::uint32_t> offset_of(const SourceFile& file, Position p) {
  if (p.line >= file.line_count()) {
    // The position just past a final newline is the end of the file.
    return std::nullopt;
  }
  return file.offset_from_utf16(p.line, p.character);
}

}  // namespace terms::lsp
