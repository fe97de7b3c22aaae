#include "registry/docker_config.hpp"

#include <doctest/doctest.h>

#include <vector>

#include "registry/base64.hpp"

using namespace sagelint::registry;

TEST_CASE("config.json: auths, credsStore and credHelpers as Docker writes them") {
  std::string text = R"({
    "auths": {
      "https://index.docker.io/v1/": {"auth": ")" +
                     base64_encode("hubuser:hub:pass") + R"("},
      "127.0.0.1:5000": {"auth": ")" +
                     base64_encode("u:p") + R"("},
      "http://other.example/v2/": {"username": "x", "password": "y"},
      "123.dkr.ecr.us-east-1.amazonaws.com": {}
    },
    "credsStore": "desktop",
    "credHelpers": {"123.dkr.ecr.us-east-1.amazonaws.com": "ecr-login"}
  })";
  auto r = parse_docker_config(text, "config.json");
  REQUIRE(std::holds_alternative<DockerConfig>(r));
  const auto& c = std::get<DockerConfig>(r);
  CHECK(c.creds_store == "desktop");
  CHECK(c.cred_helpers.at("123.dkr.ecr.us-east-1.amazonaws.com") == "ecr-login");
  CHECK(c.auths.at("index.docker.io").username == "hubuser");
  CHECK(c.auths.at("index.docker.io").password == "hub:pass");  // only the first ':' splits
  CHECK(c.auths.at("127.0.0.1:5000").password == "p");
  CHECK(c.auths.at("other.example").username == "x");
  CHECK(c.auths.at("123.dkr.ecr.us-east-1.amazonaws.com").username.empty());
}

TEST_CASE("config.json: broken files are one-line errors that quote no value") {
  auto not_json = parse_docker_config("{", "cfg");
  REQUIRE(std::holds_alternative<std::string>(not_json));
  CHECK(std::get<std::string>(not_json) == "cfg: not valid JSON");
  auto bad_auth =
      parse_docker_config(R"({"auths":{"h":{"auth":"c2VjcmV0LXdpdGhvdXQtY29sb24="}}})", "cfg");
  REQUIRE(std::holds_alternative<std::string>(bad_auth));
  CHECK(std::get<std::string>(bad_auth).find("secret") == std::string::npos);
  CHECK(std::get<std::string>(bad_auth).find("not base64 of user:password") != std::string::npos);
  CHECK(std::holds_alternative<std::string>(parse_docker_config("[]", "cfg")));
  std::string deep(100000, '[');
  CHECK(std::holds_alternative<std::string>(parse_docker_config(deep, "cfg")));
  // Wrong types are ignored, as Docker ignores them.
  CHECK(std::holds_alternative<DockerConfig>(
      parse_docker_config(R"({"auths":[],"credHelpers":{"h":1},"credsStore":2})", "cfg")));
}

TEST_CASE("config keys name registry hosts") {
  CHECK(registry_host_of_key("https://index.docker.io/v1/") == "index.docker.io");
  CHECK(registry_host_of_key("HTTP://Host:5000/v2/") == "host:5000");
  CHECK(registry_host_of_key("host:5000") == "host:5000");
}

TEST_CASE("base64 round trip and refusals") {
  for (std::string s :
       std::vector<std::string>{"", "a", "ab", "abc", "AWS:eyJwYXlsb2Fk", std::string("\0\xff", 2)})
    CHECK(base64_decode(base64_encode(s)) == s);
  CHECK(!base64_decode("abc"));
  CHECK(!base64_decode("a*==").has_value());
}
