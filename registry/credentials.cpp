#include "registry/credentials.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "registry/credential_helper.hpp"
#include "registry/docker_config.hpp"

namespace sagelint::registry {

namespace {

constexpr std::size_t kMaxConfigBytes = 4u << 20;

// The names a registry goes by in config files: Docker Hub has three.
std::vector<std::string> host_aliases(const std::string& host) {
  if (host == "docker.io" || host == "index.docker.io" || host == "registry-1.docker.io")
    return {"index.docker.io", "docker.io", "registry-1.docker.io"};
  return {host};
}

// What Docker passes a helper: the Hub's historical URL, else the host.
std::string helper_server_url(const std::string& host) {
  if (host_aliases(host).size() > 1) return "https://index.docker.io/v1/";
  return host;
}

std::variant<std::optional<Credentials>, std::string> from_helper(const std::string& helper,
                                                                  const std::string& host) {
  auto r = run_credential_helper(helper, helper_server_url(host));
  if (auto* err = std::get_if<std::string>(&r)) return *err;
  auto& found = std::get<std::optional<HelperCredentials>>(r);
  if (!found) return std::optional<Credentials>();
  return std::optional<Credentials>(
      Credentials{found->username, found->secret, "docker-credential-" + helper});
}

}  // namespace

std::string default_auth_file(const CredentialOptions& options) {
  if (!options.authfile.empty()) return options.authfile;
  if (const char* f = std::getenv("REGISTRY_AUTH_FILE"); f && *f) return f;
  if (const char* d = std::getenv("DOCKER_CONFIG"); d && *d) return std::string(d) + "/config.json";
  if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.docker/config.json";
  return "";
}

std::variant<std::optional<Credentials>, std::string> find_credentials(
    const std::string& registry_host, const CredentialOptions& options) {
  if (options.creds) {
    const std::string& c = *options.creds;
    auto colon = c.find(':');
    if (colon == 0) return std::string("--creds: the user name is empty (USER[:PASSWORD])");
    // USER alone: as skopeo, an empty password rather than a prompt (no terminal in CI).
    return std::optional<Credentials>(Credentials{
        c.substr(0, colon), colon == std::string::npos ? "" : c.substr(colon + 1), "--creds"});
  }
  std::string file = default_auth_file(options);
  if (file.empty()) return std::optional<Credentials>();
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) {
    // A file the user named must exist; the default ones are optional.
    if (!options.authfile.empty()) return file + ": no such file (--authfile)";
    if (const char* f = std::getenv("REGISTRY_AUTH_FILE"); f && *f && file == f)
      return file + ": no such file ($REGISTRY_AUTH_FILE)";
    return std::optional<Credentials>();
  }
  if (!S_ISREG(st.st_mode) || static_cast<uint64_t>(st.st_size) > kMaxConfigBytes)
    return file + ": not a regular file of at most 4 MiB";
  std::ifstream in(file, std::ios::binary);
  if (!in) return file + ": cannot be read";
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = parse_docker_config(text.str(), file);
  if (auto* err = std::get_if<std::string>(&parsed)) return *err;
  const DockerConfig& cfg = std::get<DockerConfig>(parsed);

  auto aliases = host_aliases(registry_host);
  for (const auto& h : aliases)
    if (auto it = cfg.cred_helpers.find(h); it != cfg.cred_helpers.end())
      return from_helper(it->second, registry_host);
  if (!cfg.creds_store.empty()) {
    auto r = from_helper(cfg.creds_store, registry_host);
    if (std::holds_alternative<std::string>(r) ||
        std::get<std::optional<Credentials>>(r).has_value())
      return r;
  }
  for (const auto& h : aliases) {
    auto it = cfg.auths.find(h);
    if (it == cfg.auths.end()) continue;
    const AuthEntry& e = it->second;
    if (e.username.empty() && e.password.empty()) continue;  // a credsStore placeholder
    return std::optional<Credentials>(Credentials{e.username, e.password, file + " (auths)"});
  }
  return std::optional<Credentials>();
}

}  // namespace sagelint::registry
