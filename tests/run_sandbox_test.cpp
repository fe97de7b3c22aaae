// `sagelint run` against a hostile image on real runc: the container tries each attack
// on the host, and the test checks that nothing reached the host and that the report
// says what happened. A small static probe (compiled here with gcc -static) tries the
// system calls Docker's default profile denies.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <linux/keyctl.h>
#include <signal.h>
#include <sys/resource.h>
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
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/keyctl.h>
static void report(const char* name, long r) {
  printf("%s: %s\n", name, r < 0 ? strerrorname_np(errno) : "ok");
}
int main(int argc, char** argv) {
  const char* key = argc > 1 ? argv[1] : "sagelint-probe";
  pid_t host_pid = argc > 2 ? (pid_t)atoi(argv[2]) : 1;
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
  /* The test's own pid on the host: invisible in the container's pid namespace. */
  report("ptrace_host_pid", ptrace(PTRACE_ATTACH, host_pid, 0, 0));
  report("kill_host_pid", kill(host_pid, 0));
  /* Its own child may be traced (Docker allows ptrace from Linux 4.8 on). */
  pid_t traced = fork();
  if (traced == 0) { pause(); _exit(0); }
  report("ptrace_own_child", ptrace(PTRACE_ATTACH, traced, 0, 0));
  kill(traced, SIGKILL);
  waitpid(traced, NULL, 0);
  struct rlimit nofile;
  getrlimit(RLIMIT_NOFILE, &nofile);
  printf("nofile_hard: %llu\n", (unsigned long long)nofile.rlim_max);
  nofile.rlim_max += 1;
  nofile.rlim_cur = nofile.rlim_max;
  report("raise_nofile_hard", setrlimit(RLIMIT_NOFILE, &nofile));
  struct rlimit core = {RLIM_INFINITY, RLIM_INFINITY};
  report("raise_core", setrlimit(RLIMIT_CORE, &core));
  report("sethostname", sethostname("evil", 4));
  return 0;
}
)c";

// A program that allocates and touches memory in 64 MiB steps up to 10 GiB, saying how
// far it got: more than any instance type's memory used by these tests.
const char* kEaterSource = R"c(
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(void) {
  const size_t chunk = (size_t)64 << 20;
  size_t total = 0;
  for (int i = 0; i < 160; ++i) {
    char* p = malloc(chunk);
    if (!p) { printf("malloc failed at %zu MiB\n", total >> 20); return 3; }
    memset(p, 1, chunk);
    total += chunk;
    if (total % ((size_t)1 << 30) == 0) { printf("touched %zu GiB\n", total >> 30); fflush(stdout); }
  }
  printf("survived\n");
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

// Compiles C source into a static binary in dir; "" when this machine cannot.
std::string static_program(const e2e::TempDir& dir, const std::string& name, const char* source) {
  fs::path src = dir.path() / (name + ".c"), bin = dir.path() / name;
  std::ofstream(src) << source;
  std::string cc = "gcc -static -O1 -o '" + bin.string() + "' '" + src.string() + "' 2>/dev/null";
  return system(cc.c_str()) == 0 ? bin.string() : "";
}

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
                        "truncate", "seq", "test", "head", "dd", "ls", "id", "mknod"})
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
  std::string bin = static_program(dir, "probe", kProbeSource);
  SKIP_IF(bin.empty() ? "gcc -static cannot build the probe" : "");
  std::string key = "sagelint-probe-" + std::to_string(getpid());
  auto image =
      write_image(dir, "probe", {{"Entrypoint", {"/bin/probe", key, std::to_string(getpid())}}},
                  {fx::File("bin/probe", e2e::read_text(bin), 0755)});
  auto r = e2e::run(dir, {"run", image});
  CAPTURE(r.err);
  CHECK(r.code == 0);
  for (const char* denied : {"keyctl", "add_key", "request_key", "unshare_mount", "unshare_user",
                             "clone_newuser", "mount", "bpf", "perf_event_open", "personality_exec",
                             "raise_nofile_hard", "raise_core", "sethostname"})
    CHECK_MESSAGE(r.err.find(std::string("algo-1 | ") + denied + ": EPERM\n") != std::string::npos,
                  denied << " was not denied");
  CHECK(r.err.find("algo-1 | no_new_privs: ok\n") != std::string::npos);
  CHECK(r.err.find("algo-1 | read_proc_keys: ENODATA\n") != std::string::npos);  // masked
  CHECK(r.err.find("algo-1 | open_proc_sys_for_write: EROFS\n") != std::string::npos);
  CHECK(r.err.find("algo-1 | ptrace_host_pid: ESRCH\n") != std::string::npos);
  CHECK(r.err.find("algo-1 | kill_host_pid: ESRCH\n") != std::string::npos);
  CHECK(r.err.find("algo-1 | ptrace_own_child: ok\n") != std::string::npos);
  CHECK(r.err.find("algo-1 | nofile_hard: ") != std::string::npos);
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

