// Runs a Docker credential helper as Docker does: `docker-credential-NAME get` with the
// server URL on standard input, answering {"ServerURL","Username","Secret"} on
// standard output (docker/docker-credential-helpers). Debian's
// amazon-ecr-credential-helper is one: docker-credential-ecr-login.
#pragma once

#include <optional>
#include <string>
#include <variant>

namespace sagelint::registry {

struct HelperCredentials {
  std::string username, secret;
};

// nullopt when the helper has no credentials for server_url ("credentials not found").
// Error: one line naming the helper, never its output (which may hold a secret).
std::variant<std::optional<HelperCredentials>, std::string> run_credential_helper(
    const std::string& name, const std::string& server_url, int timeout_seconds = 60);

}  // namespace sagelint::registry
