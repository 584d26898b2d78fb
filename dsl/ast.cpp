#include "dsl/ast.hpp"

#include "dsl/profile_ast.hpp"

namespace terms::ast {

std::string_view to_string(DeclKind k) {
  switch (k) {
    case DeclKind::party: return "party";
    case DeclKind::verifier: return "verifier";
    case DeclKind::program: return "program";
    case DeclKind::facility: return "facility";
    case DeclKind::sanction: return "sanction";
    case DeclKind::benefit: return "benefit";
    case DeclKind::material: return "material";
  }
  return "?";
}

std::string_view to_string(Verb v) {
  switch (v) {
    case Verb::declare: return "declare";
    case Verb::freeze: return "freeze";
    case Verb::dismantle: return "dismantle";
    case Verb::lift: return "lift";
    case Verb::ease: return "ease";
    case Verb::suspend: return "suspend";
    case Verb::retain: return "retain";
    case Verb::provide: return "provide";
    case Verb::convert: return "convert";
    case Verb::remove: return "remove";
  }
  return "?";
}

bool is_concession(Verb v) {
  return v == Verb::declare || v == Verb::freeze || v == Verb::dismantle || v == Verb::convert ||
         v == Verb::remove;
}
bool is_relief(Verb v) {
  return v == Verb::lift || v == Verb::ease || v == Verb::suspend || v == Verb::provide;
}
bool takes_sanctions(Verb v) {
  return v == Verb::lift || v == Verb::ease || v == Verb::suspend || v == Verb::retain;
}

std::string_view to_string(DurationUnit u, bool plural) {
  switch (u) {
    case DurationUnit::day: return plural ? "days" : "day";
    case DurationUnit::week: return plural ? "weeks" : "week";
    case DurationUnit::month: return plural ? "months" : "month";
    case DurationUnit::year: return plural ? "years" : "year";
    case DurationUnit::unknown: return "?";
  }
  return "?";
}

std::uint64_t Duration::days() const {
  switch (unit) {
    case DurationUnit::day: return amount;
    case DurationUnit::week: return amount * 7;
    case DurationUnit::month: return amount * 30;
    case DurationUnit::year: return amount * 365;
    case DurationUnit::unknown: return 0;
  }
  return 0;
}

std::string_view to_string(Modifier::Kind k) {
  switch (k) {
    case Modifier::Kind::verified: return "verified";
    case Modifier::Kind::within: return "within";
    case Modifier::Kind::partially: return "partially";
    case Modifier::Kind::snapback: return "snapback";
  }
  return "?";
}

const Modifier* Clause::find(Modifier::Kind k) const {
  for (const auto& m : modifiers) {
    if (m.kind == k) return &m;
  }
  return nullptr;
}

std::vector<const Step*> Agreement::steps() const {
  std::vector<const Step*> out;
  for (const auto& it : items) {
    if (auto* s = std::get_if<Step>(&it)) out.push_back(s);
  }
  return out;
}

std::vector<const Clause*> Agreement::implicit_clauses() const {
  std::vector<const Clause*> out;
  for (const auto& it : items) {
    if (auto* c = std::get_if<Clause>(&it)) out.push_back(c);
  }
  return out;
}

std::vector<const Expectation*> Agreement::expectations() const {
  std::vector<const Expectation*> out;
  for (const auto& it : items) {
    if (auto* e = std::get_if<Expectation>(&it)) out.push_back(e);
  }
  return out;
}

std::vector<const Ident*> Agreement::builds_on() const {
  std::vector<const Ident*> out;
  for (const auto& it : items) {
    if (auto* b = std::get_if<BuildsOn>(&it)) {
      for (const auto& a : b->agreements) out.push_back(&a);
    }
  }
  return out;
}

std::vector<const Sanctioned*> Agreement::sanctioned() const {
  std::vector<const Sanctioned*> out;
  for (const auto& it : items) {
    if (auto* s = std::get_if<Sanctioned>(&it)) out.push_back(s);
  }
  return out;
}

std::vector<const AgreementDate*> Agreement::date_items() const {
  std::vector<const AgreementDate*> out;
  for (const auto& it : items) {
    if (auto* d = std::get_if<AgreementDate>(&it)) out.push_back(d);
  }
  return out;
}

std::optional<Date> Agreement::date() const {
  for (const auto& it : items) {
    if (auto* d = std::get_if<AgreementDate>(&it)) return d->date.date;
  }
  return std::nullopt;
}

std::string_view to_string(AgreementDate::Kind k) {
  return k == AgreementDate::Kind::dated ? "dated" : "signed";
}

std::vector<const Import*> File::imports() const {
  std::vector<const Import*> out;
  for (const auto& it : items) {
    if (auto* i = std::get_if<Import>(&it)) out.push_back(i);
  }
  return out;
}

std::vector<const Decl*> File::decls() const {
  std::vector<const Decl*> out;
  for (const auto& it : items) {
    if (auto* d = std::get_if<Decl>(&it)) out.push_back(d);
  }
  return out;
}

std::vector<const Agreement*> File::agreements() const {
  std::vector<const Agreement*> out;
  for (const auto& it : items) {
    if (auto* a = std::get_if<Agreement>(&it)) out.push_back(a);
  }
  return out;
}

std::vector<const Profile*> File::profiles() const {
  std::vector<const Profile*> out;
  for (const auto& it : items) {
    if (auto* p = std::get_if<std::shared_ptr<Profile>>(&it)) out.push_back(p->get());
  }
  return out;
}

}  // namespace terms::ast
