#pragma once
// A GoogleTest fixture for front-end tests: an in-memory file system, a
// Workspace over it, and helpers that print diagnostics the way a user reads
// them (code, file:line:col, message, labels, help), so that tests can assert
// exact text.
//
// Lifetime: the Workspace is created on first use and lives as long as the
// fixture; the file system must be filled before the files are loaded.

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dsl/diagnostics.hpp"
#include "dsl/resolve.hpp"
#include "dsl/source.hpp"
#include "memfs/memory_fs.hpp"

namespace terms::testing {

// Declarations shared by many tests: the case in the article, in miniature.
inline constexpr const char* kKoreaLibrary =
    "party dprk \"Democratic People's Republic of Korea\";\n"  // 1
    "party us \"United States\";\n"                            // 2
    "party unsc \"UN Security Council\";\n"                    // 3
    "verifier iaea \"International Atomic Energy Agency\";\n"  // 4
    "program dprk-nuclear of dprk kind nuclear \"Nuclear weapons program\";\n"       // 5
    "program dprk-missiles of dprk kind ballistic \"Ballistic missile program\";\n"  // 6
    "facility yongbyon in dprk-nuclear \"Yongbyon\";\n"        // 7
    "facility sohae in dprk-missiles \"Sohae\";\n"             // 8
    "sanction unsc-2397 by unsc \"Resolution 2397\";\n"        // 9
    "sanction us-primary by us \"US primary sanctions\";\n"    // 10
    "benefit hfo by us \"Heavy fuel oil\";\n";                 // 11

class WorkspaceTest : public ::testing::Test {
 protected:
  Workspace& workspace() {
    if (!ws_) ws_ = std::make_unique<Workspace>(sources, fs, diags, options);
    return *ws_;
  }

  // Loads a root file and returns its unit (fails the test if it did not load).
  UnitId load(const std::string& path) {
    auto id = workspace().load_file(path);
    EXPECT_TRUE(id.has_value()) << "could not load " << path;
    return id.value_or(0);
  }

  // Writes `text` to `path` and loads it as a root.
  UnitId check(const std::string& path, const std::string& text) {
    fs.add(path, text);
    return load(path);
  }

  std::string where(Span span) const {
    const SourceFile* file = sources.find(span.file);
    if (file == nullptr) return "?";
    const LineCol lc = file->line_col(span.begin);
    return fmt::format("{}:{}:{}", file->path(), lc.line, lc.column);
  }

  // The source text a span covers.
  std::string text_of(Span span) const {
    const SourceFile* file = sources.find(span.file);
    if (file == nullptr) return "?";
    return std::string(file->text().substr(span.begin, span.end - span.begin));
  }

  // "E0204 main.terms:3:13 undefined name `x`"
  std::string headline(const Diagnostic& d) const {
    return fmt::format("{} {} {}", d.code, d.span.valid() ? where(d.span) : d.path, d.message);
  }

  // Every line a user reads for one diagnostic.
  std::vector<std::string> lines(const Diagnostic& d) const {
    std::vector<std::string> out{headline(d)};
    if (!d.label.empty()) out.push_back(fmt::format("  label: {}", d.label));
    for (const Label& l : d.related) out.push_back(fmt::format("  {}: {}", where(l.span), l.message));
    for (const std::string& n : d.notes) out.push_back(fmt::format("  note: {}", n));
    for (const std::string& h : d.help) out.push_back(fmt::format("  help: {}", h));
    return out;
  }

  std::vector<std::string> headlines() const {
    std::vector<std::string> out;
    for (const Diagnostic& d : diags.all()) out.push_back(headline(d));
    return out;
  }

  // The only diagnostic, as full lines (fails if there is not exactly one).
  std::vector<std::string> only() const {
    EXPECT_EQ(diags.all().size(), 1u) << ::testing::PrintToString(headlines());
    if (diags.all().empty()) return {};
    return lines(diags.all().front());
  }

  MemoryFileSystem fs;
  SourceManager sources;
  DiagnosticBag diags;
  LoadOptions options;

 private:
  std::unique_ptr<Workspace> ws_;
};

}  // namespace terms::testing
