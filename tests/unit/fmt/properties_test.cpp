// The formatter's guarantees, on every example and on a generated corpus of
// 1,000 files with comments in odd places (tools/gen-corpus/corpus.hpp):
//   - formatting twice gives the same text as formatting once;
//   - the formatted file parses without errors to a tree that means the same;
//   - every comment survives (the comments, as a multiset, are unchanged);
//   - the output is in canonical shape: LF only, a final newline, no trailing
//     whitespace outside `fmt off` regions, no two blank lines in a row.
// For the examples, which import each other, the resolved workspaces are
// compared too: the same entities and the same diagnostics.

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/support/files.hpp"

#include "dsl/resolve.hpp"
#include "memfs/memory_fs.hpp"
#include "tests/unit/fmt/fmt_support.hpp"
#include "tools/gen-corpus/corpus.hpp"

namespace terms::fmt_test {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& p) { return testing::read_file(p); }

// Checks every guarantee on one input; returns a description of the first
// failure, or "" when all hold.
std::string check_guarantees(const std::string& name, const std::string& text) {
  Parsed original(text, name);
  if (!original.ok()) return name + ": the input does not parse:\n" + original.errors();
  const std::optional<std::string> once = format_file(original.file, *original.source);
  if (!once) return name + ": the formatter refused a file without syntax errors";

  Parsed formatted(*once, name);
  if (!formatted.ok()) {
    return name + ": the formatted text does not parse:\n" + formatted.errors() + "--- formatted:\n" + *once;
  }
  const std::optional<std::string> twice = format_file(formatted.file, *formatted.source);
  if (!twice || *twice != *once) {
    return name + ": formatting is not idempotent\n--- once:\n" + *once + "--- twice:\n" + twice.value_or("<none>");
  }
  if (dump_tree(original.file) != dump_tree(formatted.file)) {
    return name + ": the formatted file means something else\n--- before:\n" + dump_tree(original.file) +
           "--- after:\n" + dump_tree(formatted.file) + "--- formatted text:\n" + *once;
  }
  if (comment_multiset(original.file) != comment_multiset(formatted.file)) {
    std::string s = name + ": the comments changed\n--- before:\n";
    for (const auto& c : comment_multiset(original.file)) s += c + "\n";
    s += "--- after:\n";
    for (const auto& c : comment_multiset(formatted.file)) s += c + "\n";
    return s + "--- formatted text:\n" + *once;
  }
  // Shape (fmt-off regions are as written, so the files that have one are
  // only checked for the final newline and the first line).
  const bool has_region = once->find("fmt off") != std::string::npos || once->find("fmt:off") != std::string::npos;
  if (once->find("\r\n") != std::string::npos && !has_region) return name + ": the output has a CRLF";
  if (!once->empty() && once->back() != '\n') return name + ": the output has no final newline";
  if (once->find("\n\n\n") != std::string::npos && !has_region) return name + ": two blank lines in a row";
  if (!once->empty() && once->front() == '\n') return name + ": a blank line at the start";
  if (!has_region && (once->find(" \n") != std::string::npos || once->find("\t\n") != std::string::npos)) {
    return name + ": trailing whitespace in the output:\n" + *once;
  }
  return {};
}

TEST(FormatterGuarantees, HoldOnTheGeneratedCorpus) {
  constexpr std::uint64_t kFiles = 1000;
  std::size_t bytes = 0, comments = 0, failures = 0;
  std::string report;
  for (std::uint64_t seed = 0; seed < kFiles; ++seed) {
    const std::string text = corpus::generate(seed);
    bytes += text.size();
    comments += static_cast<std::size_t>(std::count(text.begin(), text.end(), '#'));
    const std::string problem = check_guarantees(fmt::format("corpus seed {}", seed), text);
    if (!problem.empty() && ++failures <= 3) report += problem + "\n";
  }
  EXPECT_EQ(failures, 0u) << report;
  // The corpus is what it claims to be: many files, many comments.
  EXPECT_GT(bytes, kFiles * 500);
  EXPECT_GT(comments, kFiles * 5);
}

TEST(FormatterGuarantees, TheCorpusIsDeterministicAndVaried) {
  EXPECT_EQ(corpus::generate(42), corpus::generate(42));
  EXPECT_NE(corpus::generate(42), corpus::generate(43));
  // Odd places the corpus must reach: a comment before `;`, inside a target
  // list, before `{`; CRLF; a byte order mark; a switched-off region.
  bool comment_before_semi = false, crlf = false, bom = false, off = false, long_list = false;
  for (std::uint64_t seed = 0; seed < 1000; ++seed) {
    const std::string t = corpus::generate(seed);
    crlf = crlf || t.find("\r\n") != std::string::npos;
    bom = bom || t.rfind("\xEF\xBB\xBF", 0) == 0;
    off = off || t.find("# terms: fmt off") != std::string::npos;
    long_list = long_list || std::count(t.begin(), t.end(), ',') > 20;
    for (std::size_t p = t.find('#'); p != std::string::npos && !comment_before_semi; p = t.find('#', p + 1)) {
      const std::size_t eol = t.find('\n', p);
      if (eol == std::string::npos) break;
      std::size_t q = eol + 1;
      while (q < t.size() && (t[q] == ' ' || t[q] == '\t')) ++q;
      comment_before_semi = q < t.size() && t[q] == ';';
    }
  }
  EXPECT_TRUE(comment_before_semi);
  EXPECT_TRUE(crlf);
  EXPECT_TRUE(bom);
  EXPECT_TRUE(off);
  EXPECT_TRUE(long_list);
}

