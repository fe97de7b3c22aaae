#include "knowledge/cuda_runtime.hpp"

#include <charconv>
#include <regex>
#include <string_view>

#include "knowledge/paths.hpp"

namespace sagelint::knowledge {
namespace {

std::optional<std::string> env_value(const image::ImageConfig& config, std::string_view name) {
  std::optional<std::string> value;
  for (const auto& entry : config.env) {  // the last assignment wins, as in the runtime
    if (entry.size() > name.size() && entry.compare(0, name.size(), name) == 0 &&
        entry[name.size()] == '=') {
      value = entry.substr(name.size() + 1);
    }
  }
  return value;
}

// A version that starts with a major number, "12.2.0" -> 12; nullopt otherwise.
std::optional<int> major_of(std::string_view version) {
  int major = 0;
  auto [end, ec] = std::from_chars(version.data(), version.data() + version.size(), major);
  if (ec != std::errc() || end == version.data() || major <= 0) return std::nullopt;
  if (end != version.data() + version.size() && *end != '.') return std::nullopt;
  return major;
}

}  // namespace

std::optional<CudaRuntime> cuda_runtime_from_env(const image::ImageConfig& config) {
  if (auto v = env_value(config, "CUDA_VERSION")) {
    if (auto major = major_of(*v)) return CudaRuntime{*major, *v, "CUDA_VERSION=" + *v};
  }
  if (auto v = env_value(config, "NVIDIA_REQUIRE_CUDA")) {
    static const std::regex kRequire(R"((?:^|\s)cuda>=([0-9]+(?:\.[0-9]+)*))");
    std::smatch m;
    if (std::regex_search(*v, m, kRequire)) {
      std::string version = m[1];
      if (auto major = major_of(version)) {
        return CudaRuntime{*major, version, "NVIDIA_REQUIRE_CUDA=\"" + *v + "\""};
      }
    }
  }
  return std::nullopt;
}

std::optional<CudaRuntime> cuda_runtime_from_files(const image::FileTree& files) {
  static const std::regex kCudart(R"(libcudart(?:-[0-9a-f]{8})?\.so\.([0-9]+(?:\.[0-9]+)*))");
  std::optional<CudaRuntime> best;
  for (const auto& entry : files) {
    if (entry.type == image::FileEntry::dir || entry.type == image::FileEntry::other) continue;
    std::string name(base_name(entry.path));
    if (name.compare(0, 9, "libcudart") != 0) continue;
    std::smatch m;
    if (!std::regex_match(name, m, kCudart)) continue;
    std::string version = m[1];
    auto major = major_of(version);
    if (!major) continue;
    if (!best || *major > best->major) best = CudaRuntime{*major, version, entry.path};
  }
  return best;
}

std::string cuda_forward_compat_library(const image::FileTree& files) {
  auto [first, last] = files.subtree("/usr/local");
  for (auto it = first; it != last; ++it) {
    const image::FileEntry& entry = *it;
    if (entry.type == image::FileEntry::dir) continue;
    if (!glob_match("/usr/local/cuda*/compat/**", entry.path)) continue;
    if (base_name(entry.path).substr(0, 10) == "libcuda.so") return entry.path;
  }
  return {};
}

}  // namespace sagelint::knowledge
