// What a manifest from a registry points at, read before anything is fetched for it:
// an index's (manifest list's) child manifests, or an image manifest's config and
// layers, each with the digest, media type and size its descriptor declares. The
// body is untrusted: bounded parsing, digests checked for form, schema 1 refused.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace sagelint::registry {

struct Descriptor {
  std::string digest, media_type;
  uint64_t size = 0;
  bool manifest = false;  // fetched from /manifests/, not /blobs/
};

struct ManifestInfo {
  std::string media_type;  // from the body, else from Content-Type
  bool index = false;      // an OCI index or a Docker manifest list
  std::vector<Descriptor> children;
};

// what names the manifest in errors.
std::variant<ManifestInfo, std::string> describe_manifest(const std::string& body,
                                                          const std::string& content_type,
                                                          const std::string& what);

}  // namespace sagelint::registry
