#include "registry/plain_http_hosts.hpp"

#include <mutex>
#include <set>

namespace sagelint::registry {

namespace {

struct Hosts {
  std::mutex mu;
  std::set<std::string> plain;
};

Hosts& hosts() {
  static Hosts h;
  return h;
}

}  // namespace

bool known_plain_http(const std::string& api_host) {
  Hosts& h = hosts();
  std::lock_guard lock(h.mu);
  return h.plain.count(api_host) != 0;
}

void remember_plain_http(const std::string& api_host) {
  Hosts& h = hosts();
  std::lock_guard lock(h.mu);
  h.plain.insert(api_host);
}

}  // namespace sagelint::registry
