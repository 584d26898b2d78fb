// Myers' diff over lines, and the unified format (see diff.hpp).

#include "dsl/fmt/diff.hpp"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include <fmt/format.h>

namespace terms {
namespace {

// Lines as small integers, so that the diff compares numbers, not strings.
struct Interned {
  std::vector<std::uint32_t> a, b;
};

Interned intern(const std::vector<std::string_view>& before, const std::vector<std::string_view>& after) {
  std::unordered_map<std::string_view, std::uint32_t> ids;
  ids.reserve(before.size() + after.size());
  Interned out;
  out.a.reserve(before.size());
  out.b.reserve(after.size());
  for (auto line : before) out.a.push_back(ids.emplace(line, static_cast<std::uint32_t>(ids.size())).first->second);
  for (auto line : after) out.b.push_back(ids.emplace(line, static_cast<std::uint32_t>(ids.size())).first->second);
  return out;
}

// The shortest edit script of a[a0, a0+n) -> b[b0, b0+m), appended to `out`;
// false (nothing appended) when it needs more than max_d edits.
bool myers(const std::vector<std::uint32_t>& a, std::size_t a0, std::size_t n,
           const std::vector<std::uint32_t>& b, std::size_t b0, std::size_t m, std::size_t max_d,
           std::vector<DiffLine>& out) {
  const auto N = static_cast<std::ptrdiff_t>(n);
  const auto M = static_cast<std::ptrdiff_t>(m);
  const std::ptrdiff_t max = std::min<std::ptrdiff_t>(N + M, static_cast<std::ptrdiff_t>(max_d));
  const std::ptrdiff_t offset = max + 1;
  std::vector<std::ptrdiff_t> v(static_cast<std::size_t>(2 * max + 3), 0);
  // trace[d] holds V[-d..d] as it was before round d ran.
  std::vector<std::vector<std::ptrdiff_t>> trace;
  auto at = [&](std::ptrdiff_t k) -> std::ptrdiff_t& { return v[static_cast<std::size_t>(k + offset)]; };
  std::ptrdiff_t found = -1;
  for (std::ptrdiff_t d = 0; d <= max && found < 0; ++d) {
    trace.emplace_back(v.begin() + (offset - d), v.begin() + (offset + d + 1));
    for (std::ptrdiff_t k = -d; k <= d; k += 2) {
      std::ptrdiff_t x = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? at(k + 1) : at(k - 1) + 1;
      std::ptrdiff_t y = x - k;
      while (x < N && y < M && a[a0 + static_cast<std::size_t>(x)] == b[b0 + static_cast<std::size_t>(y)]) {
        ++x;
        ++y;
      }
      at(k) = x;
      if (x >= N && y >= M) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return false;

  // Walk back from (N, M) through the saved rounds.
  std::vector<DiffLine> rev;
  std::ptrdiff_t x = N, y = M;
  for (std::ptrdiff_t d = found; d > 0; --d) {
    const auto& prev = trace[static_cast<std::size_t>(d)];  // V before round d = after round d-1
    auto pv = [&](std::ptrdiff_t k) { return prev[static_cast<std::size_t>(k + d)]; };
    const std::ptrdiff_t k = x - y;
    const bool down = k == -d || (k != d && pv(k - 1) < pv(k + 1));
    const std::ptrdiff_t prev_k = down ? k + 1 : k - 1;
    const std::ptrdiff_t prev_x = pv(prev_k);
    const std::ptrdiff_t prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) {
      --x;
      --y;
      rev.push_back({DiffOp::equal, a0 + static_cast<std::size_t>(x)});
    }
    if (down) {
      --y;
      rev.push_back({DiffOp::insert, b0 + static_cast<std::size_t>(y)});
    } else {
      --x;
      rev.push_back({DiffOp::remove, a0 + static_cast<std::size_t>(x)});
    }
  }
  while (x > 0 && y > 0) {
    --x;
    --y;
    rev.push_back({DiffOp::equal, a0 + static_cast<std::size_t>(x)});
  }
  out.insert(out.end(), rev.rbegin(), rev.rend());
  return true;
}

void put_line(std::string& out, char mark, std::string_view line) {
  out += mark;
  out += line;
  if (line.empty() || line.back() != '\n') out += "\n\\ No newline at end of file\n";
}

// `start,count` of a hunk side, as diff(1) writes it.
std::string range(std::size_t first, std::size_t count) {
  if (count == 1) return fmt::format("{}", first + 1);
  if (count == 0) return fmt::format("{},0", first);
  return fmt::format("{},{}", first + 1, count);
}

}  // namespace

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t nl = text.find('\n', start);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

std::vector<DiffLine> diff_lines(const std::vector<std::string_view>& before,
                                 const std::vector<std::string_view>& after, const DiffOptions& options) {
  const Interned in = intern(before, after);
  std::size_t prefix = 0;
  while (prefix < in.a.size() && prefix < in.b.size() && in.a[prefix] == in.b[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < in.a.size() - prefix && suffix < in.b.size() - prefix &&
         in.a[in.a.size() - 1 - suffix] == in.b[in.b.size() - 1 - suffix]) {
    ++suffix;
  }
  std::vector<DiffLine> script;
  script.reserve(before.size() + after.size());
  for (std::size_t i = 0; i < prefix; ++i) script.push_back({DiffOp::equal, i});
  const std::size_t n = in.a.size() - prefix - suffix;
  const std::size_t m = in.b.size() - prefix - suffix;
  if (!myers(in.a, prefix, n, in.b, prefix, m, options.max_edit_distance, script)) {
    for (std::size_t i = 0; i < n; ++i) script.push_back({DiffOp::remove, prefix + i});
    for (std::size_t j = 0; j < m; ++j) script.push_back({DiffOp::insert, prefix + j});
  }
  for (std::size_t i = in.a.size() - suffix; i < in.a.size(); ++i) script.push_back({DiffOp::equal, i});
  return script;
}

std::string unified_diff(std::string_view before, std::string_view after, std::string_view before_label,
                         std::string_view after_label, const DiffOptions& options) {
  if (before == after) return {};
  const auto a = split_lines(before);
  const auto b = split_lines(after);
  const auto script = diff_lines(a, b, options);

  std::string out = fmt::format("--- {}\n+++ {}\n", before_label, after_label);
  const std::size_t ctx = options.context;
  std::size_t i = 0;
  std::size_t scanned = 0, old_pos = 0, new_pos = 0;  // lines of each side before script[scanned]
  while (i < script.size()) {
    if (script[i].op == DiffOp::equal) {
      ++i;
      continue;
    }
    // A hunk: from `ctx` lines before this change to `ctx` lines after the
    // last change that is at most 2*ctx equal lines from the previous one.
    const std::size_t begin = i >= ctx ? i - ctx : 0;
    std::size_t end = i;
    while (end < script.size()) {
      if (script[end].op != DiffOp::equal) {
        ++end;
        continue;
      }
      std::size_t run = end;
      while (run < script.size() && script[run].op == DiffOp::equal) ++run;
      if (run == script.size() || run - end > 2 * ctx) {
        end = std::min(run, end + ctx);
        break;
      }
      end = run;
    }
    // Line numbers where the hunk starts, on each side (hunks only move forward).
    for (; scanned < begin; ++scanned) {
      if (script[scanned].op != DiffOp::insert) ++old_pos;
      if (script[scanned].op != DiffOp::remove) ++new_pos;
    }
    const std::size_t old_first = old_pos, new_first = new_pos;
    std::size_t old_count = 0, new_count = 0;
    for (std::size_t j = begin; j < end; ++j) {
      if (script[j].op != DiffOp::insert) ++old_count;
      if (script[j].op != DiffOp::remove) ++new_count;
    }
    out += fmt::format("@@ -{} +{} @@\n", range(old_first, old_count), range(new_first, new_count));
    for (std::size_t j = begin; j < end; ++j) {
      const DiffLine& l = script[j];
      switch (l.op) {
        case DiffOp::equal: put_line(out, ' ', a[l.index]); break;
        case DiffOp::remove: put_line(out, '-', a[l.index]); break;
        case DiffOp::insert: put_line(out, '+', b[l.index]); break;
      }
    }
    i = end;
  }
  return out;
}

}  // namespace terms
