#include "knowledge/platform.hpp"

#include <doctest/doctest.h>

using namespace sagelint::knowledge;

TEST_CASE("platform strings are read as containerd normalises them") {
  auto text = [](const char* s) {
    auto p = parse_platform(s);
    return p ? p->text() : std::string("none");
  };
  CHECK(text("linux/amd64") == "linux/amd64");
  CHECK(text("Linux/X86_64") == "linux/amd64");
  CHECK(text("linux/aarch64") == "linux/arm64");
  CHECK(text("linux/arm64/v8") == "linux/arm64/v8");
  CHECK(text("arm64") == "linux/arm64");
  CHECK(text("windows") == "windows/?");
  CHECK(text("") == "none");
  CHECK(text("a/b/c/d") == "none");
  CHECK(runs_on_linux_amd64(*parse_platform("linux/x86-64")));
  CHECK(runs_on_linux_amd64(*parse_platform("linux")));
  CHECK_FALSE(runs_on_linux_amd64(*parse_platform("linux/i386")));
  CHECK_FALSE(runs_on_linux_amd64(*parse_platform("windows/amd64")));
}
