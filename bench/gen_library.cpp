// gen_library: writes a realistic term library, deterministic from a seed.
//
//   gen_library --out DIR --bytes N [--seed S]
//
// Layout: DIR/lib/common.terms (parties, verifiers, sanctions, benefits),
// DIR/lib/programs-K.terms (programs and facilities, importing common), and
// DIR/agreements/NNNN/a-NNNNNN.terms (agreements importing one programs file),
// until the agreement files add up to about N bytes. Every agreement has
// several steps (some with `after`), clauses of every verb and modifier, and
// comments in the places people put them. Every name resolves. DIR/MANIFEST
// records the counts (files, agreements, clauses, bytes).

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace {

// A small deterministic generator (xorshift64*), the same on every platform.
class Random {
 public:
  explicit Random(std::uint64_t seed) : s_(seed * 2654435761u + 1) {}
  std::uint64_t next() {
    s_ ^= s_ >> 12;
    s_ ^= s_ << 25;
    s_ ^= s_ >> 27;
    return s_ * 2685821657736338717ull;
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  bool chance(unsigned percent) { return below(100) < percent; }

 private:
  std::uint64_t s_;
};

constexpr int kParties = 12;
constexpr int kSanctionsPerParty = 6;
constexpr int kBenefits = 10;
constexpr int kProgramFiles = 10;
constexpr int kFacilitiesPerProgram = 8;

std::string party(int i) { return fmt::format("party-{}", i); }
std::string sanction(int p, int k) { return fmt::format("sanction-{}-{}", p, k); }
std::string program(int file, int kind) { return fmt::format("prog-{}-{}", file, kind ? "ballistic" : "nuclear"); }
std::string facility(int file, int kind, int k) { return fmt::format("site-{}-{}-{}", file, kind, k); }

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string common_library() {
  std::string s = "# Shared declarations for the generated benchmark library.\n\n";
  for (int p = 0; p < kParties; ++p) s += fmt::format("party {} \"Party number {}\";\n", party(p), p);
  s += "\nverifier inspectors \"International inspectors\";\nverifier monitors \"Joint monitoring commission\";\n\n";
  for (int p = 1; p < kParties; ++p) {
    for (int k = 0; k < kSanctionsPerParty; ++k) {
      s += fmt::format("sanction {} by {} \"Measure {} of party {}\";\n", sanction(p, k), party(p), k, p);
    }
  }
  s += "\n";
  for (int b = 0; b < kBenefits; ++b) {
    s += fmt::format("benefit aid-{} by {} \"Assistance package {}\";\n", b, party(1 + b % (kParties - 1)), b);
  }
  return s;
}

std::string programs_library(int file) {
  std::string s = fmt::format("# Programs and facilities, set {}.\nimport \"common.terms\";\n\n", file);
  for (int kind = 0; kind < 2; ++kind) {
    s += fmt::format("program {} of {} kind {} \"{} program {}\";\n", program(file, kind), party(0),
                     kind ? "ballistic" : "nuclear", kind ? "Missile" : "Nuclear", file);
    for (int k = 0; k < kFacilitiesPerProgram; ++k) {
      s += fmt::format("facility {} in {} \"Site {} of program {}\";  # declared in {}\n",
                       facility(file, kind, k), program(file, kind), k, file, 1990 + k);
    }
    s += "\n";
  }
  return s;
}

std::string modifiers(Random& r, bool concession, bool dismantle) {
  std::string m;
  if (dismantle && r.chance(25)) m += " partially";
  if (concession && r.chance(85)) m += r.chance(70) ? (r.chance(50) ? " verified by inspectors" : " verified by monitors") : " verified";
  if (r.chance(50)) {
    static const char* units[] = {"days", "weeks", "months", "years"};
    m += fmt::format(" within {} {}", 1 + r.below(24), units[r.below(4)]);
  }
  return m;
}

std::string agreement(Random& r, int file_set, std::size_t index, bool has_previous,
                      std::size_t& clause_count) {
  std::string s;
  s += fmt::format("agreement deal-{} \"Generated agreement {}\" {{\n", index, index);
  if (has_previous && r.chance(60)) s += fmt::format("  builds_on deal-{};  # the previous round\n", index - 1);
  const int steps = 3 + static_cast<int>(r.below(4));
  for (int st = 0; st < steps; ++st) {
    if (r.chance(30)) s += "\n  # The parties agreed this step after a round of talks.\n";
    s += fmt::format("  step phase-{} \"Phase {}\"", st, st + 1);
    if (st > 0 && r.chance(40)) s += fmt::format(" after phase-{}", st - 1);
    s += " {\n";
    const int clauses = 3 + static_cast<int>(r.below(5));
    clause_count += static_cast<std::size_t>(clauses);
    for (int c = 0; c < clauses; ++c) {
      const int kind = static_cast<int>(r.below(2));
      switch (r.below(8)) {
        case 0:
          s += fmt::format("    declare {}{};\n", program(file_set, kind), modifiers(r, true, false));
          break;
        case 1:
          s += fmt::format("    freeze {}{};\n", facility(file_set, kind, static_cast<int>(r.below(kFacilitiesPerProgram))),
                           modifiers(r, true, false));
          break;
        case 2:
          s += fmt::format("    dismantle {}{};\n", facility(file_set, kind, static_cast<int>(r.below(kFacilitiesPerProgram))),
                           modifiers(r, true, true));
          break;
        case 3:
          s += fmt::format("    ease sanctions {}, {};\n", sanction(1 + static_cast<int>(r.below(kParties - 1)), 0),
                           sanction(1 + static_cast<int>(r.below(kParties - 1)), 1));
          break;
        case 4:
          s += fmt::format("    suspend sanctions {}{};\n", sanction(1 + static_cast<int>(r.below(kParties - 1)), 2),
                           r.chance(60) ? " snapback" : "");
          break;
        case 5:
          if (r.chance(10)) {
            s += fmt::format("    lift sanctions all by {};\n", party(1 + static_cast<int>(r.below(kParties - 1))));
          } else {
            s += fmt::format("    lift sanctions {};  # agreed in principle\n", sanction(1 + static_cast<int>(r.below(kParties - 1)), 3));
          }
          break;
        case 6:
          s += fmt::format("    retain sanctions {}, {};\n", sanction(1 + static_cast<int>(r.below(kParties - 1)), 4),
                           sanction(1 + static_cast<int>(r.below(kParties - 1)), 5));
          break;
        default:
          s += fmt::format("    provide aid-{}{};\n", r.below(kBenefits), r.chance(30) ? " within 90 days" : "");
          break;
      }
    }
    s += "  }\n";
  }
  s += "\n  expect acceptable;\n}\n";
  return s;
}

int usage() {
  std::fputs("usage: gen_library --out DIR --bytes N [--seed S]\n", stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path out;
  std::uint64_t bytes = 0;
  std::uint64_t seed = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) return usage();
    if (a == "--out") out = argv[++i];
    else if (a == "--bytes") bytes = std::stoull(argv[++i]);
    else if (a == "--seed") seed = std::stoull(argv[++i]);
    else return usage();
  }
  if (out.empty() || bytes == 0) return usage();

  Random r(seed);
  std::uint64_t total = 0;
  auto put = [&](const std::filesystem::path& p, const std::string& text) {
    write_file(out / p, text);
    total += text.size();
  };
  put("lib/common.terms", common_library());
  for (int f = 0; f < kProgramFiles; ++f) put(fmt::format("lib/programs-{}.terms", f), programs_library(f));

  std::size_t files = 0;
  std::size_t index = 0;
  std::size_t clauses = 0;
  while (total < bytes) {
    const int set = static_cast<int>(files % kProgramFiles);
    std::string text = fmt::format("# Generated agreement file {} (seed {}).\nimport \"../../lib/programs-{}.terms\";\n\n",
                                   files, seed, set);
    const int agreements = 1 + static_cast<int>(r.below(3));
    for (int a = 0; a < agreements; ++a) {
      if (a) text += "\n";
      text += agreement(r, set, index, a > 0, clauses);
      ++index;
    }
    put(fmt::format("agreements/{:04}/a-{:06}.terms", files / 1000, files), text);
    ++files;
  }
  const std::size_t all_files = files + 1 + kProgramFiles;
  // The manifest: what bench/run.sh divides by.
  write_file(out / "MANIFEST", fmt::format("files={}\nagreements={}\nclauses={}\nbytes={}\nseed={}\n",
                                           all_files, index, clauses, total, seed));
  fmt::print("{} files, {} agreements, {} clauses, {} bytes in {}\n", all_files, index, clauses, total,
             out.string());
  return 0;
}
