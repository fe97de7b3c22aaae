#pragma once
// The small interface both container runtimes (runc, Docker Engine) implement. A job
// starts one container per host as a foreground child process whose stdout and stderr
// are pipes; the job loop reads them, signals containers through the runtime, learns
// each exit code and removes everything afterwards.
#include <sys/types.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/job_spec.hpp"
#include "runtime/limits.hpp"

namespace sagelint::runtime {

// The runtime could not be used, or refused a container: exit 3.
struct RuntimeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Mount {
  std::string source;       // directory or file on this machine
  std::string destination;  // absolute path in the container
  bool read_only = false;
};

struct ContainerSpec {
  std::string name;  // unique on this machine: "<job id>-algo-1"
  std::string host;  // "algo-1"
  Argv argv;
  std::vector<std::string> env;  // "K=V"
  std::string working_dir;       // "" = "/"
  std::string user;              // the image's User, unresolved
  std::vector<Mount> mounts;     // parents before children
  HostLimits limits;             // CPUs, memory, pids, rlimits, user namespace
};

struct StartedContainer {
  pid_t pid = -1;  // the foreground child (runc run / docker start -a)
  int stdout_fd = -1;
  int stderr_fd = -1;
};

class Runtime {
 public:
  virtual ~Runtime() = default;
  virtual std::string_view name() const = 0;
  // Once per job, before any container: state directory, network.
  virtual void prepare(const JobSpec& job, const std::string& work_dir) = 0;
  // The interface name written to resourceconfig.json.
  virtual std::string network_interface() const = 0;
  // True when the runtime makes algo-N resolvable itself (Docker's embedded DNS);
  // otherwise a private network gets an /etc/hosts from the job layout.
  virtual bool resolves_host_names() const { return false; }
  virtual StartedContainer start(const ContainerSpec& container) = 0;
  // Delivers `sig` to the container's PID 1 only, as `docker stop` does.
  virtual void signal(const ContainerSpec& container, int sig) = 0;
  // The container's exit code, once its foreground child has exited with `wait_status`.
  virtual int exit_code(const ContainerSpec& container, int wait_status) = 0;
  // Idempotent; never throws: cleanup must run to the end.
  virtual void remove(const ContainerSpec& container) noexcept = 0;
  virtual void cleanup() noexcept = 0;
};

}  // namespace sagelint::runtime
