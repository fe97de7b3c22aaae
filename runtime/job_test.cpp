// The job on real runc, with a busybox rootfs: every stop path, statuses, messages,
// outputs, networks and cleanup. Skipped (with the reason) where runc cannot run.
#include "runtime/job.hpp"

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "runtime/job_layout.hpp"
#include "runtime/job_request.hpp"
#include "runtime/process.hpp"
#include "runtime/runc_runtime.hpp"
#include "runtime/test_rootfs.hpp"
#include "tests/support/skip.hpp"

using namespace sagelint::runtime;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string why_runc_cannot_run() {
  if (geteuid() != 0) return "runc tests need root";
  if (run_capture({"runc", "--version"}).exit_code != 0) return "runc is not installed";
  if (!testing::busybox_path()) return "busybox is not installed";
  return "";
}

bool mounted_below(const fs::path& dir) {
  std::ifstream in("/proc/self/mountinfo");
  std::string line;
  while (std::getline(in, line))
    if (line.find(dir.string()) != std::string::npos) return true;
  return false;
}

// One job on runc in a private temporary directory, with logs captured.
struct RuncJob {
  fs::path base;
  fs::path rootfs;
  fs::path work;
  std::string skip;
  JobSpec job;
  ContainerTemplate tmpl;
  sagelint::image::ImageConfig image;
  std::string logs;
  std::string state_dir;

  RuncJob() {
    skip = why_runc_cannot_run();
    if (!skip.empty()) return;
    std::string tmpl_path = (fs::temp_directory_path() / "sagelint-job-test-XXXXXX").string();
    base = mkdtemp(tmpl_path.data());
    rootfs = base / "rootfs";
    // Container names come from the work directory's name, and runc's state root is
    // shared by every run on the machine: the name must be unique.
    work = base /
           ("sagelint-run-" + base.filename().string().substr(base.filename().string().size() - 6));
    fs::create_directories(work);
    skip = testing::make_busybox_rootfs(rootfs);
    job.image_uri = "busybox-test";
    job.stop_grace_seconds = 2;
    alarm(300);  // hang guard: a stuck job kills the test binary instead of the CI job
  }
  ~RuncJob() {
    alarm(0);
    std::error_code ec;
    if (!base.empty()) fs::remove_all(base, ec);
  }

  JobResult run(Argv argv) {
    tmpl.argv = std::move(argv);
    tmpl.env = merge_environment(image.env, job.environment);
    tmpl.working_dir = image.working_dir;
    tmpl.user = image.user;
    std::string log_path = (base / "logs.txt").string();
    int log_fd = open(log_path.c_str(), O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0644);
    SignalPipe signals;
    JobResult r;
    {
      RuncRuntime runtime(rootfs);
      r = run_job(job, tmpl, runtime, work, signals, log_fd);
      state_dir = runtime.state_dir().string();
    }
    close(log_fd);
    logs = slurp(log_path);
    // Nothing is left: no bundle, no runc state of this job's containers, no mount.
    CHECK_FALSE(fs::exists(work / "bundles" / "algo-1"));
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(state_dir, ec))
      CHECK_MESSAGE(e.path().filename().string().rfind(work.filename().string() + "-", 0) != 0,
                    "runc state left: " << e.path());
    CHECK_FALSE(mounted_below(work));
    return r;
  }

  fs::path host_dir(const std::string& name) {
    fs::path p = base / name;
    fs::create_directories(p);
    return p;
  }

  void add_output(const std::string& local_path, const fs::path& host) {
    ChannelSpec c;
    c.name = "output-" + std::to_string(job.outputs.size() + 1);
    c.local_path = local_path;
    c.host_dir = host.string();
    c.echo = {{"OutputName", c.name},
              {"S3Output",
               {{"LocalPath", local_path}, {"S3Uri", "s3://b/o"}, {"S3UploadMode", "EndOfJob"}}}};
    job.outputs.push_back(c);
  }
};

#define SKIP_UNLESS_RUNC(j) SKIP_IF_MISSING("runc", (j).skip)

}  // namespace

TEST_SUITE_BEGIN("needs-runc");

