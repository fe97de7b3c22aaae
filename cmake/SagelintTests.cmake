# How tests are registered with CTest, so that a test whose requirement is missing
# (../shared, runc, a dockerd, pre-commit, ...) is reported as skipped, never as passed.
# Exit code 77 means "skipped" for every test (tests/support/skip.hpp, tests/support/skip.sh).
set(SAGELINT_SKIP_RETURN_CODE 77)
# sagelint caches layer scans under $XDG_CACHE_HOME/sagelint by default: tests keep theirs
# in the build tree, never in the user's ~/.cache.
# Test tools that scripts/setup.sh installed (the SARIF Multitool) stay where it put them.
if(DEFINED ENV{SAGELINT_TOOL_CACHE})
  set(_tool_cache "$ENV{SAGELINT_TOOL_CACHE}")
elseif(DEFINED ENV{XDG_CACHE_HOME})
  set(_tool_cache "$ENV{XDG_CACHE_HOME}/sagelint-test-tools")
else()
  set(_tool_cache "$ENV{HOME}/.cache/sagelint-test-tools")
endif()
set(SAGELINT_TEST_ENVIRONMENT "XDG_CACHE_HOME=${PROJECT_BINARY_DIR}/test-cache"
                              "SAGELINT_TOOL_CACHE=${_tool_cache}")

# sagelint_add_doctest(NAME <test> TARGET <doctest binary> SOURCES <files...> TIMEOUT <s>)
# Registers the binary's cases as NAME, except the cases of doctest suites named
# "needs-<what>": each such suite found in SOURCES is a test of its own, NAME.needs-<what>,
# which CTest shows as skipped (with the reason in its output) when <what> is missing.
function(sagelint_add_doctest)
  cmake_parse_arguments(T "" "NAME;TARGET;TIMEOUT" "SOURCES" ${ARGN})
  set(_needs)
  foreach(f ${T_SOURCES})
    file(STRINGS ${f} _lines REGEX "TEST_SUITE(_BEGIN)?\\(\"needs-[a-z0-9-]+\"\\)")
    foreach(l ${_lines})
      string(REGEX MATCH "needs-[a-z0-9-]+" _n "${l}")
      list(APPEND _needs ${_n})
    endforeach()
  endforeach()
  list(REMOVE_DUPLICATES _needs)
  add_test(NAME ${T_NAME} COMMAND ${T_TARGET} --test-suite-exclude=needs-*
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(${T_NAME} PROPERTIES TIMEOUT ${T_TIMEOUT}
                       SKIP_RETURN_CODE ${SAGELINT_SKIP_RETURN_CODE}
                       ENVIRONMENT "${SAGELINT_TEST_ENVIRONMENT}")
  foreach(n ${_needs})
    add_test(NAME ${T_NAME}.${n} COMMAND ${T_TARGET} --test-suite=${n}
             WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    set_tests_properties(${T_NAME}.${n} PROPERTIES TIMEOUT ${T_TIMEOUT}
                         SKIP_RETURN_CODE ${SAGELINT_SKIP_RETURN_CODE}
                         ENVIRONMENT "${SAGELINT_TEST_ENVIRONMENT}")
  endforeach()
endfunction()

# sagelint_add_shell_test(NAME <test> TIMEOUT <s> COMMAND <script> [args...])
# A script that sources tests/support/skip.sh and calls `skip REASON` when it cannot run.
function(sagelint_add_shell_test)
  cmake_parse_arguments(T "" "NAME;TIMEOUT" "COMMAND" ${ARGN})
  add_test(NAME ${T_NAME} COMMAND ${T_COMMAND} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(${T_NAME} PROPERTIES TIMEOUT ${T_TIMEOUT}
                       SKIP_RETURN_CODE ${SAGELINT_SKIP_RETURN_CODE}
                       ENVIRONMENT "${SAGELINT_TEST_ENVIRONMENT}")
endfunction()
