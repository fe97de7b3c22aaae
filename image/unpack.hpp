// Extracts an image's final filesystem into a directory (a runc bundle rootfs).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "image/view.hpp"

namespace sagelint::image {

struct UnpackOptions {
  ReadOptions read;         // which image, and whether to verify digests while unpacking
  bool keep_owners = true;  // chown to the tar uid/gid (only takes effect when running as root)
  // --userns: owners 0..id_range-1 become id_base.., any other owner id_base+65534.
  unsigned id_base = 0;
  unsigned id_range = 0;  // 0 = owners as in the tar
  // Asked before every entry; true stops the unpack with the error "interrupted".
  std::function<bool()> cancelled;
};

// Applies the layers of the image at source, in order, to dest_dir (created if
// missing, should be empty): whiteouts and opaque directories delete what lower
// layers put there; hard links are created; modes are kept. Refused with an
// error: entries escaping dest_dir (.., absolute hard-link targets outside, writes
// through symlinks), device nodes. Returns nullopt on success, else a one-line error.
std::optional<std::string> unpack_rootfs(const std::string& source, const std::string& dest_dir,
                                         const UnpackOptions& options = {});

class Input;
// The same from an already opened input (a registry image: layers streamed in order).
std::optional<std::string> unpack_rootfs(std::shared_ptr<Input> input, const std::string& dest_dir,
                                         const UnpackOptions& options = {});

}  // namespace sagelint::image
