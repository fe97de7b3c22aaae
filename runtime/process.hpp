#pragma once
// Child processes for the runtimes: the runtime CLIs (runc, docker) are driven as
// programs, with stdin from /dev/null and each child in its own process group so that a
// Ctrl-C meant for sagelint does not reach them behind its back.
#include <sys/types.h>

#include <string>
#include <vector>

namespace sagelint::runtime {

struct SpawnedProcess {
  pid_t pid = -1;
  int stdout_fd = -1;  // read ends, non-blocking, close-on-exec
  int stderr_fd = -1;
};

struct SpawnOptions {
  // The child gets SIGKILL when sagelint dies (PR_SET_PDEATHSIG), so that a runtime
  // CLI holding a container in the foreground never outlives it.
  bool die_with_parent = false;
};

// Starts argv[0] from PATH with `env` added to sagelint's environment. Throws
// std::runtime_error when the program cannot be started.
SpawnedProcess spawn_with_pipes(const std::vector<std::string>& argv,
                                const std::vector<std::string>& extra_env = {},
                                SpawnOptions options = {});

struct CapturedRun {
  int exit_code = -1;  // -1: did not start or did not exit normally
  std::string out;
  std::string err;
};

// Runs a short command to the end and collects its output.
CapturedRun run_capture(const std::vector<std::string>& argv,
                        const std::vector<std::string>& extra_env = {});

// Blocks until pid exits (retrying on EINTR); returns the wait status or -1.
int wait_for_exit(pid_t pid);

// Writes everything (retrying on EINTR and short writes); false on error.
bool write_all(int fd, const std::string& data);

}  // namespace sagelint::runtime
