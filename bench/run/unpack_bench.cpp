// Unpacks an image into a directory with image::unpack_rootfs, as `sagelint run` does
// for its runc bundles; bench/run/run.sh times it against `tar -x` of the same layers.
#include <cstdio>

#include "image/unpack.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: unpack_bench IMAGE DEST_DIR\n");
    return 2;
  }
  sagelint::image::UnpackOptions options;
  if (auto err = sagelint::image::unpack_rootfs(argv[1], argv[2], options)) {
    std::fprintf(stderr, "unpack_bench: %s\n", err->c_str());
    return 1;
  }
  return 0;
}
