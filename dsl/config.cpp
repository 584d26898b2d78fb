#include "dsl/config.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/json.hpp>

namespace terms {

std::string_view to_string(RuleLevel level) {
  switch (level) {
    case RuleLevel::off: return "off";
    case RuleLevel::info: return "info";
    case RuleLevel::warning: return "warning";
    case RuleLevel::error: return "error";
  }
  return "off";
}

std::optional<RuleLevel> parse_rule_level(std::string_view text) {
  if (text == "off") return RuleLevel::off;
  if (text == "info") return RuleLevel::info;
  if (text == "warning") return RuleLevel::warning;
  if (text == "error") return RuleLevel::error;
  return std::nullopt;
}

RuleLevel level_of_severity(Severity severity) {
  switch (severity) {
    case Severity::error: return RuleLevel::error;
    case Severity::warning: return RuleLevel::warning;
    case Severity::info:
    case Severity::note: return RuleLevel::info;
  }
  return RuleLevel::warning;
}

std::optional<Severity> severity_of_level(RuleLevel level) {
  switch (level) {
    case RuleLevel::off: return std::nullopt;
    case RuleLevel::info: return Severity::info;
    case RuleLevel::warning: return Severity::warning;
    case RuleLevel::error: return Severity::error;
  }
  return std::nullopt;
}

RuleLevel Config::level_of(std::string_view code, std::string_view category, RuleLevel fallback) const {
  if (auto it = rules.find(code); it != rules.end()) return it->second;
  if (auto it = categories.find(category); it != categories.end()) return it->second;
  return fallback;
}

// ---- globs ------------------------------------------------------------------------

namespace {

std::vector<std::string_view> split_segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::size_t end = slash == std::string_view::npos ? path.size() : slash;
    if (end > start) out.push_back(path.substr(start, end - start));  // skips empty segments
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

// `*` and `?` within one segment (no `/` on either side).
bool segment_match(std::string_view pattern, std::string_view text) {
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = std::string_view::npos;  // last `*` seen in the pattern
  std::size_t star_text = 0;                  // where the text was when it was seen
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_text = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++star_text;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool segments_match(const std::vector<std::string_view>& pattern, std::size_t pi,
                    const std::vector<std::string_view>& path, std::size_t ti) {
  if (pi == pattern.size()) return ti == path.size();
  if (pattern[pi] == "**") {
    // Zero or more segments; patterns are short, so plain backtracking is enough.
    for (std::size_t k = ti; k <= path.size(); ++k) {
      if (segments_match(pattern, pi + 1, path, k)) return true;
    }
    return false;
  }
  if (ti == path.size()) return false;
  return segment_match(pattern[pi], path[ti]) && segments_match(pattern, pi + 1, path, ti + 1);
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  while (pattern.size() > 1 && pattern.back() == '/') pattern.remove_suffix(1);
  if (pattern.starts_with("./")) pattern.remove_prefix(2);
  if (path.starts_with("./")) path.remove_prefix(2);
  const std::vector<std::string_view> segments = split_segments(path);
  if (pattern.find('/') == std::string_view::npos) {
    if (pattern == "**") return true;
    return std::any_of(segments.begin(), segments.end(),
                       [&](std::string_view s) { return segment_match(pattern, s); });
  }
  return segments_match(split_segments(pattern), 0, segments, 0);
}

bool Config::ignores(std::string_view relative_path) const {
  if (ignore.empty()) return false;
  // The path itself and every directory above it, so that `vendor/lib` also
  // ignores everything under it.
  std::vector<std::string_view> candidates;
  for (std::size_t slash = relative_path.find('/'); slash != std::string_view::npos;
       slash = relative_path.find('/', slash + 1)) {
    if (slash > 0) candidates.push_back(relative_path.substr(0, slash));
  }
  candidates.push_back(relative_path);
  for (const std::string& pattern : ignore) {
    for (std::string_view c : candidates) {
      if (glob_match(pattern, c)) return true;
    }
  }
  return false;
}

// ---- positions of keys and values ----------------------------------------------------
//
// nlohmann_json parses the values but does not say where a key is, so a small
// index built with PEGTL's JSON grammar maps each JSON pointer ("/rules/L001")
// to the spans of its key and its value. It runs only on text that nlohmann
// has already accepted.

namespace {

namespace pegtl = tao::pegtl;
namespace pj = tao::pegtl::json;

struct Located {
  Span key;    // the key with its quotes; invalid for array elements and the root
  Span value;  // the value
};

// The deepest nesting of `[` and `{` outside strings. The index pass below
// (PEGTL's JSON grammar) recurses once per level, so 100,000 `[` would
// exhaust the stack; a configuration nests three levels, so the index is
// skipped past kMaxIndexDepth and positions fall back to the whole file.
constexpr std::size_t kMaxIndexDepth = 64;
std::size_t nesting_depth(std::string_view text) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

struct IndexState {
  struct Frame {
    bool object = false;
    std::string key;
    Span key_span;
    std::size_t index = 0;
    std::set<std::string> seen;
  };

  FileId file = kNoFile;
  std::uint32_t base = 0;  // bytes skipped before the parsed input (a BOM)
  std::vector<Frame> stack;
  std::map<std::string, Located> entries;
  std::vector<std::pair<std::string, Span>> duplicates;  // (key, span of the later key)

  template <typename Input>
  Span span_of(const Input& in) const {
    const auto begin = static_cast<std::uint32_t>(in.iterator().byte) + base;
    return Span{file, begin, begin + static_cast<std::uint32_t>(in.size())};
  }

  std::string pointer() const {
    std::string out;
    for (const Frame& f : stack) {
      out += '/';
      if (!f.object) {
        out += std::to_string(f.index);
        continue;
      }
      for (char c : f.key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
      }
    }
    return out;
  }
};

// A JSON string literal, decoded (the text has been validated already).
std::string decode_key(const std::string& literal) {
  const nlohmann::json v = nlohmann::json::parse(literal, nullptr, false);
  return v.is_string() ? v.get<std::string>() : literal;
}

template <typename Rule>
struct index_action : pegtl::nothing<Rule> {};

template <>
struct index_action<pj::begin_object> {
  static void apply0(IndexState& st) { st.stack.push_back(IndexState::Frame{true, {}, {}, 0, {}}); }
};
template <>
struct index_action<pj::begin_array> {
  static void apply0(IndexState& st) { st.stack.push_back(IndexState::Frame{false, {}, {}, 0, {}}); }
};
template <>
struct index_action<pj::end_object> {
  static void apply0(IndexState& st) { st.stack.pop_back(); }
};
template <>
struct index_action<pj::end_array> {
  static void apply0(IndexState& st) { st.stack.pop_back(); }
};
template <>
struct index_action<pj::key> {
  template <typename Input>
  static void apply(const Input& in, IndexState& st) {
    IndexState::Frame& f = st.stack.back();
    // The key as nlohmann sees it (escapes decoded), so lookups agree.
    f.key = decode_key(in.string());
    f.key_span = st.span_of(in);
    if (!f.seen.insert(f.key).second) st.duplicates.emplace_back(f.key, f.key_span);
  }
};
template <>
struct index_action<pj::value> {
  template <typename Input>
  static void apply(const Input& in, IndexState& st) {
    Located& e = st.entries[st.pointer()];
    e.value = st.span_of(in);
    if (!st.stack.empty() && st.stack.back().object) e.key = st.stack.back().key_span;
  }
};
template <>
struct index_action<pj::array_element> {
  static void apply0(IndexState& st) { ++st.stack.back().index; }
};

struct json_file : pegtl::seq<pj::text, pegtl::eof> {};

// ---- the parser -------------------------------------------------------------------------

constexpr std::string_view kKeys[] = {"$schema", "categories", "docs_url", "ignore", "profile", "root", "rules"};

std::string pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

using Json = nlohmann::ordered_json;

std::string_view type_name(const Json& v) {
  if (v.is_object()) return "an object";
  if (v.is_array()) return "an array";
  if (v.is_string()) return "a string";
  if (v.is_boolean()) return "a boolean";
  if (v.is_null()) return "null";
  return "a number";
}

class ConfigParser {
 public:
  ConfigParser(const SourceFile& source, const ConfigVocabulary& vocabulary, DiagnosticSink& sink)
      : source_(source), vocabulary_(vocabulary), sink_(sink) {}

  Config run(std::string directory) {
    Config config;
    config.path = source_.path();
    config.directory = std::move(directory);

    Json root;
    try {
      root = Json::parse(source_.text());
    } catch (const Json::parse_error& e) {
      report_syntax(e);
      return config;
    } catch (const Json::out_of_range& e) {
      // A number too large for a double, like `1E400` (found by fuzz_config).
      report_number_overflow(e);
      return config;
    }
    build_index();
    for (const auto& [key, span] : index_.duplicates) {
      Diagnostic d = make_diagnostic(DiagId::config_duplicate_key, span,
                                     fmt::format("key `{}` appears twice in the same object", key));
      d.with_label("this one wins").with_help("remove one of them");
      sink_.emit(std::move(d));
    }
    if (!root.is_object()) {
      invalid(value_span(""), fmt::format("the configuration must be a JSON object, not {}", type_name(root)),
              "write `{}` with the settings inside");
      return config;
    }
    for (const auto& [key, value] : root.items()) {
      const std::string ptr = "/" + pointer_token(key);
      if (key == "$schema") {
        expect_string(ptr, key, value);
      } else if (key == "profile") {
        if (expect_string(ptr, key, value)) config.profile = value.get<std::string>();
      } else if (key == "root") {
        if (expect_string(ptr, key, value)) config.root = value.get<std::string>();
      } else if (key == "docs_url") {
        if (expect_string(ptr, key, value)) {
          std::string url = value.get<std::string>();
          while (!url.empty() && url.back() == '/') url.pop_back();
          config.docs_url = std::move(url);
        }
      } else if (key == "ignore") {
        parse_ignore(ptr, value, config);
      } else if (key == "rules") {
        parse_rules(ptr, value, config);
      } else if (key == "categories") {
        parse_categories(ptr, value, config);
      } else {
        unknown_key(ptr, key, {std::begin(kKeys), std::end(kKeys)}, "a setting");
      }
    }
    return config;
  }

 private:
  void build_index() {
    std::string_view text = source_.text();
    index_.file = source_.id();
    if (text.starts_with("\xEF\xBB\xBF")) {
      text.remove_prefix(3);
      index_.base = 3;
    }
    if (nesting_depth(text) > kMaxIndexDepth) return;
    pegtl::memory_input<> in(text.data(), text.size(), source_.path());
    try {
      if (!pegtl::parse<json_file, index_action>(in, index_)) index_.entries.clear();
    } catch (const std::exception&) {
      index_.entries.clear();  // positions fall back to the whole file
    }
  }

  Span whole_file() const {
    return Span{source_.id(), 0, static_cast<std::uint32_t>(std::min<std::size_t>(source_.text().size(), 1))};
  }
  Span key_span(const std::string& ptr) const {
    auto it = index_.entries.find(ptr);
    if (it == index_.entries.end()) return whole_file();
    return it->second.key.valid() ? it->second.key : it->second.value;
  }
  Span value_span(const std::string& ptr) const {
    auto it = index_.entries.find(ptr);
    return it == index_.entries.end() ? whole_file() : it->second.value;
  }

  void report_syntax(const Json::parse_error& e) {
    // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..." -> "syntax error ..."
    std::string what = e.what();
    if (auto colon = what.find(": "); colon != std::string::npos && what.starts_with("[json.exception")) {
      what = what.substr(colon + 2);
    }
    const std::size_t size = source_.text().size();
    const std::size_t at = e.byte == 0 ? 0 : std::min(e.byte - 1, size);
    const auto begin = static_cast<std::uint32_t>(at);
    const auto end = static_cast<std::uint32_t>(std::min(at + 1, size));
    Diagnostic d = make_diagnostic(DiagId::config_invalid_json, Span{source_.id(), begin, end},
                                   fmt::format("`{}` is not valid JSON", source_.path()));
    d.with_label(what).with_help("the configuration is one JSON object, like `{\"rules\": {\"missing-title\": \"off\"}}`");
    sink_.emit(std::move(d));
  }

  void report_number_overflow(const Json::out_of_range& e) {
    // "... number overflow parsing '1E400'": point at the first such number.
    const std::string what = e.what();
    std::string number;
    if (auto open = what.find("parsing '"); open != std::string::npos) {
      const auto start = open + 9;
      if (auto close = what.find('\'', start); close != std::string::npos) number = what.substr(start, close - start);
    }
    const std::string_view text = source_.text();
    const std::size_t at = number.empty() ? std::string_view::npos : text.find(number);
    const auto begin = static_cast<std::uint32_t>(at == std::string_view::npos ? 0 : at);
    const auto end = static_cast<std::uint32_t>(
        at == std::string_view::npos ? std::min<std::size_t>(1, text.size()) : at + number.size());
    Diagnostic d = make_diagnostic(DiagId::config_invalid_json, Span{source_.id(), begin, end},
                                   fmt::format("`{}` is not valid JSON", source_.path()));
    d.with_label("this number is too large").with_help("no setting takes a number this large; write a smaller one");
    sink_.emit(std::move(d));
  }

  void invalid(Span span, std::string message, std::string help) {
    Diagnostic d = make_diagnostic(DiagId::config_invalid_value, span, std::move(message));
    if (!help.empty()) d.with_help(std::move(help));
    sink_.emit(std::move(d));
  }

  bool expect_string(const std::string& ptr, std::string_view key, const Json& value) {
    if (value.is_string()) return true;
    invalid(value_span(ptr), fmt::format("`{}` must be a string, not {}", key, type_name(value)),
            fmt::format("write `\"{}\": \"...\"`", key));
    return false;
  }

  void unknown_key(const std::string& ptr, const std::string& key, const std::vector<std::string_view>& known,
                   std::string_view what) {
    Diagnostic d = make_diagnostic(DiagId::config_unknown_key, key_span(ptr), fmt::format("unknown key `{}`", key));
    d.with_label(fmt::format("not {} that Terms knows", what));
    if (auto best = closest_match(key, known)) {
      d.with_help(fmt::format("did you mean `{}`?", *best));
    } else {
      std::string list;
      for (std::string_view k : known) list += fmt::format("{}`{}`", list.empty() ? "" : ", ", k);
      d.with_help(fmt::format("the keys are {}", list));
    }
    sink_.emit(std::move(d));
  }

  void parse_ignore(const std::string& ptr, const Json& value, Config& config) {
    if (!value.is_array()) {
      invalid(value_span(ptr), fmt::format("`ignore` must be an array of glob strings, not {}", type_name(value)),
              "write `\"ignore\": [\"drafts\", \"vendor/**\"]`");
      return;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      const Json& g = value[i];
      const std::string item = fmt::format("{}/{}", ptr, i);
      if (!g.is_string()) {
        invalid(value_span(item), fmt::format("an `ignore` glob must be a string, not {}", type_name(g)),
                "write the glob in quotes, such as `\"drafts/**\"`");
      } else if (g.get<std::string>().empty()) {
        invalid(value_span(item), "an `ignore` glob is empty", "remove it, or write a glob such as `drafts/**`");
      } else {
        config.ignore.push_back(g.get<std::string>());
      }
    }
  }

  std::optional<RuleLevel> level_value(const std::string& ptr, const Json& value) {
    static constexpr std::string_view kLevels[] = {"error", "warning", "info", "off"};
    if (!value.is_string()) {
      invalid(value_span(ptr), fmt::format("a rule level must be a string, not {}", type_name(value)),
              "use one of `error`, `warning`, `info`, `off`");
      return std::nullopt;
    }
    const std::string text = value.get<std::string>();
    if (auto level = parse_rule_level(text)) return level;
    auto best = closest_match(text, {std::begin(kLevels), std::end(kLevels)});
    if (text == "warn") best = "warning";
    Diagnostic d = make_diagnostic(DiagId::config_invalid_value, value_span(ptr),
                                   fmt::format("`{}` is not a rule level", text));
    if (best) d.with_help(fmt::format("did you mean `{}`?", *best));
    d.with_help("the levels are `error`, `warning`, `info` and `off`");
    sink_.emit(std::move(d));
    return std::nullopt;
  }

  void parse_rules(const std::string& ptr, const Json& value, Config& config) {
    if (!value.is_object()) {
      invalid(value_span(ptr), fmt::format("`rules` must be an object, not {}", type_name(value)),
              "write `\"rules\": {\"missing-title\": \"off\"}`");
      return;
    }
    for (const auto& [key, level] : value.items()) {
      const std::string item = ptr + "/" + pointer_token(key);
      const ConfigVocabulary::RuleName* rule = nullptr;
      for (const auto& r : vocabulary_.rules) {
        if (r.code == key || r.name == key) rule = &r;
      }
      if (rule == nullptr) {
        std::vector<std::string_view> names;
        for (const auto& r : vocabulary_.rules) {
          names.push_back(r.name);
          names.push_back(r.code);
        }
        Diagnostic d = make_diagnostic(DiagId::config_unknown_rule, key_span(item),
                                       fmt::format("unknown lint rule `{}`", key));
        if (auto best = closest_match(key, names)) {
          d.with_help(fmt::format("did you mean `{}`?", *best));
        } else {
          d.with_help("`terms lint --list-rules` lists the rules by code and name");
        }
        sink_.emit(std::move(d));
        continue;
      }
      if (auto l = level_value(item, level)) config.rules[std::string(rule->code)] = *l;
    }
  }

  void parse_categories(const std::string& ptr, const Json& value, Config& config) {
    if (!value.is_object()) {
      invalid(value_span(ptr), fmt::format("`categories` must be an object, not {}", type_name(value)),
              "write `\"categories\": {\"style\": \"info\"}`");
      return;
    }
    for (const auto& [key, level] : value.items()) {
      const std::string item = ptr + "/" + pointer_token(key);
      if (std::find(vocabulary_.categories.begin(), vocabulary_.categories.end(), key) ==
          vocabulary_.categories.end()) {
        Diagnostic d = make_diagnostic(DiagId::config_unknown_rule, key_span(item),
                                       fmt::format("unknown rule category `{}`", key));
        if (auto best = closest_match(key, vocabulary_.categories)) {
          d.with_help(fmt::format("did you mean `{}`?", *best));
        } else {
          std::string list;
          for (std::string_view c : vocabulary_.categories) list += fmt::format("{}`{}`", list.empty() ? "" : ", ", c);
          d.with_help(fmt::format("the categories are {}", list));
        }
        sink_.emit(std::move(d));
        continue;
      }
      if (auto l = level_value(item, level)) config.categories[key] = *l;
    }
  }

  const SourceFile& source_;
  const ConfigVocabulary& vocabulary_;
  DiagnosticSink& sink_;
  IndexState index_;
};

}  // namespace

// At most this many diagnostics per configuration, as `--max-errors` bounds
// a term file's: 50,000 duplicate or unknown keys must not print 50,000
// diagnostics (each of which shows the line, maybe a megabyte long).
constexpr std::size_t kMaxConfigDiagnostics = 100;

Config parse_config(const SourceFile& source, std::string directory, const ConfigVocabulary& vocabulary,
                    DiagnosticSink& sink) {
  DiagnosticBag found;
  Config config = ConfigParser(source, vocabulary, found).run(std::move(directory));
  std::vector<Diagnostic>& all = found.all();
  if (all.size() > kMaxConfigDiagnostics) {
    const std::size_t more = all.size() - kMaxConfigDiagnostics;
    // An error among those cut still makes the configuration unusable, so
    // the first of them takes the last place (when none shown is an error).
    const auto last = all.begin() + kMaxConfigDiagnostics - 1;
    const auto is_error = [](const Diagnostic& d) { return d.severity == Severity::error; };
    if (std::none_of(all.begin(), last + 1, is_error)) {
      if (auto cut = std::find_if(last + 1, all.end(), is_error); cut != all.end()) *last = std::move(*cut);
    }
    last->with_note(fmt::format("{} more diagnostics in `{}` are not shown", more, source.path()));
    all.resize(kMaxConfigDiagnostics);
  }
  for (Diagnostic& d : all) sink.emit(std::move(d));
  return config;
}

}  // namespace terms
