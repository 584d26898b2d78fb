#pragma once
// A generator of term files for the formatter's tests and benchmark: valid
// syntax, every form of the language, and comments and whitespace in odd
// places (between any two tokens, inside target lists, before `;` and `{`,
// trailing and on their own lines), CRLF line ends, byte order marks, long
// target lists, and `# terms: fmt off` regions.
//
// Deterministic: the same seed gives the same file on every platform (its own
// SplitMix64 generator; no <random> distributions, whose output is
// implementation-defined). Header-only, so that a test, the benchmark and the
// tools/gen-corpus command line can include it without a library.
//
// The files are syntactically valid; the names in them need not resolve
// (clauses name facilities and sanctions that may not be declared), which is
// what a formatter meets in files being edited.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace terms::corpus {

// SplitMix64: small, fast, and the same everywhere.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform-enough integer in [0, n).
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
  // True with probability percent / 100.
  bool chance(unsigned percent) { return below(100) < percent; }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }

 private:
  std::uint64_t state_;
};

struct Options {
  unsigned comment_percent = 12;   // chance of a comment between two tokens
  unsigned newline_percent = 10;   // chance of a line break between two tokens
  unsigned agreements = 3;         // at most this many agreements
  unsigned declarations = 14;      // at most this many declarations
  bool allow_crlf = true;
  bool allow_bom = true;
  bool allow_fmt_off = true;
  bool allow_profiles = true;
};

namespace detail {

inline const std::vector<std::string>& names() {
  static const std::vector<std::string> v = {
      "dprk", "us", "unsc", "iaea", "yongbyon", "sohae", "punggye-ri", "kangson", "tonghae",
      "unsc-2397", "unsc-2270", "unsc-2321", "unsc-1718", "us-primary", "us-caatsa", "hfo",
      "liaison_offices", "dprk-nuclear", "dprk-missiles", "x", "freeze", "step-2", "a_b-c"};
  return v;
}

inline const std::vector<std::string>& comment_words() {
  static const std::vector<std::string> v = {
      "note", "see the article", "TODO: check", "# doubled", "\"quoted\" ; { } ,", "ünïcödé — 朝鮮",
      "trailing spaces   ", "tab\there", "terms: fmt", "", "sanctions all;", "step x {"};
  return v;
}

// Builds one file: items are token lists, joined with random separators.
// `prefix` then `rest`, appended in place: g++ 12 at -O3 warns (-Wrestrict,
// a false positive) on `"literal" + std::string`, which breaks the Release
// build with warnings as errors.
inline std::string cat(std::string_view prefix, const std::string& rest) {
  std::string s(prefix);
  s += rest;
  return s;
}

class Writer {
 public:
  Writer(Rng& rng, const Options& options) : rng_(rng), options_(options) {}

  std::string comment() {
    std::string c = "#";
    if (!rng_.chance(10)) c += ' ';
    c += rng_.pick(comment_words());
    if (rng_.chance(30)) c += cat(" ", std::to_string(rng_.below(1000)));
    return c;
  }

  // What goes between two tokens: at least one space when both are words.
  std::string separator(bool need_space) {
    std::string s;
    const auto r = rng_.below(100);
    if (r < options_.comment_percent) {
      s += rng_.chance(50) ? " " : "";
      if (rng_.chance(50)) {
        s += comment() + "\n";  // trailing comment
      } else {
        // The same order of draws as the `+` chain this replaced (g++ evaluated its operands right to left).
        const std::string text = comment();
        const std::string ind = indent();
        s += '\n';  // own-line comment
        s += ind;
        s += text;
        s += '\n';
      }
      s += indent();
    } else if (r < options_.comment_percent + options_.newline_percent) {
      s += rng_.chance(20) ? "\n\n" : "\n";
      s += indent();
    } else if (need_space || rng_.chance(20)) {
      s += rng_.chance(85) ? " " : (rng_.chance(50) ? "\t" : "   ");
    }
    return s;
  }

  std::string indent() {
    static const char* kIndents[] = {"", " ", "  ", "    ", "\t", "      "};
    return kIndents[rng_.below(6)];
  }

  static bool is_punct(std::string_view t) { return t == "," || t == ";" || t == "{" || t == "}" || t == ":"; }

  // Joins tokens with separators; no space is needed next to punctuation.
  std::string join(const std::vector<std::string>& tokens) {
    std::string s;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      if (i > 0) s += separator(!is_punct(tokens[i]) && !is_punct(tokens[i - 1]));
      s += tokens[i];
    }
    return s;
  }

