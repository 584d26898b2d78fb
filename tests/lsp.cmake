# The language server's benchmark (bench/lsp_latency.cpp: didChange ->
# publishDiagnostics latency through a real `terms lsp` process), built with
# the tests so that a tiny smoke run keeps it working. Full runs: docs/lsp.md.
add_executable(lsp_latency ${PROJECT_SOURCE_DIR}/bench/lsp_latency.cpp)
target_link_libraries(lsp_latency PRIVATE terms_lsp terms_warnings)
add_dependencies(lsp_latency terms)
add_test(NAME lsp_latency_smoke
  COMMAND lsp_latency --terms $<TARGET_FILE:terms> --lines 200 --iterations 4)
set_tests_properties(lsp_latency_smoke PROPERTIES TIMEOUT 60 LABELS "lsp;bench")
