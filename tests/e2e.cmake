# The end-to-end test with a real editor (headless Neovim and its built-in LSP
# client, tests/e2e/). Skipped, with a message, where nvim is not installed;
# under CI=true a missing nvim fails instead (tools/setup-test-tools.sh installs it).
add_test(NAME e2e_nvim_lsp
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/e2e/run-nvim.sh $<TARGET_FILE:terms> ${PROJECT_SOURCE_DIR})
set_tests_properties(e2e_nvim_lsp PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 150 LABELS "e2e;lsp")
