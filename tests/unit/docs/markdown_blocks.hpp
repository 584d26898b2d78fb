#pragma once
// Extracts fenced code blocks from Markdown, for the documentation test: every
// ```terms block in the docs must parse cleanly, every ```terms-error block
// must produce at least one diagnostic.
//
// Follows CommonMark's fence rules closely enough for our docs: a fence is a
// run of at least three backticks or tildes, indented by any amount (blocks in
// list items are indented); the block ends at a line holding a fence of the same
// character, at least as long, and nothing else; the indentation of the opening
// fence is removed from each content line. An unclosed fence runs to the end of
// the document, as in CommonMark (and is reported, so a typo cannot hide blocks).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace terms::docs_test {

struct CodeBlock {
  std::string info;           // the first word after the fence: "terms", "terms-error", ...
  std::size_t fence_line = 0;  // 1-based line of the opening fence
  std::string text;           // content lines, each ending in '\n'
  bool closed = true;
};

inline std::vector<CodeBlock> extract_code_blocks(std::string_view markdown) {
  std::vector<CodeBlock> blocks;
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start <= markdown.size();) {
    std::size_t end = markdown.find('\n', start);
    if (end == std::string_view::npos) {
      if (start < markdown.size()) lines.push_back(markdown.substr(start));
      break;
    }
    std::string_view line = markdown.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }

  // A fence: indentation, then 3+ of one fence character.
  struct Fence {
    std::size_t indent = 0;
    char ch = 0;
    std::size_t length = 0;
    std::string_view rest;
  };
  auto fence_of = [](std::string_view line, Fence& fence) {
    std::size_t i = 0;
    while (i < line.size() && line[i] == ' ') ++i;
    if (i >= line.size() || (line[i] != '`' && line[i] != '~')) return false;
    const char ch = line[i];
    std::size_t j = i;
    while (j < line.size() && line[j] == ch) ++j;
    if (j - i < 3) return false;
    fence = Fence{i, ch, j - i, line.substr(j)};
    return true;
  };
  auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  };

  for (std::size_t i = 0; i < lines.size(); ++i) {
    Fence open;
    if (!fence_of(lines[i], open)) continue;
    CodeBlock block;
    block.fence_line = i + 1;
    const std::string_view info = trim(open.rest);
    block.info = std::string(info.substr(0, info.find_first_of(" \t{")));
    block.closed = false;
    std::size_t j = i + 1;
    for (; j < lines.size(); ++j) {
      Fence close;
      if (fence_of(lines[j], close) && close.ch == open.ch && close.length >= open.length &&
          trim(close.rest).empty()) {
        block.closed = true;
        break;
      }
      std::string_view content = lines[j];
      std::size_t strip = 0;
      while (strip < open.indent && strip < content.size() && content[strip] == ' ') ++strip;
      block.text.append(content.substr(strip));
      block.text.push_back('\n');
    }
    blocks.push_back(std::move(block));
    i = j;  // continue after the closing fence (or the end)
  }
  return blocks;
}

}  // namespace terms::docs_test
