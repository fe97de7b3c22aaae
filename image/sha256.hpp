// Incremental SHA-256 over OpenSSL libcrypto, producing "sha256:<hex>" digests.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <string>

struct SHA256state_st;

namespace sagelint::image {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(const void* data, std::size_t size);
  std::string digest();  // "sha256:<64 hex>"; call once
  // The 32 bytes of the digest of data, in one call.
  static std::array<unsigned char, 32> of(const void* data, std::size_t size);

 private:
  std::unique_ptr<SHA256state_st> ctx_;
};

}  // namespace sagelint::image
