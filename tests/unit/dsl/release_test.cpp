// Workspace::release_root, SourceManager::release and DiagnosticBag::take: a
// worker that checks many roots with one Workspace gives each root's memory
// back after it has been rendered, and keeps shared imports loaded.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/workspace_fixture.hpp"

namespace terms::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

using ReleaseTest = WorkspaceTest;

std::string root_text(int i) {
  return fmt::format(
      "import \"lib/korea.terms\";\n"
      "party p{0} \"Party {0}\";\n"
      "agreement a{0} \"A{0}\" {{ freeze yongbyon verified by iaea; }}\n",
      i);
}

TEST_F(ReleaseTest, ThousandRootsSharingOneImportKeepMemoryBounded) {
  fs.add("lib/korea.terms", kKoreaLibrary);
  Workspace& ws = workspace();
  std::size_t max_units = 0;
  std::size_t max_entities = 0;
  std::size_t max_bytes = 0;
  for (int i = 0; i < 1000; ++i) {
    const std::string path = fmt::format("d{}.terms", i);
    fs.add(path, root_text(i));
    const auto id = ws.load_file(path);
    ASSERT_TRUE(id);
    ASSERT_TRUE(ws.lookup(*id, fmt::format("p{}", i)));
    ASSERT_TRUE(ws.lookup(*id, "yongbyon"));
    EXPECT_THAT(diags.take(), IsEmpty()) << path;
    max_units = std::max(max_units, ws.unit_count());
    max_entities = std::max(max_entities, ws.entity_count());
    max_bytes = std::max(max_bytes, sources.bytes_held());
    ASSERT_TRUE(ws.release_root(*id));
  }
  // The import was read once; every root was read and then released.
  EXPECT_EQ(fs.reads("lib/korea.terms"), 1);
  EXPECT_EQ(sources.size(), 1001u);
  EXPECT_EQ(sources.files_held(), 1u);
  EXPECT_EQ(sources.bytes_held(), std::string(kKoreaLibrary).size());
  EXPECT_EQ(ws.live_unit_count(), 1u);
  // One slot for the import and one for the root at a time; the library's 11
  // entities, plus the first root's party (a tombstone below the library's).
  EXPECT_EQ(max_units, 2u);
  EXPECT_EQ(ws.unit_count(), 2u);
  EXPECT_LE(max_entities, 13u);
  EXPECT_EQ(ws.entity_count(), 12u);
  EXPECT_LT(max_bytes, std::string(kKoreaLibrary).size() + 200);
}

TEST_F(ReleaseTest, AReleasedRootIsGoneFromEveryLookup) {
  fs.add("lib/korea.terms", kKoreaLibrary);
  const UnitId root = check("deal.terms", root_text(7));
  Workspace& ws = workspace();
  const FileId file = ws.unit(root).source->id();
  const EntityId party = *ws.lookup(root, "p7");
  const UnitId lib = ws.unit(root).imports.at(0);
  ASSERT_TRUE(ws.lookup_agreement(root, "a7"));
  ASSERT_TRUE(ws.release_root(root));

  EXPECT_FALSE(ws.release_root(root)) << "released twice";
  EXPECT_EQ(sources.find(file), nullptr);
  EXPECT_THROW((void)sources.get(file), std::out_of_range);
  EXPECT_FALSE(ws.unit_of_file(file));
  EXPECT_TRUE(ws.unit(root).released);
  EXPECT_FALSE(ws.lookup(root, "p7"));
  EXPECT_FALSE(ws.lookup(root, "yongbyon"));
  EXPECT_EQ(ws.lookup_agreement(root, "a7"), nullptr);
  EXPECT_THAT(ws.visible_entities(root), IsEmpty());
  EXPECT_FALSE(ws.has_errors(root));
  EXPECT_EQ(ws.entity(party).decl, nullptr);
  EXPECT_TRUE(ws.entity(party).name.empty());
  // The import is still loaded and complete.
  EXPECT_FALSE(ws.unit(lib).released);
  EXPECT_TRUE(ws.lookup(lib, "yongbyon"));
  EXPECT_FALSE(ws.lookup(lib, "p7"));
}

TEST_F(ReleaseTest, AReleasedPathIsReadAfreshWhenLoadedAgain) {
  Workspace& ws = workspace();
  const UnitId first = check("deal.terms", "agreement a \"A\" { freeze nowhere; }\n");
  EXPECT_THAT(headlines(), ElementsAre("E0204 deal.terms:1:26 undefined name `nowhere`"));
  diags.clear();
  ASSERT_TRUE(ws.release_root(first));
  fs.add("deal.terms", "party nowhere \"N\";\n");
  const UnitId second = load("deal.terms");
  EXPECT_THAT(headlines(), IsEmpty());
  EXPECT_EQ(fs.reads("deal.terms"), 2);
  EXPECT_EQ(ws.unit(second).source->text(), "party nowhere \"N\";\n");
  EXPECT_TRUE(ws.lookup(second, "nowhere"));
  EXPECT_FALSE(ws.has_errors(second));
}

