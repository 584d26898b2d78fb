#pragma once
// Name references and semantic checks of one unit, on top of a Workspace's
// scopes. Internal to the front end: the Workspace calls these while it loads
// files; they read scopes through the Workspace's public lookups and report
// into a Reporter that the Workspace provides for the unit being checked.

#include <cstdint>
#include <optional>
#include <string_view>

#include "dsl/ast.hpp"
#include "dsl/diagnostics.hpp"
#include "dsl/resolve.hpp"

namespace terms::detail {

// Collects the diagnostics of one unit (the Workspace sorts and emits them
// later). `saturated()` turns true once the unit has more diagnostics than
// will be shown, so that checks can skip costly extras such as suggestions.
class Reporter {
 public:
  virtual ~Reporter() = default;
  // `anchor` orders the diagnostic among the unit's others (a byte offset in
  // the unit's file); by default, the primary span's offset.
  virtual void report(Diagnostic d, std::optional<std::uint32_t> anchor) = 0;
  void report(Diagnostic d) { report(std::move(d), std::nullopt); }
  virtual bool saturated() const = 0;
};

// The kinds of declaration a reference may name, as a bit set.
using KindMask = std::uint8_t;
constexpr KindMask kind_bit(ast::DeclKind k) { return static_cast<KindMask>(1u << static_cast<unsigned>(k)); }
inline constexpr KindMask kAgreementBit = 1u << 6;

// What a reference expects, for messages: "a facility or program".
struct Expected {
  KindMask mask = 0;
  std::string_view description;
  DiagId wrong_kind = DiagId::wrong_kind;  // E0206, or E0307 for `verified by`
  std::string_view help;                   // how to fix a name of the wrong kind (may be empty)
};

// "a party", "an agreement".
std::string_view with_article(ast::DeclKind k);

// Resolves one reference in a unit's scope. Reports an undefined name (E0204,
// with a suggestion among visible names, the expected kinds first) or a name of
// the wrong kind (expected.wrong_kind, with a label at its declaration).
// Returns the entity only when it has an expected kind.
std::optional<EntityId> resolve_reference(const Workspace& ws, UnitId unit, const ast::Ident& ref,
                                          const Expected& expected, Reporter& out);

// Checks every agreement of a unit: `builds_on`, steps and `after`, clause
// targets, modifiers and durations. Declarations' owners must be resolved first.
void check_agreements(const Workspace& ws, UnitId unit, Reporter& out);

}  // namespace terms::detail
