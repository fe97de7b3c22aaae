#pragma once
// Platform strings as BuildKit and the image index write them ("linux/amd64",
// "linux/arm64/v8"), normalised the way containerd's platforms.Parse does: case is
// ignored, "x86_64"/"x86-64" are amd64, "aarch64" is arm64, "i386"/"i686" are 386,
// and a single word is an OS (the architecture left open) or an architecture (OS linux).
#include <optional>
#include <string>
#include <string_view>

namespace sagelint::knowledge {

struct Platform {
  std::string os;            // "" when the string does not say
  std::string architecture;  // "" when the string does not say
  std::string variant;
  std::string text() const;  // "linux/arm64/v8"
};

// nullopt for an empty string or one with more than three parts.
std::optional<Platform> parse_platform(std::string_view text);

// "" and unknown parts do not count against it.
bool runs_on_linux_amd64(const Platform& platform);

// The CPU architecture every SageMaker Processing instance type has.
inline constexpr std::string_view kProcessingPlatform = "linux/amd64";

}  // namespace sagelint::knowledge
