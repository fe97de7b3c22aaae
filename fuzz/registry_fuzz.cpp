// Fuzzes the parsers of what a registry (or a user's config file) sends: the
// WWW-Authenticate header, manifests and indexes, Docker's config.json. The first byte
// chooses the parser; none may crash, hang or grow memory without bound.
#include <cstddef>
#include <cstdint>
#include <string>

#include "registry/docker_config.hpp"
#include "registry/image_target.hpp"
#include "registry/manifest_descriptors.hpp"
#include "registry/www_authenticate.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0] % 4) {
    case 0: (void)sagelint::registry::parse_www_authenticate(text); break;
    case 1: (void)sagelint::registry::describe_manifest(text, "", "manifest"); break;
    case 2: (void)sagelint::registry::parse_docker_config(text, "config.json"); break;
    default: (void)sagelint::registry::parse_image_target(text); break;
  }
  return 0;
}
