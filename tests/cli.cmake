# The CLI's helpers (argument parser, input expansion) live in the `terms`
# executable, not in a library; their unit tests compile them in directly.
if(TARGET test_cli)
  target_sources(test_cli PRIVATE
    ${PROJECT_SOURCE_DIR}/cli/args.cpp
    ${PROJECT_SOURCE_DIR}/cli/inputs.cpp)
endif()
