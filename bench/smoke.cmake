# A smoke run of one benchmark, for the test suite (bench/CMakeLists.txt):
#
#   cmake -P bench/smoke.cmake PATTERN... -- COMMAND ARGS...
#
# Runs COMMAND and fails unless it exits 0 and its output (standard output
# and standard error together) matches every PATTERN, a CMake regular
# expression: the rows the benchmark prints. Timings are never asserted.
# No argument may contain `;` (CMake would split it: arguments are a list).
# The output is echoed, so a failure shows what the command printed.
cmake_minimum_required(VERSION 3.25)

set(patterns)
set(command)
set(state before)  # before the script's name, then patterns, then the command
math(EXPR last "${CMAKE_ARGC} - 1")
foreach(i RANGE 0 ${last})
  set(arg "${CMAKE_ARGV${i}}")
  if(state STREQUAL "before")
    if(arg STREQUAL "-P")
      set(state script)
    endif()
  elseif(state STREQUAL "script")
    set(state patterns)
  elseif(state STREQUAL "patterns")
    if(arg STREQUAL "--")
      set(state command)
    else()
      list(APPEND patterns "${arg}")
    endif()
  else()
    list(APPEND command "${arg}")
  endif()
endforeach()
if(NOT command)
  message(FATAL_ERROR "usage: cmake -P smoke.cmake PATTERN... -- COMMAND ARGS...")
endif()

execute_process(COMMAND ${command} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err
                TIMEOUT 300)
message("${out}${err}")
list(JOIN command " " shown)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "`${shown}` exited with ${status}, not 0")
endif()
foreach(p IN LISTS patterns)
  if(NOT "${out}${err}" MATCHES "${p}")
    message(FATAL_ERROR "`${shown}` did not print a line matching `${p}`")
  endif()
endforeach()
