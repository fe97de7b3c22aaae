#include "runtime/oci_config.hpp"

#include <fcntl.h>

#include <algorithm>
#include <cerrno>

#include "image/hostfs.hpp"
#include "runtime/seccomp.hpp"

namespace sagelint::runtime {

namespace {

using Rows = std::vector<std::vector<std::string>>;

Rows colon_rows(const std::string& text) {
  Rows rows;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::vector<std::string> fields;
    std::size_t f = start;
    for (;;) {
      std::size_t colon = text.find(':', f);
      if (colon == std::string::npos || colon > end) {
        fields.push_back(text.substr(f, end - f));
        break;
      }
      fields.push_back(text.substr(f, colon - f));
      f = colon + 1;
    }
    if (fields.size() >= 3) rows.push_back(std::move(fields));
    start = end + 1;
  }
  return rows;
}

// A missing file is an empty table; anything else that keeps it from being read is an
// error (a FIFO, a directory, a link out of the rootfs, a huge file).
std::optional<Rows> read_table(int rootfs, const char* path, std::string& error) {
  auto r = hostfs::read_regular_file(rootfs, path, hostfs::Resolve::in_root, kPasswdLimit);
  if (auto* text = std::get_if<std::string>(&r)) return colon_rows(*text);
  const auto& why = std::get<hostfs::ReadFailure>(r);
  if (why.error == ENOENT) return Rows{};
  error = std::string("the image's /") + path + " cannot be read: " + why.reason;
  return std::nullopt;
}

std::optional<unsigned> number(const std::string& s) {
  if (s.empty() || s.size() > 10) return std::nullopt;
  unsigned long v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  if (v > 0xFFFFFFFFul) return std::nullopt;
  return static_cast<unsigned>(v);
}

}  // namespace

