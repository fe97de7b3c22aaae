#pragma once
// Distribution packages that carry the NVIDIA driver, by name, as data: the same
// driver component is spelled differently by Debian, Ubuntu, RHEL (NVIDIA's CUDA
// repository, RPM Fusion, negativo17), SUSE and Alpine, and most names carry a
// branch or version suffix (nvidia-driver-535-server, libnvidia-compute-550,
// kmod-nvidia-latest-dkms, nvidia-gl-G06, x11-video-nvidiaG06).
#include <string>
#include <string_view>
#include <vector>

namespace sagelint::knowledge {

// One row of the table: a package name (lowercase) or name prefix, and what it is.
struct DriverPackagePattern {
  std::string_view pattern;
  bool prefix = true;          // false: the whole name must be `pattern`
  std::string_view component;  // "driver libraries", "kernel module", ...
  std::string_view source;     // where the spelling is documented
};

// The table (knowledge/nvidia_packages.cpp).
const std::vector<DriverPackagePattern>& driver_package_patterns();

// Classifies a distribution package name (dpkg, rpm or apk; a version or
// architecture suffix such as `=1.2`, `:amd64` is ignored, case too). Returns "" when
// the package is not part of the driver, else a short reason ("the `cuda`
// meta-package pulls in the driver").
std::string driver_package_reason(std::string_view package);

}  // namespace sagelint::knowledge