TEST_F(ReleaseTest, AReleasedRootCanComeBackAsAnImport) {
  Workspace& ws = workspace();
  const UnitId lib = check("lib/korea.terms", kKoreaLibrary);
  ASSERT_TRUE(ws.release_root(lib));
  const UnitId root = check("deal.terms", root_text(1));
  EXPECT_THAT(headlines(), IsEmpty());
  EXPECT_EQ(fs.reads("lib/korea.terms"), 2);
  ASSERT_EQ(ws.unit(root).imports.size(), 1u);
  EXPECT_EQ(ws.unit(ws.unit(root).imports[0]).source->path(), "lib/korea.terms");
  EXPECT_TRUE(ws.lookup(root, "yongbyon"));
}

TEST_F(ReleaseTest, AnImportedUnitIsNotReleased) {
  fs.add("lib/korea.terms", kKoreaLibrary);
  Workspace& ws = workspace();
  const UnitId lib = load("lib/korea.terms");  // a root that another root imports
  const UnitId root = check("deal.terms", root_text(2));
  ASSERT_THAT(ws.unit(root).imports, ElementsAre(lib));
  const std::size_t bytes = sources.bytes_held();
  EXPECT_FALSE(ws.release_root(lib));
  EXPECT_EQ(sources.bytes_held(), bytes);
  EXPECT_FALSE(ws.unit(lib).released);
  EXPECT_TRUE(ws.lookup(root, "yongbyon"));
  // Once its importer is gone, it can go too.
  ASSERT_TRUE(ws.release_root(root));
  EXPECT_TRUE(ws.release_root(lib));
  EXPECT_EQ(sources.files_held(), 0u);
  EXPECT_EQ(sources.bytes_held(), 0u);
  EXPECT_EQ(ws.live_unit_count(), 0u);
  EXPECT_EQ(ws.unit_count(), 0u);
  EXPECT_EQ(ws.entity_count(), 0u);
}

TEST_F(ReleaseTest, ARootInAnImportCycleIsNotReleased) {
  fs.add("b.terms", "import \"a.terms\";\nparty b \"B\";\n");
  Workspace& ws = workspace();
  const UnitId a = check("a.terms", "import \"b.terms\";\nparty a \"A\";\n");
  ASSERT_EQ(diags.all().size(), 1u);
  EXPECT_EQ(diags.all()[0].code, "E0203");
  EXPECT_FALSE(ws.release_root(a));
  EXPECT_TRUE(ws.lookup(a, "b"));
}

TEST_F(ReleaseTest, ARootThatImportsItselfIsReleased) {
  Workspace& ws = workspace();
  const UnitId a = check("a.terms", "import \"a.terms\";\nparty a \"A\";\n");
  ASSERT_EQ(diags.all().size(), 1u);
  EXPECT_TRUE(ws.release_root(a));
  EXPECT_EQ(sources.files_held(), 0u);
}

TEST_F(ReleaseTest, UnknownIdsAreRefused) {
  Workspace& ws = workspace();
  EXPECT_FALSE(ws.release_root(0));
  EXPECT_FALSE(ws.release_root(12345));
  EXPECT_FALSE(sources.release(0));
}

TEST(DiagnosticBagTake, MovesEverythingOutAndResetsTheCounts) {
  DiagnosticBag bag;
  bag.emit(make_diagnostic(DiagId::undefined_name, Span{}, "first"));
  bag.emit(make_diagnostic(DiagId::undefined_name, Span{}, "second"));
  ASSERT_TRUE(bag.has_errors());
  std::vector<Diagnostic> taken = bag.take();
  ASSERT_EQ(taken.size(), 2u);
  EXPECT_EQ(taken[0].message, "first");
  EXPECT_EQ(taken[1].message, "second");
  EXPECT_TRUE(bag.all().empty());
  EXPECT_EQ(bag.error_count(), 0u);
  EXPECT_FALSE(bag.has_errors());
  bag.emit(make_diagnostic(DiagId::undefined_name, Span{}, "third"));
  EXPECT_EQ(bag.error_count(), 1u);
  EXPECT_EQ(bag.take().size(), 1u);
}

}  // namespace
}  // namespace terms::testing
