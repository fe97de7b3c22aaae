// Credential lookup with real files and a real helper program on PATH.
#include "registry/credentials.hpp"

#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "registry/base64.hpp"

using namespace sagelint::registry;
namespace fs = std::filesystem;

namespace {

struct Scratch {
  fs::path dir;
  std::string old_path, old_home;
  Scratch() {
    char tmpl[] = "/tmp/sagelint-creds-XXXXXX";
    dir = mkdtemp(tmpl);
    fs::create_directories(dir / "bin");
    old_path = getenv("PATH") ? getenv("PATH") : "";
    old_home = getenv("HOME") ? getenv("HOME") : "";
    setenv("PATH", ((dir / "bin").string() + ":" + old_path).c_str(), 1);
    setenv("HOME", dir.c_str(), 1);
    unsetenv("REGISTRY_AUTH_FILE");
    unsetenv("DOCKER_CONFIG");
  }
  ~Scratch() {
    setenv("PATH", old_path.c_str(), 1);
    setenv("HOME", old_home.c_str(), 1);
    fs::remove_all(dir);
  }
  void write(const fs::path& p, const std::string& text, bool exec = false) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
    if (exec) fs::permissions(p, fs::perms::owner_all);
  }
};

Credentials found(const std::variant<std::optional<Credentials>, std::string>& r) {
  if (auto* e = std::get_if<std::string>(&r)) FAIL(*e);
  REQUIRE(std::get<0>(r).has_value());
  return *std::get<0>(r);
}

}  // namespace

TEST_CASE("--creds comes first; USER alone has an empty password") {
  Scratch s;
  CredentialOptions o;
  o.creds = "alice:pa:ss";
  auto c = found(find_credentials("r.example", o));
  CHECK(c.username == "alice");
  CHECK(c.password == "pa:ss");
  CHECK(c.source == "--creds");
  o.creds = "bob";
  CHECK(found(find_credentials("r.example", o)).password.empty());
  o.creds = ":x";
  CHECK(std::holds_alternative<std::string>(find_credentials("r.example", o)));
}

TEST_CASE(
    "~/.docker/config.json auths, then $DOCKER_CONFIG, then $REGISTRY_AUTH_FILE, then --authfile") {
  Scratch s;
  CredentialOptions o;
  CHECK(!std::get<0>(find_credentials("r.example:5000", o)).has_value());  // no file: anonymous
  s.write(s.dir / ".docker/config.json",
          R"({"auths":{"r.example:5000":{"auth":")" + base64_encode("home:pw1") + R"("}}})");
  CHECK(found(find_credentials("r.example:5000", o)).username == "home");
  CHECK(!std::get<0>(find_credentials("other.example", o)).has_value());

  s.write(s.dir / "dc/config.json",
          R"({"auths":{"https://r.example:5000":{"auth":")" + base64_encode("dc:pw2") + R"("}}})");
  setenv("DOCKER_CONFIG", (s.dir / "dc").c_str(), 1);
  CHECK(found(find_credentials("r.example:5000", o)).username == "dc");

  s.write(s.dir / "auth.json",
          R"({"auths":{"r.example:5000":{"auth":")" + base64_encode("raf:pw3") + R"("}}})");
  setenv("REGISTRY_AUTH_FILE", (s.dir / "auth.json").c_str(), 1);
  auto raf = found(find_credentials("r.example:5000", o));
  CHECK(raf.username == "raf");
  CHECK(raf.source == (s.dir / "auth.json").string() + " (auths)");

  o.authfile = (s.dir / "missing.json").string();
  auto missing = find_credentials("r.example:5000", o);
  REQUIRE(std::holds_alternative<std::string>(missing));
  CHECK(std::get<std::string>(missing).find("no such file (--authfile)") != std::string::npos);
  unsetenv("DOCKER_CONFIG");
  unsetenv("REGISTRY_AUTH_FILE");
}

TEST_CASE("credHelpers and credsStore run docker-credential-NAME get with the server on stdin") {
  Scratch s;
  // The helper records what it was asked and answers like docker-credential-helpers.
  s.write(s.dir / "bin/docker-credential-sagetest",
          "#!/bin/sh\nread server\necho \"$1 $server\" >> \"$HOME/helper.log\"\n"
          "case \"$server\" in\n"
          "  *known*) printf '{\"ServerURL\":\"%s\",\"Username\":\"AWS\",\"Secret\":\"tok-123\"}' "
          "\"$server\" ;;\n"
          "  *) echo 'credentials not found in native keychain'; exit 1 ;;\n"
          "esac\n",
          true);
  s.write(s.dir / "bin/docker-credential-broken", "#!/bin/sh\necho 'secret-ish junk' >&2\nexit 3\n",
          true);
  s.write(s.dir / ".docker/config.json",
          R"({"credHelpers":{"known.example":"sagetest","broken.example":"broken",
               "gone.example":"not-installed"},
              "credsStore":"sagetest",
              "auths":{"fallback.example":{"auth":")" +
              base64_encode("fb:pw") + R"("}}})");
  CredentialOptions o;
  auto c = found(find_credentials("known.example", o));
  CHECK(c.username == "AWS");
  CHECK(c.password == "tok-123");
  CHECK(c.source == "docker-credential-sagetest");
  std::ifstream log(s.dir / "helper.log");
  std::string line;
  std::getline(log, line);
  CHECK(line == "get known.example");

  // credsStore has nothing for it: the auths entry is used.
  CHECK(found(find_credentials("fallback.example", o)).username == "fb");
  CHECK(!std::get<0>(find_credentials("none.example", o)).has_value());

  auto broken = find_credentials("broken.example", o);
  REQUIRE(std::holds_alternative<std::string>(broken));
  CHECK(std::get<std::string>(broken).find("docker-credential-broken get failed") !=
        std::string::npos);
  CHECK(std::get<std::string>(broken).find("junk") == std::string::npos);
  auto gone = find_credentials("gone.example", o);
  REQUIRE(std::holds_alternative<std::string>(gone));
  CHECK(std::get<std::string>(gone).find("docker-credential-not-installed is not on PATH") !=
        std::string::npos);
}