  std::string name() { return rng_.pick(names()); }

  std::string title() {
    static const std::vector<std::string> v = {
        "\"Yongbyon Nuclear Scientific Research Center\"", "\"\"", "\"with \\\"quotes\\\" and \\\\\"",
        "\"# not a comment; { }\"", "\"Democratic People's Republic of Korea\"", "\"朝鮮民主主義人民共和国\"",
        "\"A rather long title that goes on and on, to push a declaration past the hundredth column\""};
    return rng_.pick(v);
  }

  std::vector<std::string> declaration() {
    switch (rng_.below(7)) {
      case 0: return {"party", name(), title(), ";"};
      case 1: return {"verifier", name(), title(), ";"};
      case 2: return {"program", name(), "of", name(), "kind", rng_.chance(50) ? "nuclear" : "ballistic", title(), ";"};
      case 3: return {"facility", name(), "in", name(), title(), ";"};
      case 4: return {"sanction", name(), "by", name(), ";"};
      case 5: return {"benefit", name(), "by", name(), title(), ";"};
      default: return {"import", "\"lib/korea.terms\"", ";"};
    }
  }

  void list(std::vector<std::string>& t, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      if (i > 0) t.push_back(",");
      t.push_back(name());
    }
  }

  std::vector<std::string> clause() {
    static const std::vector<std::string> verbs = {"declare", "freeze", "dismantle", "lift",
                                                   "ease", "suspend", "retain", "provide"};
    std::vector<std::string> t;
    const std::string& verb = rng_.pick(verbs);
    t.push_back(verb);
    const bool sanction_verb = verb == "lift" || verb == "ease" || verb == "suspend" || verb == "retain";
    if (sanction_verb && rng_.chance(70)) t.push_back(rng_.chance(85) ? "sanctions" : "sanction");
    const auto shape = rng_.below(10);
    if (shape == 0) {
      t.push_back("all");
    } else if (shape == 1) {
      t.insert(t.end(), {"all", "by", name()});
    } else {
      // Mostly short lists; now and then one long enough to wrap.
      list(t, rng_.chance(15) ? 8 + rng_.below(20) : 1 + rng_.below(4));
    }
    static const std::vector<std::vector<std::string>> modifiers = {
        {"verified"}, {"verified", "by", "iaea"}, {"within", "60", "days"}, {"within", "1", "year"},
        {"within", "6", "months"}, {"partially"}, {"snapback"}};
    const auto count = rng_.below(4);
    for (std::size_t i = 0; i < count; ++i) {
      const auto& m = rng_.pick(modifiers);
      t.insert(t.end(), m.begin(), m.end());
    }
    t.push_back(";");
    return t;
  }

  std::vector<std::string> expectation() {
    switch (rng_.below(4)) {
      case 0: return {"expect", "acceptable", ";"};
      case 1: return {"expect", "unacceptable", ";"};
      case 2: return {"expect", "violated", "sanctions-retained", ";"};
      default: return {"expect", "satisfied", "milestones", ";"};
    }
  }

  std::vector<std::string> step(std::size_t index) {
    std::vector<std::string> t = {"step", cat("s", std::to_string(index))};
    if (rng_.chance(70)) t.push_back(title());
    if (index > 0 && rng_.chance(40)) {
      t.push_back("after");
      t.push_back(cat("s", std::to_string(rng_.below(index))));
      if (index > 1 && rng_.chance(30)) t.insert(t.end(), {",", cat("s", std::to_string(index - 1))});
    }
    t.push_back("{");
    const auto clauses = rng_.below(5);
    for (std::size_t i = 0; i < clauses; ++i) {
      auto c = clause();
      t.insert(t.end(), c.begin(), c.end());
    }
    t.push_back("}");
    return t;
  }

  std::vector<std::string> agreement(std::size_t index) {
    std::vector<std::string> t = {"agreement", cat("deal-", std::to_string(index))};
    if (rng_.chance(80)) t.push_back(title());
    t.push_back("{");
    std::size_t steps = 0;
    const auto items = rng_.below(8);
    for (std::size_t i = 0; i < items; ++i) {
      std::vector<std::string> item;
      switch (rng_.below(6)) {
        case 0:
          item = {"builds_on"};
          list(item, 1 + rng_.below(3));
          item.push_back(";");
          break;
        case 1:
        case 2: item = step(steps++); break;
        case 3: item = expectation(); break;
        default: item = clause(); break;
      }
      t.insert(t.end(), item.begin(), item.end());
    }
    t.push_back("}");
    return t;
  }

  std::vector<std::string> profile() {
    static const std::vector<std::vector<std::string>> formulas = {
        {"every", "dismantle", "clause", "is", "verified"},
        {"some", "sanction", "that", "is", "in", "force", "at", "start", "is", "in", "force", "at", "end"},
        {"if", "every", "sanction", "is", "lifted", "or", "suspended", "at", "end", "then", "every",
         "facility", "of", "the", "sanctioned", "side", "is", "dismantled", "completely", "and",
         "verified", "at", "end"},
        {"share", "of", "sanctions", "lifted", "or", "suspended", "at", "end", "<=", "share", "of",
         "facilities", "of", "the", "sanctioned", "side", "dismantled", "and", "verified", "at", "end"},
        {"the", "agreement", "builds", "on", "some", "agreement"},
        {"at", "least", "2", "steps", "hold", "some", "clause"}};
    std::vector<std::string> t = {"profile", cat("p-", std::to_string(rng_.below(100)))};
    if (rng_.chance(70)) t.push_back("\"A profile\"");
    t.push_back("{");
    const auto conditions = rng_.below(4);
    for (std::size_t i = 0; i < conditions; ++i) {
      t.push_back(rng_.chance(60) ? "require" : "prefer");
      t.push_back(cat("c", std::to_string(i)));
      t.push_back("\"Condition statement\"");
      t.push_back(":");
      const auto& f = rng_.pick(formulas);
      t.insert(t.end(), f.begin(), f.end());
      t.push_back(";");
    }
    t.push_back("}");
    return t;
  }

  // A region switched off: odd spacing that the formatter must keep.
  std::string fmt_off_region() {
    std::string s = "# terms: fmt off\n";
    s += "party   kept  \"as   written\" ;\n";
    s += "   facility  odd in  spacing   \"x\";   # keep me\n";
    if (rng_.chance(70)) s += "#terms:fmt on\n";
    return s;
  }

  std::string file() {
    std::string s;
    if (options_.allow_bom && rng_.chance(5)) s += "\xEF\xBB\xBF";
    if (rng_.chance(50)) s += comment() + "\n";
    if (rng_.chance(30)) s += "\n";
    const auto decls = rng_.below(options_.declarations + 1);
    for (std::size_t i = 0; i < decls; ++i) {
      s += indent() + join(declaration());
      s += separator(false);
      s += rng_.chance(70) ? "\n" : " ";
    }
    bool region_open = false;
    const auto agreements = rng_.below(options_.agreements + 1);
    for (std::size_t i = 0; i < agreements; ++i) {
      if (options_.allow_fmt_off && !region_open && rng_.chance(8)) {
        s += '\n';
        s += fmt_off_region();
        region_open = s.size() >= 13 && s.compare(s.size() - 13, 13, "#terms:fmt on\n") != 0;
      }
      // The same order of draws as the `+` chain this replaced (right to left).
      const std::string sep = separator(false);
      const std::string body = join(agreement(i));
      const std::string ind = indent();
      s += '\n';
      s += ind;
      s += body;
      s += sep;
      s += '\n';
    }
    if (options_.allow_profiles && rng_.chance(30)) {
      s += '\n';
      s += join(profile());
      s += '\n';
    }
    if (rng_.chance(40)) s += comment();
    if (rng_.chance(70)) s += "\n";
    if (options_.allow_crlf && rng_.chance(10)) {
      std::string crlf;
      crlf.reserve(s.size() + s.size() / 16);
      for (char c : s) {
        if (c == '\n') crlf += '\r';
        crlf += c;
      }
      s = std::move(crlf);
    }
    return s;
  }

 private:
  Rng& rng_;
  const Options& options_;
};

}  // namespace detail

// One generated term file for `seed`.
inline std::string generate(std::uint64_t seed, const Options& options = {}) {
  Rng rng(seed * 0x2545F4914F6CDD1Dull + 1);
  detail::Writer w(rng, options);
  return w.file();
}

// A large file of about `bytes` bytes (for the benchmark): generated items
// appended until the size is reached, with comments in odd places throughout.
inline std::string generate_large(std::uint64_t seed, std::size_t bytes) {
  Options options;
  options.allow_bom = false;
  options.allow_crlf = false;
  options.allow_fmt_off = false;
  std::string s;
  s.reserve(bytes + 4096);
  std::uint64_t i = 0;
  while (s.size() < bytes) s += generate(seed + i++, options) + "\n";
  return s;
}

}  // namespace terms::corpus
