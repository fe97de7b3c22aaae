// Path lookup inside an image's merged filesystem as the kernel does it in the
// container's root: every component that is a symlink is followed, an absolute link
// target restarts at the image root (never the host's), ".." stops at the root, and
// more than 40 links (the kernel's MAXSYMLINKS) is a loop.
#pragma once

#include <string>
#include <string_view>

#include "image/view.hpp"

namespace sagelint::image {

struct Resolved {
  enum Status {
    found,          // `entry` is what the path names (not a symlink)
    missing,        // a component does not exist (a dangling link included)
    not_directory,  // a component before the last is neither a directory nor a link to one
    loop,           // too many symlinks
  } status = missing;
  std::string path;                  // found: the entry's path; else where the lookup stopped
  const FileEntry* entry = nullptr;  // found only (nullptr for "/" when the tree does not list it)
  int links_followed = 0;
};

// `path` absolute, or relative to `cwd` (itself absolute, resolved the same way).
Resolved resolve_in_image(const FileTree& files, std::string_view path, std::string_view cwd = "/");

}  // namespace sagelint::image
