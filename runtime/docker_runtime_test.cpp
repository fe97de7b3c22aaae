// The job on a real Docker Engine (the private dockerd of scripts/services.sh, found
// through SAGELINT_TEST_DOCKER_HOST), with a busybox image imported for the test.
#include "runtime/docker_runtime.hpp"

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "runtime/command.hpp"
#include "runtime/job.hpp"
#include "runtime/job_layout.hpp"
#include "runtime/job_request.hpp"
#include "runtime/process.hpp"
#include "runtime/test_rootfs.hpp"
#include "tests/support/skip.hpp"

using namespace sagelint::runtime;
namespace fs = std::filesystem;

namespace {

const char* kImage = "sagelint-test/runtime-busybox:latest";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// "" when the engine is there and the test image exists (imported once per process).
std::string docker_ready() {
  static std::string why = [] {
    const char* host = std::getenv("SAGELINT_TEST_DOCKER_HOST");
    if (!host || !*host)
      return std::string(
          "SAGELINT_TEST_DOCKER_HOST is unset (scripts/test.sh starts a private dockerd)");
    setenv("DOCKER_HOST", host, 1);
    if (run_capture({"docker", "version"}).exit_code != 0)
      return std::string("the private dockerd does not answer");
    std::string tmpl = (fs::temp_directory_path() / "sagelint-docker-image-XXXXXX").string();
    fs::path dir = mkdtemp(tmpl.data());
    std::string err = testing::make_busybox_rootfs(dir / "rootfs");
    if (err.empty()) {
      // An image whose ENTRYPOINT is exec form and whose CMD is its default argument.
      auto r = run_capture(
          {"sh", "-c",
           "tar -C '" + (dir / "rootfs").string() +
               "' -c . | docker import "
               "--change 'ENTRYPOINT [\"/bin/echo\", \"image-entrypoint\"]' "
               "--change 'CMD [\"image-cmd\"]' --change 'ENV FROM_IMAGE=image BOTH=image' "
               "- " +
               std::string(kImage)});
      if (r.exit_code != 0) err = "docker import failed: " + r.err;
    }
    std::error_code ec;
    fs::remove_all(dir, ec);
    return err;
  }();
  return why;
}

std::string leftovers(const std::string& label) {
  auto ps = run_capture({"docker", "ps", "-a", "-q", "--filter", "label=" + label});
  auto nets = run_capture({"docker", "network", "ls", "-q", "--filter", "label=" + label});
  return ps.out + nets.out;
}

struct DockerJob {
  std::string skip;
  fs::path base, work;
  JobSpec job;
  sagelint::image::ImageConfig image;
  std::string logs;

  DockerJob() {
    skip = docker_ready();
    if (!skip.empty()) return;
    std::string tmpl = (fs::temp_directory_path() / "sagelint-docker-test-XXXXXX").string();
    base = mkdtemp(tmpl.data());
    work = base / ("sagelint-run-" + base.filename().string().substr(21));
    fs::create_directories(work);
    image = DockerRuntime::inspect_image(kImage);
    job.image_uri = std::string("docker:") + kImage;
    job.stop_grace_seconds = 2;
    alarm(300);  // hang guard
  }
  ~DockerJob() {
    alarm(0);
    std::error_code ec;
    if (!base.empty()) fs::remove_all(base, ec);
  }

  JobResult run() {
    auto command = resolve_command(image, job.entrypoint, job.arguments);
    ContainerTemplate t;
    t.argv = command.argv;
    t.env = merge_environment(image.env, job.environment);
    t.working_dir = image.working_dir;
    t.user = image.user;
    std::string log_path = (base / "logs.txt").string();
    int log_fd = open(log_path.c_str(), O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0644);
    SignalPipe signals;
    JobResult r;
    {
      DockerRuntime runtime(kImage);
      r = run_job(job, t, runtime, work, signals, log_fd);
    }
    close(log_fd);
    logs = slurp(log_path);
    CHECK(leftovers("sagelint.job=" + work.filename().string()) == "");
    return r;
  }
};

#define SKIP_UNLESS_DOCKER(j) SKIP_IF_MISSING("dockerd", (j).skip)

}  // namespace

