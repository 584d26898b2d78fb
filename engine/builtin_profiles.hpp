#pragma once
// The built-in profiles: the text of every engine/profiles/*.terms file,
// embedded at build time (cmake/EmbedProfiles.cmake). They are ordinary profile
// files: the engine parses and compiles them like a user's profile.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace terms::engine {

struct BuiltinProfileText {
  std::string_view name;  // the file's stem, which is also the profile's name
  std::string_view file;  // "stepwise-2020.terms"
  std::string_view text;
};

// The profile used when no --profile is given.
inline constexpr std::string_view kDefaultProfile = "stepwise-2020";

// Every built-in profile, sorted by name.
std::span<const BuiltinProfileText> builtin_profiles();
const BuiltinProfileText* find_builtin_profile(std::string_view name);
// The path under which a built-in profile's text appears in diagnostics.
std::string builtin_path(const BuiltinProfileText& p);

}  // namespace terms::engine
