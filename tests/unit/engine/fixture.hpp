#pragma once
// Helpers for the engine's unit tests: load term files from memory, pick a
// profile (built-in or written in the test), evaluate one agreement.
//
// Lifetime: an EngineFixture owns everything it loads; results and deals it
// returns refer to it and must not outlive it.

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "dsl/diagnostics.hpp"
#include "dsl/resolve.hpp"
#include "engine/deal.hpp"
#include "engine/evaluate.hpp"
#include "driver/run.hpp"
#include "memfs/memory_fs.hpp"

// The run's functions (select_profile, check_expectations...) moved from the
// engine to the driver layer; the engine's tests call them unqualified.
namespace terms::engine {
using namespace driver;  // NOLINT
}  // namespace terms::engine

namespace terms::engine::testing {

// The declarations most tests share: one sanctioned party with a nuclear and a
// ballistic program, four sanctions by two parties, a benefit, and an earlier
// agreement to build on.
inline constexpr const char* kLibrary = R"(
party dprk "DPRK";
party us "United States";
party unsc "UN Security Council";
verifier iaea "IAEA";
program dprk-nuclear of dprk kind nuclear "Nuclear program";
program dprk-missiles of dprk kind ballistic "Missile program";
facility yongbyon in dprk-nuclear "Yongbyon";
facility kangson in dprk-nuclear "Kangson";
facility sohae in dprk-missiles "Sohae";
sanction unsc-2397 by unsc "Resolution 2397";
sanction unsc-2375 by unsc "Resolution 2375";
sanction us-primary by us "US primary sanctions";
sanction us-secondary by us "US secondary sanctions";
benefit hfo by us "Heavy fuel oil";
agreement singapore-2018 "Singapore" {
  provide hfo;
}
)";

class EngineFixture {
 public:
  EngineFixture() : workspace_(sources_, fs_, diagnostics_) { fs_.add("lib.terms", kLibrary); }

  // Adds a file to the in-memory file system (imports resolve against it).
  void add_file(const std::string& path, const std::string& text) { fs_.add(path, text); }

  // Loads `text` as deal.terms, which imports lib.terms.
  UnitId load(const std::string& text, const std::string& path = "deal.terms") {
    fs_.add(path, "import \"lib.terms\";\n" + text);
    auto unit = workspace_.load_file(path);
    EXPECT_TRUE(unit.has_value());
    return unit.value_or(0);
  }

  // Compiles a built-in profile, or the first profile declared in `text`.
  const CompiledProfile& builtin(const std::string& name) {
    auto p = load_builtin_profile(name, sources_, diagnostics_);
    EXPECT_TRUE(p.has_value()) << "built-in profile " << name;
    profiles_.push_back(std::make_unique<CompiledProfile>(p ? std::move(*p) : CompiledProfile{}));
    return *profiles_.back();
  }
  std::optional<CompiledProfile> compile(const std::string& profile_text, const std::string& path = "profile.terms") {
    fs_.add(path, profile_text);
    auto unit = workspace_.load_file(path);
    if (!unit) return std::nullopt;
    const auto profiles = workspace_.unit(*unit).tree.profiles();
    if (profiles.empty()) return std::nullopt;
    return compile_profile(*profiles.front(), sources_, diagnostics_);
  }

  // Evaluates the agreement `name` of `unit` (the first one if empty).
  AgreementResult evaluate(UnitId unit, const CompiledProfile& profile, const std::string& name = "") {
    deals_.push_back(std::make_unique<Deal>(workspace_, unit, agreement(unit, name)));
    return engine::evaluate(profile, *deals_.back());
  }
  const Deal& deal(UnitId unit, const std::string& name = "") {
    deals_.push_back(std::make_unique<Deal>(workspace_, unit, agreement(unit, name)));
    return *deals_.back();
  }

  const ast::Agreement& agreement(UnitId unit, const std::string& name = "") {
    for (const ast::Agreement* a : workspace_.unit(unit).tree.agreements()) {
      if (name.empty() || a->name.name == name) return *a;
    }
    ADD_FAILURE() << "no agreement " << name;
    static const ast::Agreement none;
    return none;
  }

  DiagnosticBag& diagnostics() { return diagnostics_; }
  SourceManager& sources() { return sources_; }
  Workspace& workspace() { return workspace_; }

  // "E0401 3:11 message" for each diagnostic, to compare in one assertion.
  std::vector<std::string> diagnostic_lines() const {
    std::vector<std::string> out;
    for (const auto& d : diagnostics_.all()) {
      std::string where = "-";
      if (const SourceFile* f = d.span.valid() ? sources_.find(d.span.file) : nullptr) {
        const LineCol lc = f->line_col(d.span.begin);
        where = std::to_string(lc.line) + ":" + std::to_string(lc.column);
      }
      out.push_back(d.code + " " + where + " " + d.message);
    }
    return out;
  }

 private:
  SourceManager sources_;
  terms::testing::MemoryFileSystem fs_;
  DiagnosticBag diagnostics_;
  Workspace workspace_;
  std::vector<std::unique_ptr<CompiledProfile>> profiles_;
  std::vector<std::unique_ptr<Deal>> deals_;
};

// The ids of the conditions that fail.
inline std::set<std::string> failing(const AgreementResult& r) {
  std::set<std::string> out;
  for (const auto& c : r.conditions) {
    if (!c.holds) out.insert(c.id);
  }
  return out;
}

inline const ConditionResult& condition(const AgreementResult& r, const std::string& id) {
  const ConditionResult* c = r.find(id);
  if (!c) {
    ADD_FAILURE() << "no condition " << id;
    static const ConditionResult none;
    return none;
  }
  return *c;
}

}  // namespace terms::engine::testing
