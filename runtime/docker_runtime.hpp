#pragma once
// Containers on a Docker Engine (`docker:NAME` images), driven through the docker CLI
// so that DOCKER_HOST and the CLI's contexts work as users expect: `docker create`
// with bind mounts of the job directories, `docker start -a` in the foreground as the
// child per host, `docker kill --signal`, `docker rm -f`, and for `--network private`
// an internal network (no way out) where algo-N are DNS aliases, removed afterwards.
#include <string>

#include "image/view.hpp"
#include "runtime/runtime.hpp"

namespace sagelint::runtime {

class DockerRuntime : public Runtime {
 public:
  explicit DockerRuntime(std::string image, std::string docker = "docker");
  ~DockerRuntime() override;

  // The image's config from `docker image inspect`. Throws RuntimeError when the
  // engine cannot be reached or has no such image (nothing is pulled: offline).
  static image::ImageConfig inspect_image(const std::string& image,
                                          const std::string& docker = "docker");

  std::string_view name() const override { return "docker"; }
  void prepare(const JobSpec& job, const std::string& work_dir) override;
  std::string network_interface() const override {
    return network_.empty() && !host_network_ ? "lo" : "eth0";
  }
  bool resolves_host_names() const override { return true; }
  StartedContainer start(const ContainerSpec& container) override;
  void signal(const ContainerSpec& container, int sig) override;
  int exit_code(const ContainerSpec& container, int wait_status) override;
  void remove(const ContainerSpec& container) noexcept override;
  void cleanup() noexcept override;

 private:
  std::string image_;
  std::string docker_;
  std::string label_;          // sagelint.job=<id>: everything this job made carries it
  std::string network_;        // "" = --network none
  bool host_network_ = false;  // --network host
  int host_count_ = 1;         // algo-1..algo-N, for --add-host on the host network
  int engine_cpus_ = 0;        // the engine's CPUs (0 = unknown)
};

}  // namespace sagelint::runtime
