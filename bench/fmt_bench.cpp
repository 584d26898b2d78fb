// The formatter's cost against file size: generated files (comments in odd
// places throughout, tools/gen-corpus/corpus.hpp) of 1 to 50 MB are parsed and
// formatted; the table shows the time per megabyte, which stays flat when the
// cost is linear (a quadratic formatter's time per megabyte doubles with each
// doubling of the size). Formatting is timed apart from parsing, and apart
// from freeing the tree.
//
// Times are CPU times of the process (the machine is shared: wall times move
// with the load; CPU times much less), best of the runs; `format wall s` is
// the wall time of the same best run, for comparison. The memory columns are
// heap bytes in use (glibc's mallinfo2): the syntax tree (after parsing,
// less before) and the formatted text, each as a multiple of the file size.
//
//   bench_fmt                 sizes 1, 2, 5, 10, 20, 50 MB, best of 3 runs each
//   bench_fmt --sizes 1,4,16  sizes in MB
//   bench_fmt --smoke         64, 128, 256 KB, one run: the test suite's quick check
//
// Exit status 0, or 1 if a generated file fails to parse or format (which
// would be a bug). Timings are printed, never asserted.

#include <malloc.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/core.h>

#include "dsl/fmt/format.hpp"
#include "dsl/parser.hpp"
#include "tools/gen-corpus/corpus.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

double cpu_now() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

std::size_t heap_in_use() { return mallinfo2().uordblks; }

struct Row {
  std::size_t bytes = 0;
  std::size_t lines = 0;
  double parse_s = 0;        // CPU
  double format_s = 0;       // CPU
  double format_wall_s = 0;  // wall, of the run with the best CPU time
  double free_s = 0;         // CPU: destroying the tree
  std::size_t tree_bytes = 0;
  std::size_t output_bytes = 0;
};

// Best of `runs`: parse, format and free, timed separately.
bool measure(std::size_t bytes, int runs, Row& row) {
  std::string text = terms::corpus::generate_large(7, bytes);
  row.bytes = text.size();
  row.lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  row.parse_s = row.format_s = row.free_s = 1e300;
  for (int r = 0; r < runs; ++r) {
    terms::SourceManager sources;
    // The last run takes the text itself: one copy of the file at a time.
    const terms::SourceFile& src =
        sources.add("bench.terms", r + 1 == runs ? std::move(text) : std::string(text));
    terms::DiagnosticBag diags;
    std::optional<terms::ast::File> file;
    const std::size_t heap_before = heap_in_use();
    double c0 = cpu_now();
    file.emplace(terms::parse_file(src, diags));
    row.parse_s = std::min(row.parse_s, cpu_now() - c0);
    row.tree_bytes = heap_in_use() - heap_before;
    if (diags.has_errors()) {
      fmt::print(stderr, "error: the generated file does not parse: {}\n", diags.all().front().message);
      return false;
    }
    const auto t0 = Clock::now();
    c0 = cpu_now();
    const std::optional<std::string> out = terms::format_file(*file, src);
    const double format_cpu = cpu_now() - c0;
    const double format_wall = seconds_since(t0);
    if (format_cpu < row.format_s) {
      row.format_s = format_cpu;
      row.format_wall_s = format_wall;
    }
    if (!out) {
      fmt::print(stderr, "error: the formatter refused the generated file\n");
      return false;
    }
    row.output_bytes = out->capacity();
    c0 = cpu_now();
    file.reset();
    row.free_s = std::min(row.free_s, cpu_now() - c0);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<double> sizes_mb = {1, 2, 5, 10, 20, 50};
  int runs = 3;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--smoke") {
      sizes_mb = {0.0625, 0.125, 0.25};
      runs = 1;
    } else if (a == "--sizes" && i + 1 < argc) {
      sizes_mb.clear();
      std::string list = argv[++i];
      for (std::size_t p = 0; p <= list.size();) {
        const std::size_t q = std::min(list.find(',', p), list.size());
        sizes_mb.push_back(std::atof(list.substr(p, q - p).c_str()));
        p = q + 1;
      }
    } else if (a == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else {
      fmt::print(stderr, "usage: bench_fmt [--smoke] [--sizes MB,MB,...] [--runs N]\n");
      return 2;
    }
  }

  fmt::print("{:>10} {:>9} {:>8} {:>9} {:>7} {:>12} {:>12} {:>11} {:>7} {:>7}\n", "size", "lines", "parse s",
             "format s", "free s", "format MB/s", "format s/MB", "format wall", "tree x", "out x");
  std::vector<Row> rows;
  for (double mb : sizes_mb) {
    Row row;
    if (!measure(static_cast<std::size_t>(mb * 1024 * 1024), runs, row)) return 1;
    const double size_mb = static_cast<double>(row.bytes) / (1024.0 * 1024.0);
    const double file = static_cast<double>(row.bytes);
    fmt::print("{:>8.2f}MB {:>9} {:>8.3f} {:>9.3f} {:>7.3f} {:>12.1f} {:>12.4f} {:>11.3f} {:>7.1f} {:>7.2f}\n",
               size_mb, row.lines, row.parse_s, row.format_s, row.free_s, size_mb / row.format_s,
               row.format_s / size_mb, row.format_wall_s, static_cast<double>(row.tree_bytes) / file,
               static_cast<double>(row.output_bytes) / file);
    std::fflush(stdout);
    rows.push_back(row);
  }
  if (rows.size() >= 2) {
    const auto per_mb = [](const Row& r) { return r.format_s / (static_cast<double>(r.bytes) / (1024.0 * 1024.0)); };
    fmt::print("format time per MB, largest / smallest file: {:.2f} (1.0 = linear; a quadratic cost "
               "would give {:.0f})\n",
               per_mb(rows.back()) / per_mb(rows.front()),
               static_cast<double>(rows.back().bytes) / static_cast<double>(rows.front().bytes));
  }
  return 0;
}
