#include "knowledge/nvidia_packages.hpp"

#include <algorithm>
#include <cctype>

namespace sagelint::knowledge {
namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

// Sources of the spellings:
constexpr std::string_view kResearch =
    "research/images-and-nvidia.md §3.6 NV-RUNFILE, research/dockerfile-linters.md";
constexpr std::string_view kNvidiaGuide =
    "NVIDIA Driver Installation Guide (docs.nvidia.com/datacenter/tesla/driver-installation-guide)";
constexpr std::string_view kNvidiaRpm =
    "NVIDIA/yum-packaging-dkms-nvidia, NVIDIA/yum-packaging-nvidia-driver guide-rhel8";
constexpr std::string_view kDebian = "packages.debian.org (non-free nvidia-graphics-drivers)";
constexpr std::string_view kUbuntu = "Ubuntu multiverse/restricted package indices";
constexpr std::string_view kSuse = "software.opensuse.org (NVIDIA's G0x driver packages)";
constexpr std::string_view kRpmFusion = "RPM Fusion and negativo17 NVIDIA packaging";

}  // namespace

const std::vector<DriverPackagePattern>& driver_package_patterns() {
  static const std::vector<DriverPackagePattern> table = {
      // Every distribution (version and branch suffixes: -535, -535-server, -open, -G06, ...)
      {"nvidia-driver", true, "driver", kResearch},  // nvidia-driver-535[-server|-open],
                                                     // nvidia-driver-cuda[-libs] (RHEL),
                                                     // nvidia-driver-G06-kmp-default (SUSE)
      {"nvidia-utils-", true, "driver programs (nvidia-smi)", kResearch},
      {"nvidia-compute-", true, "compute driver libraries", kSuse},  // nvidia-compute-G06,
                                                                     // nvidia-compute-utils-535
      {"nvidia-kernel-", true, "kernel module", kResearch},          // nvidia-kernel-dkms,
                                                                     // nvidia-kernel-open-dkms
      {"nvidia-dkms-", true, "kernel module", kUbuntu},
      {"nvidia-kmod", true, "kernel module", kNvidiaRpm},  // nvidia-kmod-common
      {"kmod-nvidia", true, "kernel module", kResearch},   // kmod-nvidia-latest-dkms
      {"akmod-nvidia", true, "kernel module", kRpmFusion},
      {"dkms-nvidia", true, "kernel module", kRpmFusion},
      {"linux-modules-nvidia-", true, "prebuilt kernel module", kUbuntu},
      {"linux-objects-nvidia-", true, "prebuilt kernel module", kUbuntu},
      {"linux-signatures-nvidia-", true, "kernel module signatures", kUbuntu},
      {"nvidia-headless-", true, "driver", kUbuntu},
      {"nvidia-open", true, "open kernel module driver", kNvidiaGuide},  // nvidia-open,
      // nvidia-open-driver-G06-signed-kmp-default (SUSE), nvidia-open-kernel-dkms (Debian)
      {"nvidia-fabricmanager", true, "fabric manager", kUbuntu},
      {"nvidia-fabric-manager", true, "fabric manager", kNvidiaRpm},
      {"nvidia-firmware-", true, "GSP firmware", kUbuntu},
      {"firmware-nvidia-", true, "GSP firmware", kDebian},  // firmware-nvidia-gsp
      {"nvidia-linux-grid-", true, "GRID driver", kNvidiaGuide},
      {"nvidia-tesla-", true, "driver", kDebian},  // nvidia-tesla-470-driver
      {"nvidia-legacy-", true, "driver", kDebian},
      {"nvidia-vgpu-", true, "vGPU driver", kNvidiaGuide},
      {"nvidia-smi", true, "driver programs (nvidia-smi)", kDebian},
      {"nvidia-persistenced", true, "driver daemon", kNvidiaRpm},
      {"nvidia-modprobe", true, "driver module loader", kNvidiaRpm},
      {"nvidia-settings", true, "driver settings", kNvidiaRpm},
      {"nvidia-xconfig", true, "driver X configuration", kNvidiaRpm},
      {"nvidia-opencl-icd", true, "OpenCL driver", kDebian},
      {"nvidia-alternative", true, "driver", kDebian},
      {"nvidia-vdpau-driver", true, "video driver", kDebian},
      {"nvidia-egl-icd", true, "EGL driver", kDebian},
      {"nvidia-vulkan-icd", true, "Vulkan driver", kDebian},
      {"nvidia-cuda-mps", true, "CUDA MPS daemon of the driver", kDebian},
      {"nvidia-gl-", true, "OpenGL driver libraries", kSuse},         // nvidia-gl-G06
      {"nvidia-video-", true, "video driver libraries", kSuse},       // nvidia-video-G06
      {"nvidia-glg0", true, "OpenGL driver libraries", kSuse},        // nvidia-glG05
      {"nvidia-computeg0", true, "compute driver libraries", kSuse},  // nvidia-computeG05
      {"nvidia-gfxg0", true, "kernel module", kSuse},                 // nvidia-gfxG05-kmp-default
      {"x11-video-nvidia", true, "X driver", kSuse},                  // x11-video-nvidiaG06
      {"xserver-xorg-video-nvidia", true, "X driver", kResearch},
      {"xorg-x11-drv-nvidia", true, "driver", kRpmFusion},  // xorg-x11-drv-nvidia-cuda-libs
      {"libnvidia-", true, "driver libraries", kResearch},  // libnvidia-compute-535,
                                                            // libnvidia-gl-550-server
      {"libcuda1", true, "driver library libcuda", kDebian},
      {"libnvcuvid", true, "video decode driver library", kDebian},
      {"libnvoptix", true, "OptiX driver library", kDebian},
      {"libegl-nvidia", true, "EGL driver library", kDebian},
      {"libglx-nvidia", true, "GLX driver library", kDebian},
      {"libgl1-nvidia", true, "OpenGL driver library", kDebian},
      {"libgles-nvidia", true, "GLES driver library", kDebian},
      {"libgles1-nvidia", true, "GLES driver library", kDebian},
      {"libgles2-nvidia", true, "GLES driver library", kDebian},
  };
  return table;
}

