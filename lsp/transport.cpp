#include "lsp/transport.hpp"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <set>
#include <thread>

#include <fmt/format.h>

namespace terms::lsp {

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Case-insensitive search for `needle` (lowercase) in `hay` from `from`.
std::size_t find_ci(std::string_view hay, std::string_view needle, std::size_t from = 0) {
  if (needle.size() > hay.size()) return std::string_view::npos;
  for (std::size_t i = from; i + needle.size() <= hay.size(); ++i) {
    std::size_t k = 0;
    while (k < needle.size() && lower(hay[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return i;
  }
  return std::string_view::npos;
}

std::size_t rfind_ci(std::string_view hay, std::string_view needle) {
  std::size_t found = std::string_view::npos;
  for (std::size_t p = find_ci(hay, needle); p != std::string_view::npos; p = find_ci(hay, needle, p + 1)) found = p;
  return found;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

constexpr std::string_view kLengthHeader = "content-length:";

// The value of a `Content-Length:` header line (the last occurrence in the
// line, so that garbage glued before a header does not hide it).
struct HeaderScan {
  std::optional<std::size_t> length;
  bool garbage = false;
  bool bad_value = false;
};

HeaderScan scan_header(std::string_view header) {
  HeaderScan scan;
  std::size_t pos = 0;
  while (pos <= header.size()) {
    std::size_t nl = header.find('\n', pos);
    if (nl == std::string_view::npos) nl = header.size();
    std::string_view line = header.substr(pos, nl - pos);
    pos = nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::size_t at = rfind_ci(line, kLengthHeader);
    if (at == std::string_view::npos) {
      if (line.find(':') == std::string_view::npos) scan.garbage = true;
      continue;
    }
    if (at != 0) scan.garbage = true;
    std::string_view value = line.substr(at + kLengthHeader.size());
    while (!value.empty() && is_space(value.front())) value.remove_prefix(1);
    while (!value.empty() && is_space(value.back())) value.remove_suffix(1);
    std::size_t n = 0;
    bool ok = !value.empty() && value.size() <= 12;
    for (char c : value) {
      if (c < '0' || c > '9') {
        ok = false;
        break;
      }
      n = n * 10 + static_cast<std::size_t>(c - '0');
    }
    if (ok) {
      scan.length = n;
      scan.bad_value = false;
    } else {
      scan.bad_value = true;
    }
  }
  return scan;
}

}  // namespace

std::string serialize(const json& message) { return message.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string frame(const json& message) {
  const std::string body = serialize(message);
  std::string out = fmt::format("Content-Length: {}\r\n\r\n", body.size());
  out.reserve(out.size() + body.size());
  out += body;  // appended, not formatted: a large body is copied once
  return out;
}

MessageReader::Fill MessageReader::fill(int timeout_ms) {
  if (stop_ != nullptr && stop_->load()) return Fill::stopped;
  pollfd p{fd_, POLLIN, 0};
  const int ready = ::poll(&p, 1, timeout_ms);
  if (ready == 0) return Fill::timeout;
  if (ready < 0) return errno == EINTR ? Fill::timeout : (eof_ = true, Fill::eof);
  char chunk[65536];
  const ssize_t n = ::read(fd_, chunk, sizeof chunk);
  if (n > 0) {
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return Fill::data;
  }
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return Fill::timeout;
  eof_ = true;
  return Fill::eof;
}

std::optional<MessageReader::Result> MessageReader::take(bool stalled) {
  // Whitespace between messages is tolerated.
  std::size_t start = 0;
  while (start < buffer_.size() && is_space(buffer_[start])) ++start;
  buffer_.erase(0, start);
  if (buffer_.empty()) return std::nullopt;

  const std::size_t crlf = buffer_.find("\r\n\r\n");
  const std::size_t lf = buffer_.find("\n\n");
  std::size_t header_end = std::string::npos;
  std::size_t separator = 0;
  if (crlf != std::string::npos && (lf == std::string::npos || crlf <= lf)) {
    header_end = crlf, separator = 4;
  } else if (lf != std::string::npos) {
    header_end = lf, separator = 2;
  }
  if (header_end == std::string::npos) {
    if (buffer_.size() <= kMaxHeaderBytes && !eof_) return std::nullopt;
    // No header ends within the limit: skip to the last `Content-Length:`.
    Result r{Status::framing_error, {}, "garbage without a message header was skipped", {}};
    const std::size_t at = rfind_ci(buffer_, kLengthHeader);
    buffer_.erase(0, at == std::string::npos || at == 0 ? buffer_.size() : at);
    return r;
  }
  const HeaderScan scan = scan_header(std::string_view(buffer_).substr(0, header_end));
  const std::size_t body_start = header_end + separator;
  if (!scan.length) {
    buffer_.erase(0, body_start);
    return Result{Status::framing_error, {},
                  scan.bad_value ? "a `Content-Length` header has an invalid value"
                                 : "a message header has no `Content-Length`; it was skipped",
                  {}};
  }
  const std::size_t length = *scan.length;
  if (length > kMaxContentLength) {
    buffer_.erase(0, body_start);
    return Result{Status::framing_error, {},
                  fmt::format("a `Content-Length` of {} bytes is over the limit of {}", length, kMaxContentLength),
                  {}};
  }
  const std::string warning = scan.garbage ? "garbage before a message header was skipped" : "";
  if (buffer_.size() - body_start >= length) {
    Result r{Status::message, buffer_.substr(body_start, length), {}, warning};
    buffer_.erase(0, body_start + length);
    return r;
  }
  // The body is not all here. If the next message's header shows up inside
  // it after a complete JSON value, the Content-Length was too large: take
  // the value and go on with the next message.
  std::string_view partial = std::string_view(buffer_).substr(body_start);
  for (std::size_t at = find_ci(partial, kLengthHeader); at != std::string_view::npos;
       at = find_ci(partial, kLengthHeader, at + 1)) {
    if (json::accept(partial.substr(0, at))) {
      Result r{Status::message, std::string(partial.substr(0, at)), {},
               fmt::format("a `Content-Length` of {} was larger than the message ({} bytes)", length, at)};
      buffer_.erase(0, body_start + at);
      return r;
    }
  }
  if ((stalled || eof_) && !partial.empty() && json::accept(partial)) {
    Result r{Status::message, std::string(partial), {},
             fmt::format("a `Content-Length` of {} was larger than the message ({} bytes)", length, partial.size())};
    buffer_.clear();
    return r;
  }
  if (eof_) {
    buffer_.clear();
    return Result{Status::framing_error, {}, "the input ended inside a message", {}};
  }
  return std::nullopt;
}

MessageReader::Result MessageReader::next() {
  bool stalled = false;
  for (;;) {
    if (auto r = take(stalled)) return std::move(*r);
    if (eof_) {
      buffer_.clear();
      return Result{Status::end_of_input, {}, {}, {}};
    }
    switch (fill(100)) {
      case Fill::data: stalled = false; break;
      case Fill::timeout: stalled = true; break;
      case Fill::eof: break;
      case Fill::stopped: return Result{Status::stopped, {}, {}, {}};
    }
  }
}

bool write_message(int fd, const json& message) {
  const std::string bytes = frame(message);
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

namespace {

// One item the reader thread hands to the handling thread.
struct Incoming {
  enum class Kind { message, parse_error, end } kind = Kind::end;
  json value;
};

}  // namespace

int serve(Server& server, int in_fd, int out_fd, const TransportOptions& options) {
  auto log = options.log ? options.log : [](std::string_view text) { fmt::print(stderr, "terms lsp: {}\n", text); };
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::condition_variable ready;
  std::deque<Incoming> queue;
  std::set<std::string> cancelled;  // ids (as JSON text) of requests cancelled while queued

  std::thread reader([&] {
    MessageReader in(in_fd, &stop);
    for (;;) {
      MessageReader::Result r = in.next();
      Incoming item;
      if (r.status == MessageReader::Status::framing_error) {
        log(r.error);
        continue;
      }
      if (r.status == MessageReader::Status::message) {
        if (!r.warning.empty()) log(r.warning);
        item.value = json::parse(r.body, nullptr, false);
        item.kind = item.value.is_discarded() ? Incoming::Kind::parse_error : Incoming::Kind::message;
        if (item.kind == Incoming::Kind::message && item.value.is_object() &&
            item.value.value("method", json()) == "$/cancelRequest") {
          const json id = item.value.value(json::json_pointer("/params/id"), json());
          std::lock_guard lock(mutex);
          cancelled.insert(id.dump());
          continue;
        }
      }
      {
        std::lock_guard lock(mutex);
        queue.push_back(std::move(item));
      }
      ready.notify_one();
      if (r.status != MessageReader::Status::message) return;
    }
  });

  bool output_ok = true;
  auto send = [&](const std::vector<json>& messages) {
    for (const auto& m : messages) {
      if (output_ok && !write_message(out_fd, m)) {
        output_ok = false;
        log("the client closed the connection");
      }
    }
  };

  bool ended = false;
  while (!ended && output_ok && !server.exit_requested()) {
    Incoming item;
    {
      std::unique_lock lock(mutex);
      if (queue.empty() && server.has_pending_checks()) {
        // Idle: check what changed. New messages queue up meanwhile.
        lock.unlock();
        send(server.flush());
        server.release_retired();  // after sending: freeing the old analyses delays nothing
        continue;
      }
      ready.wait(lock, [&] { return !queue.empty(); });
      item = std::move(queue.front());
      queue.pop_front();
      if (item.kind == Incoming::Kind::message && item.value.is_object() && item.value.contains("id") &&
          item.value.contains("method")) {
        if (auto it = cancelled.find(item.value["id"].dump()); it != cancelled.end()) {
          cancelled.erase(it);
          lock.unlock();
          send({make_error(item.value["id"], ErrorCode::request_cancelled, "the request was cancelled")});
          continue;
        }
      }
    }
    switch (item.kind) {
      case Incoming::Kind::end: ended = true; break;
      case Incoming::Kind::parse_error:
        send({make_error(nullptr, ErrorCode::parse_error, "the message is not valid JSON")});
        break;
      case Incoming::Kind::message: send(server.handle(item.value)); break;
    }
  }
  stop = true;
  reader.join();
  if (!output_ok) return 1;
  // LSP 3.17 ("Exit Notification"): status 0 only for an `exit` that follows
  // `shutdown`. The end of the input is not an `exit`, even after `shutdown`:
  // the client went away without finishing the handshake (status 1).
  if (server.exit_requested()) return server.exit_code();
  return 1;
}

}  // namespace terms::lsp
