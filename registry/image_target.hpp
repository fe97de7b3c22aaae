// Image targets spelled as containers-transports(5) spells them (skopeo, podman):
//   docker://HOST[:PORT]/REPO[:TAG|@DIGEST]   a registry (no tag: latest)
//   docker-daemon:NAME[:TAG], docker:NAME     the local Docker Engine
//   oci:DIR[:REF], oci-archive:FILE[:REF], docker-archive:FILE[:REF]
// A string without one of these prefixes is a path, judged by its content.
#pragma once

#include <optional>
#include <string>
#include <variant>

namespace sagelint::registry {

enum class Transport { registry, daemon, oci_layout, oci_archive, docker_archive };

struct ImageTarget {
  Transport transport = Transport::registry;
  // registry: "host[:port]" as written ("docker.io" for Docker Hub names), the API
  // host to talk to, the repository ("library/ubuntu") and a tag or a digest.
  std::string host, api_host, repository, tag, digest;
  // daemon: the image name as Docker takes it ("app:1", "sha256:…").
  std::string daemon_name;
  // local forms: the path and the optional REF (a tag or ref.name inside it).
  std::string path, ref;
  // "host/repo:tag" or "host/repo@digest": the registry image's full name.
  std::string name() const;
};

// nullopt: no transport prefix (a plain path). Error: one line, the reason only.
std::optional<std::variant<ImageTarget, std::string>> parse_image_target(const std::string& text);

// True when text starts with a transport prefix this module reads.
bool has_transport_prefix(const std::string& text);

}  // namespace sagelint::registry
