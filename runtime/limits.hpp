#pragma once
// What bounds one host's container: the CPUs and memory of its instance type, a pids
// limit, resource limits, the volume (VolumeSizeInGB) that caps the data copied in and
// back, and optionally a user namespace. The same on every runtime, and in the report.
#include <cstdint>
#include <optional>
#include <string>

#include "runtime/job_spec.hpp"

namespace sagelint::runtime {

// --userns: container IDs 0..size-1 are host IDs host_id..host_id+size-1.
struct IdMapping {
  std::uint32_t host_id = 0;
  std::uint32_t size = 0;
};

struct HostLimits {
  std::string instance_type;
  int vcpus = 0;                   // CPU time: this many CPUs' worth (CFS quota)
  std::uint64_t memory_bytes = 0;  // memory without swap, as on the instance (no swap there)
  std::int64_t pids = 0;           // processes and threads together
  std::uint64_t open_files = 0;    // RLIMIT_NOFILE, soft and hard
  std::uint64_t volume_bytes = 0;  // VolumeSizeInGB: inputs copied in, outputs copied back
  std::optional<IdMapping> userns;
};

// 2048 pids (podman's pids_limit in containers.conf), 32 per vCPU on bigger hosts.
inline constexpr std::int64_t kMinPids = 2048;
inline constexpr std::int64_t kPidsPerVcpu = 32;
// Docker's default RLIMIT_NOFILE (dockerd runs with LimitNOFILE=1048576), or sagelint's
// own hard limit where that is lower.
inline constexpr std::uint64_t kOpenFiles = 1048576;
// --userns: where container root lands on this machine (above the ranges useradd gives
// out in /etc/subuid, which start at 100000).
inline constexpr std::uint32_t kUsernsHostBase = 1000000000;
inline constexpr std::uint32_t kUsernsSize = 65536;

// The limits of every host of `job` (its instance type and VolumeSizeInGB). An unknown
// instance type (the request is validated before) gets those of ml.m5.xlarge.
HostLimits host_limits(const JobSpec& job, bool user_namespace);

}  // namespace sagelint::runtime
