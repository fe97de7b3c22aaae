#include "runtime/docker_runtime.hpp"

#include <sys/wait.h>

#include <algorithm>
#include <filesystem>

#include "runtime/process.hpp"
#include "runtime/signal_names.hpp"

namespace sagelint::runtime {

namespace {

std::string first_line(const std::string& s) {
  auto end = s.find('\n');
  return s.substr(0, end);
}

std::optional<Argv> argv_member(const nlohmann::json& config, const char* key) {
  if (!config.contains(key) || !config[key].is_array()) return std::nullopt;
  Argv out;
  for (const auto& v : config[key])
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

std::string string_member(const nlohmann::json& config, const char* key) {
  if (!config.contains(key) || !config[key].is_string()) return "";
  return config[key].get<std::string>();
}

}  // namespace

DockerRuntime::DockerRuntime(std::string image, std::string docker)
    : image_(std::move(image)), docker_(std::move(docker)) {}

DockerRuntime::~DockerRuntime() { cleanup(); }

image::ImageConfig DockerRuntime::inspect_image(const std::string& image,
                                                const std::string& docker) {
  auto r = run_capture({docker, "image", "inspect", "--format", "{{json .Config}}", image});
  if (r.exit_code != 0) {
    std::string why = first_line(r.err);
    throw RuntimeError("docker:" + image + ": " +
                       (why.empty() ? "docker image inspect failed" : why));
  }
  nlohmann::json config = nlohmann::json::parse(r.out, nullptr, false);
  image::ImageConfig out;
  if (!config.is_object()) return out;  // "null": an image without a config
  out.entrypoint = argv_member(config, "Entrypoint");
  out.cmd = argv_member(config, "Cmd");
  if (auto env = argv_member(config, "Env")) out.env = *env;
  out.user = string_member(config, "User");
  out.working_dir = string_member(config, "WorkingDir");
  out.stop_signal = string_member(config, "StopSignal");
  if (auto shell = argv_member(config, "Shell")) out.shell = *shell;
  return out;
}

void DockerRuntime::prepare(const JobSpec& job, const std::string& work_dir) {
  auto version = run_capture({docker_, "version", "--format", "{{.Server.Version}}"});
  if (version.exit_code != 0)
    throw RuntimeError("the Docker Engine is not available: " + first_line(version.err));
  std::string id = std::filesystem::path(work_dir).filename().string();
  label_ = "sagelint.job=" + id;
  // The engine refuses --cpus above its own CPU count.
  auto info = run_capture({docker_, "info", "--format", "{{.NCPU}}"});
  try {
    engine_cpus_ = info.exit_code == 0 ? std::stoi(info.out) : 0;
  } catch (const std::exception&) {
    engine_cpus_ = 0;
  }
  host_network_ = job.network == NetworkMode::host;
  host_count_ = job.instance_count;
  if (job.network == NetworkMode::private_network) {
    // --internal: the hosts reach each other, nothing reaches outside.
    auto r =
        run_capture({docker_, "network", "create", "--internal", "--label", label_, id + "-net"});
    if (r.exit_code != 0)
      throw RuntimeError("cannot create a private docker network: " + first_line(r.err));
    network_ = id + "-net";
  }
}

StartedContainer DockerRuntime::start(const ContainerSpec& c) {
  if (c.argv.empty()) throw RuntimeError("no command specified");
  std::vector<std::string> cmd = {docker_, "create",     "--name", c.name,   "--label",
                                  label_,  "--hostname", c.host,   "--pull", "never"};
  if (host_network_) {
    // As on runc: algo-N is 127.0.0.(N+1) on the loopback the hosts share, and no
    // CAP_NET_RAW on the machine's own interfaces.
    cmd.insert(cmd.end(), {"--network", "host", "--cap-drop", "NET_RAW"});
    for (int i = 0; i < host_count_; ++i)
      cmd.insert(cmd.end(), {"--add-host", "algo-" + std::to_string(i + 1) + ":127.0.0." +
                                               std::to_string(i + 2)});
  } else if (network_.empty()) {
    cmd.insert(cmd.end(), {"--network", "none"});
  } else {
    cmd.insert(cmd.end(), {"--network", network_, "--network-alias", c.host});
  }
  // The same bounds as on runc: the instance type's CPUs and memory (no swap), the pids
  // limit, rlimits, no_new_privileges. Docker applies its default seccomp profile,
  // capabilities, masked and read-only paths itself.
  const HostLimits& l = c.limits;
  if (l.memory_bytes > 0)
    cmd.insert(cmd.end(), {"--memory", std::to_string(l.memory_bytes), "--memory-swap",
                           std::to_string(l.memory_bytes)});
  int cpus = engine_cpus_ > 0 ? std::min(l.vcpus, engine_cpus_) : l.vcpus;
  if (cpus > 0) cmd.insert(cmd.end(), {"--cpus", std::to_string(cpus)});
  if (l.pids > 0) cmd.insert(cmd.end(), {"--pids-limit", std::to_string(l.pids)});
  if (l.open_files > 0)
    cmd.insert(cmd.end(), {"--ulimit", "nofile=" + std::to_string(l.open_files) + ":" +
                                           std::to_string(l.open_files)});
  cmd.insert(cmd.end(), {"--ulimit", "core=0:0", "--security-opt", "no-new-privileges"});
  // The image's own Env, User and WorkingDir apply as under `docker run`; the merged
  // environment is passed whole so that both runtimes see the same list.
  for (const auto& e : c.env) cmd.insert(cmd.end(), {"--env", e});
  for (const auto& m : c.mounts)
    cmd.insert(cmd.end(), {"--mount", "type=bind,source=" + m.source + ",destination=" +
                                          m.destination + (m.read_only ? ",readonly" : "")});
  // --entrypoint takes one word and resets the image's Cmd: argv[0] here, the rest as
  // the command, gives exactly the resolved argv.
  cmd.insert(cmd.end(), {"--entrypoint", c.argv[0], image_});
  cmd.insert(cmd.end(), c.argv.begin() + 1, c.argv.end());
  auto created = run_capture(cmd);
  if (created.exit_code != 0) throw RuntimeError(first_line(created.err));
  try {
    auto p = spawn_with_pipes({docker_, "start", "--attach", c.name}, {},
                              SpawnOptions{.die_with_parent = true});
    return {p.pid, p.stdout_fd, p.stderr_fd};
  } catch (const std::exception& e) {
    throw RuntimeError(e.what());
  }
}

void DockerRuntime::signal(const ContainerSpec& c, int sig) {
  run_capture({docker_, "kill", "--signal", std::string(signal_name(sig)), c.name});
}

int DockerRuntime::exit_code(const ContainerSpec& c, int wait_status) {
  // Asked of the engine: the CLI's own exit code cannot tell its errors from the
  // container's code, nor does it survive an attach cut short.
  auto r = run_capture({docker_, "inspect", "--format", "{{.State.ExitCode}}", c.name});
  if (r.exit_code == 0) {
    try {
      return std::stoi(r.out);
    } catch (const std::exception&) {
    }
  }
  if (wait_status >= 0 && WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  return -1;
}

void DockerRuntime::remove(const ContainerSpec& c) noexcept {
  try {
    run_capture({docker_, "rm", "--force", "--volumes", c.name});
  } catch (...) {
  }
}

void DockerRuntime::cleanup() noexcept {
  if (network_.empty()) return;
  try {
    run_capture({docker_, "network", "rm", network_});
  } catch (...) {
  }
  network_.clear();
}

}  // namespace sagelint::runtime
