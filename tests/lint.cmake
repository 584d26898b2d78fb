# The lint tests also cover the pieces that `terms lint`, `terms check` and
# `terms test` share: the parallel runner and terms.json discovery (driver/,
# linked by every test) and the output dispatch and options (the CLI's objects).
if(TARGET test_lint)
  target_link_libraries(test_lint PRIVATE terms_cli)
endif()
