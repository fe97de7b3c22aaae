#include "lint/targets.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <sstream>

#include "image/view.hpp"
#include "parser/parser.hpp"
#include "registry/image_target.hpp"
#include "request/model.hpp"

namespace sagelint::lint {
namespace fs = std::filesystem;

std::optional<TargetKind> target_kind_from_string(const std::string& name) {
  if (name == "dockerfile") return TargetKind::dockerfile;
  if (name == "image") return TargetKind::image;
  if (name == "request") return TargetKind::request;
  return std::nullopt;
}

DetectedTarget detect_target(const std::string& target, std::optional<TargetKind> forced) {
  DetectedTarget d;
  if (target == kStdinTarget) {
    d.kind = forced.value_or(TargetKind::dockerfile);
    if (d.kind == TargetKind::image) {
      d.error = "an image cannot be read from standard input; give its path";
      return d;
    }
    std::ostringstream text;
    text << std::cin.rdbuf();
    if (std::cin.bad()) d.error = "cannot read standard input";
    d.text = text.str();
    return d;
  }

  // docker://, docker-daemon:, oci:, … name images; the registry or engine is asked
  // only when the image is read.
  if (registry::has_transport_prefix(target)) {
    d.kind = TargetKind::image;
    if (forced && *forced != TargetKind::image)
      d.error = "--kind " + std::string(to_string(*forced)) + ": this names an image";
    return d;
  }

  std::error_code ec;
  auto status = fs::status(target, ec);
  if (ec || !fs::exists(status)) {
    d.error = ec && ec != std::errc::no_such_file_or_directory ? ec.message()
                                                               : "no such file or directory";
    return d;
  }
  const bool is_dir = fs::is_directory(status);
  if (forced == TargetKind::image || (!forced && image::looks_like_image(target))) {
    d.kind = TargetKind::image;
    return d;
  }
  if (is_dir) {
    d.error = "is a directory, and not an OCI image layout (no oci-layout or index.json)";
    return d;
  }
  auto loaded = parser::load_file(target);
  if (loaded.error) {
    d.error = *loaded.error;
    return d;
  }
  d.text = std::move(loaded.text);
  if (forced)
    d.kind = *forced;
  else
    d.kind = request::looks_like_request(d.text) ? TargetKind::request : TargetKind::dockerfile;
  return d;
}

}  // namespace sagelint::lint
