#include "engine/builtin_profiles.hpp"

#include <string>

namespace terms::engine {

namespace builtin_data {
// Defined in the generated builtin_profiles_data.cpp.
extern const BuiltinProfileText kProfiles[];
extern const std::size_t kProfileCount;
}  // namespace builtin_data

std::span<const BuiltinProfileText> builtin_profiles() {
  return {builtin_data::kProfiles, builtin_data::kProfileCount};
}

const BuiltinProfileText* find_builtin_profile(std::string_view name) {
  for (const auto& p : builtin_profiles()) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

std::string builtin_path(const BuiltinProfileText& p) { return "<builtin>/" + std::string(p.file); }

}  // namespace terms::engine
