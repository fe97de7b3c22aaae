#pragma once
// Docker's seccomp profile format -> the OCI runtime spec's linux.seccomp, as Docker
// converts it (moby/moby profiles/seccomp): entries whose includes/excludes do not fit
// the container's capabilities, architecture or kernel are left out, and the native
// architecture is listed with its sub-architectures.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace sagelint::runtime {

// sagelint's profile (seccomp_profile.cpp): Docker's default allow-list.
std::string_view default_seccomp_profile_json();

struct SeccompTarget {
  std::string arch;                       // Go's names, as in the profile: "amd64", "arm64"
  std::vector<std::string> capabilities;  // the container's bounding set
  std::pair<int, int> kernel{0, 0};       // major, minor
};

// This machine's architecture and kernel version, and the given capabilities.
SeccompTarget host_seccomp_target(std::vector<std::string> capabilities);

// Throws std::runtime_error when the profile is malformed.
nlohmann::json oci_seccomp(std::string_view docker_profile, const SeccompTarget& target);

}  // namespace sagelint::runtime
