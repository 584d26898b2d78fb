// Checks the article's Hanoi offer through the public API and prints what a
// program embedding Terms would see. tests/install/run.sh compares the output.
#include <iostream>

#include <engine/terms.hpp>

int main() {
  terms::api::Checker checker;
  checker.add_file("lib/decls.terms", R"t(
party dprk "DPRK";
party unsc "UN Security Council";
verifier iaea "IAEA";
program dprk-nuclear of dprk kind nuclear "Nuclear weapons program";
facility yongbyon in dprk-nuclear "Yongbyon";
facility kangson in dprk-nuclear "Kangson";
sanction unsc-2397 by unsc "Resolution 2397";
)t");
  const auto report = checker.check("hanoi.terms", R"t(
import "lib/decls.terms";
agreement hanoi-2019 "Hanoi offer" {
  dismantle yongbyon partially verified;
  lift sanctions all;
}
)t");
  std::cout << "terms " << terms::api::version() << "\n";
  for (const auto& m : report.messages) std::cout << m.severity << " " << m.code << " " << m.message << "\n";
  for (const auto& a : report.agreements) {
    std::cout << a.name << ": " << a.verdict << "\n";
    for (const auto& c : a.conditions) {
      if (!c.holds) std::cout << "  fails " << c.id << "\n";
    }
  }
  // The consumer asserts the verdict itself too, not only run.sh's comparison.
  if (!report.any_unacceptable || report.has_errors) {
    std::cerr << "expected hanoi-2019 to be unacceptable, with no error\n";
    return 1;
  }
  return 0;
}