TEST_CASE("exit 0: Completed, logs prefixed by host, stdin is /dev/null, no TTY") {
  RuncJob j;
  SKIP_UNLESS_RUNC(j);
  auto r = j.run({"/bin/sh", "-c", "echo hello; echo oops >&2; cat; test -t 0 || echo no-tty"});
  CHECK(r.status == JobStatus::completed);
  REQUIRE(r.hosts.size() == 1);
  CHECK(r.hosts[0].exit_code == 0);
  CHECK_FALSE(r.observed.hosts.at(0).needed_kill);
  CHECK(r.observed.output_symlinks.empty());
  CHECK(j.logs.find("algo-1 | hello\n") != std::string::npos);
  CHECK(j.logs.find("algo-1 | oops\n") != std::string::npos);
  CHECK(j.logs.find("algo-1 | no-tty\n") != std::string::npos);
}

TEST_CASE("a non-zero exit: Failed with an AlgorithmError naming the host and code") {
  RuncJob j;
  SKIP_UNLESS_RUNC(j);
  auto r = j.run({"/bin/sh", "-c", "exit 7"});
  CHECK(r.status == JobStatus::failed);
  CHECK(r.hosts[0].exit_code == 7);
  CHECK(r.failure_reason.find("AlgorithmError") == 0);
  CHECK(r.failure_reason.find("algo-1 exited with code 7") != std::string::npos);
  CHECK(r.failure_reason.find("other hosts") == std::string::npos);  // a one-host job
}

TEST_CASE("a program that does not exist fails the job") {
  RuncJob j;
  SKIP_UNLESS_RUNC(j);
  auto r = j.run({"/no/such/program"});
  CHECK(r.status == JobStatus::failed);
  CHECK(r.hosts[0].exit_code != 0);
}

TEST_CASE("the config files as the container sees them, hostname algo-N, only loopback") {
  RuncJob j;
  SKIP_UNLESS_RUNC(j);
  j.job.name = "config-job";
  j.job.instance_type = "ml.c5.2xlarge";
  j.job.environment = {{"K", "V"}};
  fs::path out = j.host_dir("out");
  j.add_output("/opt/ml/processing/output", out);
  auto r = j.run({"/bin/sh", "-c",
                  "cp /opt/ml/config/processingjobconfig.json /opt/ml/config/resourceconfig.json "
                  "/opt/ml/processing/output/ && hostname > /opt/ml/processing/output/hostname && "
                  "ls /sys/class/net > /opt/ml/processing/output/net && "
                  "ls -A /opt/ml/output > /opt/ml/processing/output/output-dir"});
  REQUIRE(r.status == JobStatus::completed);
  auto pc = nlohmann::ordered_json::parse(slurp(out / "processingjobconfig.json"));
  CHECK(pc == processing_job_config(j.job));
  CHECK(pc["ProcessingJobName"] == "config-job");
  auto rc = nlohmann::ordered_json::parse(slurp(out / "resourceconfig.json"));
  CHECK(rc == resource_config(j.job, 0, "lo"));
  CHECK(rc["current_instance_type"] == "ml.c5.2xlarge");
  CHECK(slurp(out / "hostname") == "algo-1\n");
  CHECK(slurp(out / "net") == "lo\n");
  CHECK(slurp(out / "output-dir").empty());
}

TEST_CASE("inputs are copied in, outputs copied back; environment: image Env, job on top") {
  RuncJob j;
  SKIP_UNLESS_RUNC(j);
  fs::path in = j.host_dir("in");
  std::ofstream(in / "data.csv") << "a,b\n";
  ChannelSpec c;
  c.name = "data";
  c.local_path = "/opt/ml/processing/input/data";
  c.host_dir = in.string();
  c.echo = {{"InputName", "data"}};
  j.job.inputs.push_back(c);
  fs::path out = j.host_dir("out");
  j.add_output("/opt/ml/processing/output", out);
  j.image.env = {"FROM_IMAGE=image", "BOTH=image"};
  j.image.working_dir = "/tmp";
  j.job.environment = {{"BOTH", "job"}, {"FROM_JOB", "job"}};
  auto r =
      j.run({"/bin/sh", "-c",
             "cat /opt/ml/processing/input/data/data.csv > /opt/ml/processing/output/copy.csv; "
             "echo changed > /opt/ml/processing/input/data/data.csv; "
             "echo $FROM_IMAGE $BOTH $FROM_JOB > /opt/ml/processing/output/env; "
             "pwd > /opt/ml/processing/output/pwd"});
  REQUIRE(r.status == JobStatus::completed);
  CHECK(slurp(out / "copy.csv") == "a,b\n");
  CHECK(slurp(out / "env") == "image job job\n");
  CHECK(slurp(out / "pwd") == "/tmp\n");
  CHECK(slurp(in / "data.csv") == "a,b\n");  // the job wrote to its copy only
}

