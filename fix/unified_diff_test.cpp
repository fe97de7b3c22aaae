#include "fix/unified_diff.hpp"

#include <doctest/doctest.h>

#include <string>

using sagelint::fix::unified_diff;

TEST_CASE("unified diff: hunks with three lines of context, merged when close") {
  CHECK(unified_diff("a\n", "a\n", "f") == "");
  CHECK(unified_diff("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nX\n6\n7\n8\n9\n", "f") ==
        "--- f\n+++ f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+X\n 6\n 7\n 8\n");
  // Two changes six lines apart share a hunk; further apart they do not.
  CHECK(unified_diff("a\nb\nc\nd\ne\nf\ng\nh\n", "A\nb\nc\nd\ne\nf\ng\nH\n", "f") ==
        "--- f\n+++ f\n@@ -1,8 +1,8 @@\n-a\n+A\n b\n c\n d\n e\n f\n g\n-h\n+H\n");
  const std::string far_a = "a\n1\n2\n3\n4\n5\n6\n7\nb\n", far_b = "A\n1\n2\n3\n4\n5\n6\n7\nB\n";
  CHECK(unified_diff(far_a, far_b, "f") ==
        "--- f\n+++ f\n@@ -1,4 +1,4 @@\n-a\n+A\n 1\n 2\n 3\n@@ -6,4 +6,4 @@\n 5\n 6\n 7\n-b\n+B\n");
}

TEST_CASE("unified diff: CRLF kept, a last line without newline marked") {
  CHECK(unified_diff("x\r\ny", "z\r\ny", "f") ==
        "--- f\n+++ f\n@@ -1,2 +1,2 @@\n-x\r\n+z\r\n y\n\\ No newline at end of file\n");
  CHECK(unified_diff("a\nb", "a\nc", "f") ==
        "--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at "
        "end of file\n");
}
