#include "knowledge/nvidia.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "knowledge/paths.hpp"

namespace sagelint::knowledge {

std::string_view describe(NvidiaFileKind kind) {
  switch (kind) {
    case NvidiaFileKind::none: return "not a driver file";
    case NvidiaFileKind::driver_library: return "NVIDIA driver library";
    case NvidiaFileKind::driver_binary: return "NVIDIA driver program";
    case NvidiaFileKind::kernel_module: return "NVIDIA kernel module";
    case NvidiaFileKind::firmware: return "NVIDIA GSP firmware";
    case NvidiaFileKind::driver_installer: return "NVIDIA driver installer";
  }
  return "not a driver file";
}

namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::vector<std::string_view> components(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < path.size()) {
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    if (j > i) out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

// Library names (the part before ".so") the driver ships (nvc_info.c and the
// CDI discoverers). Every libnvidia-* is the driver's except the container
// toolkit's own libraries.
bool is_driver_library_name(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kNames = {"libcuda",
                                                              "libcudadebugger",
                                                              "libnvcuvid",
                                                              "libvdpau_nvidia",
                                                              "libnvoptix",
                                                              "libGLX_nvidia",
                                                              "libEGL_nvidia",
                                                              "libGLESv2_nvidia",
                                                              "libGLESv1_CM_nvidia",
                                                              "libglxserver_nvidia",
                                                              "libnvidia",
                                                              "libcuda_loader"};
  if (std::find(kNames.begin(), kNames.end(), name) != kNames.end()) return true;
  return starts_with(name, "libnvidia-") && !starts_with(name, "libnvidia-container") &&
         !starts_with(name, "libnvidia-sandboxutils");
}

// Sonames the driver provides under a fixed version: a file or link with this
// name outside stubs/ and compat/ shadows the injected driver.
bool is_driver_soname(std::string_view base) {
  static constexpr std::array<std::string_view, 8> kSonames = {"libcuda.so",
                                                               "libcuda.so.1",
                                                               "libcuda.so.1.1",
                                                               "libnvidia-ml.so.1",
                                                               "libnvidia-ptxjitcompiler.so.1",
                                                               "libGLX_nvidia.so.0",
                                                               "libEGL_nvidia.so.0",
                                                               "libnvcuvid.so.1"};
  return std::find(kSonames.begin(), kSonames.end(), base) != kSonames.end();
}

bool is_driver_binary_name(std::string_view base) {
  static constexpr std::array<std::string_view, 13> kBins = {
      "nvidia-smi",       "nvidia-debugdump",        "nvidia-persistenced",
      "nv-fabricmanager", "nvidia-cuda-mps-control", "nvidia-cuda-mps-server",
      "nvidia-imex",      "nvidia-imex-ctl",         "nvidia-modprobe",
      "nvidia-settings",  "nvidia-xconfig",          "nvidia-bug-report.sh",
      "nvidia-powerd"};
  return std::find(kBins.begin(), kBins.end(), base) != kBins.end();
}

}  // namespace

bool is_driver_runfile_name(std::string_view base) {
  return starts_with(base, "NVIDIA-Linux-") && ends_with(base, ".run");
}

bool is_driver_version(std::string_view v) {
  // [3-9]NN.NN[N][.NN[N]]
  auto parts = std::vector<std::string_view>{};
  std::size_t i = 0;
  while (i <= v.size()) {
    std::size_t j = v.find('.', i);
    if (j == std::string_view::npos) j = v.size();
    parts.push_back(v.substr(i, j - i));
    i = j + 1;
  }
  if (parts.size() < 2 || parts.size() > 3) return false;
  if (parts[0].size() != 3 || !all_digits(parts[0]) || parts[0][0] < '3') return false;
  for (std::size_t k = 1; k < parts.size(); ++k) {
    if (!all_digits(parts[k]) || parts[k].size() < 2 || parts[k].size() > 3) return false;
  }
  return true;
}

NvidiaFileKind classify_nvidia_path(std::string_view path) {
  // Cheap rejection first: an image has ~10^5 paths and almost none are NVIDIA's.
  bool maybe = false;
  for (std::string_view hint : {"nvidia", "NVIDIA", "cuda", "libnv", "nv-", "/wsl/"}) {
    maybe = maybe || path.find(hint) != std::string_view::npos;
  }
  if (!maybe) return NvidiaFileKind::none;
  auto parts = components(path);
  if (parts.empty()) return NvidiaFileKind::none;
  for (auto part : parts) {
    if (part == "stubs" || part == "compat" || part == "cuda-compat") return NvidiaFileKind::none;
  }
  std::string_view base = parts.back();
  std::string_view parent = parts.size() >= 2 ? parts[parts.size() - 2] : std::string_view{};

  if (is_driver_runfile_name(base)) {
    return NvidiaFileKind::driver_installer;
  }
  if ((base == "nvidia-installer" || base == "nvidia-uninstall") && ends_with(parent, "bin")) {
    return NvidiaFileKind::driver_installer;
  }
  if (starts_with(base, "nvidia") && (ends_with(base, ".ko") || ends_with(base, ".ko.xz") ||
                                      ends_with(base, ".ko.zst") || ends_with(base, ".ko.gz"))) {
    return NvidiaFileKind::kernel_module;
  }
  if (parts.size() >= 4 && starts_with(base, "gsp") && ends_with(base, ".bin") &&
      parts[parts.size() - 3] == "nvidia" && parts[parts.size() - 4] == "firmware") {
    return NvidiaFileKind::firmware;
  }
  if ((parent == "bin" || parent == "sbin") && is_driver_binary_name(base)) {
    return NvidiaFileKind::driver_binary;
  }
  // Debian's non-free packaging and WSL's driver store hold nothing but the driver.
  for (std::size_t k = 0; k + 1 < parts.size(); ++k) {
    if (parts[k] == "nvidia" && parts[k + 1] == "current" && k + 2 < parts.size()) {
      return NvidiaFileKind::driver_library;
    }
  }
  if (starts_with(path, "/usr/lib/wsl/")) return NvidiaFileKind::driver_library;

  auto so = base.find(".so");
  if (so == std::string_view::npos || so == 0) return NvidiaFileKind::none;
  std::string_view name = base.substr(0, so);
  std::string_view suffix = base.substr(so + 3);
  if (!suffix.empty() && suffix.front() != '.') return NvidiaFileKind::none;
  if (is_driver_soname(base)) return NvidiaFileKind::driver_library;
  if (is_driver_library_name(name) && suffix.size() > 1 && is_driver_version(suffix.substr(1))) {
    return NvidiaFileKind::driver_library;
  }
  return NvidiaFileKind::none;
}

std::string driver_installer_reason(std::string_view file, const std::vector<std::string>& flags) {
  std::string_view base = base_name(file);
  auto has = [&](std::string_view f) {
    return std::find(flags.begin(), flags.end(), f) != flags.end();
  };
  if (base.substr(0, 13) == "NVIDIA-Linux-")
    return "runs the NVIDIA driver installer " + std::string(base);
  if (base.substr(0, 5) == "cuda_" || base.substr(0, 5) == "cuda-") {
    if (has("--driver")) return "runs the CUDA installer " + std::string(base) + " with --driver";
    if (!has("--toolkit")) {
      return "runs the CUDA installer " + std::string(base) +
             " without --toolkit, which also installs the driver";
    }
  }
  return "";
}

}  // namespace sagelint::knowledge
