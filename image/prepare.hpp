// The steps shared by read_image and unpack_rootfs before any layer is read: open
// the input, choose the image, read and check its config, check that every layer
// blob is there. Also the per-layer digest checks both do after reading a layer.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "image/image_config.hpp"
#include "image/input.hpp"
#include "image/manifest.hpp"

namespace sagelint::image {

struct PreparedImage {
  std::shared_ptr<Input> input;
  ImageRef ref;
  ParsedConfig parsed;
  std::vector<std::string> warnings;
};

std::variant<PreparedImage, std::string> prepare_image(const std::string& path,
                                                       const ReadOptions& options);
std::variant<PreparedImage, std::string> prepare_image(std::shared_ptr<Input> input,
                                                       const ReadOptions& options);

// "layer 2 (sha256:0123456789ab…)"
std::string layer_label(std::size_t index, const LayerRef& ref);
std::string short_digest(const std::string& digest);

// After reading layer index with hashing on: a mismatch against the manifest digest
// or the config's DiffID, as a one-line error.
std::optional<std::string> check_layer_digests(const PreparedImage& image, std::size_t index,
                                               const std::string& blob_digest,
                                               const std::string& diff_id);

}  // namespace sagelint::image
