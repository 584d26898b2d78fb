// The bad-input corpus for the language server (tests/bad-input/lsp): each case
// is a byte stream a client could send, given whole to the real `terms lsp`
// over a pipe (tests/support/run_process.hpp, with a timeout), then the end
// of input. The server must not crash nor hang, its standard output must hold
// nothing but well-framed JSON-RPC messages, every request it could read
// (framed, with an integer or string id) must get a response, and the
// responses and the exit status must be those of the case's `.expected`.
//
// TERMS_UPDATE_BAD_INPUT=1 rewrites the `.expected` files (keeping their `#`
// header lines); review the diff. The format is in tests/bad-input/README.md.

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/run_process.hpp"
#include "tests/unit/badinput/corpus.hpp"

namespace terms::badinput {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

const fs::path kCorpus = fs::path(TERMS_SOURCE_DIR) / "tests/bad-input/lsp";

struct Stream {
  std::string bytes;
  std::vector<json> request_ids;  // of the requests framed well, in order
};

// Bytes shown in a failure message: printable ASCII as is, the rest as `\xNN`.
std::string printable(std::string_view bytes) {
  std::string out;
  for (const char c : bytes.substr(0, 80)) {
    const auto b = static_cast<unsigned char>(c);
    out += b >= 0x20 && b < 0x7F ? std::string(1, c) : fmt::format("\\x{:02x}", b);
  }
  return out;
}

std::string framed(const std::string& body) { return fmt::format("Content-Length: {}\r\n\r\n{}", body.size(), body); }

// Notes the id of a well-formed request, which must get a response.
void note_request(const std::string& body, Stream& out) {
  const json m = json::parse(body, nullptr, false);
  if (!m.is_object() || !m.contains("method") || !m["method"].is_string() || !m.contains("id")) return;
  if (m["id"].is_number_integer() || m["id"].is_string()) out.request_ids.push_back(m["id"]);
}

// A case file: recipe lines (corpus.hpp's expand_recipe: a JSON string, or
// `N * "string"`) for raw bytes; `hex ff fe` for bytes that no JSON string
// holds; `frame {...}` for one message with its correct header; and `body`
// ... `end` around recipe lines that make one framed message together.
Stream expand_stream(const std::string& text) {
  Stream out;
  std::istringstream lines(text);
  std::string line;
  std::optional<std::string> body;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (line == "body") {
      body = std::string();
    } else if (line == "end") {
      if (!body) throw std::runtime_error("`end` without `body`");
      note_request(*body, out);
      out.bytes += framed(*body);
      body.reset();
    } else if (line.rfind("frame ", 0) == 0) {
      const std::string message = line.substr(6);
      note_request(message, out);
      out.bytes += framed(message);
    } else if (line.rfind("hex ", 0) == 0) {
      std::istringstream hex(line.substr(4));
      std::string piece;
      for (unsigned byte = 0; hex >> std::hex >> byte;) piece += static_cast<char>(byte);
      (body ? *body : out.bytes) += piece;
    } else {
      (body ? *body : out.bytes) += expand_recipe(line + "\n");
    }
  }
  if (body) throw std::runtime_error("`body` without `end`");
  return out;
}

// The messages of the server's standard output, strictly: each a header with
// a Content-Length, a blank line and that many bytes of JSON. Anything else is
// reported in `problem`.
std::vector<json> read_messages(std::string_view out, std::string& problem) {
  std::vector<json> messages;
  while (!out.empty()) {
    const std::size_t header_end = out.find("\r\n\r\n");
    if (header_end == std::string_view::npos) {
      problem = "bytes after the last message: " + printable(out);
      break;
    }
    std::optional<std::size_t> length;
    std::istringstream header{std::string(out.substr(0, header_end))};
    for (std::string field; std::getline(header, field);) {
      if (!field.empty() && field.back() == '\r') field.pop_back();
      if (field.rfind("Content-Length: ", 0) == 0) length = std::stoul(field.substr(16));
    }
    if (!length || out.size() < header_end + 4 + *length) {
      problem = "a malformed frame: " + printable(out);
      break;
    }
    const json m = json::parse(out.substr(header_end + 4, *length), nullptr, false);
    if (m.is_discarded() || !m.is_object()) {
      problem = "a frame whose body is not a JSON object";
      break;
    }
    messages.push_back(m);
    out.remove_prefix(header_end + 4 + *length);
  }
  return messages;
}

