#pragma once
// NVIDIA driver vs CUDA toolkit, by file path and by package name. The driver is
// the host's business: the container runtime injects the host's driver files at
// run time, and a copy in the image shadows or conflicts with them. The CUDA
// toolkit (runtime libraries, cuDNN, NCCL, the link-time stubs/ and the
// forward-compatibility compat/ package) belongs in the image.
// Shared by the Dockerfile and the image checks (research/images-and-nvidia.md §3.6).
#include <string>
#include <string_view>
#include <vector>

#include "knowledge/nvidia_packages.hpp"

namespace sagelint::knowledge {

enum class NvidiaFileKind {
  none,             // not a driver file (includes the toolkit)
  driver_library,   // libcuda.so.*, libnvidia-*.so.<driver version>, Debian's nvidia/current/, ...
  driver_binary,    // nvidia-smi, nvidia-persistenced, ...
  kernel_module,    // nvidia*.ko[.xz|.zst|.gz]
  firmware,         // lib/firmware/nvidia/<version>/gsp*.bin
  driver_installer  // NVIDIA-Linux-*.run, nvidia-installer
};

std::string_view describe(NvidiaFileKind kind);

// Classifies an absolute path of the image filesystem. Files under a `stubs/`,
// `compat/` or `cuda-compat/` directory are the toolkit's and classify as none.
NvidiaFileKind classify_nvidia_path(std::string_view path);

// True for the file name of NVIDIA's driver installer, NVIDIA-Linux-<arch>-<version>.run
// (the parts between may be unexpanded variables: the prefix and suffix decide).
bool is_driver_runfile_name(std::string_view base);

// True for a driver version such as 535.129.03 or 470.82 (3-digit major >= 300);
// toolkit sonames have 1-2 digit majors.
bool is_driver_version(std::string_view version);

// For an executed `.run` installer file and its options: "" when it installs no driver,
// else what it does ("runs the NVIDIA driver installer NVIDIA-Linux-x86_64-535.run",
// "runs the CUDA installer cuda_12.2.0_linux.run without --toolkit, which also installs
// the driver").
std::string driver_installer_reason(std::string_view file, const std::vector<std::string>& flags);

}  // namespace sagelint::knowledge
