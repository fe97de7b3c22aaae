#pragma once
// The OCI runtime config.json of one host's container in a runc bundle, no weaker than
// Docker's defaults: its own pid/mount/ipc/uts namespaces (and a user namespace with
// --userns), its own network namespace with only loopback (or the job's shared one, or
// none for --network host),
// Docker's capability set, Docker's default seccomp allow-list, no_new_privileges,
// Docker's masked and read-only paths, the host's CPU, memory and pids limits in a
// cgroup below sagelint's own, rlimits, hostname algo-N, a minimal /proc and /dev, the
// job directories bind-mounted nosuid,nodev, no terminal, and the image's user
// resolved against the rootfs.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/runtime.hpp"

namespace sagelint::runtime {

struct OciUser {
  unsigned uid = 0;
  unsigned gid = 0;
};

// Resolves a Docker `User` ("", "name", "uid", "name:group", "uid:gid") against the
// rootfs's /etc/passwd and /etc/group, as Docker does. Both are read from a directory fd
// of the rootfs (symlinks resolved inside it, never out of it), non-blocking, regular
// files only, at most kPasswdLimit bytes. nullopt with `error` set when a name is unknown
// or a file that is needed cannot be read.
inline constexpr std::size_t kPasswdLimit = 16u << 20;
std::optional<OciUser> resolve_user(const std::string& user, const std::filesystem::path& rootfs,
                                    std::string& error);

// Docker's default capabilities: what works under `docker run` works here.
const std::vector<std::string>& default_capabilities();

// `network_namespace`: "" = a new namespace of its own (runc brings up loopback);
// otherwise the path of a namespace to join. `host_network`: no network namespace at
// all (`--network host`), and no CAP_NET_RAW, which there would reach the machine's
// own interfaces (raw packets, spoofing on its networks).
nlohmann::json oci_config(const ContainerSpec& container, const OciUser& user,
                          const std::string& network_namespace, bool host_network = false);

// The cgroup of a container, relative to sagelint's own (runc's cgroupsPath).
std::string cgroup_path(const std::string& container_name);

}  // namespace sagelint::runtime
