#include "lsp/passes.hpp"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>

#include "dsl/fmt/format.hpp"
#include "dsl/library_root.hpp"
#include "dsl/lint/lint.hpp"
#include "engine/evaluate.hpp"
#include "driver/run.hpp"
#include "engine/verdict_diagnostics.hpp"

namespace terms::lsp {

Settings settings_for_path(const FileSystem& fs, const std::string& document_path) {
  Settings settings;
  // The nearest terms.json above the document (the same walk as the CLI's).
  const std::string document_dir = std::filesystem::path(document_path).parent_path().generic_string();
  if (document_dir.empty()) return settings;
  const std::optional<std::string> found = find_config_file(fs, document_dir);
  if (!found) return settings;
  settings.config_path = *found;
  const std::filesystem::path dir = std::filesystem::path(*found).parent_path();
  std::string error;
  std::optional<std::string> text = fs.read(settings.config_path, error);
  if (!text) {
    settings.config_problems.push_back(fmt::format("{}: cannot read it: {}", settings.config_path, error));
    return settings;
  }
  SourceManager sources;
  DiagnosticBag problems;
  const SourceFile& file = sources.add(settings.config_path, std::move(*text));
  settings.config = parse_config(file, dir.generic_string(), lint::config_vocabulary(), problems);
  for (const Diagnostic& d : problems.all()) {
    const LineCol lc = d.span.valid() ? file.line_col(d.span.begin) : LineCol{};
    settings.config_problems.push_back(fmt::format("{}:{}:{}: {}", settings.config_path, lc.line, lc.column, d.message));
  }
  if (settings.config.profile) {
    settings.profile = *settings.config.profile;
    // A profile file named in terms.json is relative to terms.json.
    const std::filesystem::path named(settings.profile);
    if (named.extension() == ".terms" && named.is_relative()) {
      settings.profile = (dir / named).lexically_normal().generic_string();
    }
  }
  return settings;
}

namespace {

// A problem with terms.json, shown at the top of the document it governs.
void report_config_problems(Analysis& analysis, const Settings& settings) {
  if (settings.config_problems.empty()) return;
  Diagnostic d;
  d.severity = Severity::warning;
  d.category = "config";
  d.span = Span{analysis.root_source().id(), 0, 0};
  d.message = fmt::format("`{}` has {} {}; the first: {}", settings.config_path, settings.config_problems.size(),
                          settings.config_problems.size() == 1 ? "problem" : "problems",
                          settings.config_problems.front());
  d.with_help("run `terms lint` in a terminal to see every problem");
  analysis.mutable_diagnostics().emit(std::move(d));
}

void lint(Analysis& analysis, const Settings& settings) {
  const lint::Settings levels = lint::Settings::from(settings.config);
  lint::lint_unit(analysis.workspace(), analysis.root(), levels, analysis.mutable_diagnostics());
}

// A 64-bit fingerprint, fed piece by piece (each piece with its length, so
// that "ab"+"c" and "a"+"bc" differ).
class Fingerprint {
 public:
  void add(std::string_view bytes) {
    add_number(bytes.size());
    add_number(std::hash<std::string_view>{}(bytes));
  }
  void add_number(std::uint64_t n) {
    // boost::hash_combine's mixing, widened to 64 bits.
    h_ ^= n + 0x9e3779b97f4a7c15ull + (h_ << 12) + (h_ >> 4);
  }
  std::uint64_t value() const { return h_; }

 private:
  std::uint64_t h_ = 0xcbf29ce484222325ull;
};

// Everything an agreement's result depends on besides its own text: the
// other files (imports, a profile file), the root file outside its
// agreements, the names of the root's agreements (what `builds_on` finds),
// and the profile.
std::uint64_t context_of(const Analysis& analysis, const Settings& settings, const engine::CompiledProfile& profile) {
  Fingerprint f;
  f.add(settings.profile);
  f.add(profile.name);
  // The profile's own text (a built-in profile's is in no unit; one in the
  // root file would otherwise make every edit of the file count).
  if (const SourceFile* file = analysis.sources().find(profile.span.file)) {
    f.add(file->path());
    if (profile.span.begin <= profile.span.end && profile.span.end <= file->text().size()) {
      f.add(file->text().substr(profile.span.begin, profile.span.size()));
    } else {
      f.add(file->text());
    }
  }
  const Workspace& ws = analysis.workspace();
  for (UnitId u = 0; u < ws.unit_count(); ++u) {
    if (u == analysis.root()) continue;
    const Unit& unit = ws.unit(u);
    f.add(unit.canonical_path);
    f.add(unit.source->path());
    f.add(unit.source->text());
  }
  const std::string_view text = analysis.root_source().text();
  f.add(analysis.root_source().path());
  std::uint32_t at = 0;
  for (const ast::Agreement* a : analysis.root_unit().tree.agreements()) {
    if (a->span.begin < at || a->span.end > text.size()) return 0;  // not expected; 0 never matches a cache
    f.add(text.substr(at, a->span.begin - at));
    f.add(a->name.name);
    at = a->span.end;
  }
  f.add(text.substr(at));
  // 0 marks "no context"; a real fingerprint of 0 only costs a full evaluation.
  return f.value();
}

// How positions of the cached text map to the new one: bytes before `prefix`
// and from `old_tail` on (old offsets) are unchanged, the latter moved by
// `delta`; the bytes between changed. Other files map by path.
struct Remap {
  FileId old_root = kNoFile;
  FileId new_root = kNoFile;
  std::uint32_t prefix = 0;
  std::uint32_t old_tail = 0;
  std::uint32_t new_tail = 0;
  std::int64_t delta = 0;
  std::vector<FileId> files;  // old id -> new id (kNoFile: gone)

