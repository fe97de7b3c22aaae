// `sagelint run` against a hostile image on real runc: the container tries each attack
// on the host, and the test checks that nothing reached the host and that the report
// says what happened. A small static probe (compiled here with gcc -static) tries the
// system calls Docker's default profile denies.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <linux/keyctl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "e2e_support.hpp"
#include "tests/support/fixture_builder.hpp"
#include "tests/support/skip.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
namespace fx = sagelint::fixtures;

const char* kProbeSource = R"c(
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/keyctl.h>
static void report(const char* name, long r) {
  printf("%s: %s\n", name, r < 0 ? strerrorname_np(errno) : "ok");
}
int main(int argc, char** argv) {
  const char* key = argc > 1 ? argv[1] : "sagelint-probe";
  report("keyctl", syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID, KEY_SPEC_USER_KEYRING, 0));
  report("add_key", syscall(SYS_add_key, "user", key, "x", 1, KEY_SPEC_USER_KEYRING));
  report("request_key", syscall(SYS_request_key, "user", key, NULL, 0));
  report("unshare_mount", unshare(CLONE_NEWNS));
  report("unshare_user", unshare(CLONE_NEWUSER));
  long child = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0);
  if (child == 0) _exit(0);
  if (child > 0) waitpid((pid_t)child, NULL, 0);
  report("clone_newuser", child);
  report("mount", mount("none", "/sagelint-no-such-dir", "tmpfs", 0, NULL));
  report("bpf", syscall(SYS_bpf, 0, NULL, 0));
  report("perf_event_open", syscall(SYS_perf_event_open, NULL, 0, -1, -1, 0));
  report("personality_exec", personality(READ_IMPLIES_EXEC));
  report("no_new_privs", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1 ? 0 : (errno = EINVAL, -1));
  char buf[64];
  int fd = open("/proc/keys", O_RDONLY);
  report("read_proc_keys", fd < 0 ? -1 : read(fd, buf, sizeof buf) > 0 ? 0 : (errno = ENODATA, -1));
  report("open_proc_sys_for_write", open("/proc/sys/kernel/hostname", O_WRONLY));
  return 0;
}
)c";

std::string busybox() {
  for (const char* p : {"/bin/busybox", "/usr/bin/busybox"})
    if (fs::exists(p)) return p;
  return "";
}

std::string why_not_runc() {
  if (geteuid() != 0) return "runc needs root";
  if (system("runc --version >/dev/null 2>&1") != 0) return "runc is not installed";
  if (busybox().empty()) return "busybox-static is not installed";
  return "";
}

#define SKIP_IF(reason) SKIP_IF_MISSING("runc", (reason))

struct Guard {
  Guard() { alarm(600); }
  ~Guard() { alarm(0); }
};

std::string write_image(const e2e::TempDir& dir, const std::string& name, json config,
                        std::vector<fx::Entry> extra = {}) {
  fx::LayerSpec layer;
  layer.created_by = "COPY busybox /bin/";
  layer.entries.push_back(fx::Dir("bin"));
  layer.entries.push_back(fx::File("bin/busybox", e2e::read_text(busybox()), 0755));
  for (const char* a : {"sh", "sleep", "cat", "echo", "printf", "ln", "mkdir", "chmod", "mkfifo",
                        "truncate", "seq", "test", "head", "dd", "ls"})
    layer.entries.push_back(fx::Symlink(std::string("bin/") + a, "busybox"));
  layer.entries.push_back(fx::Dir("tmp", 01777));
  for (auto& e : extra) layer.entries.push_back(std::move(e));
  fx::ImageSpec image;
  image.layers.push_back(layer);
  image.config = std::move(config);
  image.tags = {"sagelint-test/" + name + ":latest"};
  fx::ArchiveSpec spec;
  spec.images.push_back(image);
  spec.shape = fx::Shape::docker_oci;
  std::string path = (dir.path() / (name + ".tar")).string();
  fx::write_archive(spec, path);
  return path;
}

json report_of(const e2e::Result& r) {
  auto j = json::parse(r.out, nullptr, false);
  if (j.is_discarded()) FAIL_CHECK("report is not JSON: " << r.out << "\nstderr: " << r.err);
  return j;
}

