#include "lsp/protocol.hpp"

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

std::optional<Position> position_from_json(const json& value) {
  if (!value.is_object()) return std::nullopt;
  auto line = value.find("line");
  auto character = value.find("character");
  if (line == value.end() || character == value.end()) return std::nullopt;
  if (!line->is_number_integer() || !character->is_number_integer()) return std::nullopt;
  const auto l = line->get<std::int64_t>();
  const auto c = character->get<std::int64_t>();
  if (l < 0 || c < 0 || l > 0xffffffffLL || c > 0xffffffffLL) return std::nullopt;
  return Position{static_cast<std::uint32_t>(l), static_cast<std::uint32_t>(c)};
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
