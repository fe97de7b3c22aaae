#include "registry/docker_config.hpp"

#include <nlohmann/json.hpp>

#include "image/json_doc.hpp"
#include "registry/base64.hpp"

namespace sagelint::registry {

namespace {
using json = nlohmann::json;

std::string string_member(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
}  // namespace

std::string registry_host_of_key(const std::string& key) {
  std::string k = key;
  for (const char* scheme : {"https://", "http://"})
    if (lower(k).rfind(scheme, 0) == 0) k = k.substr(std::char_traits<char>::length(scheme));
  return lower(k.substr(0, k.find('/')));
}

std::variant<DockerConfig, std::string> parse_docker_config(const std::string& text,
                                                            const std::string& what) {
  auto parsed = image::parse_json_document(text, what);  // bounded size and nesting
  if (auto* err = std::get_if<std::string>(&parsed)) return *err;
  const json& doc = std::get<json>(parsed);
  if (!doc.is_object()) return what + ": not a JSON object";
  DockerConfig out;
  out.creds_store = string_member(doc, "credsStore");
  if (auto it = doc.find("credHelpers"); it != doc.end() && it->is_object())
    for (const auto& [k, v] : it->items())
      if (v.is_string()) out.cred_helpers[registry_host_of_key(k)] = v.get<std::string>();
  if (auto it = doc.find("auths"); it != doc.end() && it->is_object()) {
    for (const auto& [k, v] : it->items()) {
      if (!v.is_object()) continue;
      AuthEntry e;
      std::string auth = string_member(v, "auth");
      if (!auth.empty()) {
        auto decoded = base64_decode(auth);
        auto colon = decoded ? decoded->find(':') : std::string::npos;
        if (!decoded || colon == std::string::npos)
          return what + ": auths entry for " + registry_host_of_key(k) +
                 " has an \"auth\" that is not base64 of user:password";
        e.username = decoded->substr(0, colon);
        e.password = decoded->substr(colon + 1);
      } else {
        e.username = string_member(v, "username");
        e.password = string_member(v, "password");
      }
      e.identity_token = string_member(v, "identitytoken");
      out.auths[registry_host_of_key(k)] = std::move(e);
    }
  }
  return out;
}

}  // namespace sagelint::registry
