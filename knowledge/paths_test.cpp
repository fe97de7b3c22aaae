#include <doctest/doctest.h>

#include "knowledge/paths.hpp"

using namespace sagelint::knowledge;

TEST_CASE("normalize_path") {
  struct Row {
    const char* path;
    const char* base;
    const char* expected;
  };
  const Row rows[] = {
      {"/opt//ml", "/", "/opt/ml"},
      {"/opt/./ml/", "/", "/opt/ml"},
      {"/opt/x/../ml", "/", "/opt/ml"},
      {"ml", "/opt", "/opt/ml"},
      {"./ml/", "/opt/", "/opt/ml"},
      {"../ml", "/opt/x", "/opt/ml"},
      {"/../../etc", "/", "/etc"},
      {"", "/app", "/app"},
      {".", "/", "/"},
      {"/", "/x", "/"},
      {"a/b/../../..", "/x", "/"},
  };
  for (const auto& r : rows) {
    CAPTURE(std::string(r.path));
    CHECK(normalize_path(r.path, r.base) == r.expected);
  }
}

TEST_CASE("is_at_or_under") {
  CHECK(is_at_or_under("/opt/ml", "/opt/ml"));
  CHECK(is_at_or_under("/opt/ml/x", "/opt/ml"));
  CHECK_FALSE(is_at_or_under("/opt/mlflow", "/opt/ml"));
  CHECK_FALSE(is_at_or_under("/opt", "/opt/ml"));
  CHECK(is_at_or_under("/anything", "/"));
}

TEST_CASE("glob_match") {
  CHECK(glob_match("/opt/ml/code/**", "/opt/ml/code"));
  CHECK(glob_match("/opt/ml/code/**", "/opt/ml/code/a/b.py"));
  CHECK_FALSE(glob_match("/opt/ml/code/**", "/opt/ml/codes"));
  CHECK(glob_match("/opt/ml/*/x", "/opt/ml/a/x"));
  CHECK_FALSE(glob_match("/opt/ml/*/x", "/opt/ml/a/b/x"));
  CHECK(glob_match("/opt/ml/**/x", "/opt/ml/x"));
  CHECK(glob_match("/opt/ml/**/x", "/opt/ml/a/b/x"));
  CHECK(glob_match("/opt/ml/m?.bin", "/opt/ml/m1.bin"));
  CHECK(glob_match("/opt/ml/[a-c].py", "/opt/ml/b.py"));
  CHECK_FALSE(glob_match("/opt/ml/[!a-c].py", "/opt/ml/b.py"));
  CHECK_FALSE(glob_match("/opt/ml", "/opt/ml/x"));
}

TEST_CASE("base_name and dir_name") {
  CHECK(base_name("/a/b/") == "b");
  CHECK(base_name("b") == "b");
  CHECK(dir_name("/a/b") == "/a");
  CHECK(dir_name("/a") == "/");
  CHECK(dir_name("a") == ".");
}
