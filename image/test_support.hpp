// Helpers shared by the image tests: read an image and print its merged tree.
#pragma once

#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "image/view.hpp"
#include "tests/support/fixture_builder.hpp"

namespace sagelint::image::testing {

inline std::string type_name(FileEntry::Type t) {
  switch (t) {
    case FileEntry::file: return "file";
    case FileEntry::dir: return "dir";
    case FileEntry::symlink: return "symlink";
    case FileEntry::hardlink: return "hardlink";
    case FileEntry::other: return "other";
  }
  return "?";
}

// One line per path: "path type layer" (+ " -> target" for links, + size for files).
inline std::string tree_text(const ImageView& v, bool with_layers = true) {
  std::ostringstream out;
  for (const auto& e : v.files) {
    out << e.path << ' ' << type_name(e.type);
    if (with_layers) out << " L" << e.layer;
    if (e.type == FileEntry::file || e.type == FileEntry::hardlink) out << " " << e.size;
    if (!e.link_target.empty()) out << " -> " << e.link_target;
    out << '\n';
  }
  return out.str();
}

inline ImageView read_ok(const std::string& path, const ReadOptions& opt = {}) {
  auto r = read_image(path, opt);
  if (auto* e = std::get_if<ReadError>(&r)) {
    FAIL("read_image(" << path << ") failed: " << e->message);
  }
  return std::get<ImageView>(std::move(r));
}

inline std::string read_error(const std::string& path, const ReadOptions& opt = {}) {
  auto r = read_image(path, opt);
  if (auto* e = std::get_if<ReadError>(&r)) return e->message;
  return "";
}

}  // namespace sagelint::image::testing
