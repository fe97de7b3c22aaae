#include "registry/authorizer.hpp"

#include <nlohmann/json.hpp>

#include "registry/base64.hpp"
#include "registry/www_authenticate.hpp"

namespace sagelint::registry {

namespace {

std::string url_escape(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace

Authorizer::Authorizer(std::string registry_host, CredentialOptions options, HttpSettings http)
    : host_(std::move(registry_host)), options_(std::move(options)), http_(std::move(http)) {}

std::string Authorizer::header_for(const std::string& repository) {
  std::lock_guard lock(mu_);
  if (auto it = headers_.find(repository); it != headers_.end()) return it->second;
  if (auto it = headers_.find(""); it != headers_.end()) return it->second;
  return "";
}

std::string Authorizer::redact(std::string text) {
  std::lock_guard lock(mu_);
  for (const auto& s : secrets_) {
    if (s.size() < 4) continue;  // too short to find without also hiding ordinary words
    for (std::size_t at; (at = text.find(s)) != std::string::npos;)
      text.replace(at, s.size(), "<redacted>");
  }
  return text;
}

std::optional<std::string> Authorizer::load_credentials() {
  if (loaded_) return std::nullopt;
  loaded_ = true;
  auto found = find_credentials(host_, options_);
  if (auto* err = std::get_if<std::string>(&found)) return host_ + ": " + *err;
  creds_ = std::get<std::optional<Credentials>>(found);
  if (creds_) {
    secrets_.push_back(creds_->password);
    secrets_.push_back(base64_encode(creds_->username + ":" + creds_->password));
  }
  return std::nullopt;
}

std::optional<std::string> Authorizer::answer(const std::vector<std::string>& values,
                                              const std::string& repository, bool rejected) {
  std::lock_guard lock(mu_);
  if (auto err = load_credentials()) return err;
  std::vector<Challenge> challenges;
  for (const auto& v : values)
    for (auto& c : parse_www_authenticate(v)) challenges.push_back(std::move(c));
  const std::string from = creds_ ? " from " + creds_->source : "";
  for (const auto& c : challenges) {
    if (c.scheme == "bearer") {
      if (rejected && headers_.count(repository))
        return host_ + ": access to " + repository + " denied" +
               (creds_ ? " for the credentials" + from
                       : " without credentials (give them with --creds, --authfile or docker "
                         "login)");
      return bearer(c.params, repository);
    }
  }
  for (const auto& c : challenges) {
    if (c.scheme != "basic") continue;
    if (!creds_)
      return host_ +
             ": authentication required; give credentials with --creds, --authfile or docker "
             "login";
    if (rejected)
      return host_ + ": authentication failed: the registry refused the credentials" + from;
    headers_[""] =
        "Authorization: Basic " + base64_encode(creds_->username + ":" + creds_->password);
    return std::nullopt;
  }
  return host_ + ": the registry asks for an authentication scheme sagelint does not speak" +
         (challenges.empty() ? std::string(" (no WWW-Authenticate challenge)")
                             : " (" + challenges.front().scheme + ")");
}

std::optional<std::string> Authorizer::bearer(const std::map<std::string, std::string>& params,
                                              const std::string& repository) {
  auto get = [&](const char* k) {
    auto it = params.find(k);
    return it == params.end() ? std::string() : it->second;
  };
  std::string realm = get("realm");
  if (realm.rfind("https://", 0) != 0 && realm.rfind("http://", 0) != 0)
    return host_ + ": the Bearer challenge has no usable realm URL";
  if (realm.rfind("http://", 0) == 0 && creds_ && http_.tls.verify)
    return host_ + ": the token realm " + url_host(realm) +
           " is plain http; credentials are not sent there (use --tls-verify=false to allow it)";
  std::string scope = get("scope");
  if (scope.empty() || scope.find("repository:" + repository + ":") != 0)
    scope = "repository:" + repository + ":pull";
  std::string url = realm + (realm.find('?') == std::string::npos ? "?" : "&");
  if (!get("service").empty()) url += "service=" + url_escape(get("service")) + "&";
  url += "scope=" + url_escape(scope);
  HttpRequest req{url, {}, false};
  if (creds_)
    req.headers.push_back("Authorization: Basic " +
                          base64_encode(creds_->username + ":" + creds_->password));
  auto r = http_fetch(req, http_, 1u << 20);
  if (auto* err = std::get_if<std::string>(&r)) return host_ + ": token service " + *err;
  const HttpResponse& resp = std::get<HttpResponse>(r);
  const std::string service = "the token service " + url_host(realm);
  if (resp.head.status == 401 || resp.head.status == 403)
    return host_ + ": authentication failed: " + service +
           (creds_ ? " refused the credentials from " + creds_->source
                   : " refused an anonymous token") +
           " (HTTP " + std::to_string(resp.head.status) + ")";
  if (resp.head.status != 200)
    return host_ + ": " + service + " answered HTTP " + std::to_string(resp.head.status);
  auto doc = nlohmann::json::parse(resp.body, nullptr, false);
  std::string token;
  if (doc.is_object()) {
    for (const char* k : {"token", "access_token"})
      if (doc.contains(k) && doc[k].is_string() && !doc[k].get<std::string>().empty()) {
        token = doc[k].get<std::string>();
        break;
      }
  }
  if (token.empty()) return host_ + ": " + service + " answered without a token";
  for (char c : token)
    if (c == '\r' || c == '\n') return host_ + ": " + service + " answered a malformed token";
  secrets_.push_back(token);
  headers_[repository] = "Authorization: Bearer " + token;
  return std::nullopt;
}

}  // namespace sagelint::registry
