// Answers a registry's 401 the way Docker and skopeo do: a Basic challenge (htpasswd
// registries, ECR's "AWS:<token>") is answered with the credentials; a Bearer
// challenge (Docker Hub, GHCR, Harbor, distribution's token auth) by asking the realm
// for a token with the challenge's service and scope, sending the credentials, if
// any, to the realm only. Tokens are kept per repository for the life of the client.
// Credentials are looked up once, and only when a registry asks for them.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "registry/credentials.hpp"
#include "registry/http_client.hpp"

namespace sagelint::registry {

class Authorizer {
 public:
  Authorizer(std::string registry_host, CredentialOptions options, HttpSettings http);

  // The "Authorization: ..." header line for requests about repository; "" before any
  // challenge was answered.
  std::string header_for(const std::string& repository);

  // After a 401 carrying these WWW-Authenticate values. rejected: the request had an
  // Authorization header and was still refused. Error: one line naming the host and
  // where the credentials came from, never a secret.
  std::optional<std::string> answer(const std::vector<std::string>& challenges,
                                    const std::string& repository, bool rejected);

  // Replaces every secret this authorizer knows in text (for messages built from a
  // server's answer).
  std::string redact(std::string text);

 private:
  std::optional<std::string> load_credentials();
  std::optional<std::string> bearer(const std::map<std::string, std::string>& params,
                                    const std::string& repository);

  std::string host_;
  CredentialOptions options_;
  HttpSettings http_;
  std::mutex mu_;
  bool loaded_ = false;
  std::optional<Credentials> creds_;
  std::map<std::string, std::string> headers_;  // repository -> header; "" = every repository
  std::vector<std::string> secrets_;
};

}  // namespace sagelint::registry
