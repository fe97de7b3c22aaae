// Finds the one image to read in an input: docker save's manifest.json first, else
// the OCI index.json (nested indexes followed, attestations skipped), chosen by
// --image / --platform when there are several.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "image/input.hpp"
#include "image/view.hpp"

namespace sagelint::image {

struct LayerRef {
  std::string blob;        // member name in the input
  std::string digest;      // expected blob digest when known ("sha256:…")
  std::string media_type;  // as declared, may be empty
  uint64_t size = 0;
};

struct ImageRef {
  std::string shape;  // see ImageView::shape
  std::string reference;
  std::string config_blob;
  std::string config_digest;                  // expected when known
  std::string manifest_digest, index_digest;  // see ImageView
  std::vector<std::string> index_platforms;
  bool platform_defaulted = false;
  std::vector<LayerRef> layers;
};

std::variant<ImageRef, std::string> resolve_image(Input& input, const ReadOptions& options);

// "sha256:<64 hex>" -> "blobs/sha256/<hex>"; nullopt for anything else (so no digest
// can name a path outside blobs/).
std::optional<std::string> blob_name(const std::string& digest);

}  // namespace sagelint::image
