// SourceFile's line index and find_invalid_utf8, which scan the text in
// blocks (memchr for line ends, eight bytes at a time over ASCII): the
// answers must not depend on where a line end or a bad byte falls in a block.

#include <gtest/gtest.h>

#include <string>

#include "dsl/source.hpp"

namespace terms {
namespace {

TEST(SourceFileLines, LineStartsAndLastLineWithoutTerminator) {
  const SourceFile f(0, "f.terms", "ab\r\n\ncd\nlast");
  ASSERT_EQ(f.line_count(), 4u);
  EXPECT_EQ(f.line_text(1), "ab");
  EXPECT_EQ(f.line_text(2), "");
  EXPECT_EQ(f.line_text(3), "cd");
  EXPECT_EQ(f.line_text(4), "last");
  EXPECT_EQ(f.line_start(4), 8u);
  EXPECT_EQ(f.line_col(10).line, 4u);
  EXPECT_EQ(f.line_col(10).column, 3u);
}

TEST(SourceFileLines, EveryLineEndIsFoundWhateverTheLineLength) {
  for (std::size_t len = 0; len < 70; ++len) {
    std::string text;
    for (int line = 0; line < 5; ++line) text += std::string(len, 'x') + "\n";
    const SourceFile f(0, "f.terms", text);
    ASSERT_EQ(f.line_count(), 6u) << len;  // the empty line after the last newline
    for (std::uint32_t line = 1; line <= 5; ++line) {
      EXPECT_EQ(f.line_start(line), (line - 1) * (len + 1)) << len;
      EXPECT_EQ(f.line_text(line).size(), len);
    }
  }
}

TEST(FindInvalidUtf8, FindsTheFirstBadByteAtAnyOffset) {
  for (std::size_t at = 0; at < 40; ++at) {
    std::string text(48, 'a');
    text[at] = '\xff';
    EXPECT_EQ(find_invalid_utf8(text), at);
    text[at] = 'a';
    EXPECT_EQ(find_invalid_utf8(text), std::string::npos);
  }
}

TEST(FindInvalidUtf8, ValidMultibyteTextBetweenAsciiRuns) {
  std::string text = std::string(13, 'a') + "\xc3\xa9" + std::string(9, 'b') + "\xe2\x82\xac" +
                     std::string(8, 'c') + "\xf0\x9f\x98\x80" + "d";
  EXPECT_EQ(find_invalid_utf8(text), std::string::npos);
  text += std::string(7, 'e') + "\xe2\x82";  // truncated at the end
  EXPECT_EQ(find_invalid_utf8(text), text.size() - 2);
  EXPECT_EQ(find_invalid_utf8(std::string(16, 'a') + "\xc0\xaf"), 16u);  // overlong
  EXPECT_EQ(find_invalid_utf8(""), std::string::npos);
}

}  // namespace
}  // namespace terms
