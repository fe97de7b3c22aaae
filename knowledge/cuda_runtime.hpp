#pragma once
// Which CUDA runtime an image carries, and whether it ships the CUDA
// forward-compatibility package, judged from the image's config and file list.
#include <optional>
#include <string>

#include "image/view.hpp"

namespace sagelint::knowledge {

struct CudaRuntime {
  int major = 0;
  std::string version;   // as found: "12.2.0", "12.2", "12"
  std::string evidence;  // what says so: "CUDA_VERSION=12.2.0 in the image Env", a file path
};

// From the config Env that NVIDIA's CUDA images set: CUDA_VERSION, else the `cuda>=X.Y`
// term of NVIDIA_REQUIRE_CUDA. nullopt when neither names a version.
std::optional<CudaRuntime> cuda_runtime_from_env(const image::ImageConfig& config);

// From the CUDA runtime libraries the image ships (`libcudart.so.12.2.140`,
// `libcudart.so.11.0`, a pip wheel's `libcudart.so.12`, a vendored
// `libcudart-1a2b3c4d.so.11.0`): the highest major found, as that is the most demanding.
std::optional<CudaRuntime> cuda_runtime_from_files(const image::FileTree& files);

// The first driver library of the forward-compatibility package (cuda-compat-*:
// `/usr/local/cuda*/compat/libcuda.so*`), "" when the image has none.
std::string cuda_forward_compat_library(const image::FileTree& files);

}  // namespace sagelint::knowledge
