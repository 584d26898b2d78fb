// `terms fmt PATH...`: lay term files out in the canonical form
// (docs/formatting.md). Prints the formatted text of one file, or with
// --write rewrites files in place (atomically), with --check lists the files
// that are not formatted, with --diff prints what would change.
//
// Exit status: 0 all formatted (or rewritten), 1 a file needs formatting
// under --check or has syntax errors (it is never changed), 2 a usage or I/O
// error (including a failed write, which leaves the original intact).

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "cli/args.hpp"
#include "driver/atomic_write.hpp"
#include "cli/command.hpp"
#include "driver/inputs.hpp"
#include "cli/load_options.hpp"
#include "driver/runner.hpp"
#include "dsl/fmt/diff.hpp"
#include "dsl/fmt/format.hpp"
#include "dsl/render.hpp"

namespace terms::cli {
namespace {

ArgParser make_parser() {
  ArgParser p("fmt", "format term files in the canonical layout");
  p.positional("PATH", "a term file, a directory (searched for `*.terms`), or `-` for standard input",
               Arity::one_or_more);
  p.flag("write", "rewrite the files in place (atomically); list the files rewritten", 'w');
  p.flag("check", "list the files that are not formatted and exit 1 if there are any; change nothing");
  p.flag("diff", "print a unified diff of what formatting changes, instead of the formatted text");
  add_color_option(p);
  p.option("max-file-size", "BYTES", "refuse files larger than this (suffixes k, M, G)", {}, "64M");
  add_jobs_option(p);  // --jobs N (cli/runner.hpp)
  p.description(
      "Lays term files out in the one canonical layout (docs/formatting.md):\n"
      "two-space indentation, one clause per line, modifiers in a fixed order, long\n"
      "lists wrapped at 100 columns, every comment kept. Regions between\n"
      "`# terms: fmt off` and `# terms: fmt on` are left as written. A file with\n"
      "syntax errors is not formatted: its errors are reported and it is left\n"
      "unchanged.\n"
      "\n"
      "Without --write, --check or --diff, prints the formatted text of one file.");
  p.exit_status(kExitOk, "every file is formatted (or was rewritten)");
  p.exit_status(kExitFinding, "under --check, a file is not formatted; or a file has syntax errors");
  p.exit_status(kExitUsage, "a usage error, an input that could not be read, or a failed write");
  p.example("terms fmt deal.terms", "print deal.terms formatted");
  p.example("terms fmt --write examples/", "format every `*.terms` file under examples/ in place");
  p.example("terms fmt --check --diff .", "in CI: show what is not formatted, exit 1 if anything is");
  p.example("cat deal.terms | terms fmt -", "format standard input");
  return p;
}

void print_usage_error(const ArgParser& parser, std::string message, std::optional<std::string> help) {
  fmt::print(stderr, "{}", parser.format_error(UsageError{std::move(message), std::move(help)}));
}

// What formatting one file gave: its standard output and standard error
// text (printed in input order by the calling thread), and its outcome.
struct FmtOutcome {
  std::string out;
  std::string err;
  bool finding = false;
  bool io_error = false;
};

// The options of one run. `run` formats one file, on any thread: it holds no
// state between files (each file's text is let go once it is done).
struct FmtRun {
  bool write = false;
  bool check = false;
  bool diff = false;
  bool color = false;
  std::uint64_t max_bytes = kDefaultMaxFileBytes;

  std::string render(const std::vector<Diagnostic>& diags, const SourceManager& sources) const {
    if (diags.empty()) return {};
    RenderOptions options;
    options.color = color;
    return render_text(diags, sources, options);
  }

  std::optional<std::string> read(const InputFile& input, FmtOutcome& o) const {
    const SourceManager none;
    if (input.from_stdin) {
      Diagnostic problem;
      std::optional<std::string> text = read_stdin(max_bytes, problem);
      if (!text) o.err += render({problem}, none);
      return text;
    }
    DiskFileSystem disk(max_bytes);
    std::string why;
    std::optional<std::string> text = disk.read(input.path, why);
    if (!text) {
      Diagnostic d = make_diagnostic(DiagId::io_unreadable, Span{},
                                     fmt::format("cannot read `{}`: {}", input.path, why));
      d.path = input.path;
      o.err += render({d}, none);
    }
    return text;
  }

