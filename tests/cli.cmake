# The CLI's helpers (argument parser, options): the same objects the `terms`
# binary links (terms_cli); input expansion is in driver/, linked by every test.
if(TARGET test_cli)
  target_link_libraries(test_cli PRIVATE terms_cli)
endif()
