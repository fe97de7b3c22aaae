#include <doctest/doctest.h>

#include "knowledge/nvidia.hpp"

using namespace sagelint::knowledge;

TEST_CASE("driver versions are 3-digit majors of 300 and up") {
  CHECK(is_driver_version("535.129.03"));
  CHECK(is_driver_version("470.82"));
  CHECK(is_driver_version("590.48.01"));
  CHECK_FALSE(is_driver_version("12.2.53"));
  CHECK_FALSE(is_driver_version("2.19.3"));
  CHECK_FALSE(is_driver_version("1"));
  CHECK_FALSE(is_driver_version("535"));
  CHECK_FALSE(is_driver_version("235.10.01"));
}

TEST_CASE("classify_nvidia_path") {
  struct Row {
    const char* path;
    NvidiaFileKind kind;
  };
  const Row rows[] = {
      {"/usr/lib/x86_64-linux-gnu/libcuda.so.535.129.03", NvidiaFileKind::driver_library},
      {"/usr/lib/x86_64-linux-gnu/libcuda.so.1", NvidiaFileKind::driver_library},
      {"/usr/lib64/libnvidia-ml.so.550.54.15", NvidiaFileKind::driver_library},
      {"/usr/lib/x86_64-linux-gnu/libnvidia-glcore.so.535.54.03", NvidiaFileKind::driver_library},
      {"/usr/lib/x86_64-linux-gnu/libnvcuvid.so.535.54.03", NvidiaFileKind::driver_library},
      {"/usr/lib/x86_64-linux-gnu/libGLX_nvidia.so.0", NvidiaFileKind::driver_library},
      {"/usr/lib/nvidia/current/nvidia_drv.so", NvidiaFileKind::driver_library},
      {"/usr/lib/x86_64-linux-gnu/nvidia/current/libcuda.so", NvidiaFileKind::driver_library},
      {"/usr/lib/wsl/lib/libcuda.so.1.1", NvidiaFileKind::driver_library},
      {"/usr/bin/nvidia-smi", NvidiaFileKind::driver_binary},
      {"/usr/sbin/nvidia-persistenced", NvidiaFileKind::driver_binary},
      {"/lib/modules/6.1.0-18-amd64/updates/dkms/nvidia-uvm.ko", NvidiaFileKind::kernel_module},
      {"/lib/modules/5.15/kernel/drivers/video/nvidia.ko.zst", NvidiaFileKind::kernel_module},
      {"/lib/firmware/nvidia/535.129.03/gsp_tu10x.bin", NvidiaFileKind::firmware},
      {"/usr/lib/firmware/nvidia/550.54.15/gsp_ga10x.bin", NvidiaFileKind::firmware},
      {"/tmp/NVIDIA-Linux-x86_64-535.129.03.run", NvidiaFileKind::driver_installer},
      {"/usr/bin/nvidia-installer", NvidiaFileKind::driver_installer},
      // the toolkit
      {"/usr/local/cuda-12.2/compat/libcuda.so.535.129.03", NvidiaFileKind::none},
      {"/usr/local/cuda-12.2/compat/libnvidia-ptxjitcompiler.so.1", NvidiaFileKind::none},
      {"/opt/conda/cuda-compat/libcuda.so.1", NvidiaFileKind::none},
      {"/usr/local/cuda/lib64/stubs/libcuda.so", NvidiaFileKind::none},
      {"/usr/local/cuda/targets/x86_64-linux/lib/stubs/libnvidia-ml.so", NvidiaFileKind::none},
      {"/usr/local/cuda/lib64/libcudart.so.12.2.53", NvidiaFileKind::none},
      {"/usr/lib/x86_64-linux-gnu/libnccl.so.2.19.3", NvidiaFileKind::none},
      {"/usr/lib/x86_64-linux-gnu/libnvidia-container.so.1.14.3", NvidiaFileKind::none},
      {"/usr/lib/x86_64-linux-gnu/libnvidia-egl-wayland.so.1.1.11", NvidiaFileKind::none},
      {"/usr/share/doc/nvidia-smi", NvidiaFileKind::none},
      {"/opt/app/nvidia-smi.py", NvidiaFileKind::none},
      {"/usr/local/nvidia/lib64", NvidiaFileKind::none},
  };
  for (const auto& r : rows) {
    CAPTURE(std::string(r.path));
    CHECK(classify_nvidia_path(r.path) == r.kind);
  }
}

TEST_CASE("driver_package_reason") {
  for (const char* driver :
       {"cuda", "cuda-12-4", "cuda-drivers", "cuda-drivers-550", "cuda-runtime-12-4",
        "nvidia-driver-535", "nvidia-driver:latest-dkms", "nvidia-driver", "libnvidia-compute-535",
        "libnvidia-compute-535=535.129.03-0ubuntu1", "nvidia-utils-535", "nvidia-kernel-common",
        "xserver-xorg-video-nvidia-535", "kmod-nvidia-latest-dkms", "libcuda1", "nvidia-smi",
        "nvidia-headless-535-server", "nvidia-fabricmanager-535", "nvidia-open",
        // distribution spellings of the same components
        "nvidia-driver-535-server", "nvidia-driver-535-open", "libnvidia-compute-535-server",
        "nvidia-kernel-open-dkms", "nvidia-kernel-dkms", "kmod-nvidia-open-dkms",
        "nvidia-driver-cuda", "nvidia-driver-cuda-libs", "nvidia-driver-NVML", "akmod-nvidia",
        "xorg-x11-drv-nvidia-cuda-libs", "x11-video-nvidiaG06", "nvidia-gl-G06",
        "nvidia-compute-G06", "nvidia-compute-utils-G06", "nvidia-video-G06", "nvidia-glG05",
        "nvidia-computeG05", "nvidia-open-driver-G06-signed-kmp-default", "firmware-nvidia-gsp",
        "linux-modules-nvidia-535-generic", "libglx-nvidia0", "libegl-nvidia0",
        "nvidia-fabric-manager", "nvidia-modprobe"}) {
    CAPTURE(std::string(driver));
    CHECK_FALSE(driver_package_reason(driver).empty());
  }
  for (const char* toolkit :
       {"cuda-toolkit-12-4", "cuda-libraries-12-4", "cuda-compat-12-4", "cuda-cudart-12-4",
        "cuda-nvcc-12-4", "libcudnn9-cuda-12", "libnccl2", "libnccl-dev", "cuda-driver-dev-12-4",
        "libnvidia-ml-dev", "nvidia-container-toolkit", "libnvidia-container1",
        "nvidia-cuda-toolkit", "cuda-keyring", "python3", "nvidia-gl-G06-devel",
        "nvidia-container-toolkit-base", "nvidia-cuda-dev", "nvidia-ml-py"}) {
    CAPTURE(std::string(toolkit));
    CHECK(driver_package_reason(toolkit).empty());
  }
}

TEST_CASE("the driver package table names a source for every spelling") {
  for (const auto& row : driver_package_patterns()) {
    CAPTURE(std::string(row.pattern));
    CHECK_FALSE(row.source.empty());
    CHECK_FALSE(row.component.empty());
    // Names are compared lowercased.
    for (char c : row.pattern) CHECK_FALSE((c >= 'A' && c <= 'Z'));
  }
}
