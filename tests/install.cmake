# The installed package works for another project: cmake --install into a
# temporary prefix, then build and run tests/install/consumer against it.
add_test(NAME install_package_consumer
  COMMAND ${PROJECT_SOURCE_DIR}/tests/install/run.sh ${PROJECT_BINARY_DIR})
set_tests_properties(install_package_consumer PROPERTIES LABELS install TIMEOUT 600)
