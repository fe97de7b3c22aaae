#pragma once
// Helpers for the end-to-end tests: a private temporary directory per test, and
// running build/sagelint as a subprocess with its output captured in files inside
// that directory (so a test never writes anywhere else).
#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace e2e {

namespace fs = std::filesystem;

inline std::string sagelint_binary() { return std::string(SAGELINT_BINARY_DIR) + "/sagelint"; }

inline std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "sagelint-e2e-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    root_ = pattern;
    fs::create_directories(root_ / ".io");  // captured stdout/stderr of runs
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const fs::path& path() const { return root_; }
  fs::path operator/(const std::string& rel) const { return root_ / rel; }

  // Writes `content` to `rel` (parents created); returns the full path.
  std::string write(const std::string& rel, const std::string& content) const {
    fs::path p = root_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }

  // Every regular file below the directory (relative paths), the capture files excluded.
  std::set<std::string> files() const {
    std::set<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(root_)) {
      auto rel = fs::relative(e.path(), root_).string();
      if (rel.rfind(".io", 0) == 0) continue;
      if (e.is_regular_file()) out.insert(rel);
    }
    return out;
  }

 private:
  fs::path root_;
};

struct Result {
  int code = -1;
  std::string out;
  std::string err;
};

struct RunOptions {
  std::string cwd;  // "" = the temp dir
  std::optional<std::string> stdin_text;
  std::map<std::string, std::string> env;  // added to (or replacing in) the environment
};

// Runs sagelint with `args` in `dir` (or opts.cwd). TMPDIR points into dir/.io/tmp,
// so anything the binary writes to a temp file stays in the test's directory.
inline Result run(const TempDir& dir, const std::vector<std::string>& args,
                  const RunOptions& opts = {}) {
  static int counter = 0;
  const fs::path io = dir.path() / ".io";
  const std::string tag = std::to_string(counter++);
  const fs::path in_path = io / ("in" + tag), out_path = io / ("out" + tag),
                 err_path = io / ("err" + tag), tmp = io / "tmp";
  fs::create_directories(tmp);
  std::ofstream(in_path, std::ios::binary) << opts.stdin_text.value_or("");

  std::vector<std::string> argv_store{sagelint_binary()};
  argv_store.insert(argv_store.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_store) argv.push_back(a.data());
  argv.push_back(nullptr);

  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    std::string cwd = opts.cwd.empty() ? dir.path().string() : opts.cwd;
    if (chdir(cwd.c_str()) != 0) _exit(126);
    int in = open(in_path.c_str(), O_RDONLY);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0 || err < 0) _exit(126);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    setenv("TMPDIR", tmp.c_str(), 1);
    // The default layer cache goes to the test's own directory, never to ~/.cache.
    setenv("XDG_CACHE_HOME", (io / "xdg-cache").c_str(), 1);
    unsetenv("NO_COLOR");
    for (const auto& [k, v] : opts.env) setenv(k.c_str(), v.c_str(), 1);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  Result r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_text(out_path);
  r.err = read_text(err_path);
  return r;
}

// Lines of a text, without the newlines.
inline std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

inline std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

// A file of fixtures/ (the inputs the tests share), as bytes.
inline std::string fixture(const std::string& rel) {
  const fs::path p = fs::path(SAGELINT_SOURCE_DIR) / "fixtures" / rel;
  if (!fs::is_regular_file(p)) throw std::runtime_error("missing fixture " + p.string());
  return read_text(p);
}

// Small Dockerfiles the tests share. Each is a realistic Processing image.
inline const std::string kCleanDockerfile = fixture("dockerfiles/clean.Dockerfile");

// SMP001 (error): the shell text `python run.py` on line 3, column 12.
inline const std::string kShellEntrypointDockerfile =
    fixture("dockerfiles/shell-entrypoint.Dockerfile");

// SMP011 (warning) only: WORKDIR under /opt/ml.
inline const std::string kWarningOnlyDockerfile = fixture("dockerfiles/warning-only.Dockerfile");

}  // namespace e2e

#include <poll.h>
#include <pty.h>

namespace e2e {

// Runs sagelint with its stdout and stderr on a pseudo-terminal (as in a shell),
// returning what it printed there.
inline Result run_on_terminal(const TempDir& dir, const std::vector<std::string>& args,
                              const std::map<std::string, std::string>& env = {}) {
  std::vector<std::string> argv_store{sagelint_binary()};
  argv_store.insert(argv_store.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_store) argv.push_back(a.data());
  argv.push_back(nullptr);
  int master = -1;
  pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
  if (pid < 0) throw std::runtime_error("forkpty failed");
  if (pid == 0) {
    if (chdir(dir.path().c_str()) != 0) _exit(126);
    setenv("XDG_CACHE_HOME", (dir.path().string() + "/.xdg-cache").c_str(), 1);
    unsetenv("NO_COLOR");
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    execv(argv[0], argv.data());
    _exit(127);
  }
  Result r;
  char buf[4096];
  while (true) {
    ssize_t n = read(master, buf, sizeof buf);
    if (n <= 0) break;  // EIO once the child has exited and closed the terminal
    r.out.append(buf, static_cast<std::size_t>(n));
  }
  close(master);
  int status = 0;
  waitpid(pid, &status, 0);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

}  // namespace e2e
