#include "runtime/seccomp.hpp"

#include <sys/utsname.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace sagelint::runtime {

namespace {

using json = nlohmann::json;

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::vector<std::string> strings(const json& obj, const char* key) {
  std::vector<std::string> out;
  if (!obj.is_object() || !obj.contains(key) || obj[key].is_null()) return out;
  if (!obj[key].is_array())
    throw std::runtime_error(std::string("seccomp profile: ") + key + " must be a list");
  for (const auto& v : obj[key]) out.push_back(v.get<std::string>());
  return out;
}

std::pair<int, int> version_of(const std::string& text) {
  int major = 0, minor = 0;
  std::sscanf(text.c_str(), "%d.%d", &major, &minor);
  return {major, minor};
}

// Go's GOARCH name -> libseccomp's, as in the profile's archMap.
std::string seccomp_arch(const std::string& go_arch) {
  if (go_arch == "amd64") return "SCMP_ARCH_X86_64";
  if (go_arch == "arm64") return "SCMP_ARCH_AARCH64";
  if (go_arch == "386") return "SCMP_ARCH_X86";
  if (go_arch == "arm") return "SCMP_ARCH_ARM";
  return "";
}

// Whether an entry applies to this container (Docker's rules: every included
// capability present, no excluded one; the architecture listed, or not excluded; the
// kernel at least minKernel).
bool applies(const json& entry, const SeccompTarget& t) {
  for (const char* side : {"includes", "excludes"}) {
    if (!entry.contains(side)) continue;
    const json& f = entry[side];
    auto arches = strings(f, "arches");
    auto caps = strings(f, "caps");
    bool include = std::string(side) == "includes";
    if (!arches.empty() && contains(arches, t.arch) != include) return false;
    for (const auto& c : caps)
      if (contains(t.capabilities, c) != include) return false;
    if (f.contains("minKernel") && f["minKernel"].is_string()) {
      bool new_enough = t.kernel >= version_of(f["minKernel"].get<std::string>());
      if (new_enough != include) return false;
    }
  }
  return true;
}

}  // namespace

SeccompTarget host_seccomp_target(std::vector<std::string> capabilities) {
  SeccompTarget t;
  t.capabilities = std::move(capabilities);
  utsname u{};
  uname(&u);
  std::string machine = u.machine;
  t.arch = machine == "x86_64" ? "amd64" : machine == "aarch64" ? "arm64" : machine;
  t.kernel = version_of(u.release);
  return t;
}

json oci_seccomp(std::string_view docker_profile, const SeccompTarget& target) {
  json profile = json::parse(docker_profile, nullptr, false);
  if (!profile.is_object() || !profile.contains("syscalls") || !profile["syscalls"].is_array())
    throw std::runtime_error("seccomp profile: not an object with a syscalls list");
  json out;
  out["defaultAction"] = profile.value("defaultAction", "SCMP_ACT_ERRNO");
  if (profile.contains("defaultErrnoRet")) out["defaultErrnoRet"] = profile["defaultErrnoRet"];
  json architectures = json::array();
  std::string native = seccomp_arch(target.arch);
  for (const auto& a : profile.value("archMap", json::array())) {
    if (a.value("architecture", "") != native) continue;
    architectures.push_back(native);
    for (const auto& sub : strings(a, "subArchitectures")) architectures.push_back(sub);
  }
  if (architectures.empty() && !native.empty()) architectures.push_back(native);
  out["architectures"] = architectures;
  json syscalls = json::array();
  for (const auto& entry : profile["syscalls"]) {
    if (!applies(entry, target)) continue;
    json s;
    s["names"] = strings(entry, "names");
    s["action"] = entry.value("action", "SCMP_ACT_ERRNO");
    if (entry.contains("errnoRet")) s["errnoRet"] = entry["errnoRet"];
    if (entry.contains("args") && entry["args"].is_array() && !entry["args"].empty()) {
      json args = json::array();
      for (const auto& a : entry["args"])
        args.push_back({{"index", a.value("index", 0)},
                        {"value", a.value("value", std::uint64_t{0})},
                        {"valueTwo", a.value("valueTwo", std::uint64_t{0})},
                        {"op", a.value("op", "SCMP_CMP_EQ")}});
      s["args"] = args;
    }
    syscalls.push_back(std::move(s));
  }
  out["syscalls"] = syscalls;
  return out;
}

}  // namespace sagelint::runtime
