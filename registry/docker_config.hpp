// Docker's client config (config.json), the part that says where registry credentials
// are: `auths` (base64 "user:password" per registry), `credsStore` (one helper for
// every registry) and `credHelpers` (a helper per registry). Podman's auth.json has
// the same shape. The file is the user's, but parsing it never throws.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>

namespace sagelint::registry {

struct AuthEntry {
  std::string username, password;
  std::string identity_token;  // "identitytoken": an OAuth refresh token (Docker Hub SSO)
};

struct DockerConfig {
  std::map<std::string, AuthEntry> auths;           // keyed by registry host ("host[:port]")
  std::string creds_store;                          // helper name: docker-credential-<name>
  std::map<std::string, std::string> cred_helpers;  // registry host -> helper name
};

// what names the file in errors; an error never quotes a value from the file.
std::variant<DockerConfig, std::string> parse_docker_config(const std::string& text,
                                                            const std::string& what);

// The registry host a config key names: "https://index.docker.io/v1/" -> "index.docker.io",
// "http://host:5000/v2/" -> "host:5000", "host:5000" -> "host:5000". Docker's
// ConvertToHostname.
std::string registry_host_of_key(const std::string& key);

}  // namespace sagelint::registry
