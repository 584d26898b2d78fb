// The documentation test: every ```terms block in the docs parses without a
// diagnostic, and every ```terms-error block produces at least one. A failure
// names the Markdown file and the line of the offending block, and shows the
// diagnostic the way `terms check` would.
//
// The documents read: docs/*.md and the README.md of the repository and of
// each top-level folder (they are documentation too).

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dsl/diagnostics.hpp"
#include "dsl/parser.hpp"
#include "dsl/render.hpp"
#include "dsl/resolve.hpp"
#include "dsl/source.hpp"
#include "memfs/memory_fs.hpp"
#include "tests/unit/docs/markdown_blocks.hpp"

namespace {

namespace fs = std::filesystem;
using terms::docs_test::CodeBlock;
using terms::docs_test::extract_code_blocks;

const fs::path kRoot{TERMS_SOURCE_DIR};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Documentation files, relative to the repository root, sorted.
std::vector<std::string> documentation_files() {
  std::vector<std::string> out;
  if (fs::is_directory(kRoot / "docs")) {
    for (const auto& entry : fs::directory_iterator(kRoot / "docs")) {
      if (entry.is_regular_file() && entry.path().extension() == ".md") {
        out.push_back(fs::relative(entry.path(), kRoot).generic_string());
      }
    }
  }
  if (fs::is_regular_file(kRoot / "README.md")) out.push_back("README.md");
  for (const auto& entry : fs::directory_iterator(kRoot)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_directory() || name.starts_with(".") || name.starts_with("build")) continue;
    if (fs::is_regular_file(entry.path() / "README.md")) out.push_back(name + "/README.md");
  }
  std::sort(out.begin(), out.end());
  return out;
}

// What parsing (and, for error blocks, resolving) one block reported.
struct BlockResult {
  terms::SourceManager sources;
  terms::DiagnosticBag diags;
};

// A block as a source text whose line numbers are those of the Markdown file:
// the lines before the block become blank lines, which the grammar skips. So a
// diagnostic reads `docs/language.md:123:7`, the place to fix.
std::string as_source(const CodeBlock& block) {
  return std::string(block.fence_line, '\n') + block.text;
}

void parse_block(const std::string& doc, const CodeBlock& block, BlockResult& result) {
  const terms::SourceFile& source = result.sources.add(doc, as_source(block));
  (void)terms::parse_file(source, result.diags);
}

// For error blocks that parse: the front end's name and meaning checks, over an
// in-memory file system that holds only the block (imports of other files fail,
// which is itself a diagnostic).
void resolve_block(const std::string& doc, const CodeBlock& block, BlockResult& result) {
  terms::testing::MemoryFileSystem files;
  files.add(doc, as_source(block));
  terms::Workspace workspace(result.sources, files, result.diags);
  (void)workspace.load_file(doc);
}

std::string rendered(const BlockResult& result) {
  return terms::render_text(result.diags.all(), result.sources);
}

// The line in the Markdown file of a diagnostic in a block.
std::size_t doc_line(const CodeBlock& block, const terms::Diagnostic& d, const BlockResult& result) {
  const terms::SourceFile* file = result.sources.find(d.span.file);
  if (!d.span.valid() || file == nullptr) return block.fence_line;
  return file->line_col(d.span.begin).line;
}

TEST(MarkdownBlocks, FindsFencedBlocksWithTheirLines) {
  const std::string doc =
      "# Title\n"                // 1
      "\n"                       // 2
      "```terms\n"               // 3
      "party us;\n"              // 4
      "```\n"                    // 5
      "text\n"                   // 6
      "  ```terms-error\n"       // 7  indented, as in a list item
      "    freeze;\n"            // 8
      "  ```\n"                  // 9
      "~~~~ sh\n"                // 10
      "```\n"                    // 11 not a closing fence: a shorter, different one
      "~~~~\n"                   // 12
      "````terms\n"              // 13 never closed
      "agreement a {}\n";        // 14
  const std::vector<CodeBlock> blocks = extract_code_blocks(doc);
  ASSERT_EQ(blocks.size(), 4u);
  EXPECT_EQ(blocks[0].info, "terms");
  EXPECT_EQ(blocks[0].fence_line, 3u);
  EXPECT_EQ(blocks[0].text, "party us;\n");
  EXPECT_TRUE(blocks[0].closed);
  EXPECT_EQ(blocks[1].info, "terms-error");
  EXPECT_EQ(blocks[1].fence_line, 7u);
  EXPECT_EQ(blocks[1].text, "  freeze;\n");
  EXPECT_EQ(blocks[2].info, "sh");
  EXPECT_EQ(blocks[2].text, "```\n");
  EXPECT_EQ(blocks[3].info, "terms");
  EXPECT_EQ(blocks[3].fence_line, 13u);
  EXPECT_FALSE(blocks[3].closed);
}

