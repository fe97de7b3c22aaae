// Reads a byte stream on its own thread into a BytePipe, so that fetching a blob
// (socket, TLS, digest) and scanning it (decompression, tar, contents) run at the same
// time instead of taking turns, with at most `capacity` bytes between them.
#pragma once

#include <cstddef>
#include <memory>

#include "image/input.hpp"

namespace sagelint::registry {

// The returned reader gives source's bytes in order, then source's end or its error
// (the same message). Destroying it early stops the copying thread at its next write.
std::unique_ptr<image::ByteReader> read_in_background(std::unique_ptr<image::ByteReader> source,
                                                      std::size_t capacity);

}  // namespace sagelint::registry
