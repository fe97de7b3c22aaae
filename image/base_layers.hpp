// Which layers of an image come from its base image and which from its own build steps,
// judged from the config history alone (an image records no pointer to its base).
//
// The rule: a base image's history ends with the CMD or ENTRYPOINT that makes it
// runnable (`CMD ["bash"]`, `CMD ["python3"]`, `ENTRYPOINT [...]`, as docker's classic
// builder (`/bin/sh -c #(nop)  CMD ...`) or BuildKit (`CMD ...`) wrote it), an empty
// layer entry. So the last CMD/ENTRYPOINT entry that is followed by at least one entry
// that made a layer is the end of the base: the layers of the non-empty entries up to
// it are the base's, the rest the image's own.
//
// Limits: a Dockerfile that sets CMD or ENTRYPOINT before some of its own layer steps
// moves the boundary into its own steps (those earlier layers count as base); a base
// without CMD/ENTRYPOINT (e.g. `FROM scratch` bases, some distroless images) gives no
// boundary, nor does an image whose own build adds no layer after the base's last
// CMD; squashed or `docker commit` images and images with history that does not match
// their layers give none either. No boundary means "unknown", never a guess.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "image/view.hpp"

namespace sagelint::image {

// The number of leading layers that come from the base image (0 < n < layer_count), or
// nullopt when the history does not tell.
std::optional<std::size_t> base_layer_count(const std::vector<HistoryEntry>& history,
                                            std::size_t layer_count);

}  // namespace sagelint::image
