# Output formats checked by real consumers (tests/outputs/):
# - SARIF validated against the official SARIF 2.1.0 schema with ajv-cli;
# - JUnit XML parsed with junitparser.
# tools/setup-test-tools.sh installs both (CI runs it). Where a tool is missing
# the test is skipped with a message; under CI=true it fails instead.
set(TERMS_TEST_TOOLS "/opt/terms-test-tools" CACHE PATH "Where tools/setup-test-tools.sh installs the npm tools")
add_test(NAME outputs_sarif_schema
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/outputs/validate-sarif.sh $<TARGET_FILE:terms> ${PROJECT_SOURCE_DIR}
          ${TERMS_TEST_TOOLS})
add_test(NAME outputs_junit_consumer
  COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/outputs/parse-junit.py $<TARGET_FILE:terms> ${PROJECT_SOURCE_DIR})
set_tests_properties(outputs_sarif_schema outputs_junit_consumer PROPERTIES
  SKIP_RETURN_CODE 77 TIMEOUT 300 LABELS "outputs;lint")
