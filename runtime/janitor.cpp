#include "runtime/janitor.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "runtime/process.hpp"

namespace sagelint::runtime {

namespace fs = std::filesystem;
using hostfs::UniqueFd;

fs::path state_root() {
  if (const char* dir = std::getenv("SAGELINT_STATE_DIR"); dir && *dir) return dir;
  if (::geteuid() == 0) return "/run/sagelint";
  if (const char* xdg = std::getenv("XDG_RUNTIME_DIR"); xdg && *xdg)
    return fs::path(xdg) / "sagelint";
  return "/tmp/sagelint-" + std::to_string(::geteuid());
}

fs::path runc_root() { return state_root() / "runc"; }

namespace {

fs::path jobs_dir() { return state_root() / "jobs"; }

nlohmann::json to_json(const JobRecord& r) {
  return {{"id", r.id},
          {"work_dir", r.work_dir},
          {"runtime", r.runtime},
          {"docker_host", r.docker_host},
          {"keep", r.keep},
          {"pid", r.pid},
          {"sentinel_pid", r.sentinel_pid}};
}

std::optional<JobRecord> from_json(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  JobRecord r;
  r.id = j.value("id", "");
  r.work_dir = j.value("work_dir", "");
  r.runtime = j.value("runtime", "");
  r.docker_host = j.value("docker_host", "");
  r.keep = j.value("keep", false);
  r.pid = j.value("pid", 0L);
  r.sentinel_pid = j.value("sentinel_pid", 0L);
  // Only what sagelint itself names: sagelint-run-XXXXXX, an absolute work directory
  // ending in it. Anything else is not removed.
  if (r.id.rfind("sagelint-run-", 0) != 0 || r.id.find('/') != std::string::npos)
    return std::nullopt;
  fs::path wd(r.work_dir);
  if (!wd.is_absolute() || wd.filename() != r.id) return std::nullopt;
  return r;
}

void make_private_dir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create " + dir.string() + ": " + ec.message());
  ::chmod(dir.c_str(), 0700);
}

// /proc/self/mountinfo escapes space, tab, newline and backslash as \ooo.
std::string unescape_mount_point(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto octal = [&](std::size_t k) { return s[k] >= '0' && s[k] <= '7'; };
    if (s[i] == '\\' && i + 3 < s.size() && octal(i + 1) && octal(i + 2) && octal(i + 3)) {
      out += static_cast<char>((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0'));
      i += 3;
      continue;
    }
    out += s[i];
  }
  return out;
}

// A record is small; anything longer is not one of ours.
std::optional<std::string> read_record(int fd) {
  std::string text(1 << 16, '\0');
  ssize_t n = ::pread(fd, text.data(), text.size(), 0);
  if (n < 0 || static_cast<std::size_t>(n) == text.size()) return std::nullopt;
  text.resize(static_cast<std::size_t>(n));
  return text;
}

std::vector<std::string> mounts_below(const std::string& dir) {
  std::vector<std::string> out;
  std::ifstream in("/proc/self/mountinfo");
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string f[5];
    for (auto& x : f) fields >> x;
    std::string point = unescape_mount_point(f[4]);
    if (point.size() > dir.size() && point.compare(0, dir.size(), dir) == 0 &&
        point[dir.size()] == '/')
      out.push_back(point);
  }
  // Deepest first, so nothing is unmounted from under another mount.
  std::sort(out.begin(), out.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);)
    if (!l.empty()) out.push_back(l);
  return out;
}

}  // namespace

std::vector<std::string> reap_job(const JobRecord& r) {
  std::vector<std::string> done;
  if (r.runtime == "runc") {
    std::error_code ec;
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(runc_root(), ec)) {
      std::string n = e.path().filename().string();
      if (n.rfind(r.id + "-", 0) == 0) names.push_back(n);
    }
    for (const auto& n : names) {
      auto res = run_capture({"runc", "--root", runc_root().string(), "delete", "--force", n});
      if (res.exit_code == 0) done.push_back("container " + n + " (runc)");
    }
  } else if (r.runtime == "docker") {
    std::vector<std::string> env;
    if (!r.docker_host.empty()) env.push_back("DOCKER_HOST=" + r.docker_host);
    std::string label = "label=sagelint.job=" + r.id;
    for (const auto& c : lines_of(run_capture({"docker", "ps", "-aq", "--filter", label}, env).out))
      if (run_capture({"docker", "rm", "--force", "--volumes", c}, env).exit_code == 0)
        done.push_back("container " + c + " (docker)");
    for (const auto& n :
         lines_of(run_capture({"docker", "network", "ls", "-q", "--filter", label}, env).out))
      if (run_capture({"docker", "network", "rm", n}, env).exit_code == 0)
        done.push_back("network " + n + " (docker)");
  }
  for (const auto& m : mounts_below(r.work_dir))
    if (::umount2(m.c_str(), MNT_DETACH) == 0) done.push_back("mount " + m);
  if (!r.keep) {
    std::error_code ec;
    bool existed = fs::exists(fs::symlink_status(r.work_dir, ec));
    std::string err = hostfs::remove_tree(r.work_dir);
    if (existed && err.empty()) done.push_back("directory " + r.work_dir);
    if (!err.empty()) done.push_back("could not remove " + err);
  }
  return done;
}

