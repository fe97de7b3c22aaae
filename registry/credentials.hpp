// Where the credentials for one registry come from, in skopeo's order: --creds, else
// the auth file (--authfile, else $REGISTRY_AUTH_FILE, else $DOCKER_CONFIG/config.json
// or ~/.docker/config.json), where, as Docker reads it, credHelpers[host] comes first,
// then credsStore, then auths[host].
#pragma once

#include <optional>
#include <string>
#include <variant>

namespace sagelint::registry {

struct CredentialOptions {
  std::optional<std::string> creds;  // --creds USER[:PASSWORD]
  std::string authfile;              // --authfile FILE
};

struct Credentials {
  std::string username, password;
  std::string source;  // for messages: "--creds", "FILE (auths)", "docker-credential-NAME"
};

// nullopt: no credentials (anonymous). Error: one line naming the file or helper.
// registry_host is "host[:port]" as in the image reference ("docker.io" for Docker Hub).
std::variant<std::optional<Credentials>, std::string> find_credentials(
    const std::string& registry_host, const CredentialOptions& options);

// The auth file that would be read ("" when none applies).
std::string default_auth_file(const CredentialOptions& options);

}  // namespace sagelint::registry