std::string type_name(const json& value) {
  if (value.is_null()) return "null";
  if (value.is_object()) return "object";
  if (value.is_array()) return value.empty() ? "empty array" : "array";
  if (value.is_string()) return "string";
  if (value.is_boolean()) return "boolean";
  return "number";
}

// The expectation's text: the exit status, then one line per response, in order:
//   response ID: result TYPE
//   response ID: error CODE MESSAGE
std::string describe_run(int exit_status, const std::vector<json>& messages) {
  std::string text = fmt::format("exit {}\n", exit_status);
  for (const json& m : messages) {
    if (m.contains("method") || !m.contains("id")) continue;  // notifications and the server's own requests
    if (m.contains("error")) {
      const json& e = m["error"];
      text += fmt::format("response {}: error {} {}\n", m["id"].dump(), e.value("code", 0), e.value("message", ""));
    } else {
      text += fmt::format("response {}: result {}\n", m["id"].dump(), type_name(m.value("result", json())));
    }
  }
  return text;
}

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kCorpus)) {
    if (entry.path().extension() == ".lsp") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class LspCase : public ::testing::TestWithParam<std::string> {};

TEST_P(LspCase, TheServerAnswersAndSurvives) {
  const fs::path input = kCorpus / (GetParam() + ".lsp");
  const fs::path expected_path = kCorpus / (GetParam() + ".expected");
  const Stream stream = expand_stream(read_file(input));
  const Expectation expected = read_expectation(expected_path);

  testing::ProcessOptions po;
  po.cwd = fs::temp_directory_path().string();
  po.stdin_text = stream.bytes;
  po.timeout_ms = 30000;
  for (std::string& var : sanitizer_environment()) po.env.push_back(std::move(var));
  const testing::ProcessResult r = testing::run_process(TERMS_BINARY, {"lsp"}, po);
  ASSERT_TRUE(r.spawn_error.empty()) << r.spawn_error;
  EXPECT_FALSE(r.timed_out) << "terms lsp hung on " << GetParam() << "\n" << r.err.substr(0, 4000);
  EXPECT_EQ(r.signal, 0) << "terms lsp was killed by signal " << r.signal << "\n" << r.err.substr(0, 4000);
  // The server's log (standard error) may quote what the client sent; only a
  // sanitizer report or an uncaught exception there is a failure.
  EXPECT_EQ(output_problem(r.err, false), "") << r.err.substr(0, 4000);

  std::string problem;
  const std::vector<json> messages = read_messages(r.out, problem);
  EXPECT_EQ(problem, "") << "standard output must hold only LSP messages";
  for (const json& id : stream.request_ids) {
    const bool answered = std::any_of(messages.begin(), messages.end(), [&](const json& m) {
      return !m.contains("method") && m.contains("id") && m["id"] == id;
    });
    EXPECT_TRUE(answered) << "no response to the request with id " << id.dump();
  }
  const std::string actual = describe_run(r.exit_status, messages);
  if (updating()) {
    std::string text;
    for (const std::string& h : expected.header) text += h + "\n";
    write_file(expected_path, text + actual);
    return;
  }
  ASSERT_TRUE(expected.exists) << "missing " << expected_path << " (TERMS_UPDATE_BAD_INPUT=1 writes it)";
  EXPECT_EQ(expected.text, actual) << "case " << input;
}

INSTANTIATE_TEST_SUITE_P(Corpus, LspCase, ::testing::ValuesIn(case_names()),
                         [](const auto& param_info) { return test_name(param_info.param); });

TEST(BadLspCorpus, CoversEveryClassAndHasNoOrphans) {
  const std::vector<std::string> names = case_names();
  for (const auto& entry : fs::directory_iterator(kCorpus)) {
    if (entry.path().extension() == ".expected") {
      EXPECT_TRUE(std::count(names.begin(), names.end(), entry.path().stem().string()) == 1)
          << "orphan expectation " << entry.path();
    }
  }
  for (const char* prefix : {"framing-missing-content-length", "framing-negative-length", "framing-huge-length",
                             "framing-non-numeric-length", "framing-short-body-then-eof", "invalid-json",
                             "json-not-an-object", "wrong-param-types", "unknown-methods", "before-initialize",
                             "unopened-document", "out-of-range-positions", "didchange-past-the-end", "line-1mb"}) {
    EXPECT_TRUE(std::count(names.begin(), names.end(), prefix) == 1) << "no case " << prefix;
  }
}

}  // namespace
}  // namespace terms::badinput
