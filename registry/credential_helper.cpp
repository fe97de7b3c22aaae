#include "registry/credential_helper.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <nlohmann/json.hpp>

namespace sagelint::registry {

namespace {

constexpr std::size_t kMaxOutput = 64 * 1024UL;

bool valid_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
      return false;
  return true;
}

struct Captured {
  int status = -1;  // exit status, -1 when killed or not started
  std::string out, err;
  bool timed_out = false;
  bool not_found = false;  // exec failed: not on PATH
};

Captured run(const std::string& program, const std::string& input, int timeout_seconds) {
  Captured c;
  int in[2], out[2], err[2], exec_err[2];
  if (::pipe2(in, O_CLOEXEC) || ::pipe2(out, O_CLOEXEC) || ::pipe2(err, O_CLOEXEC) ||
      ::pipe2(exec_err, O_CLOEXEC))
    return c;
  pid_t pid = ::fork();
  if (pid < 0) return c;
  if (pid == 0) {
    ::dup2(in[0], 0);
    ::dup2(out[1], 1);
    ::dup2(err[1], 2);
    const char* argv[] = {program.c_str(), "get", nullptr};
    ::execvp(program.c_str(), const_cast<char* const*>(argv));
    int e = errno;
    (void)!::write(exec_err[1], &e, sizeof e);
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  ::close(exec_err[1]);
  int e = 0;
  if (::read(exec_err[0], &e, sizeof e) == sizeof e) c.not_found = true;
  ::close(exec_err[0]);
  ::signal(SIGPIPE, SIG_IGN);
  (void)!::write(in[1], input.data(), input.size());
  ::close(in[1]);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
  std::string* sinks[2] = {&c.out, &c.err};
  int open_fds = 2;
  while (open_fds > 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    if (left <= 0) {
      c.timed_out = true;
      ::kill(pid, SIGKILL);
      break;
    }
    if (::poll(fds, 2, static_cast<int>(left)) < 0 && errno != EINTR) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      char buf[4096];
      ssize_t got = ::read(fds[i].fd, buf, sizeof buf);
      if (got <= 0) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      } else if (sinks[i]->size() < kMaxOutput) {
        sinks[i]->append(buf, static_cast<std::size_t>(got));
      }
    }
  }
  for (auto& f : fds)
    if (f.fd >= 0) ::close(f.fd);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!c.timed_out && WIFEXITED(status)) c.status = WEXITSTATUS(status);
  return c;
}

}  // namespace

std::variant<std::optional<HelperCredentials>, std::string> run_credential_helper(
    const std::string& name, const std::string& server_url, int timeout_seconds) {
  std::string program = "docker-credential-" + name;
  if (!valid_name(name)) return "credential helper name \"" + name + "\" is not valid";
  Captured c = run(program, server_url, timeout_seconds);
  if (c.not_found) return program + " is not on PATH (named by the Docker config)";
  if (c.timed_out)
    return program + " did not answer within " + std::to_string(timeout_seconds) + " s";
  if (c.status != 0) {
    // The helpers' protocol: "credentials not found in native keychain" on stdout.
    if (c.out.find("credentials not found") != std::string::npos) return std::nullopt;
    return program + " get failed for " + server_url + " (exit status " + std::to_string(c.status) +
           ")";
  }
  auto doc = nlohmann::json::parse(c.out, nullptr, false);
  if (!doc.is_object() || !doc.contains("Secret") || !doc["Secret"].is_string())
    return program + " get answered something that is not {\"Username\",\"Secret\"} JSON";
  HelperCredentials out;
  if (doc.contains("Username") && doc["Username"].is_string())
    out.username = doc["Username"].get<std::string>();
  out.secret = doc["Secret"].get<std::string>();
  if (out.secret.empty() && out.username.empty()) return std::nullopt;
  return out;
}

}  // namespace sagelint::registry
