# `cmake --install`: the libraries (grammar, dsl, fmt, lint, engine, driver),
# their headers, the `terms` binary, and a CMake package so that other
# projects can write
#   find_package(Terms REQUIRED)
#   target_link_libraries(app PRIVATE Terms::terms_driver)
# and include <engine/terms.hpp> (the public API). Tested by tests/install.cmake.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS terms_grammar terms_dsl terms_fmt terms_lint terms_engine terms_driver EXPORT TermsTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/terms)
install(TARGETS terms RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

foreach(dir grammar dsl dsl/diagnostics dsl/fmt dsl/lint engine driver)
  file(GLOB headers ${PROJECT_SOURCE_DIR}/${dir}/*.hpp ${PROJECT_SOURCE_DIR}/${dir}/*.def)
  install(FILES ${headers} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/terms/${dir})
endforeach()

install(EXPORT TermsTargets NAMESPACE Terms:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/Terms)
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/TermsConfig.cmake [=[
include(CMakeFindDependencyMacro)
find_dependency(pegtl)
find_dependency(fmt)
find_dependency(nlohmann_json)
find_dependency(Threads)
include("${CMAKE_CURRENT_LIST_DIR}/TermsTargets.cmake")
]=])
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/TermsConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/TermsConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/TermsConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/Terms)
