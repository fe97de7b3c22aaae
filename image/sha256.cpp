#include "image/sha256.hpp"

// The SHA256_* functions, not EVP: EVP_sha256() pulls OpenSSL's whole provider machinery
// (algorithm tables, parameter and error strings) into the static binary, about 380 KB of
// pointers the loader must relocate at every start, which was most of the start-up cost of a
// one-file lint. The low-level functions run the same assembly; OpenSSL 3 marks them
// deprecated but keeps them for the 3.x series.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include <stdexcept>

namespace sagelint::image {

Sha256::Sha256() : ctx_(std::make_unique<SHA256_CTX>()) {
  if (SHA256_Init(ctx_.get()) != 1) throw std::runtime_error("SHA-256 init failed");
}

Sha256::~Sha256() = default;

void Sha256::update(const void* data, std::size_t size) {
  if (size) SHA256_Update(ctx_.get(), data, size);
}

std::string Sha256::digest() {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256_Final(md, ctx_.get());
  static const char hex[] = "0123456789abcdef";
  std::string out = "sha256:";
  for (unsigned char b : md) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}

std::array<unsigned char, 32> Sha256::of(const void* data, std::size_t size) {
  std::array<unsigned char, 32> out{};
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  SHA256_Update(&ctx, data, size);
  SHA256_Final(out.data(), &ctx);
  return out;
}

}  // namespace sagelint::image
