#include "registry/catalog.hpp"

#include <nlohmann/json.hpp>
#include <set>

namespace sagelint::registry {
namespace {

constexpr std::size_t kPageSize = 1000;
constexpr std::size_t kMaxBody = 16u << 20;
constexpr std::size_t kMaxNames = 1000000;  // a registry that never ends its list

// One page: the names under `key` and the next page's path ("" = last page).
std::variant<std::pair<std::vector<std::string>, std::string>, std::string> fetch_page(
    RegistryClient& client, const std::string& path, const char* key, const std::string& what) {
  auto r = client.get_v2(path, {"Accept: application/json"}, what);
  if (auto* err = std::get_if<std::string>(&r)) return *err;
  HttpStream& s = *std::get<std::unique_ptr<HttpStream>>(r);
  std::string body;
  char buf[65536];
  for (;;) {
    long got = s.read(buf, sizeof buf);
    if (got < 0) return client.host() + ": " + what + ": " + s.error();
    if (got == 0) break;
    if (body.size() + static_cast<std::size_t>(got) > kMaxBody)
      return client.host() + ": " + what + ": larger than " + std::to_string(kMaxBody) + " bytes";
    body.append(buf, static_cast<std::size_t>(got));
  }
  auto doc = nlohmann::json::parse(body, nullptr, false);
  if (!doc.is_object()) return client.host() + ": " + what + ": the answer is not a JSON object";
  std::vector<std::string> names;
  if (doc.contains(key) && !doc[key].is_null()) {
    if (!doc[key].is_array())
      return client.host() + ": " + what + ": \"" + key + "\" is not an array";
    for (const auto& n : doc[key]) {
      if (!n.is_string()) return client.host() + ": " + what + ": a name that is not a string";
      names.push_back(n.get<std::string>());
    }
  }
  return std::make_pair(std::move(names), next_page(s.head().header("link")));
}

std::variant<std::vector<std::string>, std::string> list_all(RegistryClient& client,
                                                             const std::string& first,
                                                             const char* key,
                                                             const std::string& what) {
  std::vector<std::string> all;
  std::set<std::string> asked;
  std::string path = first + "?n=" + std::to_string(kPageSize);
  while (!path.empty()) {
    if (!asked.insert(path).second)
      return client.host() + ": " + what + ": the registry's next page repeats an earlier one";
    auto page = fetch_page(client, path, key, what);
    if (auto* err = std::get_if<std::string>(&page)) return *err;
    auto& [names, next] = std::get<0>(page);
    all.insert(all.end(), names.begin(), names.end());
    if (all.size() > kMaxNames)
      return client.host() + ": " + what + ": more than " + std::to_string(kMaxNames) + " names";
    path = next;
  }
  return all;
}

}  // namespace

std::string next_page(const std::string& link) {
  // <URL>; rel="next" (several links may be separated by commas).
  std::size_t pos = 0;
  while ((pos = link.find('<', pos)) != std::string::npos) {
    auto close = link.find('>', pos);
    if (close == std::string::npos) return "";
    std::string url = link.substr(pos + 1, close - pos - 1);
    auto comma = link.find(',', close);
    std::string params = link.substr(close + 1, comma == std::string::npos ? comma : comma - close);
    pos = close;
    if (params.find("rel=\"next\"") == std::string::npos &&
        params.find("rel=next") == std::string::npos)
      continue;
    // Only the path below /v2/ is kept: the next page is asked of the same registry.
    auto v2 = url.find("/v2/");
    if (v2 == std::string::npos) return "";
    return url.substr(v2 + 4);
  }
  return "";
}

std::variant<std::vector<std::string>, std::string> list_repositories(
    const std::string& host, const RegistryOptions& options) {
  ImageTarget t;
  t.host = host;
  t.api_host = host == "docker.io" ? "registry-1.docker.io" : host;
  RegistryClient client(t, options);
  return list_all(client, "_catalog", "repositories", "catalog");
}

std::variant<std::vector<std::string>, std::string> list_tags(const ImageTarget& target,
                                                              const RegistryOptions& options) {
  RegistryClient client(target, options);
  return list_all(client, target.repository + "/tags/list", "tags", "tags of " + target.repository);
}

}  // namespace sagelint::registry