  bool apply(Span& s) const {
    if (!s.valid()) return true;
    if (s.file == old_root) {
      if (s.end <= prefix) {
        // unchanged and unmoved
      } else if (s.begin >= old_tail) {
        s.begin = static_cast<std::uint32_t>(s.begin + delta);
        s.end = static_cast<std::uint32_t>(s.end + delta);
      } else {
        return false;  // touches the changed bytes
      }
      s.file = new_root;
      return true;
    }
    if (s.file >= files.size() || files[s.file] == kNoFile) return false;
    s.file = files[s.file];
    return true;
  }

  bool apply(engine::AgreementResult& r) const {
    if (!apply(r.name_span)) return false;
    for (auto& c : r.conditions) {
      if (!apply(c.condition_span)) return false;
      for (auto& e : c.evidence) {
        if (!apply(e.span)) return false;
      }
    }
    return true;
  }
};

Remap remap_for(const PassCache& cache, const Analysis& analysis) {
  Remap m;
  const std::string_view before = cache.text;
  const std::string_view after = analysis.root_source().text();
  const std::size_t limit = std::min(before.size(), after.size());
  std::size_t prefix = 0;
  while (prefix < limit && before[prefix] == after[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < limit - prefix && before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix]) ++suffix;
  m.old_root = cache.root;
  m.new_root = analysis.root_source().id();
  m.prefix = static_cast<std::uint32_t>(prefix);
  m.old_tail = static_cast<std::uint32_t>(before.size() - suffix);
  m.new_tail = static_cast<std::uint32_t>(after.size() - suffix);
  m.delta = static_cast<std::int64_t>(after.size()) - static_cast<std::int64_t>(before.size());
  std::unordered_map<std::string_view, FileId> by_path;
  const SourceManager& sources = analysis.sources();
  for (FileId id = 0; id < sources.size(); ++id) {
    if (id != m.new_root) by_path.emplace(sources.get(id).path(), id);
  }
  m.files.assign(cache.paths.size(), kNoFile);
  for (FileId id = 0; id < cache.paths.size(); ++id) {
    if (id == cache.root) continue;
    if (auto it = by_path.find(cache.paths[id]); it != by_path.end()) m.files[id] = it->second;
  }
  return m;
}

// The result of every agreement of the root file (file order), null when the
// file or an import has errors. Results the cache holds for this text are
// moved out of it (their spans moved to the new text); the others are
// evaluated. store_results() puts them back once the diagnostics are made.
std::vector<std::optional<engine::AgreementResult>> agreement_results(Analysis& analysis,
                                                                      const engine::CompiledProfile& profile,
                                                                      PassCache* cache, std::uint64_t context) {
  const Workspace& ws = analysis.workspace();
  const UnitId root = analysis.root();
  const std::vector<const ast::Agreement*> agreements = ws.unit(root).tree.agreements();
  std::vector<std::optional<engine::AgreementResult>> results(agreements.size());
  if (cache && cache->valid && context != 0 && cache->context == context) {
    const Remap m = remap_for(*cache, analysis);
    for (std::size_t i = 0; i < agreements.size(); ++i) {
      const Span now = agreements[i]->span;
      // The agreement must lie wholly before or after the changed bytes.
      std::int64_t shift = 0;
      if (now.end <= m.prefix) {
        shift = 0;
      } else if (now.begin >= m.new_tail) {
        shift = m.delta;
      } else {
        continue;
      }
      auto node = cache->entries.extract(static_cast<std::uint32_t>(now.begin - shift));
      if (node.empty() || static_cast<std::int64_t>(node.mapped().end) != static_cast<std::int64_t>(now.end) - shift) {
        continue;
      }
      engine::AgreementResult& cached = node.mapped().result;
      if (!m.apply(cached)) continue;
      results[i] = std::move(cached);
      ++cache->reused;
    }
  }
  for (std::size_t i = 0; i < agreements.size(); ++i) {
    if (results[i]) continue;
    const engine::Deal deal(ws, root, *agreements[i]);
    results[i] = engine::evaluate(profile, deal);
    if (cache) ++cache->evaluated;
  }
  return results;
}

void store_results(PassCache& cache, const Analysis& analysis, std::uint64_t context,
                   std::vector<std::optional<engine::AgreementResult>>& results) {
  const std::vector<const ast::Agreement*> agreements = analysis.root_unit().tree.agreements();
  cache.valid = context != 0;
  cache.context = context;
  cache.text = std::string(analysis.root_source().text());
  cache.root = analysis.root_source().id();
  cache.paths.clear();
  for (FileId id = 0; id < analysis.sources().size(); ++id) cache.paths.push_back(analysis.sources().get(id).path());
  cache.entries.clear();
  for (std::size_t i = 0; i < agreements.size() && i < results.size(); ++i) {
    if (!results[i]) continue;
    cache.entries.insert_or_assign(agreements[i]->span.begin,
                                   PassCache::Entry{agreements[i]->span.end, std::move(*results[i])});
  }
}

void verdicts(Analysis& analysis, const Settings& settings, PassCache* cache) {
  DiagnosticBag& sink = analysis.mutable_diagnostics();
  bool usage_error = false;
  const ast::Profile* attempted = nullptr;
  auto selected = driver::select_profile(settings.profile, analysis.mutable_workspace(), analysis.mutable_sources(),
                                         sink, usage_error, &attempted);
  // The other profiles the files declare, so that their errors show too.
  driver::compile_declared_profiles(analysis.workspace(), analysis.sources(), sink, attempted);
  if (!selected) return;
  const engine::CompiledProfile& profile = selected->profile;
  // The server has no --profile: the run's profile is the default one.
  const std::string default_profile = driver::default_profile_name(settings.profile);
  for (const auto& c : profile.conditions) analysis.known_conditions.emplace_back(c.id, c.statement);
  const std::vector<const ast::Agreement*> agreements = analysis.root_unit().tree.agreements();
  // As driver::evaluate_roots: an agreement whose file or imports have errors
  // is not evaluated (and the cache waits for a text without errors).
  const bool broken = analysis.workspace().has_errors(analysis.root());
  if (cache) {
    cache->reused = 0;
    cache->evaluated = 0;
  }
  const std::uint64_t context = cache && !broken ? context_of(analysis, settings, profile) : 0;
  std::vector<std::optional<engine::AgreementResult>> results(agreements.size());
  if (!broken) results = agreement_results(analysis, profile, cache, context);
  for (std::size_t i = 0; i < agreements.size(); ++i) {
    const ast::Agreement& agreement = *agreements[i];
    Analysis::AgreementVerdict v;
    v.agreement = &agreement;
    v.profile = profile.name;
    if (const auto& result = results[i]) {
      v.verdict = std::string(engine::to_string(result->verdict));
      for (const auto& c : result->conditions) {
        v.conditions.push_back({c.id, c.statement, c.reason, c.holds, c.severity == ast::ConditionSeverity::require});
      }
      engine::verdict_diagnostics(agreement, *result, analysis.root_source().id(), analysis.mutable_diagnostics(),
                                  default_profile);
      // As `terms check`: the lines for this profile, E0502 for each mismatch.
      (void)driver::enforce_expectations(agreement, *result, profile, default_profile, sink);
    }
    analysis.verdicts.push_back(std::move(v));
  }
  if (cache && !broken) store_results(*cache, analysis, context, results);
}

}  // namespace

void run_passes(Analysis& analysis, const Settings& settings, PassCache* cache) {
  report_config_problems(analysis, settings);
  lint(analysis, settings);
  verdicts(analysis, settings, cache);
}

bool formatting_available() { return true; }

std::optional<json> format_edits(const Analysis& analysis, std::string& error) {
  const SourceFile& source = analysis.root_source();
  std::optional<std::string> formatted = format_file(analysis.root_unit().tree, source);
  if (!formatted) {
    error = "the file has syntax errors; fix them before formatting";
    return std::nullopt;
  }
  const std::string_view before = source.text();
  const std::string_view after = *formatted;
  json edits = json::array();
  if (before == after) return edits;
  // One edit covering only what differs, so the editor keeps the cursor and
  // folds elsewhere. Cut at UTF-8 character boundaries.
  auto continuation = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; };
  std::size_t prefix = 0;
  const std::size_t limit = std::min(before.size(), after.size());
  while (prefix < limit && before[prefix] == after[prefix]) ++prefix;
  while (prefix > 0 && prefix < before.size() && continuation(before[prefix])) --prefix;
  std::size_t suffix = 0;
  while (suffix < limit - prefix && before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix]) ++suffix;
  while (suffix > 0 && continuation(before[before.size() - suffix])) --suffix;
  const auto begin = static_cast<std::uint32_t>(prefix);
  const auto end = static_cast<std::uint32_t>(before.size() - suffix);
  edits.push_back(json{{"range", range_of(source, begin, end)},
                       {"newText", std::string(after.substr(prefix, after.size() - suffix - prefix))}});
  return edits;
}

}  // namespace terms::lsp