std::string driver_package_reason(std::string_view package) {
  // Drop a version, architecture, release or repository tag.
  std::size_t cut = package.find_first_of("=:/<>@~");
  std::string name(package.substr(0, cut));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (name.empty() || name.ends_with("-dev") || name.ends_with("-devel") ||
      name.ends_with(".deb") || name.ends_with(".rpm")) {
    return "";
  }
  if (name == "cuda") return "the `cuda` meta-package installs the NVIDIA driver with the toolkit";
  // cuda-12-2 is the same meta-package pinned to a release; cuda-runtime-* pulls the driver too.
  if (name.starts_with("cuda-")) {
    std::string_view rest = std::string_view(name).substr(5);
    auto dash = rest.find('-');
    if (dash != std::string_view::npos && all_digits(rest.substr(0, dash)) &&
        all_digits(rest.substr(dash + 1))) {
      return "the `" + name + "` meta-package installs the NVIDIA driver with the toolkit";
    }
    if (rest.starts_with("drivers")) return "`" + name + "` is the NVIDIA driver meta-package";
    if (rest.starts_with("runtime-")) {
      return "`" + name +
             "` installs the NVIDIA driver with the CUDA runtime (use cuda-libraries-*)";
    }
    return "";
  }
  // The container toolkit and its libraries run on the host; they are not the driver.
  if (name.starts_with("libnvidia-container") || name.starts_with("nvidia-container")) return "";
  for (const auto& row : driver_package_patterns()) {
    bool match = row.prefix ? name.starts_with(row.pattern) : name == row.pattern;
    if (match) {
      return "`" + name + "` is part of the NVIDIA driver (" + std::string(row.component) + ")";
    }
  }
  return "";
}

}  // namespace sagelint::knowledge
