#pragma once
// The stdio transport: LSP base-protocol framing (`Content-Length: N\r\n\r\n`
// then N bytes of JSON) over file descriptors, and the loop that connects a
// Server to them.
//
// Threads: a reader thread reads and parses messages as they arrive and
// queues them; the calling thread handles them in order and, whenever the
// queue is empty, runs the deferred checks (Server::flush), so a burst of
// edits costs one check and reading never waits for checking. The reader also
// notes $/cancelRequest at once, so a request cancelled while queued gets
// -32800 without running.
//
// Framing errors never stop the server: a header without a usable
// Content-Length, garbage between messages, a Content-Length larger than the
// message that follows (the next header is found inside the body) or smaller
// than it (the body is invalid JSON: -32700, then the reader resynchronises at
// the next `Content-Length:`) are logged and skipped.

#include <atomic>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "lsp/protocol.hpp"
#include "lsp/server.hpp"

namespace terms::lsp {

// Frames one message: the header and the JSON body. Invalid UTF-8 in strings
// is replaced (U+FFFD) rather than failing.
std::string frame(const json& message);
// The JSON text of a message, as frame() writes it.
std::string serialize(const json& message);

// Reads framed messages from a file descriptor (blocking, with a poll timeout
// so that a stop request is noticed).
class MessageReader {
 public:
  enum class Status { message, framing_error, end_of_input, stopped };
  struct Result {
    Status status = Status::end_of_input;
    std::string body;   // Status::message
    std::string error;  // Status::framing_error: what was wrong
    std::string warning;  // Status::message that needed repair (a wrong Content-Length)
  };

  static constexpr std::size_t kMaxContentLength = 256u * 1024 * 1024;
  static constexpr std::size_t kMaxHeaderBytes = 64u * 1024;

  explicit MessageReader(int fd, const std::atomic<bool>* stop = nullptr) : fd_(fd), stop_(stop) {}
  Result next();

 private:
  enum class Fill { data, timeout, eof, stopped };
  Fill fill(int timeout_ms);
  // A message or error from the buffer, or nullopt when more bytes are needed.
  // `stalled`: no bytes came for a while, so a complete JSON body shorter than
  // its Content-Length is taken as the message.
  std::optional<Result> take(bool stalled);

  int fd_;
  const std::atomic<bool>* stop_;
  std::string buffer_;
  bool eof_ = false;
};

// Writes framed messages to a file descriptor; safe to call from one thread at a time.
// Returns false once the other end has gone (EPIPE) or a write failed.
bool write_message(int fd, const json& message);

struct TransportOptions {
  // Where diagnostics about the transport go (the server's own log): by
  // default, standard error.
  std::function<void(std::string_view)> log;
};

// Serves `server` over in_fd/out_fd until `exit` or the end of the input.
// Returns the process exit status: 0 after shutdown then exit, 1 otherwise
// (also when the input ends after shutdown without exit).
int serve(Server& server, int in_fd, int out_fd, const TransportOptions& options = {});

}  // namespace terms::lsp
