#pragma once
// One local Processing job from start to finish: the per-host layout, one container per
// host, logs prefixed by host, the stop path (MaxRuntimeInSeconds, --stop-after, a
// failing peer: stop signal to PID 1, grace, SIGKILL), the final status, ExitMessage,
// what was observed (observation.hpp, for the rules to judge), outputs copied back, and
// every container, mount and network removed, also when sagelint itself is interrupted.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "runtime/command.hpp"
#include "runtime/job_layout.hpp"
#include "runtime/job_spec.hpp"
#include "runtime/limits.hpp"
#include "runtime/observation.hpp"
#include "runtime/runtime.hpp"
#include "runtime/signal_pipe.hpp"

namespace sagelint::runtime {

// Why a host was sent the stop signal (the report's StoppedBy).
inline constexpr const char* kStoppedByMaxRuntime = "MaxRuntimeInSeconds";
inline constexpr const char* kStoppedByStopAfter = "StopAfter";
inline constexpr const char* kStoppedByPeerFailure = "PeerFailure";
inline constexpr const char* kStoppedByInterrupt = "Interrupted";

// What the run report lists for a host: what was observed of it, and more.
struct HostResult : HostObservation {
  std::string start_error;      // the container could not be started
  HostLimits limits;            // what bounded the container
  std::vector<FileNote> files;  // inputs, outputs and the exit message not taken as they were
};

enum class JobStatus { completed, failed, stopped };
std::string_view to_string(JobStatus s);

struct JobResult {
  JobStatus status = JobStatus::completed;
  std::string failure_reason;
  std::string exit_message;  // raw bytes, at most 1024
  std::chrono::system_clock::time_point start_time, end_time;
  std::vector<HostResult> hosts;
  RunObservation observed;  // what the rules judge (SMP030..)
  int interrupted_by = 0;   // the signal sagelint got, 0 = none
  // Every input, output or exit message that failed, one line each ("algo-1: path: why").
  std::vector<std::string> file_failures;
};

// What every host's container runs (the same on all hosts).
struct ContainerTemplate {
  Argv argv;
  std::vector<std::string> env;
  std::string working_dir;
  std::string user;
};

// Runs the job to its end in work_dir (which must exist and is left in place; the
// caller removes it). Log lines go to log_fd as "algo-N | line". Throws RuntimeError
// when the runtime cannot be prepared (after cleaning up what was made).
JobResult run_job(const JobSpec& job, const ContainerTemplate& container, Runtime& runtime,
                  const std::filesystem::path& work_dir, SignalPipe& signals, int log_fd = 2);

}  // namespace sagelint::runtime
