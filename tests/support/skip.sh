# Sourced by the shell tests: `skip REASON` ends the test as skipped, not passed. CTest
# runs shell tests with SKIP_RETURN_CODE 77 (cmake/SagelintTests.cmake), the code the C++
# tests use too (tests/support/skip.hpp).
skip() {
  echo "skipped: $*"
  exit 77
}
