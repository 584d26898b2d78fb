# The formatter's extra targets and tests (included by tests/CMakeLists.txt).
#
# - test_fmt tests the atomic write of driver/atomic_write.hpp (linked by every test).
# - gen-corpus: writes the generated corpus to disk (tools/gen-corpus).
# - bench_fmt: the formatter's linear-cost benchmark (bench/fmt_bench.cpp); a
#   tiny smoke run is part of the suite, the real run is by hand (docs/formatting.md).

add_executable(gen-corpus ${PROJECT_SOURCE_DIR}/tools/gen-corpus/main.cpp)
target_include_directories(gen-corpus PRIVATE ${PROJECT_SOURCE_DIR})
target_link_libraries(gen-corpus PRIVATE fmt::fmt terms_warnings)

if(EXISTS ${PROJECT_SOURCE_DIR}/bench/fmt_bench.cpp)
  add_executable(bench_fmt ${PROJECT_SOURCE_DIR}/bench/fmt_bench.cpp)
  target_link_libraries(bench_fmt PRIVATE terms_fmt terms_dsl terms_warnings)
  add_test(NAME bench_fmt_smoke COMMAND bench_fmt --smoke)
  set_tests_properties(bench_fmt_smoke PROPERTIES LABELS "fmt;bench" TIMEOUT 120)
endif()
