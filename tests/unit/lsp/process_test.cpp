// The real `terms lsp` process, over pipes, as an editor runs it: its
// standard output holds nothing but framed messages, and its exit status
// follows the protocol (0 after shutdown then exit, 1 otherwise).
#include <gtest/gtest.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "lsp/transport.hpp"

extern char** environ;

namespace terms::lsp::testing {
namespace {

using Clock = std::chrono::steady_clock;

// A `terms` child process with pipes on its standard streams.
class Process {
 public:
  explicit Process(std::vector<std::string> args) {
    int in[2], out[2], err[2];
    EXPECT_EQ(::pipe(in), 0);
    EXPECT_EQ(::pipe(out), 0);
    EXPECT_EQ(::pipe(err), 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    for (int fd : {in[1], out[0], err[0]}) posix_spawn_file_actions_addclose(&actions, fd);
    args.insert(args.begin(), TERMS_BINARY);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    EXPECT_EQ(posix_spawn(&pid_, TERMS_BINARY, &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    ::close(in[0]);
    ::close(out[1]);
    ::close(err[1]);
    to_ = in[1];
    from_ = out[0];
    errors_ = err[0];
    ::signal(SIGPIPE, SIG_IGN);
  }
  ~Process() {
    close_input();
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    ::close(from_);
    ::close(errors_);
  }

  void send(const json& m) { write(frame(m)); }
  void write(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::write(to_, bytes.data(), bytes.size());
      ASSERT_GT(n, 0);
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
  }
  void close_input() {
    if (to_ >= 0) ::close(to_);
    to_ = -1;
  }

  // Reads standard output until a message satisfies `done` (or 20 s pass).
  json read_until(const std::function<bool(const json&)>& done) {
    const auto deadline = Clock::now() + std::chrono::seconds(20);
    for (;;) {
      for (;;) {
        auto framed = take_frame();
        if (!framed) break;
        json m = json::parse(*framed);
        if (done(m)) return m;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0 || !fill(static_cast<int>(left))) return json();
    }
  }

  // Reads standard output to its end; returns the exit status (or -1 after 20 s).
  int finish() {
    const auto deadline = Clock::now() + std::chrono::seconds(20);
    while (Clock::now() < deadline && fill(200)) {
    }
    for (int i = 0; i < 200; ++i) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      ::usleep(100000);
    }
    return -1;
  }

  // Every framed message left in the output; ADD_FAILURE for bytes that are
  // not a frame.
  std::vector<json> remaining_messages() {
    std::vector<json> out;
    while (auto framed = take_frame()) out.push_back(json::parse(*framed));
    EXPECT_EQ(buffer_, "") << "standard output holds bytes that are not an LSP message";
    return out;
  }

  std::string stderr_text() {
    std::string text;
    char chunk[4096];
    ::fcntl(errors_, F_SETFL, O_NONBLOCK);
    ssize_t n;
    while ((n = ::read(errors_, chunk, sizeof chunk)) > 0) text.append(chunk, static_cast<std::size_t>(n));
    return text;
  }

 private:
  // One complete `Content-Length` frame from the front of the buffer.
  std::optional<std::string> take_frame() {
    const std::string prefix = "Content-Length: ";
    if (buffer_.compare(0, std::min(buffer_.size(), prefix.size()), prefix.substr(0, std::min(buffer_.size(), prefix.size()))) != 0) {
      return std::nullopt;
    }
    const auto header_end = buffer_.find("\r\n\r\n");
    if (header_end == std::string::npos) return std::nullopt;
    const std::size_t length = std::stoul(buffer_.substr(prefix.size(), header_end - prefix.size()));
    if (buffer_.size() < header_end + 4 + length) return std::nullopt;
    std::string body = buffer_.substr(header_end + 4, length);
    buffer_.erase(0, header_end + 4 + length);
    return body;
  }
  bool fill(int timeout_ms) {
    pollfd p{from_, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return false;
    char chunk[65536];
    const ssize_t n = ::read(from_, chunk, sizeof chunk);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  pid_t pid_ = -1;
  int to_ = -1;
  int from_ = -1;
  int errors_ = -1;
  std::string buffer_;
};

json request(int id, const std::string& method, json params) {
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}};
}
json notification(const std::string& method, json params) {
  return json{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

class LspProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("terms-lsp-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "lib.terms") << "party dprk \"DPRK\";\nprogram arms of dprk kind nuclear \"Arms\";\n"
                                         "facility yongbyon in arms \"Yongbyon\";\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(LspProcessTest, ASessionThroughTheRealProcess) {
  Process p({"lsp"});
  const std::string uri = "file://" + (dir_ / "deal.terms").string();
  p.send(request(1, "initialize", {{"rootUri", "file://" + dir_.string()}, {"capabilities", json::object()}}));
  json init = p.read_until([](const json& m) { return m.contains("id") && m["id"] == 1; });
  EXPECT_EQ(init["result"]["serverInfo"]["name"], "terms");
  p.send(notification("initialized", json::object()));
  p.send(notification("textDocument/didOpen",
                      {{"textDocument",
                        {{"uri", uri}, {"languageId", "terms"}, {"version", 1},
                         {"text", "import \"lib.terms\";\nagreement a {\n  freeze yongbyn;\n  expect acceptable;\n}\n"}}}}));
  json published = p.read_until([](const json& m) { return m.value("method", "") == "textDocument/publishDiagnostics"; });
  ASSERT_FALSE(published.is_null());
  EXPECT_EQ(published["params"]["uri"], uri);
  ASSERT_GE(published["params"]["diagnostics"].size(), 1u);
  EXPECT_EQ(published["params"]["diagnostics"][0]["message"], "undefined name `yongbyn`\nhelp: did you mean `yongbyon`?");
  // Malformed input in the middle of the session does not stop it.
  p.write("Content-Length: 5\r\n\r\n{oops");
  p.write("no header here\r\n\r\n");
  p.send(request(2, "textDocument/definition", {{"textDocument", {{"uri", uri}}}, {"position", {{"line", 2}, {"character", 9}}}}));
  p.send(request(3, "shutdown", nullptr));
  p.send(notification("exit", nullptr));
  json last = p.read_until([](const json& m) { return m.contains("id") && m["id"] == 3; });
  EXPECT_TRUE(last.contains("result"));
  EXPECT_EQ(p.finish(), 0);
  p.remaining_messages();
  EXPECT_NE(p.stderr_text().find("terms lsp: a message header has no `Content-Length`; it was skipped"), std::string::npos);
}

TEST_F(LspProcessTest, StandardOutputHoldsOnlyFramedMessages) {
  Process p({"lsp"});
  p.send(request(1, "initialize", {{"capabilities", json::object()}}));
  p.write("Content-Length: 3\r\n\r\n{{{");
  p.send(request(2, "no/such/method", json::object()));
  p.send(request(3, "shutdown", nullptr));
  p.send(notification("exit", nullptr));
  EXPECT_EQ(p.finish(), 0);
  auto messages = p.remaining_messages();
  ASSERT_EQ(messages.size(), 4u);
  EXPECT_EQ(messages[0]["id"], 1);
  EXPECT_EQ(messages[1]["error"]["code"], -32700);
  EXPECT_EQ(messages[2]["error"]["code"], -32601);
  EXPECT_EQ(messages[3]["id"], 3);
}

TEST_F(LspProcessTest, ExitWithoutShutdownIsStatusOne) {
  Process p({"lsp"});
  p.send(request(1, "initialize", {{"capabilities", json::object()}}));
  p.send(notification("exit", nullptr));
  EXPECT_EQ(p.finish(), 1);
}

TEST_F(LspProcessTest, EndOfInputWithoutExitIsStatusOne) {
  Process p({"lsp"});
  p.send(request(1, "initialize", {{"capabilities", json::object()}}));
  p.close_input();
  EXPECT_EQ(p.finish(), 1);
  EXPECT_EQ(p.remaining_messages().size(), 1u);
}

TEST_F(LspProcessTest, EndOfInputAfterShutdownWithoutExitIsStatusOne) {
  // LSP 3.17: status 0 only for an `exit` that follows `shutdown`; the end of
  // the input is no `exit`.
  Process p({"lsp"});
  p.send(request(1, "initialize", {{"capabilities", json::object()}}));
  p.send(request(2, "shutdown", nullptr));
  p.close_input();
  EXPECT_EQ(p.finish(), 1);
  auto messages = p.remaining_messages();
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[1]["id"], 2);
  EXPECT_TRUE(messages[1]["result"].is_null());
}

// A session on a real disk (symbolic links included) that opens `deal.terms`
// in `ws/` with `text`, waits for its diagnostics, hovers over every import,
// and shuts down. Returns every message the server sent, as text, and the
// diagnostics published.
struct DiskSession {
  std::string everything;
  json diagnostics;
};

DiskSession run_disk_session(const std::filesystem::path& dir, const std::string& text, int imports) {
  Process p({"lsp"});
  const std::string uri = "file://" + (dir / "ws" / "deal.terms").string();
  p.send(request(1, "initialize", {{"rootUri", "file://" + (dir / "ws").string()}, {"capabilities", json::object()}}));
  p.send(notification("initialized", json::object()));
  p.send(notification("textDocument/didOpen",
                      {{"textDocument", {{"uri", uri}, {"languageId", "terms"}, {"version", 1}, {"text", text}}}}));
  DiskSession out;
  const json published =
      p.read_until([](const json& m) { return m.value("method", std::string()) == "textDocument/publishDiagnostics"; });
  EXPECT_FALSE(published.is_null());
  out.diagnostics = published["params"]["diagnostics"];
  out.everything = published.dump();
  for (int line = 0; line < imports; ++line) {
    p.send(request(10 + line, "textDocument/hover",
                   {{"textDocument", {{"uri", uri}}}, {"position", {{"line", line}, {"character", 10}}}}));
  }
  p.send(request(99, "shutdown", nullptr));
  p.send(notification("exit", nullptr));
  EXPECT_EQ(p.finish(), 0);
  for (const json& m : p.remaining_messages()) out.everything += m.dump();
  return out;
}

std::vector<std::pair<int, std::string>> codes_by_line(const json& diagnostics) {
  std::vector<std::pair<int, std::string>> out;
  if (!diagnostics.is_array()) return out;
  for (const json& d : diagnostics) out.emplace_back(d["range"]["start"]["line"].get<int>(), d["code"].get<std::string>());
  return out;
}

TEST_F(LspProcessTest, ImportsCannotLeaveTheWorkspaceFolderNorFollowALinkOut) {
  namespace fs = std::filesystem;
  std::ofstream(dir_ / "outside.terms") << "party secret \"SECRET-CONTENT-42\";\n";
  fs::create_directories(dir_ / "ws" / "lib");
  fs::create_symlink(dir_ / "outside.terms", dir_ / "ws" / "link.terms");
  fs::create_directory_symlink(dir_, dir_ / "ws" / "up");
  const std::string text =
      "import \"../outside.terms\";\n"
      "import \"link.terms\";\n"
      "import \"up/outside.terms\";\n"
      "import \"" + (dir_ / "outside.terms").string() + "\";\n";
  const DiskSession s = run_disk_session(dir_, text, 4);
  const std::vector<std::pair<int, std::string>> expected{{0, "E0213"}, {1, "E0213"}, {2, "E0213"}, {3, "E0213"}};
  EXPECT_EQ(codes_by_line(s.diagnostics), expected) << s.diagnostics.dump();
  EXPECT_EQ(s.everything.find("SECRET-CONTENT-42"), std::string::npos) << s.everything;
  EXPECT_NE(s.everything.find("outside the library root `" + (dir_ / "ws").string() + "`"), std::string::npos);
}

TEST_F(LspProcessTest, ATermsJsonRootWidensTheLibrary) {
  namespace fs = std::filesystem;
  std::ofstream(dir_ / "outside.terms") << "party secret \"SECRET-CONTENT-42\";\n";
  fs::create_directories(dir_ / "ws");
  std::ofstream(dir_ / "ws" / "terms.json") << "{ \"root\": \"..\" }\n";
  fs::create_symlink(dir_ / "outside.terms", dir_ / "ws" / "link.terms");
  const DiskSession s = run_disk_session(dir_, "import \"../outside.terms\";\nimport \"link.terms\";\n", 2);
  // Both imports now name a file inside the library: no error (the second,
  // the same file, gets only a lint warning).
  for (const auto& [line, code] : codes_by_line(s.diagnostics)) EXPECT_NE(code[0], 'E') << line << ": " << code;
  EXPECT_EQ(s.everything.find("outside the library root"), std::string::npos) << s.everything;
}

TEST_F(LspProcessTest, TheCliLimitsApply) {
  // The CLI's default import depth (64): a chain of 70 imports stops there.
  namespace fs = std::filesystem;
  fs::create_directories(dir_ / "ws");
  for (int i = 1; i < 70; ++i) {
    std::ofstream(dir_ / "ws" / ("a" + std::to_string(i) + ".terms"))
        << "import \"a" << i + 1 << ".terms\";\nparty p" << i << " \"P\";\n";
  }
  std::ofstream(dir_ / "ws" / "a70.terms") << "party p70 \"P\";\n";
  const DiskSession s = run_disk_session(dir_, "import \"a1.terms\";\n", 0);
  ASSERT_EQ(s.diagnostics.size(), 1u) << s.diagnostics.dump(1);
  EXPECT_EQ(s.diagnostics[0]["message"], "`a1.terms` has 1 error; the first, at " + (dir_ / "ws" / "a64.terms").string() +
                                             ":1:1: imports are nested more than 64 deep");
}

TEST_F(LspProcessTest, EditorsMayPassStdio) {
  Process p({"lsp", "--stdio"});
  p.send(request(1, "initialize", {{"capabilities", json::object()}}));
  p.send(request(2, "shutdown", nullptr));
  p.send(notification("exit", nullptr));
  EXPECT_EQ(p.finish(), 0);
}

TEST_F(LspProcessTest, AnUnknownOptionIsAUsageError) {
  Process p({"lsp", "--sdtio"});
  p.close_input();
  EXPECT_EQ(p.finish(), 2);
  EXPECT_NE(p.stderr_text().find("did you mean `--stdio`?"), std::string::npos);
}

}  // namespace
}  // namespace terms::lsp::testing
