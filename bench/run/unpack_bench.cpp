// Unpacks an image into a directory with image::unpack_rootfs, as `sagelint run` does
// for its runc bundles; bench/run/run.sh times it against `tar -x` of the same layers.
#include <cstdio>
#include <cstring>

#include "image/unpack.hpp"

// --no-verify: skip the layer digest checks, to tell hashing from extraction.
int main(int argc, char** argv) {
  bool verify = true;
  if (argc == 4 && std::strcmp(argv[1], "--no-verify") == 0) {
    verify = false;
    ++argv;
    --argc;
  }
  if (argc != 3) {
    std::fprintf(stderr, "usage: unpack_bench [--no-verify] IMAGE DEST_DIR\n");
    return 2;
  }
  sagelint::image::UnpackOptions options;
  options.read.verify = verify;
  if (auto err = sagelint::image::unpack_rootfs(argv[1], argv[2], options)) {
    std::fprintf(stderr, "unpack_bench: %s\n", err->c_str());
    return 1;
  }
  return 0;
}