TEST_CASE("the image's User is honoured") {
  RuncJob j;
  SKIP_UNLESS_RUNC(j);
  fs::path out = j.host_dir("out");
  j.add_output("/opt/ml/processing/output", out);
  j.image.user = "worker";
  // The platform's output directory is root's: a non-root user cannot write it.
  auto r = j.run({"/bin/sh", "-c", "id -u; id -u > /opt/ml/processing/output/uid"});
  CHECK(j.logs.find("algo-1 | 1000\n") != std::string::npos);
  CHECK(r.status == JobStatus::failed);
}

TEST_CASE(
    "a shell PID 1 that ignores SIGTERM is killed after the grace: Stopped, needed the kill") {
  RuncJob j;
  SKIP_UNLESS_RUNC(j);
  j.job.stop_after_seconds = 1;
  j.job.stop_grace_seconds = 1;
  auto r = j.run({"/bin/sh", "-c", "trap \"\" TERM; sleep 1000"});
  CHECK(r.status == JobStatus::stopped);
  const auto& h = r.hosts.at(0);
  CHECK(h.stopped_by == std::string(kStoppedByStopAfter));
  CHECK(h.stop_signal == std::string("SIGTERM"));
  CHECK(h.needed_kill);
  CHECK(h.exit_code == 137);
  CHECK(h.signal == std::string("SIGKILL"));
  REQUIRE(h.seconds_to_exit_after_stop.has_value());
  CHECK(*h.seconds_to_exit_after_stop >= 1.0);
  REQUIRE(r.observed.hosts.size() == 1);
  CHECK(r.observed.hosts[0].needed_kill);
  CHECK(r.observed.hosts[0].stop_signal == std::string("SIGTERM"));
  CHECK(r.observed.stop_grace_seconds == j.job.stop_grace_seconds);
}

TEST_CASE("an exec-form program that exits on SIGTERM stops within the grace, no kill") {
  RuncJob j;
  SKIP_UNLESS_RUNC(j);
  j.job.stop_after_seconds = 1;
  j.job.stop_grace_seconds = 30;
  auto r = j.run(
      {"/bin/sh", "-c", "trap 'echo got TERM; exit 143' TERM; while true; do sleep 0.1; done"});
  CHECK(r.status == JobStatus::stopped);
  const auto& h = r.hosts.at(0);
  CHECK_FALSE(h.needed_kill);
  CHECK(h.exit_code == 143);
  REQUIRE(h.seconds_to_exit_after_stop.has_value());
  CHECK(*h.seconds_to_exit_after_stop < 30.0);
  CHECK_FALSE(r.observed.hosts.at(0).needed_kill);
  CHECK(j.logs.find("algo-1 | got TERM") != std::string::npos);
}

TEST_CASE("SIGINT as the stop signal") {
  RuncJob j;
  SKIP_UNLESS_RUNC(j);
  j.job.stop_after_seconds = 1;
  j.job.stop_signal = SIGINT;
  auto r =
      j.run({"/bin/sh", "-c", "trap 'echo got INT; exit 130' INT; while true; do sleep 0.1; done"});
  CHECK(r.status == JobStatus::stopped);
  CHECK(r.hosts.at(0).stop_signal == std::string("SIGINT"));
  CHECK(r.hosts.at(0).exit_code == 130);
  CHECK(j.logs.find("algo-1 | got INT") != std::string::npos);
}

