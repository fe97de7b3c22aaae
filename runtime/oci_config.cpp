#include "runtime/oci_config.hpp"

#include <fstream>
#include <sstream>
#include <vector>

namespace sagelint::runtime {

namespace {

std::vector<std::vector<std::string>> read_colon_file(const std::filesystem::path& path) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::stringstream s(line);
    std::string f;
    while (std::getline(s, f, ':')) fields.push_back(f);
    if (fields.size() >= 3) rows.push_back(std::move(fields));
  }
  return rows;
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
  // The rootfs is the image's: never follow its /etc/passwd if it is a link out of it.
  auto passwd_path = rootfs / "etc" / "passwd";
  auto group_path = rootfs / "etc" / "group";
  std::error_code ec;
  auto passwd = std::filesystem::is_symlink(passwd_path, ec)
                    ? std::vector<std::vector<std::string>>{}
                    : read_colon_file(passwd_path);
  auto groups = std::filesystem::is_symlink(group_path, ec)
                    ? std::vector<std::vector<std::string>>{}
                    : read_colon_file(group_path);
  auto colon = user.find(':');
  std::string name = user.substr(0, colon);
  std::optional<std::string> group;
  if (colon != std::string::npos) group = user.substr(colon + 1);

  bool found = false;
  if (auto uid = number(name)) {
    out.uid = *uid;
    for (const auto& row : passwd)
      if (row.size() >= 4 && number(row[2]) == uid) {
        out.gid = number(row[3]).value_or(0);
        found = true;
        break;
      }
    if (!found) out.gid = 0;  // as Docker: an unknown numeric uid runs with gid 0
  } else {
    for (const auto& row : passwd)
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
      bool group_found = false;
      for (const auto& row : groups)
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

nlohmann::json oci_config(const ContainerSpec& container, const OciUser& user,
                          const std::string& network_namespace) {
  using nlohmann::json;
  // Docker's default capability set, so that what works under `docker run` works here.
  const json caps = {"CAP_CHOWN",   "CAP_DAC_OVERRIDE", "CAP_FSETID",           "CAP_FOWNER",
                     "CAP_MKNOD",   "CAP_NET_RAW",      "CAP_SETGID",           "CAP_SETUID",
                     "CAP_SETFCAP", "CAP_SETPCAP",      "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT",
                     "CAP_KILL",    "CAP_AUDIT_WRITE"};
  const bool root = user.uid == 0;
  json process = {{"terminal", false},
                  {"user", {{"uid", user.uid}, {"gid", user.gid}}},
                  {"args", container.argv},
                  {"env", container.env},
                  {"cwd", container.working_dir.empty() ? "/" : container.working_dir},
                  {"capabilities",
                   {{"bounding", caps},
                    {"effective", root ? caps : json::array()},
                    {"permitted", root ? caps : json::array()}}},
                  {"noNewPrivileges", false}};

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
  });
  for (const auto& m : container.mounts) {
    mounts.push_back({{"destination", m.destination},
                      {"type", "bind"},
                      {"source", m.source},
                      {"options", {"rbind", m.read_only ? "ro" : "rw", "nosuid", "nodev"}}});
  }

  json network = {{"type", "network"}};
  if (!network_namespace.empty()) network["path"] = network_namespace;
  json linux_section = {
      {"namespaces", json::array({{{"type", "pid"}},
                                  {{"type", "ipc"}},
                                  {{"type", "uts"}},
                                  {{"type", "mount"}},
                                  network})},
      {"resources", {{"devices", json::array({{{"allow", false}, {"access", "rwm"}}})}}},
      {"maskedPaths",
       {"/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
        "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware",
        "/proc/scsi"}},
      {"readonlyPaths",
       {"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"}}};

  return {{"ociVersion", "1.0.2"},
          {"process", process},
          {"root", {{"path", "rootfs"}, {"readonly", false}}},
          {"hostname", container.host},
          {"mounts", mounts},
          {"linux", linux_section}};
}

}  // namespace sagelint::runtime
