#include "registry/image_target.hpp"

#include <doctest/doctest.h>

using namespace sagelint::registry;

namespace {
ImageTarget ok(const std::string& text) {
  auto r = parse_image_target(text);
  REQUIRE(r.has_value());
  if (auto* err = std::get_if<std::string>(&*r)) FAIL(text << ": " << *err);
  return std::get<ImageTarget>(*r);
}
std::string bad(const std::string& text) {
  auto r = parse_image_target(text);
  REQUIRE(r.has_value());
  REQUIRE(std::holds_alternative<std::string>(*r));
  return std::get<std::string>(*r);
}
}  // namespace

TEST_CASE("docker:// names a registry image; no tag means latest") {
  auto t = ok("docker://123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app:1.2");
  CHECK(t.transport == Transport::registry);
  CHECK(t.host == "123456789012.dkr.ecr.us-east-1.amazonaws.com");
  CHECK(t.api_host == t.host);
  CHECK(t.repository == "team/app");
  CHECK(t.tag == "1.2");
  CHECK(t.digest.empty());

  auto p = ok("docker://127.0.0.1:5000/app");
  CHECK(p.host == "127.0.0.1:5000");
  CHECK(p.repository == "app");
  CHECK(p.tag == "latest");
  CHECK(p.name() == "127.0.0.1:5000/app:latest");

  std::string d = "sha256:" + std::string(64, 'a');
  auto byd = ok("docker://localhost:5000/a/b@" + d);
  CHECK(byd.digest == d);
  CHECK(byd.tag.empty());
  CHECK(byd.name() == "localhost:5000/a/b@" + d);
}

TEST_CASE("docker:// without a registry host is Docker Hub, as Docker normalises it") {
  auto t = ok("docker://ubuntu:22.04");
  CHECK(t.host == "docker.io");
  CHECK(t.api_host == "registry-1.docker.io");
  CHECK(t.repository == "library/ubuntu");
  CHECK(t.tag == "22.04");
  CHECK(ok("docker://bitnami/redis").repository == "bitnami/redis");
}

TEST_CASE("bad registry references are one-line reasons") {
  CHECK(bad("docker://").find("no image name") != std::string::npos);
  CHECK(bad("docker://host.example/").find("names every repository") != std::string::npos);
  CHECK(bad("docker://host.example/UPPER").find("not a valid repository") != std::string::npos);
  CHECK(bad("docker://host.example/a/../b").find("not a valid repository") != std::string::npos);
  CHECK(bad("docker://host.example/a@sha256:xyz").find("not a digest") != std::string::npos);
  CHECK(bad("docker://host.example/a:-bad").find("not a valid tag") != std::string::npos);
  CHECK(bad("docker://ho$t.example:1/a").find("not a valid registry") != std::string::npos);
  CHECK(bad("docker://host.example:port/a").find("not a valid registry") != std::string::npos);
}

TEST_CASE("the daemon and local transports") {
  auto d = ok("docker-daemon:app:1");
  CHECK(d.transport == Transport::daemon);
  CHECK(d.daemon_name == "app:1");
  CHECK(ok("docker:app").daemon_name == "app");
  CHECK(bad("docker-daemon:").find("no image name") != std::string::npos);
  CHECK(bad("docker:a b").find("not a valid image name") != std::string::npos);

  auto o = ok("oci:/tmp/layout:v1");
  CHECK(o.transport == Transport::oci_layout);
  CHECK(o.path == "/tmp/layout");
  CHECK(o.ref == "v1");
  auto a = ok("oci-archive:./x/img.tar");
  CHECK(a.transport == Transport::oci_archive);
  CHECK(a.path == "./x/img.tar");
  CHECK(a.ref.empty());
  auto da = ok("docker-archive:img.tar:repo:tag");
  CHECK(da.transport == Transport::docker_archive);
  CHECK(da.path == "img.tar");
  CHECK(da.ref == "repo:tag");
  CHECK(!parse_image_target("Dockerfile").has_value());
  CHECK(!parse_image_target("./docker").has_value());
  CHECK(has_transport_prefix("docker://x/y"));
  CHECK(!has_transport_prefix("dockerfile"));
}
