// `terms lsp`: the language server on standard input and output (LSP 3.17).
// The protocol owns standard output: everything else the process might print
// goes to standard error, so a stray print cannot corrupt a message.

#include <unistd.h>

#include <csignal>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "driver/version.hpp"
#include "cli/args.hpp"
#include "cli/command.hpp"
#include "driver/inputs.hpp"
#include "cli/load_options.hpp"
#include "lsp/server.hpp"
#include "lsp/transport.hpp"


namespace terms::cli {
namespace {

// Find-references reads at most this many files of a workspace folder.
constexpr std::size_t kMaxWorkspaceFiles = 5000;

ArgParser make_parser() {
  ArgParser p("lsp", "run the language server on standard input and output");
  p.flag("stdio", "talk the protocol on standard input and output (the default, and the only transport)");
  p.description(
      "Speaks the Language Server Protocol 3.17 over standard input and output, for\n"
      "editors: diagnostics as you type (syntax, names, lint, verdicts), hover,\n"
      "go to definition, find references, completion, document symbols, formatting\n"
      "and quick fixes. Logs go to standard error. Editor set-up: docs/lsp.md.");
  p.exit_status(kExitOk, "the client sent `shutdown`, then `exit`");
  p.exit_status(kExitFinding, "the client sent `exit` without `shutdown`, or closed the connection first");
  p.exit_status(kExitUsage, "a usage error");
  p.example("terms lsp", "started by an editor, never by hand");
  return p;
}

int run_lsp(const std::vector<std::string>& argv) {
  int status = kExitOk;
  auto args = make_parser().parse_or_report(argv, status);
  if (!args) return status;

  // Keep the real standard output for the protocol; point file descriptor 1
  // at standard error so that nothing else can write to the client.
  const int protocol_out = ::dup(STDOUT_FILENO);
  if (protocol_out < 0 || ::dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
    fmt::print(stderr, "terms lsp: cannot set up standard output\n");
    return kExitUsage;
  }
  // A client that goes away must not kill the server with SIGPIPE mid-write.
  std::signal(SIGPIPE, SIG_IGN);

  // The limits of every command that loads term files, with their defaults
  // (docs/hardening.md); the library root is chosen per document by the
  // server (its terms.json, else the workspace folder: lsp/server.hpp).
  LoadOptions load = default_load_options({});
  DiskFileSystem disk(load.max_file_bytes);
  lsp::ServerOptions options;
  options.file_system = &disk;
  options.load = std::move(load);
  options.version = std::string(driver::kVersion);
  options.list_term_files = [](const std::string& folder) {
    std::vector<std::string> files;
    InputSet inputs = expand_inputs({folder}, ExpandOptions{false});
    for (auto& f : inputs.files) {
      if (files.size() >= kMaxWorkspaceFiles) break;
      files.push_back(std::move(f.path));
    }
    return files;
  };
  lsp::Server server(std::move(options));
  const int code = lsp::serve(server, STDIN_FILENO, protocol_out);
  ::close(protocol_out);
  return code;
}

const CommandRegistration registration("lsp", "run the language server (for editors)", run_lsp);

}  // namespace
}  // namespace terms::cli
