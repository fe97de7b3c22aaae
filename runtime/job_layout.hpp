#pragma once
// What SageMaker puts in front of a Processing container, per host algo-1…algo-N, as
// directories on this machine: /opt/ml/config with processingjobconfig.json and
// resourceconfig.json (research §2.3, §2.4), an empty /opt/ml/output, every input
// LocalPath filled with a copy of its host directory, every output LocalPath empty.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "rules/finding.hpp"
#include "runtime/job_spec.hpp"
#include "runtime/runtime.hpp"

namespace sagelint::runtime {

std::string host_name(int index);  // 0 -> "algo-1"

nlohmann::ordered_json processing_job_config(const JobSpec& job);
nlohmann::ordered_json resource_config(const JobSpec& job, int host_index,
                                       const std::string& network_interface);
// /etc/hosts for --network private: algo-N resolves to 127.0.0.(N+1) in the shared netns.
std::string hosts_file(const JobSpec& job, int host_index);

struct HostLayout {
  std::string host;
  std::filesystem::path root;
  std::filesystem::path output_dir;                // /opt/ml/output
  std::vector<std::filesystem::path> output_dirs;  // per JobSpec::outputs, same order
  std::vector<Mount> mounts;                       // parents first
};

struct JobLayout {
  std::vector<HostLayout> hosts;
};

// Creates the per-host trees under work_dir/hosts. Throws std::runtime_error naming the
// input directory that cannot be read.
JobLayout create_job_layout(const JobSpec& job, const std::filesystem::path& work_dir,
                            const std::string& network_interface, bool mount_hosts_file = true);

// Copies every host's output LocalPaths back into the output's host directory (hosts
// merged, in host order). Symlinks are not copied, as SageMaker does not upload them:
// each one is reported as SMP032.
std::vector<Finding> copy_outputs_back(const JobSpec& job, const JobLayout& layout);

}  // namespace sagelint::runtime