// Whether root's user keyring on this machine holds a key of that description.
bool host_has_key(const std::string& description) {
  long id =
      syscall(SYS_keyctl, KEYCTL_SEARCH, KEY_SPEC_USER_KEYRING, "user", description.c_str(), 0);
  if (id > 0) syscall(SYS_keyctl, KEYCTL_UNLINK, id, KEY_SPEC_USER_KEYRING);
  return id > 0;
}

}  // namespace

TEST_SUITE_BEGIN("needs-runc");
TEST_CASE("run sandbox: keyctl, unshare -U, clone(NEWUSER), mount, bpf, perf are denied on runc") {
  SKIP_IF(why_not_runc());
  Guard g;
  e2e::TempDir dir;
  fs::path src = dir.path() / "probe.c", bin = dir.path() / "probe";
  std::ofstream(src) << kProbeSource;
  std::string cc = "gcc -static -O1 -o '" + bin.string() + "' '" + src.string() + "' 2>/dev/null";
  SKIP_IF(system(cc.c_str()) != 0 ? "gcc -static cannot build the probe" : "");
  std::string key = "sagelint-probe-" + std::to_string(getpid());
  auto image = write_image(dir, "probe", {{"Entrypoint", {"/bin/probe", key}}},
                           {fx::File("bin/probe", e2e::read_text(bin), 0755)});
  auto r = e2e::run(dir, {"run", image});
  CAPTURE(r.err);
  CHECK(r.code == 0);
  for (const char* denied :
       {"keyctl", "add_key", "request_key", "unshare_mount", "unshare_user", "clone_newuser",
        "mount", "bpf", "perf_event_open", "personality_exec"})
    CHECK_MESSAGE(r.err.find(std::string("algo-1 | ") + denied + ": EPERM\n") != std::string::npos,
                  denied << " was not denied");
  CHECK(r.err.find("algo-1 | no_new_privs: ok\n") != std::string::npos);
  CHECK(r.err.find("algo-1 | read_proc_keys: ENODATA\n") != std::string::npos);  // masked
  CHECK(r.err.find("algo-1 | open_proc_sys_for_write: EROFS\n") != std::string::npos);
  CHECK_FALSE(host_has_key(key));  // nothing reached the host root's keyring
  auto rep = report_of(r);
  const auto& limits = rep["Hosts"][0]["Limits"];
  CHECK(limits["Seccomp"] == "Docker's default allow-list");
  CHECK(limits["NoNewPrivileges"] == true);
  CHECK(limits["Vcpus"] == 4);  // ml.m5.xlarge
  CHECK(limits["MemoryBytes"] == 16ull << 30);
  CHECK(limits["Pids"] == 2048);
}

TEST_CASE("run sandbox: a fork bomb stops at the pids limit, the container sees its limits") {
  SKIP_IF(why_not_runc());
  Guard g;
  e2e::TempDir dir;
  auto image = write_image(dir, "bomb", json::object());
  // 3000 sleeping children: more than the 2048 pids allowed; the limits as the container
  // reads them from its cgroup.
  auto r = e2e::run(
      dir,
      {"run", image, "--instance-type", "ml.t3.medium", "--entrypoint",
       R"(["/bin/sh","-c","cd /sys/fs/cgroup; cat pids/pids.max memory/memory.limit_in_bytes cpu/cpu.cfs_quota_us pids.max memory.max cpu.max 2>/dev/null; n=0; while [ $n -lt 3000 ]; do sleep 30 & n=$((n+1)); done; echo forked-all; exit 0"])"});
  CAPTURE(r.err);
  // cgroup v1 or v2, as the container reads them.
  CHECK(r.err.find("algo-1 | 2048\n") != std::string::npos);
  CHECK(r.err.find("algo-1 | 4294967296\n") != std::string::npos);  // 4 GiB
  CHECK(r.err.find("algo-1 | 200000") != std::string::npos);        // 2 vCPUs
  CHECK(r.err.find("can't fork") != std::string::npos);  // the shell could not fork 3000 times
  auto rep = report_of(r);
  CHECK(rep["Hosts"][0]["Limits"]["InstanceType"] == "ml.t3.medium");
}

