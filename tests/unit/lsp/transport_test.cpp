// The base protocol over pipes: Content-Length framing, the framing errors a
// client can make (garbage, a wrong or missing Content-Length, the input
// ending inside a message), and serve() running a whole session.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include <fmt/format.h>

#include "lsp/transport.hpp"
#include "tests/unit/lsp/lsp_fixture.hpp"

namespace terms::lsp::testing {
namespace {

// A pipe whose write end the test fills; the reader reads the other end.
class Pipe {
 public:
  Pipe() { EXPECT_EQ(::pipe(fds_), 0); }
  ~Pipe() {
    close_write();
    ::close(fds_[0]);
  }
  void write(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::write(fds_[1], bytes.data(), bytes.size());
      ASSERT_GT(n, 0);
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
  }
  void close_write() {
    if (fds_[1] >= 0) ::close(fds_[1]);
    fds_[1] = -1;
  }
  int read_end() const { return fds_[0]; }
  int write_end() const { return fds_[1]; }

 private:
  int fds_[2] = {-1, -1};
};

std::string framed(std::string_view body) { return fmt::format("Content-Length: {}\r\n\r\n{}", body.size(), body); }

using Status = MessageReader::Status;

TEST(MessageReader, ReadsFramedMessages) {
  Pipe p;
  p.write(framed(R"({"a":1})"));
  p.write("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: 7\r\n\r\n{\"b\":2}");
  p.write("content-length:7\n\n{\"c\":3}");  // lowercase, no space, LF only
  p.close_write();
  MessageReader r(p.read_end());
  for (const char* body : {R"({"a":1})", R"({"b":2})", R"({"c":3})"}) {
    auto m = r.next();
    EXPECT_EQ(m.status, Status::message);
    EXPECT_EQ(m.body, body);
    EXPECT_EQ(m.warning, "");
  }
  EXPECT_EQ(r.next().status, Status::end_of_input);
}

TEST(MessageReader, SkipsAHeaderWithoutContentLength) {
  Pipe p;
  p.write("X-Nonsense: 12\r\n\r\n");
  p.write(framed(R"({"ok":true})"));
  p.close_write();
  MessageReader r(p.read_end());
  auto m = r.next();
  EXPECT_EQ(m.status, Status::framing_error);
  EXPECT_EQ(m.error, "a message header has no `Content-Length`; it was skipped");
  m = r.next();
  EXPECT_EQ(m.status, Status::message);
  EXPECT_EQ(m.body, R"({"ok":true})");
}

TEST(MessageReader, RejectsAnInvalidContentLength) {
  Pipe p;
  p.write("Content-Length: twelve\r\n\r\n");
  p.write("Content-Length: 99999999999\r\n\r\n");
  p.write(framed("{}"));
  p.close_write();
  MessageReader r(p.read_end());
  auto m = r.next();
  EXPECT_EQ(m.status, Status::framing_error);
  EXPECT_EQ(m.error, "a `Content-Length` header has an invalid value");
  m = r.next();
  EXPECT_EQ(m.status, Status::framing_error);
  EXPECT_EQ(m.error, "a `Content-Length` of 99999999999 bytes is over the limit of 268435456");
  EXPECT_EQ(r.next().body, "{}");
}

TEST(MessageReader, RecoversFromGarbageBeforeAHeader) {
  Pipe p;
  p.write("garbage line\r\n");
  p.write(framed(R"({"x":1})"));
  p.write("}}}more garbage");  // glued to the next header
  p.write(framed(R"({"y":2})"));
  p.close_write();
  MessageReader r(p.read_end());
  auto m = r.next();
  EXPECT_EQ(m.status, Status::message);
  EXPECT_EQ(m.body, R"({"x":1})");
  EXPECT_EQ(m.warning, "garbage before a message header was skipped");
  m = r.next();
  EXPECT_EQ(m.status, Status::message);
  EXPECT_EQ(m.body, R"({"y":2})");
}

TEST(MessageReader, AContentLengthTooLargeDoesNotSwallowTheNextMessage) {
  Pipe p;
  p.write("Content-Length: 500\r\n\r\n{\"first\":1}");
  p.write(framed(R"({"second":2})"));
  // The input stays open: the reader must not wait for the missing bytes.
  MessageReader r(p.read_end());
  auto m = r.next();
  EXPECT_EQ(m.status, Status::message);
  EXPECT_EQ(m.body, R"({"first":1})");
  EXPECT_EQ(m.warning, "a `Content-Length` of 500 was larger than the message (11 bytes)");
  m = r.next();
  EXPECT_EQ(m.status, Status::message);
  EXPECT_EQ(m.body, R"({"second":2})");
}

TEST(MessageReader, AContentLengthTooLargeOnTheLastMessageDoesNotBlock) {
  Pipe p;
  p.write("Content-Length: 500\r\n\r\n{\"only\":1}");
  MessageReader r(p.read_end());
  const auto start = std::chrono::steady_clock::now();
  auto m = r.next();  // no more bytes come, and the input stays open
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(m.status, Status::message);
  EXPECT_EQ(m.body, R"({"only":1})");
  EXPECT_LT(waited, std::chrono::seconds(2));
}

TEST(MessageReader, AContentLengthTooSmallGivesABadBodyThenResynchronises) {
  Pipe p;
  const std::string body = R"({"jsonrpc":"2.0","id":1,"method":"shutdown"})";
  p.write(fmt::format("Content-Length: {}\r\n\r\n{}", body.size() - 5, body));
  p.write(framed(R"({"next":true})"));
  p.close_write();
  MessageReader r(p.read_end());
  auto m = r.next();
  EXPECT_EQ(m.status, Status::message);
  EXPECT_FALSE(json::accept(m.body));  // the server answers it with -32700
  m = r.next();
  EXPECT_EQ(m.status, Status::message);
  EXPECT_EQ(m.body, R"({"next":true})");
}

TEST(MessageReader, InputEndingInsideAMessage) {
  Pipe p;
  p.write("Content-Length: 50\r\n\r\n{\"trunc");
  p.close_write();
  MessageReader r(p.read_end());
  auto m = r.next();
  EXPECT_EQ(m.status, Status::framing_error);
  EXPECT_EQ(m.error, "the input ended inside a message");
  EXPECT_EQ(r.next().status, Status::end_of_input);
}

TEST(MessageReader, EndlessGarbageWithoutAHeaderIsSkipped) {
  Pipe p;
  std::thread writer([&] {
    p.write(std::string(200000, 'z'));
    p.write(framed(R"({"after":1})"));
    p.close_write();
  });
  MessageReader r(p.read_end());
  MessageReader::Result m;
  int errors = 0;
  while ((m = r.next()).status == Status::framing_error) ++errors;
  writer.join();
  EXPECT_GE(errors, 1);
  EXPECT_EQ(m.status, Status::message);
  EXPECT_EQ(m.body, R"({"after":1})");
}

TEST(Frame, WritesContentLengthInBytesAndReplacesInvalidUtf8) {
  EXPECT_EQ(frame(json{{"é", 1}}), "Content-Length: 8\r\n\r\n{\"é\":1}");
  EXPECT_EQ(frame(json{{"s", std::string("a\xff")}}), "Content-Length: 12\r\n\r\n{\"s\":\"a\xef\xbf\xbd\"}");
}

// Reads every framed message from a file descriptor until the end.
std::vector<json> read_all(int fd) {
  std::vector<json> out;
  MessageReader r(fd);
  for (;;) {
    auto m = r.next();
    if (m.status != Status::message) break;
    out.push_back(json::parse(m.body));
  }
  return out;
}

TEST(Serve, RunsASessionOverPipes) {
  terms::testing::MemoryFileSystem fs;
  fs.add("/w/lib.terms", kLib);
  ServerOptions options;
  options.file_system = &fs;
  Server server(options);
  Pipe in, out;
  std::string logged;
  int status = -1;
  std::thread run([&] {
    TransportOptions t;
    t.log = [&](std::string_view line) { logged += std::string(line) + "\n"; };
    status = serve(server, in.read_end(), out.write_end(), t);
    out.close_write();
  });
  auto send = [&](const json& m) { in.write(frame(m)); };
  send({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", {{"capabilities", json::object()}}}});
  send({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}});
  send({{"jsonrpc", "2.0"},
        {"method", "textDocument/didOpen"},
        {"params", {{"textDocument", {{"uri", "file:///w/x.terms"}, {"languageId", "terms"}, {"version", 1},
                                      {"text", "import \"lib.terms\";\nparty dprk \"again\";\n"}}}}}});
  in.write("Content-Length: 3\r\n\r\n{{{");  // not JSON
  in.write("Bogus header\r\n\r\n");           // no Content-Length
  send({{"jsonrpc", "2.0"}, {"id", 2}, {"method", "no/such/method"}});
  send({{"jsonrpc", "2.0"}, {"id", 3}, {"method", "shutdown"}});
  send({{"jsonrpc", "2.0"}, {"method", "exit"}});
  std::vector<json> messages = read_all(out.read_end());
  run.join();
  EXPECT_EQ(status, 0);
  EXPECT_EQ(logged, "a message header has no `Content-Length`; it was skipped\n");
  // Responses in order; the diagnostics of x.terms may come at any point after didOpen.
  std::vector<json> responses;
  json diagnostics;
  for (auto& m : messages) {
    if (m.value("method", "") == "textDocument/publishDiagnostics") {
      diagnostics = m["params"];
    } else {
      responses.push_back(m);
    }
  }
  ASSERT_EQ(responses.size(), 4u);
  EXPECT_EQ(responses[0]["id"], 1);
  EXPECT_EQ(responses[1]["error"]["code"], -32700);
  EXPECT_EQ(responses[2]["error"]["code"], -32601);
  EXPECT_EQ(responses[3]["id"], 3);
  if (!diagnostics.is_null()) {
    ASSERT_EQ(diagnostics["diagnostics"].size(), 1u);
    EXPECT_EQ(diagnostics["diagnostics"][0]["code"], "E0205");
  }
}

TEST(Serve, EndOfInputWithoutShutdownIsStatusOne) {
  terms::testing::MemoryFileSystem fs;
  ServerOptions options;
  options.file_system = &fs;
  Server server(options);
  Pipe in, out;
  in.write(frame({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", json::object()}}));
  in.close_write();
  const int status = serve(server, in.read_end(), out.write_end());
  out.close_write();
  auto messages = read_all(out.read_end());
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0]["id"], 1);
  EXPECT_EQ(status, 1);
}

TEST(Serve, CancelledRequestsAreAnsweredWithRequestCancelled) {
  terms::testing::MemoryFileSystem fs;
  ServerOptions options;
  options.file_system = &fs;
  Server server(options);
  Pipe in, out;
  // The reader notes a cancellation as soon as it reads it, so a request
  // still queued behind it (here: sent after it) is not run.
  in.write(frame({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", json::object()}}));
  in.write(frame({{"jsonrpc", "2.0"}, {"method", "$/cancelRequest"}, {"params", {{"id", 2}}}}));
  in.write(frame({{"jsonrpc", "2.0"}, {"id", 2}, {"method", "shutdown"}}));
  in.close_write();
  const int status = serve(server, in.read_end(), out.write_end());
  out.close_write();
  auto messages = read_all(out.read_end());
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[1]["id"], 2);
  EXPECT_EQ(messages[1]["error"]["code"], -32800);
  EXPECT_FALSE(server.shutdown_requested());
  EXPECT_EQ(status, 1);
}

}  // namespace
}  // namespace terms::lsp::testing
