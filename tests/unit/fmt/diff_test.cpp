// Unified diffs (dsl/fmt/diff.hpp): exact output for small cases, and on
// random texts, that the diff is minimal where Myers guarantees it and that
// applying it turns the old text into the new one.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dsl/fmt/diff.hpp"
#include "tools/gen-corpus/corpus.hpp"

namespace terms {
namespace {

TEST(UnifiedDiff, IsEmptyForEqualTexts) {
  EXPECT_EQ(unified_diff("a\nb\n", "a\nb\n", "a", "b"), "");
  EXPECT_EQ(unified_diff("", "", "a", "b"), "");
}

TEST(UnifiedDiff, ShowsAChangeWithThreeLinesOfContext) {
  EXPECT_EQ(unified_diff("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nfive\n6\n7\n8\n9\n", "a/x.terms", "b/x.terms"),
            "--- a/x.terms\n"
            "+++ b/x.terms\n"
            "@@ -2,7 +2,7 @@\n"
            " 2\n"
            " 3\n"
            " 4\n"
            "-5\n"
            "+five\n"
            " 6\n"
            " 7\n"
            " 8\n");
}

TEST(UnifiedDiff, SplitsDistantChangesIntoHunksAndJoinsNearOnes) {
  std::string a, b;
  for (int i = 1; i <= 20; ++i) {
    a += std::to_string(i) + "\n";
    b += (i == 2 || i == 18 ? "x" : std::to_string(i)) + "\n";
  }
  EXPECT_EQ(unified_diff(a, b, "a", "b"),
            "--- a\n+++ b\n"
            "@@ -1,5 +1,5 @@\n 1\n-2\n+x\n 3\n 4\n 5\n"
            "@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+x\n 19\n 20\n");
  // Changes 6 lines apart (at most 2 * 3 unchanged lines between) share a hunk.
  std::string c;
  for (int i = 1; i <= 20; ++i) c += (i == 5 || i == 12 ? "x" : std::to_string(i)) + "\n";
  EXPECT_EQ(unified_diff(a, c, "a", "b"),
            "--- a\n+++ b\n"
            "@@ -2,14 +2,14 @@\n 2\n 3\n 4\n-5\n+x\n 6\n 7\n 8\n 9\n 10\n 11\n-12\n+x\n 13\n 14\n 15\n");
}

TEST(UnifiedDiff, HandlesInsertionsAndDeletionsAtTheEdges) {
  EXPECT_EQ(unified_diff("", "a\n", "a", "b"), "--- a\n+++ b\n@@ -0,0 +1 @@\n+a\n");
  EXPECT_EQ(unified_diff("a\n", "", "a", "b"), "--- a\n+++ b\n@@ -1 +0,0 @@\n-a\n");
  EXPECT_EQ(unified_diff("b\nc\n", "a\nb\nc\n", "a", "b"), "--- a\n+++ b\n@@ -1,2 +1,3 @@\n+a\n b\n c\n");
}

TEST(UnifiedDiff, MarksAMissingFinalNewline) {
  EXPECT_EQ(unified_diff("party a \"A\";", "party a \"A\";\n", "a", "b"),
            "--- a\n+++ b\n@@ -1 +1 @@\n-party a \"A\";\n\\ No newline at end of file\n+party a \"A\";\n");
}

TEST(UnifiedDiff, ShowsCarriageReturnsAsChanges) {
  EXPECT_EQ(unified_diff("a\r\nb\n", "a\nb\n", "a", "b"), "--- a\n+++ b\n@@ -1,2 +1,2 @@\n-a\r\n+a\n b\n");
}

// Applies a unified diff to `before`; returns nullopt if a hunk does not fit.
std::optional<std::string> apply_diff(const std::string& before, const std::string& diff) {
  const auto old_lines = split_lines(before);
  const auto lines = split_lines(diff);
  std::string out;
  std::size_t next_old = 0;  // index of the next old line not yet used
  std::size_t i = 2;         // after the --- and +++ lines
  while (i < lines.size()) {
    const std::string_view h = lines[i++];
    if (!h.starts_with("@@ -")) return std::nullopt;
    const std::size_t start = std::stoul(std::string(h.substr(4)));
    const bool empty_old = h.find(",0 +") != std::string_view::npos;
    const std::size_t first = empty_old ? start : start - 1;  // 0-based index of the hunk's first old line
    if (first < next_old || first > old_lines.size()) return std::nullopt;
    for (; next_old < first; ++next_old) out += old_lines[next_old];
    // The hunk's lines: op and text (with its newline, unless marked as missing).
    std::vector<std::pair<char, std::string>> ops;
    while (i < lines.size() && !lines[i].starts_with("@@")) {
      const std::string_view l = lines[i++];
      if (l.starts_with("\\ No newline")) {
        if (ops.empty() || ops.back().second.empty()) return std::nullopt;
        ops.back().second.pop_back();
      } else {
        ops.emplace_back(l[0], std::string(l.substr(1)));
      }
    }
    for (const auto& [op, text] : ops) {
      if (op == '+') {
        out += text;
      } else if (op == ' ' || op == '-') {
        if (next_old >= old_lines.size() || old_lines[next_old] != text) return std::nullopt;
        if (op == ' ') out += text;
        ++next_old;
      } else {
        return std::nullopt;
      }
    }
  }
  for (; next_old < old_lines.size(); ++next_old) out += old_lines[next_old];
  return out;
}

TEST(UnifiedDiff, AppliesBackToTheNewTextOnRandomEdits) {
  for (std::uint64_t seed = 0; seed < 300; ++seed) {
    corpus::Rng rng(seed);
    std::string a, b;
    const auto n = rng.below(40);
    for (std::size_t i = 0; i < n; ++i) {
      const std::string line = "line " + std::to_string(rng.below(8)) + "\n";
      const auto r = rng.below(10);
      if (r < 6) {
        a += line;
        b += line;
      } else if (r < 8) {
        a += line;
      } else {
        b += line;
      }
    }
    if (rng.chance(20) && !b.empty()) b.pop_back();
    const std::string d = unified_diff(a, b, "a", "b");
    if (a == b) {
      EXPECT_EQ(d, "");
      continue;
    }
    const auto applied = apply_diff(a, d);
    ASSERT_TRUE(applied.has_value()) << "seed " << seed << "\n" << d;
    EXPECT_EQ(*applied, b) << "seed " << seed << "\n" << d;
  }
}

TEST(DiffLines, IsMinimal) {
  // abcabba -> cbabac: the classic example; 5 edits.
  auto chars = [](std::string_view s) {
    std::vector<std::string_view> v;
    for (std::size_t i = 0; i < s.size(); ++i) v.push_back(s.substr(i, 1));
    return v;
  };
  const auto script = diff_lines(chars("abcabba"), chars("cbabac"));
  std::size_t edits = 0;
  for (const auto& l : script) edits += l.op != DiffOp::equal ? 1 : 0;
  EXPECT_EQ(edits, 5u);
}

TEST(DiffLines, FallsBackToAWholesaleReplacementPastTheBudget) {
  std::vector<std::string_view> a = {"same", "a1", "a2", "a3", "end"}, b = {"same", "b1", "b2", "end"};
  DiffOptions tight;
  tight.max_edit_distance = 2;
  const auto script = diff_lines(a, b, tight);
  std::string ops;
  for (const auto& l : script) ops += l.op == DiffOp::equal ? '=' : l.op == DiffOp::remove ? '-' : '+';
  EXPECT_EQ(ops, "=---++=");
}

}  // namespace
}  // namespace terms
