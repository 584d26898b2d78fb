#pragma once
// Diagnostics: the one registry of every diagnostic the front end and engine
// can emit, the Diagnostic value, and the sink that libraries emit into.
//
// Libraries never print: they call DiagnosticSink::emit(). The front ends
// (cli/, lsp/) choose the consumer: terminal text, JSON, SARIF, LSP.
// The registry lives in dsl/diagnostics/*.def, one line per diagnostic:
//   TERMS_DIAG(Id, "code", "kebab-name", severity, "category", "summary")

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dsl/source.hpp"

namespace terms {

enum class Severity : std::uint8_t { error, warning, info, note };
std::string_view to_string(Severity s);
std::optional<Severity> parse_severity(std::string_view s);

enum class DiagId : std::uint16_t {
#define TERMS_DIAG(Id, code, name, severity, category, summary) Id,
#include "dsl/diagnostics/all.def"
#undef TERMS_DIAG
  kCount
};

// One registry entry: stable code, kebab-case name, default severity, category.
struct DiagInfo {
  DiagId id;
  std::string_view code;      // stable, e.g. "E0201"; never reused
  std::string_view name;      // kebab-case, e.g. "undefined-name"
  Severity severity;          // default severity
  std::string_view category;  // io, syntax, names, semantics, profile, expectations
  std::string_view summary;   // one line, for catalogues and --list output
};

const DiagInfo& info(DiagId id);
std::span<const DiagInfo> all_diagnostics();
const DiagInfo* find_diagnostic(std::string_view code_or_name);

// A secondary span with a message ("first declared here").
struct Label {
  Span span;
  std::string message;
};

// One text edit that fixes (part of) a diagnostic, for code actions and SARIF.
struct TextEdit {
  Span span;  // the bytes to replace (empty span = insertion)
  std::string replacement;
};

struct Fix {
  std::string description;
  std::vector<TextEdit> edits;
};

// A diagnostic as the user will see it. Messages start lowercase, have no
// trailing period, and put code in backticks.
struct Diagnostic {
  std::string code;      // registry code, or a lint rule's code
  std::string name;      // registry name, or a lint rule's name
  std::string category;
  Severity severity = Severity::error;
  std::string message;
  Span span;             // primary location (may be invalid for file-less errors)
  std::string label;     // text under the primary caret (may be empty)
  std::vector<Label> related;
  std::vector<std::string> help;   // "help: ..." lines: how to fix it
  std::vector<std::string> notes;  // "note: ..." lines: context
  std::optional<Fix> fix;
  std::string path;      // for diagnostics without a span (e.g. an unreadable file)

  // Each text goes through shorten_quoted, like the message.
  Diagnostic& with_label(std::string text);
  Diagnostic& with_related(Span s, std::string text);
  Diagnostic& with_help(std::string text);
  Diagnostic& with_note(std::string text);
};

// Makes a diagnostic from the registry entry (code, name, default severity).
// The message goes through shorten_quoted.
Diagnostic make_diagnostic(DiagId id, Span span, std::string message);

// Messages quote the input (`name`, `path`): every quoted run longer than 80
// bytes is cut to its first 48 and last 16 bytes around `…`, so that a
// megabyte-long name or path cannot make a diagnostic unreadable.
std::string shorten_quoted(std::string text);

// The interface libraries emit into.
class DiagnosticSink {
 public:
  virtual ~DiagnosticSink() = default;
  virtual void emit(Diagnostic d) = 0;
};

// A sink that keeps everything, in emission order.
class DiagnosticBag : public DiagnosticSink {
 public:
  void emit(Diagnostic d) override;
  const std::vector<Diagnostic>& all() const { return diags_; }
  std::vector<Diagnostic>& all() { return diags_; }
  std::size_t error_count() const { return errors_; }
  bool has_errors() const { return errors_ > 0; }
  void clear() { diags_.clear(); errors_ = 0; }
  // Moves the diagnostics out and leaves the bag empty (error count 0).
  std::vector<Diagnostic> take() {
    errors_ = 0;
    return std::exchange(diags_, {});
  }

 private:
  std::vector<Diagnostic> diags_;
  std::size_t errors_ = 0;
};

// "did you mean": the candidate closest to `word` by edit distance, if close enough.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string_view>& candidates);
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace terms
