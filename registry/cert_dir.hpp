// TLS trust for one registry as containers-certs.d(5) lays it out: in DIR, every *.crt
// is a CA added to the system roots, and NAME.cert with NAME.key is a client
// certificate. DIR is --cert-dir, else /etc/containers/certs.d/HOST[:PORT] or
// /etc/docker/certs.d/HOST[:PORT] when they exist.
#pragma once

#include <string>

#include "registry/http_client.hpp"

namespace sagelint::registry {

TlsSettings tls_settings_for(const std::string& registry_host, const std::string& cert_dir,
                             bool tls_verify);

}  // namespace sagelint::registry
