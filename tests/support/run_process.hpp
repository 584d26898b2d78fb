#pragma once
// Runs a program (the real `terms` binary) the way a user would, for tests that
// assert what the user sees: exit status, standard output, standard error.
//
// posix_spawn with pipes for stdout and stderr (read together with poll, so a
// chatty child cannot deadlock), standard input from a string, a file or
// /dev/null, an optional pseudo-terminal as stdout (to test `--color auto`),
// a working directory, a small fixed environment, and a timeout after which
// the child is killed (a hang is a test failure, not a stuck test run).
// Header-only; used by tests/unit/cli and tests/unit/golden.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

namespace terms::testing {

struct ProcessOptions {
  std::string cwd;                         // empty: the test's working directory
  std::optional<std::string> stdin_text;   // written to a pipe
  std::optional<std::string> stdin_file;   // opened as standard input
  std::vector<std::string> env = {"PATH=/usr/bin:/bin", "LC_ALL=C.UTF-8"};
  bool stdout_is_terminal = false;         // stdout on a pseudo-terminal
  int timeout_ms = 30000;
};

struct ProcessResult {
  int exit_status = -1;  // -1 when killed by a signal or not started
  int signal = 0;
  bool timed_out = false;
  std::string out;
  std::string err;
  std::string spawn_error;  // why the child could not start
};

inline ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                                 const ProcessOptions& options = {}) {
  ProcessResult result;
  ::signal(SIGPIPE, SIG_IGN);  // the child may exit before reading all of stdin

  int out_pipe[2] = {-1, -1};
  int err_pipe[2] = {-1, -1};
  int in_pipe[2] = {-1, -1};
  int pty_master = -1;
  int pty_slave = -1;
  auto close_fd = [](int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
  };
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    result.spawn_error = std::strerror(errno);
    return result;
  }
  if (options.stdout_is_terminal) {
    pty_master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (pty_master < 0 || ::grantpt(pty_master) != 0 || ::unlockpt(pty_master) != 0) {
      result.spawn_error = "cannot open a pseudo-terminal";
      return result;
    }
    pty_slave = ::open(::ptsname(pty_master), O_RDWR | O_NOCTTY | O_CLOEXEC);
  } else if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
    result.spawn_error = std::strerror(errno);
    return result;
  }
  if (options.stdin_text && ::pipe2(in_pipe, O_CLOEXEC) != 0) {
    result.spawn_error = std::strerror(errno);
    return result;
  }

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (options.stdin_text) {
    posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  } else {
    posix_spawn_file_actions_addopen(&actions, 0, options.stdin_file ? options.stdin_file->c_str() : "/dev/null",
                                     O_RDONLY, 0);
  }
  posix_spawn_file_actions_adddup2(&actions, options.stdout_is_terminal ? pty_slave : out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  if (!options.cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, options.cwd.c_str());

  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(program.c_str()));
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (const std::string& e : options.env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);

  pid_t pid = -1;
  const int rc = ::posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close_fd(out_pipe[1]);
  close_fd(err_pipe[1]);
  close_fd(in_pipe[0]);
  close_fd(pty_slave);
  if (rc != 0) {
    result.spawn_error = std::strerror(rc);
    close_fd(out_pipe[0]);
    close_fd(err_pipe[0]);
    close_fd(in_pipe[1]);
    close_fd(pty_master);
    return result;
  }

  int out_fd = options.stdout_is_terminal ? pty_master : out_pipe[0];
  int err_fd = err_pipe[0];
  int in_fd = in_pipe[1];
  std::size_t written = 0;
  if (in_fd >= 0) ::fcntl(in_fd, F_SETFL, O_NONBLOCK);
  if (in_fd >= 0 && options.stdin_text->empty()) close_fd(in_fd);

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options.timeout_ms);
  char buffer[65536];
  while (out_fd >= 0 || err_fd >= 0) {
    pollfd fds[3];
    int n = 0;
    int out_i = -1, err_i = -1, in_i = -1;
    if (out_fd >= 0) fds[out_i = n++] = pollfd{out_fd, POLLIN, 0};
    if (err_fd >= 0) fds[err_i = n++] = pollfd{err_fd, POLLIN, 0};
    if (in_fd >= 0) fds[in_i = n++] = pollfd{in_fd, POLLOUT, 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) {
      result.timed_out = true;
      ::kill(pid, SIGKILL);
      break;
    }
    const int ready = ::poll(fds, static_cast<nfds_t>(n), static_cast<int>(left));
    if (ready < 0 && errno != EINTR) break;
    if (ready <= 0) continue;
    auto drain = [&](int index, int& fd, std::string& into) {
      if (index < 0 || fds[index].revents == 0) return;
      const ssize_t got = ::read(fd, buffer, sizeof buffer);
      if (got > 0) {
        into.append(buffer, static_cast<std::size_t>(got));
      } else if (got == 0 || errno != EINTR) {
        close_fd(fd);  // end of file (a pty reports EIO once the child is gone)
      }
    };
    drain(out_i, out_fd, result.out);
    drain(err_i, err_fd, result.err);
    if (in_i >= 0 && fds[in_i].revents != 0) {
      const std::string& text = *options.stdin_text;
      const ssize_t put = ::write(in_fd, text.data() + written, text.size() - written);
      if (put > 0) written += static_cast<std::size_t>(put);
      if (put < 0 && errno != EAGAIN && errno != EINTR) close_fd(in_fd);
      if (written == text.size()) close_fd(in_fd);
    }
  }
  close_fd(out_fd);
  close_fd(err_fd);
  close_fd(in_fd);

  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) result.exit_status = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  return result;
}

}  // namespace terms::testing