// Mutated corpus files reach corners that a generator of valid files does
// not (tokens glued together, odd keywords as names, half-deleted items):
// whatever still parses must keep every guarantee.
TEST(FormatterGuarantees, HoldOnMutatedFilesThatStillParse) {
  static const std::vector<std::string> kInsertions = {
      " ", "\n", "\n\n", "# c\n", "\n# own\n", ";", ",", "{", "}", "x", "\"", "by ", "verified ",
      "sanctions ", "all ", "step s { }", "\r\n", "\t", "# terms: fmt off\n", "# terms: fmt on\n"};
  // TERMS_FMT_MUTANTS=N runs N mutants instead of 1,500 (for a longer hunt by hand).
  const char* env = std::getenv("TERMS_FMT_MUTANTS");
  const std::uint64_t mutants = env != nullptr ? std::strtoull(env, nullptr, 10) : 1500;
  std::size_t parsed = 0, failures = 0;
  std::string report;
  for (std::uint64_t seed = 0; seed < mutants; ++seed) {
    corpus::Rng rng(seed + 99);
    std::string text = corpus::generate(seed % 200);
    const auto edits = 1 + rng.below(3);
    for (std::size_t e = 0; e < edits && !text.empty(); ++e) {
      const std::size_t at = rng.below(text.size());
      switch (rng.below(3)) {
        case 0: text.erase(at, 1 + rng.below(6)); break;
        case 1: text.insert(at, rng.pick(kInsertions)); break;
        default: {  // move a slice elsewhere
          const std::size_t len = std::min<std::size_t>(1 + rng.below(20), text.size() - at);
          const std::string slice = text.substr(at, len);
          text.erase(at, len);
          text.insert(rng.below(text.size() + 1), slice);
        }
      }
    }
    Parsed p(text);
    if (!p.ok()) continue;
    ++parsed;
    const std::string problem = check_guarantees(fmt::format("mutant {}", seed), text);
    if (!problem.empty() && ++failures <= 3) report += problem + "\n--- input:\n" + text + "\n";
  }
  EXPECT_EQ(failures, 0u) << report;
  EXPECT_GT(parsed, mutants / 10);  // enough mutants survive the parser to mean something
  std::printf("%zu of %llu mutants parsed\n", parsed, static_cast<unsigned long long>(mutants));
}

std::vector<fs::path> example_files() {
  std::vector<fs::path> files;
  const fs::path root = fs::path(TERMS_SOURCE_DIR) / "examples";
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file() && e.path().extension() == ".terms") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(FormatterGuarantees, HoldOnEveryExample) {
  const auto files = example_files();
  ASSERT_FALSE(files.empty());
  for (const auto& f : files) {
    EXPECT_EQ(check_guarantees(f.string(), read(f)), "");
  }
}

// Everything a resolved workspace knows about one root, without positions.
std::string resolved_model(const std::map<std::string, std::string>& files, const std::string& root) {
  testing::MemoryFileSystem mfs;
  for (const auto& [path, text] : files) mfs.add(path, text);
  SourceManager sources;
  DiagnosticBag diags;
  Workspace ws(sources, mfs, diags);
  const auto unit = ws.load_file(root);
  if (!unit) return "<not loaded>";
  std::string s;
  for (EntityId id : ws.visible_entities(*unit)) {
    const Entity& e = ws.entity(id);
    s += fmt::format("{} {} owner={}\n", ast::to_string(e.kind), e.name,
                     e.owner == kNoEntity ? std::string("-") : std::string(ws.entity(e.owner).name));
  }
  for (UnitId u = 0; u < ws.unit_count(); ++u) s += dump_tree(ws.unit(u).tree);
  for (const auto& d : diags.all()) s += fmt::format("{} {}\n", d.code, d.message);
  return s;
}

TEST(FormatterGuarantees, TheExamplesResolveToTheSameModel) {
  std::map<std::string, std::string> before, after;
  for (const auto& f : example_files()) {
    const std::string rel = fs::relative(f, TERMS_SOURCE_DIR).generic_string();
    before[rel] = read(f);
    Parsed p(before[rel], rel);
    after[rel] = format_file(p.file, *p.source).value_or("<not formatted>");
  }
  for (const auto& [path, text] : before) {
    EXPECT_EQ(resolved_model(before, path), resolved_model(after, path)) << path;
  }
}

}  // namespace
}  // namespace terms::fmt_test