TEST(MarkdownBlocks, HandlesCrlfAndAMissingFinalNewline) {
  const std::vector<CodeBlock> blocks = extract_code_blocks("```terms\r\nparty us;\r\n```");
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].text, "party us;\n");
  EXPECT_TRUE(blocks[0].closed);
}

// The checks below would be worthless if a broken block slipped through: a
// block with a syntax error gets a diagnostic, and one with only a name error
// gets one from the resolver.
TEST(DocsBlocks, BrokenBlocksAreCaught) {
  CodeBlock syntax{"terms-error", 1, "agreement a {\n  freeze yongbyon\n}\n", true};
  BlockResult parsed;
  parse_block("doc.md", syntax, parsed);
  EXPECT_FALSE(parsed.diags.all().empty());

  CodeBlock names{"terms-error", 1, "agreement a {\n  freeze yongbyon;\n}\n", true};
  BlockResult clean_parse;
  parse_block("doc.md", names, clean_parse);
  EXPECT_TRUE(clean_parse.diags.all().empty()) << rendered(clean_parse);
  BlockResult resolved;
  resolve_block("doc.md", names, resolved);
  ASSERT_FALSE(resolved.diags.all().empty());
  EXPECT_EQ(resolved.diags.all().front().code, "E0204");
}

TEST(DocsBlocks, TheLanguageReferenceHasExamples) {
  ASSERT_TRUE(fs::is_regular_file(kRoot / "docs/language.md"));
  const std::vector<CodeBlock> blocks = extract_code_blocks(read_file(kRoot / "docs/language.md"));
  const auto terms_blocks = std::count_if(blocks.begin(), blocks.end(),
                                          [](const CodeBlock& b) { return b.info == "terms"; });
  const auto error_blocks = std::count_if(blocks.begin(), blocks.end(),
                                          [](const CodeBlock& b) { return b.info == "terms-error"; });
  EXPECT_GE(terms_blocks, 30) << "docs/language.md should show every construct";
  EXPECT_GE(error_blocks, 3);
}

TEST(DocsBlocks, EveryTermsBlockParsesAndEveryErrorBlockFails) {
  std::size_t checked = 0;
  for (const std::string& doc : documentation_files()) {
    const std::string text = read_file(kRoot / doc);
    for (const CodeBlock& block : extract_code_blocks(text)) {
      if (block.info != "terms" && block.info != "terms-error") continue;
      ++checked;
      EXPECT_TRUE(block.closed) << fmt::format("{}:{}: the ```{} block is never closed", doc,
                                               block.fence_line, block.info);
      BlockResult result;
      parse_block(doc, block, result);
      if (block.info == "terms") {
        for (const terms::Diagnostic& d : result.diags.all()) {
          ADD_FAILURE() << fmt::format(
              "{}:{}: a ```terms block gets a diagnostic (fence `terms-error` if it is meant "
              "to show an error):\n{}",
              doc, doc_line(block, d, result), rendered(result));
          break;
        }
      } else if (result.diags.all().empty()) {
        resolve_block(doc, block, result);
        EXPECT_FALSE(result.diags.all().empty()) << fmt::format(
            "{}:{}: a ```terms-error block gets no diagnostic from the parser or the resolver",
            doc, block.fence_line);
      }
    }
  }
  EXPECT_GT(checked, 0u) << "no ```terms blocks found under " << kRoot.string();
}

}  // namespace
