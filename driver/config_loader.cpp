#include "driver/config_loader.hpp"

#include <filesystem>

#include <fmt/core.h>

#include "driver/inputs.hpp"

namespace terms::driver {

namespace fs = std::filesystem;

namespace {

std::string absolute_of(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec) p = fs::absolute(path).lexically_normal();
  return p.generic_string();
}

// How to show a configuration file found by the walk: relative to the
// current directory when it is below it, else absolute.
std::string shown_path(const std::string& absolute) {
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  if (ec) return absolute;
  const fs::path rel = fs::path(absolute).lexically_relative(cwd);
  const std::string r = rel.generic_string();
  if (r.empty() || r.starts_with("..")) return absolute;
  return r;
}

}  // namespace

ConfigLoader::ConfigLoader(std::optional<std::string> explicit_path) : explicit_path_(std::move(explicit_path)) {
  defaults_.settings = lint::Settings::defaults();
}

const LoadedConfig& ConfigLoader::load(const std::string& file, const std::string& shown) {
  const std::string key = absolute_of(file);
  if (auto it = by_file_.find(key); it != by_file_.end()) return *it->second;
  auto loaded = std::make_unique<LoadedConfig>();
  DiskFileSystem disk;
  std::string error;
  std::optional<std::string> text;
  const FileKind kind = disk.kind(file);
  if (kind == FileKind::regular) text = disk.read(file, error);
  if (!text) {
    Diagnostic d = make_diagnostic(DiagId::io_unreadable, Span{},
                                   kind == FileKind::missing
                                       ? fmt::format("cannot read configuration `{}`: no such file", shown)
                                       : kind == FileKind::regular
                                             ? fmt::format("cannot read configuration `{}`: {}", shown, error)
                                             : fmt::format("configuration `{}` is not a regular file", shown));
    d.path = shown;
    diagnostics_.push_back(std::move(d));
    loaded->has_errors = true;
    errors_ = true;
    loaded->settings = lint::Settings::defaults();
  } else {
    const SourceFile& source = sources_.add(shown, std::move(*text));
    DiagnosticBag bag;
    loaded->config = parse_config(source, fs::path(key).parent_path().generic_string(), lint::config_vocabulary(), bag);
    loaded->settings = lint::Settings::from(loaded->config);
    loaded->has_errors = bag.has_errors();
    errors_ = errors_ || bag.has_errors();
    for (Diagnostic& d : bag.all()) diagnostics_.push_back(std::move(d));
  }
  return *by_file_.emplace(key, std::move(loaded)).first->second;
}

const LoadedConfig& ConfigLoader::for_directory(const std::string& absolute_directory) {
  if (auto it = by_directory_.find(absolute_directory); it != by_directory_.end()) return *it->second;
  const LoadedConfig* found = &defaults_;
  std::vector<std::string> visited;
  for (fs::path dir(absolute_directory);; dir = dir.parent_path()) {
    const std::string d = dir.generic_string();
    if (auto it = by_directory_.find(d); it != by_directory_.end()) {
      found = it->second;
      break;
    }
    visited.push_back(d);
    std::error_code ec;
    const fs::path candidate = dir / kConfigFileName;
    if (fs::is_regular_file(candidate, ec)) {
      found = &load(candidate.generic_string(), shown_path(candidate.generic_string()));
      break;
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) break;
  }
  for (const std::string& d : visited) by_directory_[d] = found;
  return *found;
}

const LoadedConfig& ConfigLoader::for_input(const std::string& path) {
  if (explicit_path_) return load(*explicit_path_, *explicit_path_);
  if (path == kStdinPath) return for_directory(absolute_of("."));
  return for_directory(fs::path(absolute_of(path)).parent_path().generic_string());
}

bool ConfigLoader::ignored(const std::string& path) {
  if (path == kStdinPath) return false;
  const Config& config = for_input(path).config;
  if (config.ignore.empty() || config.directory.empty()) return false;
  const std::string rel = fs::path(absolute_of(path)).lexically_relative(config.directory).generic_string();
  if (rel.empty() || rel.starts_with("..")) return false;  // outside the configuration's directory
  return config.ignores(rel);
}

}  // namespace terms::driver
