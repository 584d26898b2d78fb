// measure: runs a command and prints its wall time and peak memory.
//
//   measure [--quiet] -- COMMAND ARGS...
//
// Prints one line to stderr: `wall_s=<seconds> maxrss_kb=<KiB> status=<exit status>`.
// With --quiet the command's standard output goes to /dev/null. Used by
// bench/run.sh, so the benchmarks need nothing beyond the project's own build.

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <vector>

int main(int argc, char** argv) {
  bool quiet = false;
  int i = 1;
  for (; i < argc; ++i) {
    if (std::strcmp(argv[i], "--quiet") == 0) quiet = true;
    else if (std::strcmp(argv[i], "--") == 0) { ++i; break; }
    else break;
  }
  if (i >= argc) {
    std::fputs("usage: measure [--quiet] -- COMMAND ARGS...\n", stderr);
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid < 0) { std::perror("fork"); return 2; }
  if (pid == 0) {
    if (quiet) {
      const int fd = open("/dev/null", O_WRONLY);
      if (fd >= 0) dup2(fd, STDOUT_FILENO);
    }
    execvp(argv[i], argv + i);
    std::perror("exec");
    _exit(127);
  }
  int status = 0;
  struct rusage ru {};
  if (wait4(pid, &status, 0, &ru) < 0) { std::perror("wait4"); return 2; }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::fprintf(stderr, "wall_s=%.4f maxrss_kb=%ld status=%d\n", wall, ru.ru_maxrss, code);
  return 0;
}