  FmtOutcome run(const InputFile& input) const {
    FmtOutcome o;
    std::optional<std::string> original = read(input, o);
    if (!original) {
      o.io_error = true;
      return o;
    }
    SourceManager sources;  // this file only
    const SourceFile& source = sources.add(input.path, std::move(*original));
    DiagnosticBag diags;
    const std::optional<std::string> formatted = format_source(source, diags);
    if (!formatted) {
      o.err += render(diags.all(), sources);
      if (!diags.all().empty()) o.err += "\n";
      o.err += fmt::format("{}: not formatted: the file has syntax errors; it was left unchanged\n", input.path);
      o.finding = true;
      return o;
    }
    const bool changed = *formatted != source.text();
    if (diff && changed) o.out += unified_diff(source.text(), *formatted, "a/" + input.path, "b/" + input.path);
    if (check) {
      if (changed) {
        if (!diff) o.out += fmt::format("{}\n", input.path);
        o.finding = true;
      }
      return o;
    }
    if (write) {
      if (!changed) return o;
      AtomicWriteOptions options;
      options.expected_contents = source.text();
      const WriteResult result = atomic_write(input.path, *formatted, options);
      if (!result) {
        // Nothing was replaced: say so, and what to do about the cause.
        o.err += fmt::format("error: {}\n", result.error);
        if (result.failure == WriteFailure::changed) {
          o.err += fmt::format("  = note: `{}` was not replaced: the version saved meanwhile is kept\n", input.path);
        } else {
          o.err += fmt::format("  = note: `{}` was left as it was\n", input.path);
        }
        const std::string hint = write_failure_hint(result.failure);
        if (!hint.empty()) o.err += fmt::format("  = help: {}\n", hint);
        o.io_error = true;
        return o;
      }
      if (!diff) o.out += fmt::format("{}\n", input.path);
      return o;
    }
    if (!diff) o.out += *formatted;
    return o;
  }
};

int run_fmt(const std::vector<std::string>& argv) {
  const ArgParser parser = make_parser();
  int status = kExitOk;
  std::optional<ParsedArgs> args = parser.parse_or_report(argv, status);
  if (!args) return status;

  FmtRun run;
  run.write = args->flag("write");
  run.check = args->flag("check");
  run.diff = args->flag("diff");
  run.color = use_color(color_mode(*args), STDERR_FILENO);
  if (run.write && run.check) {
    print_usage_error(parser, "`--write` and `--check` cannot be used together",
                      std::string("use `--check` to find the files to format, `--write` to format them"));
    return kExitUsage;
  }
  const std::string size_text = args->value_or("max-file-size", "64M");
  const std::optional<std::uint64_t> max_bytes = parse_byte_size(size_text);
  if (!max_bytes || *max_bytes == 0) {
    print_usage_error(parser, fmt::format("invalid value `{}` for `--max-file-size`", size_text),
                      std::string("give a positive number of bytes, optionally with a suffix k, M or G"));
    return kExitUsage;
  }
  run.max_bytes = *max_bytes;
  const std::optional<unsigned> jobs = jobs_or_report(parser, *args, status);
  if (!jobs) return status;

  InputSet inputs = expand_inputs(args->positionals());
  // A link out of the library is neither read nor written through.
  refuse_inputs_leaving_root(inputs, choose_library_root(args->positionals()));
  {
    const SourceManager none;
    const std::string text = run.render(inputs.diagnostics, none);
    std::fwrite(text.data(), 1, text.size(), stderr);
  }
  bool io_error = inputs.io_error;
  bool finding = false;

  const bool print_mode = !run.write && !run.check && !run.diff;
  if (print_mode && inputs.files.size() > 1) {
    print_usage_error(parser,
                      fmt::format("`terms fmt` prints the formatted text of one file, and {} files were given",
                                  inputs.files.size()),
                      std::string("use `--write` to format them in place, `--check` to list the ones "
                                  "that need it, or `--diff` to see the changes"));
    return kExitUsage;
  }
  if (run.write) {
    for (const InputFile& input : inputs.files) {
      if (input.from_stdin) {
        print_usage_error(parser, "`--write` cannot rewrite standard input",
                          std::string("run `terms fmt -` to print the formatted text"));
        return kExitUsage;
      }
    }
    // A file-size limit must fail the write (EFBIG), not kill the process
    // half-way: the temporary file is then removed and the original kept.
    std::signal(SIGXFSZ, SIG_IGN);
  }

  // Files are formatted on `--jobs` workers; what each prints comes out in
  // the order of the inputs (cli/runner.hpp).
  run_ordered<FmtOutcome>(
      inputs.files.size(), *jobs, [&](std::size_t i) { return run.run(inputs.files[i]); },
      [&](std::size_t, FmtOutcome& o) {
        if (!o.err.empty()) {
          std::fflush(stdout);
          std::fwrite(o.err.data(), 1, o.err.size(), stderr);
        }
        std::fwrite(o.out.data(), 1, o.out.size(), stdout);
        finding = finding || o.finding;
        io_error = io_error || o.io_error;
      });
  std::fflush(stdout);
  if (io_error) return kExitUsage;
  return finding ? kExitFinding : kExitOk;
}

const CommandRegistration registration{"fmt", "format term files in the canonical layout", run_fmt};

}  // namespace
}  // namespace terms::cli
