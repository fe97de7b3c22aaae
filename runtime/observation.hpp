#pragma once
// What a local run saw happen, as facts: how each host was stopped and how it ended,
// what /opt/ml/output/message held, which outputs were symlinks. It knows no rule IDs
// and no severities: rules/ judges it (the rules with a `.run` check), as it judges a
// parsed Dockerfile or an image.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sagelint::runtime {

struct HostObservation {
  std::string host;                        // "algo-1"
  std::optional<int> exit_code;            // unset: never started or never seen to exit
  std::optional<std::string> signal;       // PID 1 ended by this signal (exit code 128+N)
  std::optional<std::string> stopped_by;   // kStoppedBy* (job.hpp) when it was told to stop
  std::optional<std::string> stop_signal;  // what was sent first ("SIGTERM", "SIGKILL")
  std::optional<double> seconds_to_exit_after_stop;
  bool needed_kill = false;  // still running when the grace period ended: SIGKILL sent
};

// /opt/ml/output/message of every host, concatenated in host order.
struct ExitMessageObservation {
  std::string text;              // the first bytes (what ExitMessage shows)
  std::uint64_t total_size = 0;  // bytes in all, from the files' metadata
  bool valid_utf8 = true;        // of what was read of every host's message
};

// A symlink found in an output LocalPath when the outputs were copied back.
struct OutputSymlink {
  std::string host;         // "algo-2"
  std::string output_name;  // the ProcessingOutput's OutputName
  std::string path;         // in the container: "/opt/ml/processing/output/link"
  std::string detail;       // where it points, as the copy describes it ("-> /tmp/x")
};

struct RunObservation {
  std::string image;              // the job's ImageUri, the target of what is judged
  double stop_grace_seconds = 0;  // between the stop signal and SIGKILL
  std::vector<HostObservation> hosts;
  ExitMessageObservation exit_message;
  std::vector<OutputSymlink> output_symlinks;
};

}  // namespace sagelint::runtime