TEST_SUITE_BEGIN("needs-dockerd");

TEST_CASE("docker: inspect_image reads Entrypoint, Cmd and Env") {
  DockerJob j;
  SKIP_UNLESS_DOCKER(j);
  CHECK(j.image.entrypoint == Argv{"/bin/echo", "image-entrypoint"});
  CHECK(j.image.cmd == Argv{"image-cmd"});
  CHECK(j.image.env == std::vector<std::string>{"FROM_IMAGE=image", "BOTH=image"});
  CHECK_THROWS_AS(DockerRuntime::inspect_image("sagelint-test/no-such-image:1"), RuntimeError);
}

TEST_CASE("docker: the four command cases run as resolved") {
  struct Case {
    std::optional<Argv> entrypoint, arguments;
    const char* expected;
  };
  const Case cases[] = {
      {std::nullopt, std::nullopt, "algo-1 | image-entrypoint image-cmd\n"},
      {Argv{"/bin/echo", "job-entrypoint"}, std::nullopt, "algo-1 | job-entrypoint\n"},
      {std::nullopt, Argv{"job-arg"}, "algo-1 | image-entrypoint job-arg\n"},
      {Argv{"/bin/echo", "job-entrypoint"}, Argv{"job-arg"}, "algo-1 | job-entrypoint job-arg\n"},
  };
  for (const auto& c : cases) {
    DockerJob j;
    SKIP_UNLESS_DOCKER(j);
    j.job.entrypoint = c.entrypoint;
    j.job.arguments = c.arguments;
    auto r = j.run();
    CAPTURE(c.expected);
    CHECK(r.status == JobStatus::completed);
    CHECK(j.logs == c.expected);
  }
}

TEST_CASE("docker: config files, env precedence, outputs, exit code") {
  DockerJob j;
  SKIP_UNLESS_DOCKER(j);
  fs::path out = j.base / "out";
  ChannelSpec c;
  c.name = "out";
  c.local_path = "/opt/ml/processing/output";
  c.host_dir = out.string();
  c.echo = {{"OutputName", "out"}};
  j.job.outputs.push_back(c);
  j.job.environment = {{"BOTH", "job"}};
  j.job.entrypoint = Argv{"/bin/sh", "-c",
                          "cp /opt/ml/config/*.json /opt/ml/processing/output/; "
                          "echo $FROM_IMAGE $BOTH > /opt/ml/processing/output/env; "
                          "hostname > /opt/ml/processing/output/hostname; exit 4"};
  auto r = j.run();
  CHECK(r.status == JobStatus::failed);
  CHECK(r.hosts.at(0).exit_code == 4);
  CHECK(nlohmann::ordered_json::parse(slurp(out / "processingjobconfig.json")) ==
        processing_job_config(j.job));
  CHECK(nlohmann::ordered_json::parse(slurp(out / "resourceconfig.json")) ==
        resource_config(j.job, 0, "lo"));
  CHECK(slurp(out / "env") == "image job\n");
  CHECK(slurp(out / "hostname") == "algo-1\n");
}

TEST_CASE("docker: a shell PID 1 ignoring SIGTERM needs the kill") {
  DockerJob j;
  SKIP_UNLESS_DOCKER(j);
  j.job.entrypoint = Argv{"/bin/sh", "-c", "trap \"\" TERM; sleep 1000"};
  j.job.stop_after_seconds = 1;
  j.job.stop_grace_seconds = 1;
  auto r = j.run();
  CHECK(r.status == JobStatus::stopped);
  CHECK(r.hosts.at(0).needed_kill);
  CHECK(r.hosts.at(0).exit_code == 137);
  REQUIRE(r.observed.hosts.size() == 1);
  CHECK(r.observed.hosts[0].needed_kill);
}

