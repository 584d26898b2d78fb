# The lint tests also cover the CLI pieces that `terms lint`, `terms check` and
# `terms test` share (output dispatch, parallel runner, terms.json discovery),
# which live in the `terms` executable rather than a library: compile them in.
if(TARGET test_lint)
  target_sources(test_lint PRIVATE
    ${PROJECT_SOURCE_DIR}/cli/args.cpp
    ${PROJECT_SOURCE_DIR}/cli/inputs.cpp
    ${PROJECT_SOURCE_DIR}/cli/output.cpp
    ${PROJECT_SOURCE_DIR}/cli/runner.cpp
    ${PROJECT_SOURCE_DIR}/cli/config_loader.cpp
    ${PROJECT_SOURCE_DIR}/cli/load_options.cpp)
  target_compile_definitions(test_lint PRIVATE TERMS_VERSION="${PROJECT_VERSION}")
endif()
