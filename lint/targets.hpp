#pragma once
// What a TARGET is, judged from its content, never from its name: a Dockerfile, a
// built image (archive or OCI layout directory) or a CreateProcessingJob request.
#include <optional>
#include <string>

#include "rules/finding.hpp"

namespace sagelint::lint {

// `-` is a Dockerfile on standard input.
inline constexpr const char* kStdinTarget = "-";

struct DetectedTarget {
  TargetKind kind = TargetKind::dockerfile;
  std::string text;                  // the content, for Dockerfile and request targets
  std::optional<std::string> error;  // one line, without the target name
};

// Reads enough of `target` to know its kind (`forced` skips the sniffing), and the
// whole text for Dockerfiles and requests.
DetectedTarget detect_target(const std::string& target, std::optional<TargetKind> forced);

std::optional<TargetKind> target_kind_from_string(const std::string& name);

}  // namespace sagelint::lint