TEST_CASE("run sandbox: setuid files, FIFOs and sparse files in an output; a deep tree") {
  SKIP_IF(why_not_runc());
  Guard g;
  e2e::TempDir dir;
  auto image = write_image(dir, "outputs", json::object());
  fs::path out = dir.path() / "out";
  auto r = e2e::run(
      dir,
      {"run", image, "--output", "/opt/ml/processing/output:" + out.string(), "--entrypoint",
       R"(["/bin/sh","-c","cd /opt/ml/processing/output && cp /bin/busybox suid && chmod 4755 suid && mkfifo pipe && truncate -s 8G sparse && printf end >> sparse && mkdir deep && cd deep && i=0; while [ $i -lt 1300 ]; do mkdir dd && cd dd; i=$((i+1)); done; echo bottom > f"])"});
  CAPTURE(r.err);
  auto rep = report_of(r);
  CHECK(rep["ProcessingJobStatus"] == "Completed");
  struct stat st {};
  REQUIRE(stat((out / "suid").c_str(), &st) == 0);
  CHECK((st.st_mode & (S_ISUID | S_ISGID)) == 0);             // no setuid binary on the host
  CHECK_FALSE(fs::exists(fs::symlink_status(out / "pipe")));  // the FIFO is dropped
  REQUIRE(stat((out / "sparse").c_str(), &st) == 0);
  CHECK(st.st_size == (8ll << 30) + 3);
  CHECK(st.st_blocks * 512 < (1 << 20));  // still sparse on the host
  // Nearly PATH_MAX deep (the shell cannot go deeper): read one directory fd at a time.
  int fd = open((out / "deep").c_str(), O_RDONLY | O_DIRECTORY);
  for (int i = 0; i < 1300 && fd >= 0; ++i) {
    int next = openat(fd, "dd", O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
    close(fd);
    fd = next;
  }
  REQUIRE(fd >= 0);
  int f = openat(fd, "f", O_RDONLY);
  char text[16] = {0};
  CHECK(read(f, text, sizeof text - 1) == 7);
  CHECK(std::string(text) == "bottom\n");
  close(f);
  close(fd);
  std::string files = rep["Hosts"][0]["Files"].dump();
  CHECK(files.find("setuid bit removed") != std::string::npos);
  CHECK(files.find("a FIFO is not copied") != std::string::npos);
  // The deep tree is beyond what std::filesystem can remove; rm -rf can.
  CHECK(system(("rm -rf '" + out.string() + "'").c_str()) == 0);
}

TEST_CASE("run sandbox: a symlink planted in the output directory is never written through") {
  SKIP_IF(why_not_runc());
  Guard g;
  e2e::TempDir dir;
  auto image = write_image(dir, "plant", json::object());
  fs::create_directories(dir.path() / "victim");
  fs::create_directories(dir.path() / "out");
  fs::create_symlink(dir.path() / "victim", dir.path() / "out" / "model");
  auto r = e2e::run(
      dir,
      {"run", image, "--output", "/opt/ml/processing/output:" + (dir.path() / "out").string(),
       "--entrypoint",
       R"(["/bin/sh","-c","mkdir -p /opt/ml/processing/output/model && echo x > /opt/ml/processing/output/model/passwd"])"});
  CHECK(r.code == 2);  // the destination is not empty: refused before anything runs
  CHECK(r.err.find("is not empty") != std::string::npos);
  CHECK(fs::is_empty(dir.path() / "victim"));
}

TEST_CASE(
    "run sandbox: a FIFO as /etc/passwd, a symlinked /etc: run neither hangs nor reads the host") {
  SKIP_IF(why_not_runc());
  Guard g;
  e2e::TempDir dir;
  fx::Entry fifo;
  fifo.kind = fx::Entry::fifo;
  fifo.name = "etc/passwd";
  auto image = write_image(dir, "fifo", {{"User", "worker"}}, {fx::Dir("etc"), fifo});
  auto start = std::chrono::steady_clock::now();
  auto r = e2e::run(dir, {"run", image, "--entrypoint", R"(["/bin/true"])"});
  CAPTURE(r.err);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(60));
  CHECK(r.code == 1);
  CHECK(r.err.find("/etc/passwd cannot be read: not a regular file") != std::string::npos);
  CHECK(report_of(r)["ProcessingJobStatus"] == "Failed");

  // /etc -> the host's /etc: User resolution stays inside the rootfs, where there is none.
  auto linked = write_image(dir, "etclink", {{"User", "root"}}, {fx::Symlink("etc", "/etc")});
  auto l = e2e::run(dir, {"run", linked, "--entrypoint", R"(["/bin/true"])"});
  CAPTURE(l.err);
  CHECK(l.code == 1);
  CHECK(l.err.find("/etc/passwd") != std::string::npos);
  CHECK(l.err.find("root:x:0:0") == std::string::npos);  // the host's passwd was not read
  CHECK(report_of(l)["ProcessingJobStatus"] == "Failed");
}

