// The registry hosts this process found speaking plain HTTP (with --tls-verify=false,
// which allows that, as skopeo does). A fleet run opens one client per target; without
// this each of them would first try TLS, fail the handshake and connect again, once per
// image. The first client to learn it records it; later clients for that host start
// with http.
#pragma once

#include <string>

namespace sagelint::registry {

// api_host: the host[:port] the requests go to.
bool known_plain_http(const std::string& api_host);
void remember_plain_http(const std::string& api_host);

}  // namespace sagelint::registry