namespace {

// A tmpfs of a given size, mounted for one test case and unmounted after it.
struct SmallTmpfs {
  fs::path where;
  bool mounted = false;
  SmallTmpfs(const fs::path& at, const std::string& size) : where(at) {
    fs::create_directories(where);
    mounted = system(("mount -t tmpfs -o size=" + size + " sagelint-test '" + where.string() + "'")
                         .c_str()) == 0;
  }
  ~SmallTmpfs() {
    if (mounted) (void)system(("umount -l '" + where.string() + "'").c_str());
  }
};

// Peak resident memory of one `sagelint run`, in KiB: its own, or its children's if larger
// (wait4 reports the largest of the process and the descendants it waited for).
struct Measured {
  e2e::Result result;
  long peak_rss_kib = 0;
};

Measured run_measured(const e2e::TempDir& dir, const std::vector<std::string>& args) {
  const fs::path io = dir.path() / ".io", tmp = io / "tmp";
  static int counter = 0;
  const std::string tag = "m" + std::to_string(counter++);
  fs::create_directories(tmp);
  std::vector<std::string> store{e2e::sagelint_binary()};
  store.insert(store.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : store) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    int out = open((io / ("out" + tag)).c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open((io / ("err" + tag)).c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int in = open("/dev/null", O_RDONLY);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    if (chdir(dir.path().c_str()) != 0) _exit(126);
    setenv("TMPDIR", tmp.c_str(), 1);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  Measured m;
  m.result.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  m.result.out = e2e::read_text(io / ("out" + tag));
  m.result.err = e2e::read_text(io / ("err" + tag));
  m.peak_rss_kib = usage.ru_maxrss;
  return m;
}

}  // namespace

TEST_SUITE_BEGIN("needs-runc");

TEST_CASE("run sandbox: memory growth stops at the instance type's memory, the host is spared") {
  SKIP_IF(why_not_runc());
  Guard g;
  e2e::TempDir dir;
  std::string eater = static_program(dir, "eater", kEaterSource);
  SKIP_IF(eater.empty() ? "gcc -static cannot build the memory eater" : "");
  auto image = write_image(dir, "eater", {{"Entrypoint", {"/bin/eater"}}},
                           {fx::File("bin/eater", e2e::read_text(eater), 0755)});
  // ml.t3.medium: 4 GiB and no swap; the eater wants 10 GiB.
  auto r = e2e::run(dir, {"run", image, "--instance-type", "ml.t3.medium"});
  CAPTURE(r.err);
  CHECK(r.code == 1);
  CHECK(r.err.find("algo-1 | touched 3 GiB\n") != std::string::npos);  // it did grow
  CHECK(r.err.find("touched 5 GiB") == std::string::npos);
  CHECK(r.err.find("survived") == std::string::npos);
  auto rep = report_of(r);
  CHECK(rep["ProcessingJobStatus"] == "Failed");
  CHECK(rep["Hosts"][0]["Limits"]["MemoryBytes"] == 4ull << 30);
  // The kernel's OOM killer ended it inside its cgroup: SIGKILL, reported as such.
  CHECK(rep["Hosts"][0]["Signal"] == "SIGKILL");
  CHECK(rep["FailureReason"].get<std::string>().find("AlgorithmError") == 0);
}

TEST_CASE("run sandbox: a disk that fills up during copy-back fails the job, nothing is left") {
  SKIP_IF(why_not_runc());
  Guard g;
  e2e::TempDir dir;
  SmallTmpfs small(dir.path() / "small", "4m");
  SKIP_IF(small.mounted ? "" : "cannot mount a tmpfs");
  auto image = write_image(dir, "diskfull", json::object());
  fs::path out = small.where / "out";
  // 16 MiB of real data into a 4 MiB filesystem; VolumeSizeInGB (30) is not the limit here.
  auto r = e2e::run(
      dir,
      {"run", image, "--output", "/opt/ml/processing/output:" + out.string(), "--entrypoint",
       R"(["/bin/sh","-c","mkdir /opt/ml/processing/output/d && echo small > /opt/ml/processing/output/a && dd if=/dev/zero of=/opt/ml/processing/output/d/big bs=1M count=16 2>/dev/null"])"});
  CAPTURE(r.err);
  CHECK(r.code == 1);
  auto rep = report_of(r);
  CHECK(rep["ProcessingJobStatus"] == "Failed");
  std::string reason = rep["FailureReason"];
  CHECK(reason.find(
            "ClientError: Failed to upload data. algo-1: /opt/ml/processing/output/d/big") == 0);
  CHECK(reason.find("No space left on device") != std::string::npos);
  CHECK(r.err.find("No space left on device") != std::string::npos);  // said on stderr too
  // Neither the output nor a half-written staging directory is left behind.
  CHECK_FALSE(fs::exists(out));
  CHECK(fs::is_empty(small.where));
}

TEST_CASE("run sandbox: an image whose /opt/ml is a link to a host path writes nothing there") {
  SKIP_IF(why_not_runc());
  Guard g;
  e2e::TempDir dir;
  fs::path victim = dir.path() / "victim";
  fs::create_directories(victim);
  fs::path in = dir.path() / "in", out = dir.path() / "out";
  fs::create_directories(in);
  std::ofstream(in / "data.csv") << "a,b\n";
  // /opt/ml -> an absolute host path; /opt/ml/processing/output/x lands inside the rootfs
  // (runc resolves mount points in it), never in the host's directory of that name.
  auto image = write_image(
      dir, "mllink", json::object(),
      {fx::Dir("opt"), fx::Symlink("opt/ml", victim.string()),
       fx::File("job.sh",
                "cat /opt/ml/processing/input/data/data.csv\n"
                "cd /opt/ml/processing/output && echo written > x && ln -s /etc/shadow shadow\n"
                "mkdir -p /opt/ml/config/evil && echo y > /opt/ml/config/evil/y\n",
                0755)});
  auto r = e2e::run(dir, {"run", image, "--input", in.string() + ":/opt/ml/processing/input/data",
                          "--output", "/opt/ml/processing/output:" + out.string(), "--entrypoint",
                          R"(["/bin/sh","/job.sh"])"});
  CAPTURE(r.err);
  CHECK(fs::is_empty(victim));  // nothing on the host through the link
  CHECK(r.code == 1);           // Completed, with SMP032 for the link in the output
  CHECK(r.err.find("algo-1 | a,b\n") != std::string::npos);
  auto rep = report_of(r);
  CHECK(rep["ProcessingJobStatus"] == "Completed");
  CHECK(e2e::read_text(out / "x") == "written\n");
  CHECK_FALSE(fs::exists(fs::symlink_status(out / "shadow")));  // links are not uploaded
  CHECK(rep["Hosts"][0]["Files"].dump().find("SymlinkNotCopied") != std::string::npos);
  CHECK(rep["Findings"].dump().find("SMP032") != std::string::npos);
}

TEST_CASE("run --userns: container root is an unprivileged host user; outputs are the caller's") {
  SKIP_IF(why_not_runc());
  Guard g;
  e2e::TempDir dir;
  // The container's unprivileged root must reach its bundle below the test's directory.
  fs::permissions(dir.path(), fs::perms::others_exec | fs::perms::group_exec,
                  fs::perm_options::add);
  fs::path in = dir.path() / "in", out = dir.path() / "out";
  fs::create_directories(in);
  std::ofstream(in / "data.csv") << "a,b\n";
  // The job as a script in the image: an entrypoint item is at most 256 characters.
  auto image = write_image(
      dir, "userns", json::object(),
      {fx::File("job.sh",
                "cat /proc/self/uid_map; ls -ln /opt/ml/processing/input/data\n"
                "cd /opt/ml/processing/output && id -u > who && mkdir sub && echo x > sub/f\n"
                "mknod /tmp/null c 1 3 || echo mknod-denied\n",
                0755)});
  auto r = e2e::run(
      dir, {"run", image, "--userns", "--input", in.string() + ":/opt/ml/processing/input/data",
            "--output", "/opt/ml/processing/output:" + out.string(), "--entrypoint",
            R"(["/bin/sh","/job.sh"])"});
  CAPTURE(r.err);
  CHECK(r.code == 0);
  // Container IDs 0-65535 are host IDs 1000000000-1000065535.
  CHECK(r.err.find("algo-1 |          0 1000000000      65536\n") != std::string::npos);
  // The input, copied in for the container's root, is its own inside: `ls -ln` gives
  // owner and group 0.
  std::string owners;
  for (const auto& line : e2e::lines(r.err)) {
    if (line.find("data.csv") == std::string::npos) continue;
    std::istringstream words(line);
    std::string host, bar, mode, links, uid, gid;
    words >> host >> bar >> mode >> links >> uid >> gid;
    owners = uid + ":" + gid;
  }
  CHECK(owners == "0:0");
  // Root in a user namespace may not create device nodes (root on the host may, and
  // Docker's capability set has CAP_MKNOD).
  CHECK(r.err.find("algo-1 | mknod-denied\n") != std::string::npos);
  auto rep = report_of(r);
  CHECK(rep["ProcessingJobStatus"] == "Completed");
  CHECK(rep["Hosts"][0]["Limits"]["UserNamespace"]["HostId"] == 1000000000);
  CHECK(e2e::read_text(out / "who") == "0\n");
  // As documented: what comes back belongs to whoever ran sagelint, not to the mapped uid.
  for (const char* p : {"who", "sub", "sub/f"}) {
    CAPTURE(p);
    struct stat st {};
    REQUIRE(lstat((out / p).c_str(), &st) == 0);
    CHECK(st.st_uid == geteuid());
    CHECK(st.st_gid == getegid());
  }
}

TEST_CASE("run: copying a 256 MiB input in and output back keeps sagelint's memory flat") {
  SKIP_IF(why_not_runc());
  Guard g;
  e2e::TempDir dir;
  auto image = write_image(dir, "bigcopy", json::object());
  auto job = [&](const std::string& name, int mib) {
    fs::path in = dir.path() / ("in-" + name), out = dir.path() / ("out-" + name);
    fs::create_directories(in);
    // Real data, not holes: every byte is copied in and out.
    std::string dd = "dd if=/dev/zero of='" + (in / "big").string() +
                     "' bs=1M count=" + std::to_string(mib) + " 2>/dev/null";
    REQUIRE(system(dd.c_str()) == 0);
    auto m = run_measured(
        dir, {"run", image, "--input", in.string() + ":/opt/ml/processing/input/data", "--output",
              "/opt/ml/processing/output:" + out.string(), "--entrypoint",
              R"(["/bin/sh","-c","dd if=/dev/zero of=/opt/ml/processing/output/big bs=1M count=)" +
                  std::to_string(mib) + R"( 2>/dev/null; ls -l /opt/ml/processing/input/data"])"});
    CAPTURE(m.result.err);
    CHECK(m.result.code == 0);
    CHECK(fs::file_size(out / "big") == static_cast<std::uintmax_t>(mib) << 20);
    fs::remove_all(in);
    fs::remove_all(out);
    return m.peak_rss_kib;
  };
  // 256 MiB each way (1 GiB written in all) keeps the case within seconds; memory that
  // grew with the data would show hundreds of MiB.
  long small = job("small", 1), big = job("big", 256);
  MESSAGE("peak RSS of sagelint run: 1 MiB in+out " << small / 1024 << " MiB, 256 MiB in+out "
                                                    << big / 1024 << " MiB");
#if defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer's quarantine keeps freed buffers: no bound there.
#else
  // Generous: the copy buffers are 1 MiB.
  CHECK(big < small + 64 * 1024L);
#endif
}

TEST_SUITE_END();

TEST_SUITE_BEGIN("needs-dockerd");

TEST_CASE("run sandbox on docker: the same probe is denied, the pids limit holds") {
  const char* host = std::getenv("SAGELINT_TEST_DOCKER_HOST");
  SKIP_IF_MISSING(
      "dockerd",
      !host || !*host
          ? "SAGELINT_TEST_DOCKER_HOST is unset (scripts/test.sh starts a private dockerd)"
      : busybox().empty() ? "busybox-static is not installed"
                          : "");
  Guard g;
  e2e::TempDir dir;
  std::string bin = static_program(dir, "probe", kProbeSource);
  SKIP_IF_MISSING("dockerd", bin.empty() ? "gcc -static cannot build the probe" : "");
  std::string key = "sagelint-probe-docker-" + std::to_string(getpid());
  auto archive = write_image(dir, "probe-docker", {{"Entrypoint", {"/bin/probe", key, "1"}}},
                             {fx::File("bin/probe", e2e::read_text(bin), 0755)});
  std::string docker = "DOCKER_HOST=" + std::string(host) + " docker";
  REQUIRE(system((docker + " load -i '" + archive + "' >/dev/null").c_str()) == 0);
  std::map<std::string, std::string> env = {{"DOCKER_HOST", host}};
  auto r =
      e2e::run(dir, {"run", "docker:sagelint-test/probe-docker:latest"}, {"", std::nullopt, env});
  CAPTURE(r.err);
  CHECK(r.code == 0);
  CHECK(report_of(r)["Runtime"] == "docker");
  // The engine's default seccomp profile and capabilities: the same denials as on runc.
  for (const char* denied : {"keyctl", "add_key", "request_key", "unshare_mount", "unshare_user",
                             "clone_newuser", "mount", "bpf", "perf_event_open", "personality_exec",
                             "raise_nofile_hard", "raise_core", "sethostname"})
    CHECK_MESSAGE(r.err.find(std::string("algo-1 | ") + denied + ": EPERM\n") != std::string::npos,
                  denied << " was not denied");
  CHECK(r.err.find("algo-1 | no_new_privs: ok\n") != std::string::npos);
  CHECK(r.err.find("algo-1 | open_proc_sys_for_write: EROFS\n") != std::string::npos);
  CHECK_FALSE(host_has_key(key));

  // The fork bomb of the runc case, on the engine: stopped at the pids limit.
  auto bomb = e2e::run(
      dir,
      {"run", "docker:sagelint-test/probe-docker:latest", "--instance-type", "ml.t3.medium",
       "--entrypoint",
       R"(["/bin/sh","-c","cat /sys/fs/cgroup/pids.max /sys/fs/cgroup/pids/pids.max 2>/dev/null; n=0; while [ $n -lt 3000 ]; do sleep 30 & n=$((n+1)); done; echo forked-all; exit 0"])"},
      {"", std::nullopt, env});
  CAPTURE(bomb.err);
  CHECK(bomb.err.find("algo-1 | 2048\n") != std::string::npos);
  CHECK(bomb.err.find("can't fork") != std::string::npos);
  (void)system((docker + " rmi -f sagelint-test/probe-docker:latest >/dev/null 2>&1").c_str());
}

TEST_SUITE_END();
