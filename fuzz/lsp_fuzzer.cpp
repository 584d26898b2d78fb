// Fuzz target: the language server's message handling, from the raw bytes a
// client writes (framing included) to the responses.
//
// The input is the byte stream on the server's standard input: it is read by
// the real MessageReader (Content-Length framing and its recovery), each
// message goes to Server::handle_text, and the deferred checks run after each
// message (Server::flush), as the transport does. Open documents import from
// an in-memory workspace under /w (lib.terms, terms.json).
//
// Properties: no crash, exception, hang or unbounded recursion; every message
// the server sends is a JSON-RPC 2.0 object that serialises (invalid UTF-8 in
// a document never makes serialisation throw).

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_support.hpp"
#include "lsp/server.hpp"
#include "lsp/transport.hpp"
#include "memfs/memory_fs.hpp"

namespace {

const terms::testing::MemoryFileSystem& workspace() {
  static const terms::testing::MemoryFileSystem fs = [] {
    terms::testing::MemoryFileSystem f;
    f.add("/w/lib.terms",
          "party dprk \"DPRK\";\nparty us \"US\";\nverifier iaea \"IAEA\";\n"
          "program nuke of dprk kind nuclear \"N\";\nfacility yongbyon in nuke \"Y\";\n"
          "sanction s1 by us \"S1\";\nbenefit hfo by us \"HFO\";\n");
    f.add("/w/terms.json", "{\"profile\": \"stepwise-2020\", \"rules\": {\"missing-title\": \"off\"}}\n");
    return f;
  }();
  return fs;
}

void check_outgoing(const std::vector<terms::lsp::json>& messages) {
  for (const auto& m : messages) {
    terms::fuzz::require(m.is_object(), "outgoing message is not an object");
    terms::fuzz::require(m.value("jsonrpc", "") == "2.0", "outgoing message without jsonrpc 2.0");
    terms::fuzz::require(!terms::lsp::serialize(m).empty(), "outgoing message did not serialise");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const int fd = ::memfd_create("lsp-input", MFD_CLOEXEC);
  if (fd < 0) return 0;
  std::size_t written = 0;
  while (written < size) {
    const ssize_t n = ::write(fd, data + written, size - written);
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  ::lseek(fd, 0, SEEK_SET);

  terms::lsp::ServerOptions options;
  options.file_system = &workspace();
  options.list_term_files = [](const std::string&) { return std::vector<std::string>{"/w/lib.terms"}; };
  {
    terms::lsp::Server server(options);
    terms::lsp::MessageReader reader(fd);
    for (int i = 0; i < 256; ++i) {
      terms::lsp::MessageReader::Result r = reader.next();
      if (r.status == terms::lsp::MessageReader::Status::end_of_input ||
          r.status == terms::lsp::MessageReader::Status::stopped) {
        break;
      }
      if (r.status != terms::lsp::MessageReader::Status::message) continue;
      check_outgoing(server.handle_text(r.body));
      check_outgoing(server.flush());
      if (server.exit_requested()) break;
    }
  }
  ::close(fd);
  return 0;
}
