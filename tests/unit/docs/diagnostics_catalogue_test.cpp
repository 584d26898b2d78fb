// Every registered diagnostic has a section in docs/diagnostics.md, headed
// "### CODE `name`", so the catalogue cannot fall behind the registry.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "dsl/diagnostics.hpp"

TEST(DiagnosticsCatalogue, EveryRegisteredCodeHasASection) {
  std::ifstream in(std::string(TERMS_SOURCE_DIR) + "/docs/diagnostics.md");
  ASSERT_TRUE(in) << "docs/diagnostics.md is missing";
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string doc = ss.str();
  std::string missing;
  for (const auto& d : terms::all_diagnostics()) {
    const std::string heading = "### " + std::string(d.code) + " `" + std::string(d.name) + "`";
    if (doc.find(heading) == std::string::npos) missing += "\n  " + heading;
  }
  EXPECT_TRUE(missing.empty()) << "docs/diagnostics.md has no section for:" << missing;
}
