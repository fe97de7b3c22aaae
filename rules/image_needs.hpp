#pragma once
// Which file contents the image rules read, so the image reader keeps only those
// bytes (ReadOptions::want_content): the script the start command runs (SMP006)
// and the package databases (SMP020). Everything else is only listed.
#include <string>

namespace sagelint::image {
struct ImageConfig;
}

namespace sagelint::rules {

bool image_rules_want_content(const std::string& path, const image::ImageConfig& config);

}  // namespace sagelint::rules
