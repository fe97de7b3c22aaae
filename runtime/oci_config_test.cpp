#include "runtime/oci_config.hpp"

#include <doctest/doctest.h>
#include <stdlib.h>

#include <algorithm>
#include <fstream>

using namespace sagelint::runtime;
namespace fs = std::filesystem;

TEST_CASE("resolve_user: names and numbers against the image's passwd and group") {
  std::string t = (fs::temp_directory_path() / "sagelint-user-test-XXXXXX").string();
  fs::path root = mkdtemp(t.data());
  fs::create_directories(root / "etc");
  std::ofstream(root / "etc" / "passwd")
      << "root:x:0:0::/root:/bin/sh\napp:x:1001:1002::/app:/bin/sh\n";
  std::ofstream(root / "etc" / "group") << "root:x:0:\nstaff:x:50:\n";
  std::string err;
  struct Case {
    const char* user;
    unsigned uid, gid;
  };
  for (const Case c : {Case{"", 0, 0}, Case{"root", 0, 0}, Case{"app", 1001, 1002},
                       Case{"1001", 1001, 1002}, Case{"4242", 4242, 0}, Case{"app:staff", 1001, 50},
                       Case{"app:7", 1001, 7}, Case{"5:6", 5, 6}}) {
    CAPTURE(c.user);
    auto u = resolve_user(c.user, root, err);
    REQUIRE(u.has_value());
    CHECK(u->uid == c.uid);
    CHECK(u->gid == c.gid);
  }
  CHECK_FALSE(resolve_user("nobody-here", root, err).has_value());
  CHECK(err.find("nobody-here") != std::string::npos);
  CHECK_FALSE(resolve_user("app:nogroup", root, err).has_value());
  std::error_code ec;
  fs::remove_all(root, ec);
}

TEST_CASE("oci_config: namespaces, hostname, no terminal, job mounts") {
  ContainerSpec c;
  c.host = "algo-2";
  c.argv = {"/bin/run", "x"};
  c.env = {"PATH=/bin"};
  c.mounts = {{"/w/config", "/opt/ml/config", false}, {"/w/in", "/opt/ml/processing/input", true}};
  auto j = oci_config(c, OciUser{1000, 100}, "");
  CHECK(j["hostname"] == "algo-2");
  CHECK(j["process"]["terminal"] == false);
  CHECK(j["process"]["args"] == nlohmann::json({"/bin/run", "x"}));
  CHECK(j["process"]["cwd"] == "/");
  CHECK(j["process"]["user"]["uid"] == 1000);
  CHECK(j["process"]["capabilities"]["effective"].empty());
  std::vector<std::string> ns;
  for (const auto& n : j["linux"]["namespaces"]) {
    ns.push_back(n["type"]);
    CHECK_FALSE(n.contains("path"));
  }
  CHECK(ns == std::vector<std::string>{"pid", "ipc", "uts", "mount", "network"});
  auto mounts = j["mounts"];
  CHECK(mounts[mounts.size() - 2]["destination"] == "/opt/ml/config");
  CHECK(mounts[mounts.size() - 1]["options"][1] == "ro");
  auto shared = oci_config(c, OciUser{}, "/w/netns");
  CHECK(shared["linux"]["namespaces"][4]["path"] == "/w/netns");
  const auto has_net_raw = [](const nlohmann::json& config) {
    const auto& bounding = config["process"]["capabilities"]["bounding"];
    return std::find(bounding.begin(), bounding.end(), "CAP_NET_RAW") != bounding.end();
  };
  CHECK(has_net_raw(shared));
}

TEST_CASE("oci_config: --network host has no network namespace and no CAP_NET_RAW") {
  ContainerSpec c;
  c.host = "algo-1";
  c.argv = {"/bin/run"};
  auto j = oci_config(c, OciUser{}, "", true);
  std::vector<std::string> ns;
  for (const auto& n : j["linux"]["namespaces"]) ns.push_back(n["type"]);
  CHECK(ns == std::vector<std::string>{"pid", "ipc", "uts", "mount"});
  for (const char* set : {"bounding", "effective", "permitted"}) {
    const auto& caps = j["process"]["capabilities"][set];
    CHECK(std::find(caps.begin(), caps.end(), "CAP_NET_RAW") == caps.end());
    CHECK(std::find(caps.begin(), caps.end(), "CAP_NET_BIND_SERVICE") != caps.end());
  }
}