TEST_CASE("MaxRuntimeInSeconds takes the stop path: Stopped, MaxRuntimeExceeded") {
  RuncJob j;
  SKIP_UNLESS_RUNC(j);
  j.job.max_runtime_seconds = 1;
  j.job.stop_grace_seconds = 1;
  auto r = j.run({"/bin/sleep", "1000"});  // PID 1 without a handler: SIGTERM is ignored
  CHECK(r.status == JobStatus::stopped);
  CHECK(r.failure_reason.find("MaxRuntimeExceeded") == 0);
  CHECK(r.hosts.at(0).stopped_by == std::string(kStoppedByMaxRuntime));
  CHECK(r.hosts.at(0).needed_kill);
}

TEST_CASE("three hosts, one fails: the others are stopped, the job Failed") {
  RuncJob j;
  SKIP_UNLESS_RUNC(j);
  j.job.instance_count = 3;
  j.job.stop_grace_seconds = 10;
  auto r = j.run({"/bin/sh", "-c",
                  "trap 'exit 143' TERM; if [ $(hostname) = algo-2 ]; then sleep 1; exit 3; fi; "
                  "while true; do sleep 0.1; done"});
  CHECK(r.status == JobStatus::failed);
  CHECK(r.failure_reason.find("algo-2 exited with code 3") != std::string::npos);
  REQUIRE(r.hosts.size() == 3);
  CHECK(r.hosts[1].exit_code == 3);
  CHECK_FALSE(r.hosts[1].stopped_by.has_value());
  for (int i : {0, 2}) {
    CAPTURE(i);
    CHECK(r.hosts[static_cast<size_t>(i)].stopped_by == std::string(kStoppedByPeerFailure));
    CHECK(r.hosts[static_cast<size_t>(i)].exit_code == 143);
    CHECK_FALSE(r.hosts[static_cast<size_t>(i)].needed_kill);
  }
}

TEST_CASE("ExitMessage: first 1024 bytes and the whole size observed; the job still Completed") {
  RuncJob j;
  SKIP_UNLESS_RUNC(j);
  auto r = j.run(
      {"/bin/sh", "-c", "for i in $(seq 1 300); do printf 'abcde'; done > /opt/ml/output/message"});
  CHECK(r.status == JobStatus::completed);
  CHECK(r.exit_message.size() == 1024);
  CHECK(r.exit_message.substr(0, 5) == "abcde");
  CHECK(r.observed.exit_message.total_size == 1500);
  CHECK(r.observed.exit_message.text == r.exit_message);
  CHECK(r.observed.exit_message.valid_utf8);
}

TEST_CASE("a non-UTF-8 exit message fails the job with a ClientError, observed as such") {
  RuncJob j;
  SKIP_UNLESS_RUNC(j);
  auto r = j.run({"/bin/sh", "-c", "printf 'bad \\377\\376 bytes' > /opt/ml/output/message"});
  CHECK(r.status == JobStatus::failed);
  CHECK(r.failure_reason.find("ClientError") == 0);
  CHECK_FALSE(r.observed.exit_message.valid_utf8);
  CHECK(r.exit_message == "bad \xff\xfe bytes");
}

TEST_CASE("a message that is a symlink is not followed") {
  RuncJob j;
  SKIP_UNLESS_RUNC(j);
  auto r = j.run({"/bin/sh", "-c", "ln -s /etc/passwd /opt/ml/output/message"});
  CHECK(r.exit_message.empty());
}

TEST_CASE("a symlink in an output is observed and not copied") {
  RuncJob j;
  SKIP_UNLESS_RUNC(j);
  fs::path out = j.host_dir("out");
  j.add_output("/opt/ml/processing/output", out);
  auto r = j.run(
      {"/bin/sh", "-c",
       "echo x > /opt/ml/processing/output/real; ln -s real /opt/ml/processing/output/alias"});
  CHECK(slurp(out / "real") == "x\n");
  CHECK_FALSE(fs::exists(fs::symlink_status(out / "alias")));
  REQUIRE(r.observed.output_symlinks.size() == 1);
  CHECK(r.observed.output_symlinks[0].path == "/opt/ml/processing/output/alias");
  CHECK(r.observed.output_symlinks[0].host == "algo-1");
  CHECK(r.observed.output_symlinks[0].detail == "-> real");
  CHECK(r.status == JobStatus::completed);
}