TEST_CASE("run sandbox: a copy-back that cannot complete fails the job and leaves nothing") {
  SKIP_IF(why_not_runc());
  Guard g;
  e2e::TempDir dir;
  auto image = write_image(dir, "full", json::object());
  fs::path out = dir.path() / "out";
  // VolumeSizeInGB 1: the 2 GiB output of real data cannot be copied back.
  std::string request = dir.write("job.json", R"({
    "ProcessingJobName": "full", "RoleArn": "arn:aws:iam::123456789012:role/r",
    "AppSpecification": {"ImageUri": "img"},
    "ProcessingResources": {"ClusterConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.large", "VolumeSizeInGB": 1}}
  })");
  auto r = e2e::run(
      dir,
      {"run", image, "--request", request, "--output", "/opt/ml/processing/output:" + out.string(),
       "--entrypoint",
       R"(["/bin/sh","-c","dd if=/dev/zero of=/opt/ml/processing/output/big bs=1M count=1100 2>/dev/null"])"});
  CAPTURE(r.err);
  CHECK(r.code == 1);
  auto rep = report_of(r);
  CHECK(rep["ProcessingJobStatus"] == "Failed");
  std::string reason = rep["FailureReason"];
  CHECK(reason.find("ClientError: Failed to upload data. algo-1: /opt/ml/processing/output/big") ==
        0);
  CHECK(reason.find("VolumeSizeInGB") != std::string::npos);
  CHECK_FALSE(fs::exists(out));  // nothing half-written looks complete
  for (const auto& e : fs::directory_iterator(dir.path()))
    CHECK(e.path().filename().string().find(".sagelint-") == std::string::npos);
}

TEST_SUITE_END();
TEST_CASE("run: duration flags and the report destination are checked before anything runs") {
  e2e::TempDir dir;
  for (const char* bad : {"nan", "inf", "-1", "1e400", "12abc"}) {
    CAPTURE(bad);
    CHECK(e2e::run(dir, {"run", "img.tar", "--stop-grace", bad}).code == 2);
    CHECK(e2e::run(dir, {"run", "img.tar", "--stop-after", bad}).code == 2);
    CHECK(e2e::run(dir, {"run", "img.tar", "--max-runtime", bad}).code == 2);
  }
  CHECK(e2e::run(dir, {"run", "img.tar", "--max-runtime", "1.5"}).code == 2);
  auto nodir =
      e2e::run(dir, {"run", "img.tar", "--report", (dir.path() / "no/such/r.json").string()});
  CHECK(nodir.code == 3);
  CHECK(nodir.err.find("cannot write the report") != std::string::npos);
}

TEST_SUITE_BEGIN("needs-runc");
TEST_CASE("run: a failed write of the report is exit 3") {
  SKIP_IF(why_not_runc());
  Guard g;
  e2e::TempDir dir;
  auto image = write_image(dir, "full-report", json::object());
  auto r =
      e2e::run(dir, {"run", image, "--entrypoint", R"(["/bin/true"])", "--report", "/dev/full"});
  CHECK(r.code == 3);
  CHECK(r.err.find("cannot write the report") != std::string::npos);
}

