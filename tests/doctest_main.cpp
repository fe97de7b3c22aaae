// main() of every doctest binary: doctest's own, except that a run in which a case
// skipped (tests/support/skip.hpp) and none failed exits with the code CTest reads as
// "skipped".
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "tests/support/skip.hpp"

int main(int argc, char** argv) {
  doctest::Context context(argc, argv);
  const int failed = context.run();
  if (context.shouldExit() || failed != 0) return failed;
  return sagelint::testing::any_skipped() ? sagelint::testing::kSkipExitCode : 0;
}
