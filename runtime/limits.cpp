#include "runtime/limits.hpp"

#include <sys/resource.h>

#include <algorithm>

#include "runtime/instance_resources.hpp"

namespace sagelint::runtime {

HostLimits host_limits(const JobSpec& job, bool user_namespace) {
  HostLimits l;
  auto r = resources_of(job.instance_type);
  if (!r) r = resources_of("ml.m5.xlarge");
  l.instance_type = std::string(r->type);
  l.vcpus = r->vcpus;
  l.memory_bytes = r->memory_mib * 1024 * 1024;
  l.pids = std::max<std::int64_t>(kMinPids, kPidsPerVcpu * r->vcpus);
  // No higher than sagelint's own hard limit: raising it needs CAP_SYS_RESOURCE.
  l.open_files = kOpenFiles;
  rlimit own{};
  if (::getrlimit(RLIMIT_NOFILE, &own) == 0 && own.rlim_max != RLIM_INFINITY)
    l.open_files = std::min<std::uint64_t>(l.open_files, own.rlim_max);
  l.volume_bytes = static_cast<std::uint64_t>(std::max(job.volume_size_gb, 1)) << 30;
  if (user_namespace) l.userns = IdMapping{kUsernsHostBase, kUsernsSize};
  return l;
}

}  // namespace sagelint::runtime
