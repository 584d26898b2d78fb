// Latency of `terms lsp` as an editor sees it: the time from sending a
// textDocument/didChange to receiving the publishDiagnostics for that
// version, on generated files of a given number of lines.
//
//   lsp_latency --terms build/terms --lines 10000 --iterations 50
//
// Each iteration is one keystroke (an incremental change of one character
// that alternately breaks and repairs a name, so every check has work to
// report). A breaking edit costs the front end only (a file with errors is
// neither linted nor evaluated); a repairing edit costs the whole pipeline,
// so their figures are also printed apart. The repaired text equals the last
// text without errors, so the server's cache of verdicts (lsp/passes.hpp)
// re-evaluates no agreement on it. The server runs as a child process over pipes, exactly as an
// editor starts it, so the figures include framing and process switches.
// Prints the file size, the didOpen time, and min / median / p95 / max.
// Also the CPU time the server process used per edit (from /proc), which a
// loaded machine inflates much less than the wall-clock figures: on a
// shared machine, compare both with the load average (`uptime`).

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "lsp/transport.hpp"

extern char** environ;

namespace {

using terms::lsp::json;
using Clock = std::chrono::steady_clock;

struct Generated {
  std::string lib;
  std::string deal;
  int edit_line = 0;    // 0-based line of the clause the keystrokes edit
  int edit_column = 0;  // UTF-16 column just after the edited name
};

// A declarations library and one file of about `lines` lines: agreements of
// three steps of clauses, like the examples but many of them.
Generated generate(int lines) {
  Generated g;
  std::string& lib = g.lib;
  lib += "party north \"North\";\nparty west \"West\";\nparty council \"Council\";\nverifier agency \"Agency\";\n";
  lib += "program arms of north kind nuclear \"Arms\";\nprogram rockets of north kind ballistic \"Rockets\";\n";
  for (int i = 0; i < 40; ++i) lib += fmt::format("facility site-{} in {} \"Site {}\";\n", i, i % 2 ? "rockets" : "arms", i);
  for (int i = 0; i < 30; ++i) lib += fmt::format("sanction res-{} by council \"Resolution {}\";\n", i, i);
  lib += "benefit fuel by west \"Fuel\";\n";
  std::string& deal = g.deal;
  deal += "import \"lib.terms\";\n\n";
  int line = 2;
  int n = 0;
  while (line < lines) {
    deal += fmt::format("agreement deal-{} \"Deal {}\" {{\n", n, n);
    deal += fmt::format("  step freeze \"Freeze\" {{\n");
    deal += fmt::format("    freeze site-{} verified by agency;\n", n % 40);
    if (n == 0) {
      g.edit_line = line + 2;
      g.edit_column = static_cast<int>(std::string("    freeze site-0").size());
    }
    deal += fmt::format("    declare arms verified by agency within 60 days;\n");
    deal += fmt::format("    ease sanctions res-{};\n", n % 30);
    deal += fmt::format("    retain sanctions res-{}, res-{};\n", (n + 1) % 30, (n + 2) % 30);
    deal += "  }\n";
    deal += "  step dismantle \"Dismantle\" after freeze {\n";
    deal += fmt::format("    dismantle site-{} verified by agency within 12 months;\n", n % 40);
    deal += fmt::format("    dismantle site-{} verified by agency within 12 months;\n", (n + 1) % 40);
    deal += fmt::format("    suspend sanctions res-{} snapback;\n", (n + 3) % 30);
    deal += "    provide fuel;\n";
    deal += "  }\n";
    deal += "  expect acceptable;\n";
    deal += "}\n\n";
    line += 17;
    ++n;
  }
  return g;
}

class Child {
 public:
  explicit Child(const std::string& terms) {
    int in[2], out[2];
    if (::pipe(in) != 0 || ::pipe(out) != 0) std::exit(2);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addclose(&actions, in[1]);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    std::string lsp = "lsp";
    char* argv[] = {const_cast<char*>(terms.c_str()), lsp.data(), nullptr};
    if (posix_spawn(&pid_, terms.c_str(), &actions, nullptr, argv, environ) != 0) {
      fmt::print(stderr, "lsp_latency: cannot start {}\n", terms);
      std::exit(2);
    }
    posix_spawn_file_actions_destroy(&actions);
    ::close(in[0]);
    ::close(out[1]);
    to_ = in[1];
    from_ = out[0];
    reader_ = std::make_unique<terms::lsp::MessageReader>(from_);
  }
  ~Child() {
    ::close(to_);
    ::close(from_);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  pid_t pid() const { return pid_; }
  void send(const json& m) { terms::lsp::write_message(to_, m); }
  json receive() {
    auto r = reader_->next();
    if (r.status != terms::lsp::MessageReader::Status::message) {
      fmt::print(stderr, "lsp_latency: the server stopped\n");
      std::exit(1);
    }
    arrived_ = Clock::now();  // the whole message has been read; parsing it is the client's own cost
    return json::parse(r.body);
  }
  // When the last message received had been read in full (before parsing).
  Clock::time_point arrived() const { return arrived_; }
  // Waits for the publishDiagnostics of `version`; returns how many of its
  // diagnostics are undefined names (E0204).
  std::size_t wait_for_diagnostics(std::int64_t version) {
    for (;;) {
      json m = receive();
      // A check that failed is logged instead of published: stop rather than wait forever.
      if (m.value("method", "") == "window/logMessage" && m["params"].value("type", 0) == 1) {
        fmt::print(stderr, "lsp_latency: the server reported an error: {}\n", m["params"].value("message", ""));
        std::exit(1);
      }
      if (m.value("method", "") == "textDocument/publishDiagnostics" && m["params"].value("version", -1) == version) {
        std::size_t n = 0;
        for (const auto& d : m["params"]["diagnostics"]) n += d.value("code", "") == "E0204" ? 1 : 0;
        return n;
      }
    }
  }

 private:
  pid_t pid_ = 0;
  int to_ = -1;
  int from_ = -1;
  std::unique_ptr<terms::lsp::MessageReader> reader_;
  Clock::time_point arrived_{};
};

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// User plus system CPU time of a process so far, in milliseconds (Linux
// /proc/PID/stat fields 14 and 15); a negative value when unavailable.
double cpu_ms(pid_t pid) {
  std::ifstream in(fmt::format("/proc/{}/stat", pid));
  std::string stat;
  if (!std::getline(in, stat)) return -1;
  const auto close = stat.rfind(')');  // the command name may hold spaces
  if (close == std::string::npos) return -1;
  std::istringstream fields(stat.substr(close + 2));
  std::string field;
  unsigned long long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i == 14) utime = std::stoull(field);
    if (i == 15) stime = std::stoull(field);
  }
  const long ticks = ::sysconf(_SC_CLK_TCK);
  return ticks > 0 ? 1000.0 * static_cast<double>(utime + stime) / static_cast<double>(ticks) : -1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string terms = "terms";
  int lines = 1000;
  int iterations = 30;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--terms") terms = argv[i + 1];
    else if (flag == "--lines") lines = std::atoi(argv[i + 1]);
    else if (flag == "--iterations") iterations = std::atoi(argv[i + 1]);
  }
  if (lines <= 0 || iterations <= 0) {
    fmt::print(stderr, "usage: lsp_latency --terms PATH --lines N --iterations K\n");
    return 2;
  }
  ::signal(SIGPIPE, SIG_IGN);
  const Generated g = generate(lines);
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / fmt::format("lsp-latency-{}", ::getpid());
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "lib.terms") << g.lib;
  const std::string path = (dir / "deal.terms").string();
  std::ofstream(path) << g.deal;
  const std::string uri = "file://" + path;
  const auto line_count = std::count(g.deal.begin(), g.deal.end(), '\n');

  Child server(terms);
  server.send({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", {{"capabilities", json::object()}}}});
  server.receive();
  server.send({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}});
  auto start = Clock::now();
  server.send({{"jsonrpc", "2.0"},
               {"method", "textDocument/didOpen"},
               {"params", {{"textDocument", {{"uri", uri}, {"languageId", "terms"}, {"version", 1}, {"text", g.deal}}}}}});
  const std::size_t initial = server.wait_for_diagnostics(1);
  const double open_ms = ms(Clock::now() - start);

  std::vector<double> samples;
  std::vector<double> repairs;  // the edits that repair the name: the whole pipeline, verdicts included
  // The same until the publication had arrived, before the client parsed it
  // (nlohmann_json parses the 650 KB of a 10,000-line file in several ms; an
  // editor's parser is its own cost).
  std::vector<double> arrivals;
  std::vector<double> repair_arrivals;
  std::size_t errors_seen = 0;
  const double cpu_before = cpu_ms(server.pid());
  double repair_cpu = 0;  // server CPU during the repairing edits (summed: /proc counts in ticks of 10 ms)
  for (int i = 0; i < iterations; ++i) {
    const std::int64_t version = i + 2;
    // Odd keystrokes type `x` after `site-0` (an undefined name), even ones delete it.
    json change;
    if (i % 2 == 0) {
      change = {{"range", {{"start", {{"line", g.edit_line}, {"character", g.edit_column}}},
                           {"end", {{"line", g.edit_line}, {"character", g.edit_column}}}}},
                {"text", "x"}};
    } else {
      change = {{"range", {{"start", {{"line", g.edit_line}, {"character", g.edit_column}}},
                           {"end", {{"line", g.edit_line}, {"character", g.edit_column + 1}}}}},
                {"text", ""}};
    }
    const double cpu_edit = i % 2 == 1 ? cpu_ms(server.pid()) : 0;
    start = Clock::now();
    server.send({{"jsonrpc", "2.0"},
                 {"method", "textDocument/didChange"},
                 {"params", {{"textDocument", {{"uri", uri}, {"version", version}}},
                             {"contentChanges", json::array({change})}}}});
    errors_seen += server.wait_for_diagnostics(version);
    samples.push_back(ms(Clock::now() - start));
    arrivals.push_back(ms(server.arrived() - start));
    if (i % 2 == 1) {
      repairs.push_back(samples.back());
      repair_arrivals.push_back(arrivals.back());
      repair_cpu += cpu_ms(server.pid()) - cpu_edit;
    }
  }
  const double cpu_after = cpu_ms(server.pid());
  server.send({{"jsonrpc", "2.0"}, {"id", 2}, {"method", "shutdown"}});
  server.send({{"jsonrpc", "2.0"}, {"method", "exit"}});
  std::filesystem::remove_all(dir);

  auto quantile = [](std::vector<double> v, double q) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
  };
  std::sort(samples.begin(), samples.end());
  fmt::print("lines {} bytes {} | didOpen {:.2f} ms ({} undefined names) | didChange->publishDiagnostics over {} edits: "
             "min {:.2f} median {:.2f} p95 {:.2f} max {:.2f} ms ({} undefined names reported) | the {} repairing edits "
             "(lint and verdicts run): median {:.2f} p95 {:.2f} ms, server CPU {:.2f} ms each | server CPU {:.2f} ms per edit | "
             "until arrival, before the client parses: median {:.2f} p95 {:.2f} ms, repairing edits median {:.2f} p95 {:.2f} ms\n",
             line_count, g.deal.size(), open_ms, initial, samples.size(), samples.front(), quantile(samples, 0.5),
             quantile(samples, 0.95), samples.back(), errors_seen, repairs.size(), quantile(repairs, 0.5),
             quantile(repairs, 0.95), repairs.empty() ? 0.0 : repair_cpu / static_cast<double>(repairs.size()),
             cpu_before < 0 || cpu_after < 0 ? -1.0 : (cpu_after - cpu_before) / static_cast<double>(samples.size()),
             quantile(arrivals, 0.5), quantile(arrivals, 0.95), quantile(repair_arrivals, 0.5),
             quantile(repair_arrivals, 0.95));
  // Every other edit breaks a name: each check must have reported exactly that.
  const auto expected = static_cast<std::size_t>((iterations + 1) / 2);
  if (initial != 0 || errors_seen != expected) {
    fmt::print(stderr, "lsp_latency: expected {} undefined names after the edits (and none at first), got {} and {}\n",
               expected, errors_seen, initial);
    return 1;
  }
  return 0;
}
