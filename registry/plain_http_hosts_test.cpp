#include "registry/plain_http_hosts.hpp"

#include <doctest/doctest.h>

using namespace sagelint::registry;

TEST_CASE("plain HTTP hosts: remembered per host[:port], for the life of the process") {
  CHECK_FALSE(known_plain_http("plain-test.invalid:5000"));
  remember_plain_http("plain-test.invalid:5000");
  CHECK(known_plain_http("plain-test.invalid:5000"));
  // Another port of the same host is another registry.
  CHECK_FALSE(known_plain_http("plain-test.invalid:5001"));
  CHECK_FALSE(known_plain_http("plain-test.invalid"));
}