TEST_CASE("--network private: hosts reach each other by name over a shared loopback") {
  RuncJob j;
  SKIP_UNLESS_RUNC(j);
  j.job.instance_count = 2;
  j.job.network = NetworkMode::private_network;
  auto r = j.run({"/bin/sh", "-c",
                  // Each side keeps its end open a moment after writing: busybox nc closes
                  // the connection at EOF on its stdin, which can beat the peer's data.
                  "if [ $(hostname) = algo-1 ]; then (echo ping; sleep 2) | nc -l -p 9753 > "
                  "/tmp/got; cat /tmp/got; "
                  "else for i in $(seq 1 50); do (echo hello-from-2; sleep 1) | nc algo-1 9753 && "
                  "exit 0; sleep 0.1; done; exit 1; fi"});
  CHECK(r.status == JobStatus::completed);
  CHECK(j.logs.find("algo-1 | hello-from-2") != std::string::npos);
  CHECK(j.logs.find("algo-2 | ping") != std::string::npos);
}

// A listener on this machine's loopback, as a registry a job audits would be.
struct LoopbackListener {
  int fd = -1;
  int port = 0;
  LoopbackListener() {
    fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), len) == 0);
    REQUIRE(::listen(fd, 4) == 0);
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0);
    port = ntohs(a.sin_port);
  }
  ~LoopbackListener() { ::close(fd); }
  // What the first connection sends, or "" when none comes within `seconds`.
  std::string receive(int seconds) const {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, seconds * 1000) != 1) return "";
    int c = ::accept4(fd, nullptr, nullptr, SOCK_CLOEXEC);
    std::string got(64, '\0');
    ssize_t n = c < 0 ? -1 : ::read(c, got.data(), got.size());
    if (c >= 0) ::close(c);
    got.resize(n > 0 ? static_cast<size_t>(n) : 0);
    return got;
  }
};

TEST_CASE("--network host: a job reaches this machine's loopback; by default it does not") {
  for (auto mode : {NetworkMode::host, NetworkMode::none}) {
    CAPTURE(static_cast<int>(mode));
    RuncJob j;
    SKIP_UNLESS_RUNC(j);
    LoopbackListener listener;
    std::string got;
    // Without the host network nothing can arrive: the queue is looked at afterwards
    // (a connection that reached it would be waiting there), rather than waited on.
    std::thread accepter([&] {
      if (mode == NetworkMode::host) got = listener.receive(60);
    });
    j.job.network = mode;
    auto r = j.run({"/bin/sh", "-c",
                    "(echo from-algo-1; sleep 1) | nc 127.0.0.1 " + std::to_string(listener.port) +
                        " && echo connected"});
    accepter.join();
    if (mode != NetworkMode::host) got = listener.receive(0);
    if (mode == NetworkMode::host) {
      CHECK(r.status == JobStatus::completed);
      CHECK(got == "from-algo-1\n");
    } else {
      CHECK(r.status == JobStatus::failed);
      CHECK(got.empty());
      CHECK(j.logs.find("connected") == std::string::npos);
    }
  }
}

TEST_CASE("sagelint interrupted mid-job: containers killed, everything removed, Stopped") {
  RuncJob j;
  SKIP_UNLESS_RUNC(j);
  j.job.instance_count = 2;
  std::thread interrupter([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    kill(getpid(), SIGINT);
  });
  auto r = j.run({"/bin/sh", "-c", "trap \"\" TERM INT; sleep 1000"});
  interrupter.join();
  CHECK(r.status == JobStatus::stopped);
  CHECK(r.interrupted_by == SIGINT);
  for (const auto& h : r.hosts) {
    CHECK(h.stopped_by == std::string(kStoppedByInterrupt));
    CHECK_FALSE(h.needed_kill);
  }
  for (const auto& h : r.observed.hosts) CHECK_FALSE(h.needed_kill);
}

TEST_SUITE_END();