TEST_CASE("run: SIGKILL of sagelint mid-job; the sentinel, or the next run, removes the job") {
  SKIP_IF(why_not_runc());
  Guard g;
  e2e::TempDir dir;
  auto image = write_image(dir, "killed", json::object());
  fs::path state = dir.path() / "state";
  fs::path tmp = dir.path() / ".io" / "tmp";
  fs::create_directories(tmp);
  auto start_job = [&](const std::string& marker) {
    pid_t pid = fork();
    if (pid == 0) {
      int n = open("/dev/null", O_RDWR);
      dup2(n, 0);
      dup2(n, 1);
      dup2(n, 2);
      setenv("TMPDIR", tmp.c_str(), 1);
      setenv("SAGELINT_STATE_DIR", state.c_str(), 1);
      std::string bin = e2e::sagelint_binary(),
                  cmd = "trap '' TERM; echo " + marker + "; sleep 1000; true";
      std::string ep = json({"/bin/sh", "-c", cmd}).dump();
      execl(bin.c_str(), bin.c_str(), "run", image.c_str(), "--entrypoint", ep.c_str(), nullptr);
      _exit(127);
    }
    return pid;
  };
  auto container_alive = [&](const std::string& marker) {
    for (const auto& e : fs::directory_iterator("/proc")) {
      std::string cmdline = e2e::read_text(e.path() / "cmdline");
      std::replace(cmdline.begin(), cmdline.end(), '\0', ' ');
      if (cmdline.find("echo " + marker + ";") != std::string::npos &&
          cmdline.find("--entrypoint") == std::string::npos)
        return true;
    }
    return false;
  };
  auto wait_for = [](auto pred) {
    for (int i = 0; i < 300; ++i) {
      if (pred()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  };
  auto record = [&]() -> json {
    for (const auto& e : fs::directory_iterator(state / "jobs"))
      if (e.path().extension() == ".json") return json::parse(e2e::read_text(e.path()));
    return nullptr;
  };

  // 1. sagelint is killed: its sentinel kills the container and removes everything.
  std::string m1 = "sentinel-" + std::to_string(getpid());
  pid_t p1 = start_job(m1);
  REQUIRE(wait_for([&] { return container_alive(m1); }));
  kill(p1, SIGKILL);
  waitpid(p1, nullptr, 0);
  CHECK(wait_for([&] { return !container_alive(m1); }));
  CHECK(wait_for([&] { return fs::is_empty(tmp); }));

  // 2. sagelint and its sentinel are killed: the container runs on until the next run.
  std::string m2 = "stale-" + std::to_string(getpid());
  pid_t p2 = start_job(m2);
  REQUIRE(wait_for([&] { return container_alive(m2); }));
  json rec = record();
  REQUIRE(rec.is_object());
  kill(static_cast<pid_t>(rec["sentinel_pid"].get<long>()), SIGKILL);
  kill(p2, SIGKILL);
  waitpid(p2, nullptr, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  CHECK(container_alive(m2));
  auto cleanup = e2e::run(dir, {"run", "--cleanup"},
                          {"", std::nullopt, {{"SAGELINT_STATE_DIR", state.string()}}});
  CHECK(cleanup.code == 0);
  CHECK(cleanup.out.find("container sagelint-run-") != std::string::npos);
  CHECK_FALSE(container_alive(m2));
  CHECK(fs::is_empty(tmp));
  CHECK(e2e::read_text("/proc/self/mountinfo").find(dir.path().string()) == std::string::npos);
}

TEST_SUITE_END();
TEST_CASE("lint: a config file over 1 MiB is exit 2, naming the file, before it is parsed") {
  e2e::TempDir dir;
  dir.write("Dockerfile", e2e::kCleanDockerfile);
  std::string big = dir.write("big.yaml", "ignored: [SMP001]\n" + std::string(2u << 20, '#'));
  auto r = e2e::run(dir, {"lint", "-c", big, "Dockerfile"});
  CHECK(r.code == 2);
  CHECK(r.err.find("big.yaml: larger than 1 MiB") != std::string::npos);
}
