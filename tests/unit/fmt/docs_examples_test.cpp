// The before/after examples of docs/formatting.md are what the formatter does:
// each ```terms block after `<!-- fmt-example: before -->` formats to the
// block after the next `<!-- fmt-example: after -->`, which is itself
// formatted. A change of layout that forgets the docs fails here.

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/unit/fmt/fmt_support.hpp"

namespace terms::fmt_test {
namespace {

struct Example {
  std::size_t line = 0;  // of the `before` marker
  std::string before, after;
};

// The code block that follows `marker` (searched from `pos`); advances pos.
std::optional<std::string> block_after(const std::string& doc, std::string_view marker, std::size_t& pos) {
  const std::size_t m = doc.find(marker, pos);
  if (m == std::string::npos) return std::nullopt;
  const std::size_t open = doc.find("```terms\n", m);
  if (open == std::string::npos) return std::nullopt;
  const std::size_t body = open + 9;
  const std::size_t close = doc.find("\n```", body);
  if (close == std::string::npos) return std::nullopt;
  pos = close + 4;
  return doc.substr(body, close + 1 - body);
}

std::vector<Example> examples(const std::string& doc) {
  std::vector<Example> out;
  std::size_t pos = 0;
  for (;;) {
    const std::size_t marker = doc.find("<!-- fmt-example: before -->", pos);
    if (marker == std::string::npos) break;
    Example e;
    e.line = static_cast<std::size_t>(std::count(doc.begin(), doc.begin() + static_cast<std::ptrdiff_t>(marker), '\n')) + 1;
    pos = marker;
    auto before = block_after(doc, "<!-- fmt-example: before -->", pos);
    auto after = block_after(doc, "<!-- fmt-example: after -->", pos);
    if (!before || !after) break;
    e.before = *before;
    e.after = *after;
    out.push_back(std::move(e));
  }
  return out;
}

TEST(FormattingDocs, EveryBeforeAndAfterExampleIsTrue) {
  std::ifstream in(std::filesystem::path(TERMS_SOURCE_DIR) / "docs" / "formatting.md");
  std::ostringstream s;
  s << in.rdbuf();
  const auto all = examples(s.str());
  ASSERT_GE(all.size(), 5u) << "docs/formatting.md lost its examples";
  for (const Example& e : all) {
    EXPECT_EQ(format_text(e.before), e.after) << "docs/formatting.md:" << e.line;
    EXPECT_EQ(format_text(e.after), e.after) << "docs/formatting.md:" << e.line << ": the `after` is not formatted";
  }
}

}  // namespace
}  // namespace terms::fmt_test
