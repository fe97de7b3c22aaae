// Incremental SHA-256 over OpenSSL EVP, producing "sha256:<hex>" digests.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

struct evp_md_ctx_st;

namespace sagelint::image {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(const void* data, std::size_t size);
  std::string digest();  // "sha256:<64 hex>"; call once

 private:
  evp_md_ctx_st* ctx_;
};

}  // namespace sagelint::image
