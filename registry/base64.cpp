#include "registry/base64.hpp"

#include <openssl/evp.h>

#include <vector>

namespace sagelint::registry {

std::string base64_encode(const std::string& data) {
  std::vector<unsigned char> out(4 * ((data.size() + 2) / 3) + 1);
  int n = EVP_EncodeBlock(out.data(), reinterpret_cast<const unsigned char*>(data.data()),
                          static_cast<int>(data.size()));
  return std::string(reinterpret_cast<char*>(out.data()), static_cast<std::size_t>(n));
}

std::optional<std::string> base64_decode(const std::string& text) {
  std::string t;
  for (char c : text)
    if (c != '\n' && c != '\r') t += c;
  if (t.size() % 4 != 0) return std::nullopt;
  if (t.empty()) return std::string();
  std::vector<unsigned char> out(3 * (t.size() / 4) + 1);
  int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(t.data()),
                          static_cast<int>(t.size()));
  if (n < 0) return std::nullopt;
  // EVP_DecodeBlock counts the padding as zero bytes.
  std::size_t pad = 0;
  if (t.back() == '=') ++pad;
  if (t.size() >= 2 && t[t.size() - 2] == '=') ++pad;
  return std::string(reinterpret_cast<char*>(out.data()), static_cast<std::size_t>(n) - pad);
}

}  // namespace sagelint::registry
