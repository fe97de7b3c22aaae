#include "lint/fingerprint.hpp"

#include <openssl/evp.h>

#include <map>

namespace sagelint::lint {
namespace {

std::string sha256_hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

// Everything that names the problem, NUL-separated (no field can hold a NUL that
// would make two identities collide: the fields are length-prefixed).
std::string identity(const Finding& f) {
  std::string key;
  auto add = [&key](const std::string& field) {
    key += std::to_string(field.size());
    key += ':';
    key += field;
    key += '\0';
  };
  add("v1");
  add(f.rule);
  add(f.target);
  add(f.message);
  add(f.path.value_or(""));
  add(f.pointer.value_or(""));
  return key;
}

}  // namespace

std::string finding_fingerprint(const Finding& finding, int occurrence) {
  return sha256_hex(identity(finding) + std::to_string(occurrence));
}

std::vector<std::string> finding_fingerprints(const std::vector<Finding>& findings) {
  std::map<std::string, int> seen;
  std::vector<std::string> out;
  out.reserve(findings.size());
  for (const auto& f : findings) {
    std::string key = identity(f);
    int occurrence = seen[key]++;
    out.push_back(sha256_hex(key + std::to_string(occurrence)));
  }
  return out;
}

}  // namespace sagelint::lint