std::optional<OciUser> resolve_user(const std::string& user, const std::filesystem::path& rootfs,
                                    std::string& error) {
  OciUser out;
  if (user.empty()) return out;
  auto colon = user.find(':');
  std::string name = user.substr(0, colon);
  std::optional<std::string> group;
  if (colon != std::string::npos) group = user.substr(colon + 1);
  // "uid:gid" needs neither file.
  if (number(name) && group && number(*group)) return OciUser{*number(name), *number(*group)};

  hostfs::UniqueFd root(::open(rootfs.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!root) {
    error = "the rootfs " + rootfs.string() + " cannot be opened: " + hostfs::errno_text();
    return std::nullopt;
  }
  auto passwd = read_table(root.get(), "etc/passwd", error);
  if (!passwd) return std::nullopt;

  bool found = false;
  if (auto uid = number(name)) {
    out.uid = *uid;
    for (const auto& row : *passwd)
      if (row.size() >= 4 && number(row[2]) == uid) {
        out.gid = number(row[3]).value_or(0);
        found = true;
        break;
      }
    if (!found) out.gid = 0;  // as Docker: an unknown numeric uid runs with gid 0
  } else {
    for (const auto& row : *passwd)
      if (row.size() >= 4 && row[0] == name) {
        out.uid = number(row[2]).value_or(0);
        out.gid = number(row[3]).value_or(0);
        found = true;
        break;
      }
    if (!found) {
      error = "user " + name + " is not in the image's /etc/passwd";
      return std::nullopt;
    }
  }
  if (group) {
    if (auto gid = number(*group)) {
      out.gid = *gid;
    } else {
      auto groups = read_table(root.get(), "etc/group", error);
      if (!groups) return std::nullopt;
      bool group_found = false;
      for (const auto& row : *groups)
        if (row[0] == *group) {
          out.gid = number(row[2]).value_or(0);
          group_found = true;
          break;
        }
      if (!group_found) {
        error = "group " + *group + " is not in the image's /etc/group";
        return std::nullopt;
      }
    }
  }
  return out;
}

const std::vector<std::string>& default_capabilities() {
  static const std::vector<std::string> caps = {
      "CAP_CHOWN",   "CAP_DAC_OVERRIDE", "CAP_FSETID",           "CAP_FOWNER",
      "CAP_MKNOD",   "CAP_NET_RAW",      "CAP_SETGID",           "CAP_SETUID",
      "CAP_SETFCAP", "CAP_SETPCAP",      "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT",
      "CAP_KILL",    "CAP_AUDIT_WRITE"};
  return caps;
}

std::string cgroup_path(const std::string& container_name) { return "sagelint/" + container_name; }

nlohmann::json oci_config(const ContainerSpec& container, const OciUser& user,
                          const std::string& network_namespace, bool host_network) {
  using nlohmann::json;
  json caps = default_capabilities();
  if (host_network) caps.erase(std::remove(caps.begin(), caps.end(), "CAP_NET_RAW"), caps.end());
  const bool root = user.uid == 0;
  const HostLimits& limits = container.limits;
  json rlimits = json::array();
  if (limits.open_files > 0)
    rlimits.push_back(
        {{"type", "RLIMIT_NOFILE"}, {"hard", limits.open_files}, {"soft", limits.open_files}});
  // No core files: they would land in the host's upper layer, unbounded.
  rlimits.push_back({{"type", "RLIMIT_CORE"}, {"hard", 0}, {"soft", 0}});
  json process = {{"terminal", false},
                  {"user", {{"uid", user.uid}, {"gid", user.gid}}},
                  {"args", container.argv},
                  {"env", container.env},
                  {"cwd", container.working_dir.empty() ? "/" : container.working_dir},
                  {"capabilities",
                   {{"bounding", caps},
                    {"effective", root ? caps : json::array()},
                    {"permitted", root ? caps : json::array()}}},
                  {"rlimits", rlimits},
                  {"noNewPrivileges", true}};

  json mounts = json::array({
      {{"destination", "/proc"},
       {"type", "proc"},
       {"source", "proc"},
       {"options", {"nosuid", "noexec", "nodev"}}},
      {{"destination", "/dev"},
       {"type", "tmpfs"},
       {"source", "tmpfs"},
       {"options", {"nosuid", "strictatime", "mode=755", "size=65536k"}}},
      {{"destination", "/dev/pts"},
       {"type", "devpts"},
       {"source", "devpts"},
       {"options", {"nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"}}},
      {{"destination", "/dev/shm"},
       {"type", "tmpfs"},
       {"source", "shm"},
       {"options", {"nosuid", "noexec", "nodev", "mode=1777", "size=65536k"}}},
      {{"destination", "/dev/mqueue"},
       {"type", "mqueue"},
       {"source", "mqueue"},
       {"options", {"nosuid", "noexec", "nodev"}}},
      {{"destination", "/sys"},
       {"type", "sysfs"},
       {"source", "sysfs"},
       {"options", {"nosuid", "noexec", "nodev", "ro"}}},
      // As Docker: the container reads its own limits (memory, CPU quota, pids) there.
      {{"destination", "/sys/fs/cgroup"},
       {"type", "cgroup"},
       {"source", "cgroup"},
       {"options", {"nosuid", "noexec", "nodev", "relatime", "ro"}}},
  });
  for (const auto& m : container.mounts) {
    mounts.push_back({{"destination", m.destination},
                      {"type", "bind"},
                      {"source", m.source},
                      {"options", {"rbind", m.read_only ? "ro" : "rw", "nosuid", "nodev"}}});
  }

  json network = {{"type", "network"}};
  if (!network_namespace.empty()) network["path"] = network_namespace;
  json namespaces =
      json::array({{{"type", "pid"}}, {{"type", "ipc"}}, {{"type", "uts"}}, {{"type", "mount"}}});
  if (!host_network) namespaces.push_back(network);
  json resources = {{"devices", json::array({{{"allow", false}, {"access", "rwm"}}})}};
  if (limits.memory_bytes > 0)
    // swap = memory: no swap, as on the instance.
    resources["memory"] = {{"limit", limits.memory_bytes}, {"swap", limits.memory_bytes}};
  if (limits.vcpus > 0)
    resources["cpu"] = {{"quota", static_cast<std::int64_t>(limits.vcpus) * 100000},
                        {"period", 100000}};
  if (limits.pids > 0) resources["pids"] = {{"limit", limits.pids}};

  static const json seccomp =
      oci_seccomp(default_seccomp_profile_json(), host_seccomp_target(default_capabilities()));
  json linux_section = {
      {"namespaces", namespaces},
      {"resources", resources},
      {"cgroupsPath", cgroup_path(container.name)},
      {"seccomp", seccomp},
      // Docker's (moby oci/defaults.go), with /sys/devices/virtual/powercap as Docker 25 adds.
      {"maskedPaths",
       {"/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
        "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware",
        "/sys/devices/virtual/powercap"}},
      {"readonlyPaths",
       {"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"}}};
  if (limits.userns) {
    linux_section["namespaces"].push_back({{"type", "user"}});
    json map = json::array(
        {{{"containerID", 0}, {"hostID", limits.userns->host_id}, {"size", limits.userns->size}}});
    linux_section["uidMappings"] = map;
    linux_section["gidMappings"] = map;
  }

  return {{"ociVersion", "1.0.2"},
          {"process", process},
          {"root", {{"path", "rootfs"}, {"readonly", false}}},
          {"hostname", container.host},
          {"mounts", mounts},
          {"linux", linux_section}};
}

}  // namespace sagelint::runtime