TEST_CASE("docker: three hosts on a private network, one fails, the others stop") {
  DockerJob j;
  SKIP_UNLESS_DOCKER(j);
  j.job.instance_count = 3;
  j.job.network = NetworkMode::private_network;
  j.job.stop_grace_seconds = 10;
  // algo-3 finds algo-1 by name through the engine's DNS, then fails.
  j.job.entrypoint = Argv{
      "/bin/sh", "-c",
      "trap 'exit 143' TERM; if [ $(hostname) = algo-3 ]; then "
      "for i in $(seq 1 50); do echo hi | nc algo-1 9753 && exit 5; sleep 0.2; done; exit 6; fi; "
      "if [ $(hostname) = algo-1 ]; then nc -l -p 9753; fi; while true; do sleep 0.1; done"};
  auto r = j.run();
  CHECK(r.status == JobStatus::failed);
  REQUIRE(r.hosts.size() == 3);
  CHECK(r.hosts[2].exit_code == 5);
  CHECK(r.hosts[0].stopped_by == std::string(kStoppedByPeerFailure));
  CHECK(r.hosts[1].stopped_by == std::string(kStoppedByPeerFailure));
  CHECK(j.logs.find("algo-1 | hi") != std::string::npos);
}

TEST_CASE("docker: --network host reaches this machine's loopback, algo-N resolve, no NET_RAW") {
  DockerJob j;
  SKIP_UNLESS_DOCKER(j);
  int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  REQUIRE(::bind(listener, reinterpret_cast<sockaddr*>(&a), len) == 0);
  REQUIRE(::listen(listener, 4) == 0);
  REQUIRE(::getsockname(listener, reinterpret_cast<sockaddr*>(&a), &len) == 0);
  std::string got;
  std::thread accepter([&] {
    pollfd p{listener, POLLIN, 0};
    if (::poll(&p, 1, 60000) != 1) return;
    int c = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    char buf[64];
    ssize_t n = c < 0 ? -1 : ::read(c, buf, sizeof buf);
    if (n > 0) got.assign(buf, static_cast<size_t>(n));
    if (c >= 0) ::close(c);
  });
  j.job.network = NetworkMode::host;
  j.job.instance_count = 2;
  j.job.entrypoint =
      Argv{"/bin/sh", "-c",
           "grep -q '^127.0.0.3[[:space:]]*algo-2' /etc/hosts || exit 7; "
           // CAP_NET_RAW is bit 13 of the bounding set.
           "cap=$(sed -n 's/^CapBnd:[[:space:]]*//p' /proc/self/status); "
           "[ $(( (0x$cap >> 13) & 1 )) = 0 ] || exit 9; "
           "if [ $(hostname) = algo-1 ]; then (echo from-$(hostname); sleep 1) | nc 127.0.0.1 " +
               std::to_string(ntohs(a.sin_port)) + " || exit 8; fi"};
  auto r = j.run();
  accepter.join();
  ::close(listener);
  CAPTURE(j.logs);
  CHECK(r.status == JobStatus::completed);
  CHECK(got == "from-algo-1\n");
}

TEST_CASE("docker: interrupted mid-job, nothing is left") {
  DockerJob j;
  SKIP_UNLESS_DOCKER(j);
  j.job.entrypoint = Argv{"/bin/sh", "-c", "trap \"\" TERM INT; sleep 1000"};
  j.job.network = NetworkMode::private_network;
  j.job.instance_count = 2;
  std::thread interrupter([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    kill(getpid(), SIGTERM);
  });
  auto r = j.run();
  interrupter.join();
  CHECK(r.status == JobStatus::stopped);
  CHECK(r.interrupted_by == SIGTERM);
}

TEST_SUITE_END();
