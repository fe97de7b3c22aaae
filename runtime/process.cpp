#include "runtime/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace sagelint::runtime {

namespace {

struct Pipe {
  int read_end = -1;
  int write_end = -1;
};

Pipe make_pipe() {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0)
    throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  return {fds[0], fds[1]};
}

std::vector<std::string> merged_environment(const std::vector<std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv(*e);
    auto key = kv.substr(0, kv.find('=') + 1);
    bool overridden = false;
    for (const auto& x : extra) overridden = overridden || x.starts_with(key);
    if (!overridden) env.emplace_back(kv);
  }
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

std::vector<char*> c_strings(std::vector<std::string>& words) {
  std::vector<char*> out;
  for (auto& w : words) out.push_back(w.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

namespace {

// fork + exec, for what posix_spawn cannot set: the parent-death signal.
pid_t fork_exec(std::vector<char*>& args, std::vector<char*>& env, const Pipe& out, const Pipe& err,
                std::string& error) {
  Pipe status = make_pipe();  // close-on-exec: EOF means exec worked
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) {
    error = std::strerror(errno);
    close(status.read_end);
    close(status.write_end);
    return -1;
  }
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);  // sagelint is already gone
    setpgid(0, 0);
    for (int sig = 1; sig < NSIG; ++sig) signal(sig, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    int in = open("/dev/null", O_RDONLY);
    if (in < 0 || dup2(in, 0) < 0 || dup2(out.write_end, 1) < 0 || dup2(err.write_end, 2) < 0) {
      int e = errno;
      [[maybe_unused]] ssize_t n = write(status.write_end, &e, sizeof e);
      _exit(127);
    }
    execvpe(args[0], args.data(), env.data());
    int e = errno;
    [[maybe_unused]] ssize_t n = write(status.write_end, &e, sizeof e);
    _exit(127);
  }
  close(status.write_end);
  int child_errno = 0;
  ssize_t n;
  do n = read(status.read_end, &child_errno, sizeof child_errno);
  while (n < 0 && errno == EINTR);
  close(status.read_end);
  if (n == sizeof child_errno) {
    waitpid(pid, nullptr, 0);
    error = std::strerror(child_errno);
    return -1;
  }
  return pid;
}

}  // namespace

SpawnedProcess spawn_with_pipes(const std::vector<std::string>& argv,
                                const std::vector<std::string>& extra_env, SpawnOptions options) {
  if (argv.empty()) throw std::runtime_error("spawn: empty command");
  Pipe out = make_pipe();
  Pipe err = make_pipe();
  std::vector<std::string> args = argv;
  std::vector<std::string> env = merged_environment(extra_env);
  auto c_args = c_strings(args);
  auto c_env = c_strings(env);
  pid_t pid = -1;
  std::string error;
  if (options.die_with_parent) {
    pid = fork_exec(c_args, c_env, out, err, error);
  } else {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out.write_end, 1);
    posix_spawn_file_actions_adddup2(&actions, err.write_end, 2);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setpgroup(&attr, 0);
    // The child starts with default dispositions and an empty mask, whatever sagelint set.
    sigset_t all, none;
    sigfillset(&all);
    sigemptyset(&none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(
        &attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    int rc = posix_spawnp(&pid, c_args[0], &actions, &attr, c_args.data(), c_env.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
      pid = -1;
      error = std::strerror(rc);
    }
  }
  close(out.write_end);
  close(err.write_end);
  if (pid < 0) {
    close(out.read_end);
    close(err.read_end);
    throw std::runtime_error("cannot start " + argv[0] + ": " + error);
  }
  fcntl(out.read_end, F_SETFL, O_NONBLOCK);
  fcntl(err.read_end, F_SETFL, O_NONBLOCK);
  return {pid, out.read_end, err.read_end};
}

int wait_for_exit(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return status;
}

CapturedRun run_capture(const std::vector<std::string>& argv,
                        const std::vector<std::string>& extra_env) {
  CapturedRun result;
  SpawnedProcess p;
  try {
    p = spawn_with_pipes(argv, extra_env);
  } catch (const std::exception& e) {
    result.err = e.what();
    return result;
  }
  pollfd fds[2] = {{p.stdout_fd, POLLIN, 0}, {p.stderr_fd, POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_fds = 2;
  char buf[65536];
  while (open_fds > 0) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[i]->append(buf, static_cast<size_t>(n));
      } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  for (auto& f : fds)
    if (f.fd >= 0) close(f.fd);
  int status = wait_for_exit(p.pid);
  if (status >= 0 && WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  return result;
}

bool write_all(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace sagelint::runtime
