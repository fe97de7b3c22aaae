#pragma once
// What SageMaker puts in front of a Processing container, per host algo-1…algo-N, as
// directories on this machine: /opt/ml/config with processingjobconfig.json and
// resourceconfig.json (research §2.3, §2.4), an empty /opt/ml/output, every input
// LocalPath filled with a copy of its host directory, every output LocalPath empty; and
// afterwards the outputs copied back. Both copies go through tree_copy: nothing a tree
// holds can steer them, and whatever is not copied as it was is noted.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/job_spec.hpp"
#include "runtime/limits.hpp"
#include "runtime/observation.hpp"
#include "runtime/runtime.hpp"
#include "runtime/tree_copy.hpp"

namespace sagelint::runtime {

std::string host_name(int index);  // 0 -> "algo-1"

nlohmann::ordered_json processing_job_config(const JobSpec& job);
nlohmann::ordered_json resource_config(const JobSpec& job, int host_index,
                                       const std::string& network_interface);
// /etc/hosts for --network private and host: algo-N resolves to 127.0.0.(N+1), on the
// loopback the hosts share.
std::string hosts_file(const JobSpec& job, int host_index);

// Something a copy in or out did with a file that the run report lists for its host.
struct FileNote {
  std::string phase;   // "Input", "Output", "ExitMessage"
  std::string action;  // "Dropped", "SymlinkNotCopied", "ModeChanged", "Failed"
  std::string path;    // in the container: "/opt/ml/processing/output/x"
  std::string detail;  // "a FIFO is not copied", "setuid bit removed", the error
};

struct HostLayout {
  std::string host;
  std::filesystem::path root;
  std::filesystem::path output_dir;                // /opt/ml/output
  std::vector<std::filesystem::path> output_dirs;  // per JobSpec::outputs, same order
  std::vector<Mount> mounts;                       // parents first
  std::vector<FileNote> notes;                     // what the input copy noted
};

struct JobLayout {
  std::vector<HostLayout> hosts;
  // The first input that could not be copied: "algo-1: /opt/ml/processing/input/x: why".
  // Nothing runs then: the job fails as SageMaker fails a download.
  std::optional<std::string> input_failure;
  bool interrupted = false;
};

struct CopyControl {
  std::function<bool()> cancelled;  // sagelint was told to stop
  HostLimits limits;                // volume_bytes caps each host's copies; userns owner
};

// Creates the per-host trees under work_dir/hosts. Throws std::runtime_error when
// sagelint cannot create its own files (the input copies are reported in the layout).
JobLayout create_job_layout(const JobSpec& job, const std::filesystem::path& work_dir,
                            const std::string& network_interface, bool mount_hosts_file = true,
                            const CopyControl& control = {});

struct OutputCopy {
  std::vector<OutputSymlink> symlinks;       // not copied: SageMaker does not upload them
  std::vector<std::vector<FileNote>> notes;  // per host, in layout order
  std::vector<std::string> failures;  // "algo-1: /opt/ml/processing/output/x: why", one a line
  bool interrupted = false;
};

// Copies every host's output LocalPaths back into the output's host directory (hosts
// merged, in host order; a later host's file replaces an earlier one's). The host
// directory must be absent or empty: everything is written into a directory sagelint
// creates next to it, which becomes the host directory only when the copy is complete
// (a failed copy leaves nothing). Symlinks are not copied, as SageMaker does not upload
// them; FIFOs, sockets and devices are dropped; setuid, setgid and sticky bits
// removed; each host's copies are capped at VolumeSizeInGB.
OutputCopy copy_outputs_back(const JobSpec& job, const JobLayout& layout,
                             const CopyControl& control = {});

// Why an --output host directory cannot take the outputs ("" when it can): it must be
// absent or an empty directory, and no two outputs' host directories may nest.
std::string check_output_destinations(const JobSpec& job);

}  // namespace sagelint::runtime
