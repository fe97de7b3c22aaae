#pragma once
// The OCI runtime config.json of one host's container in a runc bundle: its own
// pid/mount/ipc/uts namespaces, its own network namespace with only loopback (or the
// job's shared one), hostname algo-N, a minimal /proc and /dev, the job directories
// bind-mounted, no terminal, and the image's user resolved against the rootfs.
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "runtime/runtime.hpp"

namespace sagelint::runtime {

struct OciUser {
  unsigned uid = 0;
  unsigned gid = 0;
};

// Resolves a Docker `User` ("", "name", "uid", "name:group", "uid:gid") against the
// rootfs's /etc/passwd and /etc/group, as Docker does. nullopt with `error` set when a
// name is unknown.
std::optional<OciUser> resolve_user(const std::string& user, const std::filesystem::path& rootfs,
                                    std::string& error);

// `network_namespace`: "" = a new namespace of its own (runc brings up loopback);
// otherwise the path of a namespace to join.
nlohmann::json oci_config(const ContainerSpec& container, const OciUser& user,
                          const std::string& network_namespace);

}  // namespace sagelint::runtime
