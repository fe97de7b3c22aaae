#include "lint/baseline_fingerprint.hpp"

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

// Length-prefixed fields, so no two identities can run into each other.
std::string identity(const Finding& f, const std::string& target) {
  std::string key;
  auto add = [&key](const std::string& field) {
    key += std::to_string(field.size()) + ':' + field + '\0';
  };
  add("baseline-v1");
  add(f.rule);
  add(target);
  switch (f.kind) {
    case TargetKind::dockerfile: add(f.message); break;
    case TargetKind::image: add(f.path.value_or("")); break;
    case TargetKind::request: add(f.pointer.value_or("")); break;
  }
  return key;
}

}  // namespace

std::vector<std::string> baseline_fingerprints(const std::vector<Finding>& findings,
                                               const std::string& target) {
  std::map<std::string, int> seen;
  std::vector<std::string> out;
  for (const auto& f : findings) {
    const std::string key = identity(f, target);
    const int occurrence = seen[key]++;
    out.push_back(sha256_hex(key + std::to_string(occurrence)));
  }
  return out;
}

}  // namespace sagelint::lint