std::vector<std::string> reap_stale_jobs() {
  std::vector<std::string> done;
  std::error_code ec;
  std::vector<fs::path> records;
  for (const auto& e : fs::directory_iterator(jobs_dir(), ec))
    if (e.path().extension() == ".json") records.push_back(e.path());
  for (const auto& path : records) {
    UniqueFd fd(::open(path.c_str(), O_RDWR | O_NOFOLLOW | O_CLOEXEC));
    if (!fd) continue;
    if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) continue;  // its run or sentinel lives
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0 || st.st_nlink == 0 || !S_ISREG(st.st_mode)) continue;
    std::optional<JobRecord> record;
    if (auto text = read_record(fd.get())) record = from_json(*text);
    if (record) {
      for (auto& line : reap_job(*record)) done.push_back(record->id + ": " + line);
    }
    ::unlink(path.c_str());
  }
  return done;
}

JobGuard::JobGuard(std::string runtime, bool keep) {
  const char* tmp = std::getenv("TMPDIR");
  std::string base = (tmp && *tmp) ? tmp : "/tmp";
  std::string tmpl = base + "/sagelint-run-XXXXXX";
  if (!mkdtemp(tmpl.data()))
    throw std::runtime_error("cannot create a temporary directory under " + base + ": " +
                             hostfs::errno_text());
  work_dir_ = fs::absolute(tmpl).lexically_normal();
  record_.id = work_dir_.filename().string();
  record_.work_dir = work_dir_.string();
  record_.runtime = std::move(runtime);
  if (const char* host = std::getenv("DOCKER_HOST")) record_.docker_host = host;
  record_.keep = keep;
  record_.pid = ::getpid();
  try {
    make_private_dir(jobs_dir());
  } catch (...) {
    hostfs::remove_tree(work_dir_.string());
    throw;
  }
  // Written and locked under a temporary name, then renamed: a reaper never sees a
  // record that is not both complete and held.
  fs::path tmp_record = jobs_dir() / ("." + record_.id + ".tmp");
  record_path_ = jobs_dir() / (record_.id + ".json");
  lock_.reset(::open(tmp_record.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (!lock_ || ::flock(lock_.get(), LOCK_EX) != 0) {
    std::string why = hostfs::errno_text();
    hostfs::remove_tree(work_dir_.string());
    throw std::runtime_error("cannot create " + tmp_record.string() + ": " + why);
  }
  write_record();
  if (::rename(tmp_record.c_str(), record_path_.c_str()) != 0) {
    std::string why = hostfs::errno_text();
    ::unlink(tmp_record.c_str());
    hostfs::remove_tree(work_dir_.string());
    throw std::runtime_error("cannot create " + record_path_.string() + ": " + why);
  }

  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return;  // no sentinel: the next run reaps instead
  std::fflush(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return;
  }
  if (pid == 0) {
    // The sentinel: its own session (no terminal signal reaches it), default signal
    // dispositions, nothing of sagelint's open but the pipe, the record's lock, stderr.
    ::close(fds[1]);
    ::setsid();
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGCHLD, SIGQUIT}) ::signal(sig, SIG_DFL);
    ::signal(SIGPIPE, SIG_IGN);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    int devnull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    if (devnull >= 0) {
      ::dup2(devnull, 0);
      ::dup2(devnull, 1);
    }
    int keep_fds[] = {fds[0], lock_.get()};
    for (int fd = 3; fd < 4096; ++fd)
      if (fd != keep_fds[0] && fd != keep_fds[1]) ::close(fd);
    char c = 0;
    ssize_t n;
    do n = ::read(fds[0], &c, 1);
    while (n < 0 && errno == EINTR);
    if (n == 1 && c == 'D') ::_exit(0);
    for (const auto& line : reap_job(record_))
      std::fprintf(stderr, "sagelint: sagelint ended before cleaning up; removed %s\n",
                   line.c_str());
    ::unlink(record_path_.c_str());
    ::_exit(0);
  }
  ::close(fds[0]);
  sentinel_pipe_ = fds[1];
  sentinel_ = pid;
  record_.sentinel_pid = pid;
  write_record();
}

void JobGuard::write_record() {
  std::string text = to_json(record_).dump() + "\n";
  if (::pwrite(lock_.get(), text.data(), text.size(), 0) != static_cast<ssize_t>(text.size()) ||
      ::ftruncate(lock_.get(), static_cast<off_t>(text.size())) != 0)
    throw std::runtime_error("cannot write " + record_path_.string() + ": " + hostfs::errno_text());
}

JobGuard::~JobGuard() {
  if (!record_.keep) {
    std::string err = hostfs::remove_tree(work_dir_.string());
    if (!err.empty()) std::fprintf(stderr, "sagelint: cannot remove %s\n", err.c_str());
  } else {
    std::fprintf(stderr, "sagelint: kept %s\n", work_dir_.c_str());
  }
  if (sentinel_pipe_ >= 0) {
    [[maybe_unused]] ssize_t n = ::write(sentinel_pipe_, "D", 1);
    ::close(sentinel_pipe_);
    wait_for_exit(sentinel_);
  }
  ::unlink(record_path_.c_str());
}

}  // namespace sagelint::runtime
