# Built-in profiles: the ordinary profile files in engine/profiles/*.terms are
# compiled into the engine as string constants, so that `terms` needs no data
# files at run time. terms_embed_profiles(TARGET) adds the generated source
# ${CMAKE_BINARY_DIR}/generated/engine/builtin_profiles_data.cpp to TARGET; it is
# regenerated whenever a profile file changes (and the glob is re-checked at
# every build, so a new profile file needs no CMake edit).

set(TERMS_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/EmbedProfilesScript.cmake)

function(terms_embed_profiles target)
  file(GLOB profiles CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/engine/profiles/*.terms)
  list(SORT profiles)
  set(out ${CMAKE_BINARY_DIR}/generated/engine/builtin_profiles_data.cpp)
  string(REPLACE ";" "|" inputs "${profiles}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DINPUTS=${inputs} -P ${TERMS_EMBED_SCRIPT}
    DEPENDS ${profiles} ${TERMS_EMBED_SCRIPT}
    COMMENT "Embedding built-in profiles"
    VERBATIM)
  target_sources(${target} PRIVATE ${out})
endfunction()
