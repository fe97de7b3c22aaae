#include "registry/www_authenticate.hpp"

#include <doctest/doctest.h>

using namespace sagelint::registry;

TEST_CASE("WWW-Authenticate: the Basic and Bearer challenges registries send") {
  auto basic = parse_www_authenticate(R"(Basic realm="Registry Realm")");
  REQUIRE(basic.size() == 1);
  CHECK(basic[0].scheme == "basic");
  CHECK(basic[0].param("realm") == "Registry Realm");

  auto bearer = parse_www_authenticate(
      R"(Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/ubuntu:pull")");
  REQUIRE(bearer.size() == 1);
  CHECK(bearer[0].scheme == "bearer");
  CHECK(bearer[0].param("realm") == "https://auth.docker.io/token");
  CHECK(bearer[0].param("service") == "registry.docker.io");
  CHECK(bearer[0].param("scope") == "repository:library/ubuntu:pull");
}

TEST_CASE("WWW-Authenticate: several challenges, case, spaces, escapes, bare tokens") {
  auto two = parse_www_authenticate(
      R"(Basic realm="a", BEARER Realm = "https://t/x" , Service=reg,error="invalid_token")");
  REQUIRE(two.size() == 2);
  CHECK(two[0].scheme == "basic");
  CHECK(two[0].param("realm") == "a");
  CHECK(two[1].scheme == "bearer");
  CHECK(two[1].param("realm") == "https://t/x");
  CHECK(two[1].param("service") == "reg");
  CHECK(two[1].param("error") == "invalid_token");

  auto esc = parse_www_authenticate(R"(Bearer realm="say \"hi\" \\ there")");
  REQUIRE(esc.size() == 1);
  CHECK(esc[0].param("realm") == R"(say "hi" \ there)");
}

TEST_CASE("WWW-Authenticate: hostile values end without hanging or throwing") {
  for (const char* v : {"", ",,,", "=", "Bearer realm=\"unterminated", "Bearer ,,, =x", "\"\"\"",
                        "Basic realm", "Bearer realm=,", "   ", "Basic\trealm=x"}) {
    CAPTURE(v);
    auto r = parse_www_authenticate(v);
    CHECK(r.size() <= 16);
  }
  std::string many;
  for (int i = 0; i < 1000; ++i) many += "Basic realm=x, ";
  CHECK(parse_www_authenticate(many).size() == 16);
  CHECK(parse_www_authenticate("Bearer realm=\"unterminated")[0].param("realm") == "unterminated");
}
