# The installed package works for another project: cmake --install into a
# temporary prefix, then build and run tests/install/consumer against it.
# Not under sanitizers (tools/run-sanitizers.sh): an instrumented library
# needs the sanitizer runtime in every program that links it, and the package
# users install is the plain build, which `./dev test` checks.
if(TERMS_SANITIZE)
  return()
endif()
add_test(NAME install_package_consumer
  COMMAND ${PROJECT_SOURCE_DIR}/tests/install/run.sh ${PROJECT_BINARY_DIR})
set_tests_properties(install_package_consumer PROPERTIES LABELS install TIMEOUT 600)
