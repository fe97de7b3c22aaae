// Base64 (RFC 4648, with padding) over OpenSSL, for Basic auth and docker config.json.
#pragma once

#include <optional>
#include <string>

namespace sagelint::registry {

std::string base64_encode(const std::string& data);
// nullopt for anything that is not valid padded base64.
std::optional<std::string> base64_decode(const std::string& text);

}  // namespace sagelint::registry
