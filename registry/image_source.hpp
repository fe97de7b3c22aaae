// Reads an image target wherever it lives: a registry (docker://), the Docker Engine
// (docker-daemon:, docker:), or a local archive or layout (a path, oci:, oci-archive:,
// docker-archive:). The one entry point lint, run and --image-for-request share.
#pragma once

#include <optional>
#include <string>

#include "image/unpack.hpp"
#include "image/view.hpp"
#include "registry/registry_client.hpp"

namespace sagelint::registry {

struct SourceOptions {
  RegistryOptions registry;
  image::ReadOptions read;  // read.read_layers = false: manifest and config only
};

// target as the user wrote it. Errors: one line (the caller adds the target).
image::ReadResult read_image_target(const std::string& target, const SourceOptions& options);

// Unpacks the image's filesystem into dest_dir (runc), streaming registry layers.
// The Docker Engine is not a source here: `run` gives docker-daemon: images to Docker.
std::optional<std::string> unpack_image_target(const std::string& target,
                                               const std::string& dest_dir,
                                               const image::UnpackOptions& unpack,
                                               const RegistryOptions& registry);

// True for docker-daemon:NAME and docker:NAME.
bool is_daemon_target(const std::string& target);

}  // namespace sagelint::registry
