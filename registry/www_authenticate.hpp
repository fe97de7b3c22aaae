// WWW-Authenticate challenges (RFC 7235 section 4.1), as registries send them with a 401:
//   Basic realm="Registry Realm"
//   Bearer
//   realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull"
// The header is untrusted input: parsing never throws and bounds what it keeps.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace sagelint::registry {

struct Challenge {
  std::string scheme;                         // lower-cased: "basic", "bearer", ...
  std::map<std::string, std::string> params;  // names lower-cased, values unquoted
  std::string param(const std::string& name) const;
};

// Every challenge in one header value (a header may carry several, comma-separated).
std::vector<Challenge> parse_www_authenticate(const std::string& value);

}  // namespace sagelint::registry
