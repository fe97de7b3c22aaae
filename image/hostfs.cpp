#include "image/hostfs.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <set>
#include <utility>
#include <vector>

namespace sagelint::hostfs {

void UniqueFd::reset(int fd) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

std::string errno_text() { return std::strerror(errno); }

namespace {

std::atomic<int> g_openat2{-1};  // -1 unknown, 0 no, 1 yes
std::atomic<bool> g_openat2_disabled{false};

long raw_openat2(int dirfd, const char* path, int flags, mode_t mode, std::uint64_t resolve) {
  open_how how{};
  how.flags = static_cast<std::uint64_t>(flags);
  how.mode = (flags & (O_CREAT | O_TMPFILE)) ? mode : 0;
  how.resolve = resolve;
  return ::syscall(SYS_openat2, dirfd, path, &how, sizeof how);
}

// The path without leading slashes: openat2 with RESOLVE_BENEATH refuses absolute paths.
std::string_view relative_part(std::string_view path) {
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  return path;
}

// One component at a time from dirfd, each opened O_NOFOLLOW: a symlink anywhere is
// ELOOP, ".." is EXDEV (it could climb out of dirfd).
int open_by_components(int dirfd, std::string_view path, int flags, mode_t mode) {
  path = relative_part(path);
  std::vector<std::string_view> parts;
  while (!path.empty()) {
    auto slash = path.find('/');
    auto part = path.substr(0, slash);
    if (part == "..") {
      errno = EXDEV;
      return -1;
    }
    if (!part.empty() && part != ".") parts.push_back(part);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  if (parts.empty()) return ::openat(dirfd, ".", flags | O_CLOEXEC, mode);
  UniqueFd cur;
  int at = dirfd;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    std::string name(parts[i]);
    int next = ::openat(at, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (next < 0) return -1;
    cur.reset(next);
    at = next;
  }
  std::string last(parts.back());
  return ::openat(at, last.c_str(), flags | O_NOFOLLOW | O_CLOEXEC, mode);
}

}  // namespace

bool have_openat2() {
  if (g_openat2_disabled.load()) return false;
  int known = g_openat2.load();
  if (known >= 0) return known == 1;
  long fd = raw_openat2(AT_FDCWD, "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0, 0);
  bool ok = fd >= 0;
  if (ok) ::close(static_cast<int>(fd));
  // ENOSYS: an old kernel; EPERM: a seccomp filter that does not know the call.
  g_openat2.store(ok || (errno != ENOSYS && errno != EPERM) ? 1 : 0);
  return g_openat2.load() == 1;
}

void disable_openat2_for_testing(bool disabled) { g_openat2_disabled.store(disabled); }

int open_beneath(int dirfd, std::string_view path, int flags, Resolve how, mode_t mode) {
  if (have_openat2()) {
    std::uint64_t resolve = RESOLVE_NO_MAGICLINKS | RESOLVE_NO_XDEV;
    resolve |= how == Resolve::in_root ? RESOLVE_IN_ROOT : (RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS);
    std::string rel(relative_part(path));
    // assign(1, '.'), not `= "."`: g++ 12 at -O3 gives a false -Wrestrict on a
    // one-character literal assigned to a string (GCC bug 105329).
    if (rel.empty()) rel.assign(1, '.');
    for (;;) {
      long fd = raw_openat2(dirfd, rel.c_str(), flags | O_CLOEXEC, mode, resolve);
      if (fd >= 0) return static_cast<int>(fd);
      if (errno != EAGAIN && errno != EINTR) return -1;  // EAGAIN: a racing rename, retry
    }
  }
  return open_by_components(dirfd, path, flags, mode);
}

namespace {

ReadFailure failure(std::string reason, int err = 0) { return {err, std::move(reason)}; }
ReadFailure from_errno() { return {errno, errno_text()}; }

}  // namespace

std::variant<std::string, ReadFailure> read_regular_file(int dirfd, std::string_view path,
                                                         Resolve how, std::size_t max_bytes) {
  UniqueFd fd(open_beneath(dirfd, path, O_RDONLY | O_NONBLOCK | O_NOCTTY, how));
  if (!fd) {
    if (errno == ELOOP || errno == EXDEV)
      return failure("a symlink or \"..\" on the path leads out of the root; not followed", errno);
    return from_errno();
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return from_errno();
  if (!S_ISREG(st.st_mode)) return failure("not a regular file");
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes)
    return failure("larger than " + std::to_string(max_bytes) + " bytes");
  std::string out;
  out.resize(max_bytes + 1);
  std::size_t got = 0;
  while (got < out.size()) {
    ssize_t n = ::read(fd.get(), out.data() + got, out.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      return from_errno();
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  if (got > max_bytes) return failure("larger than " + std::to_string(max_bytes) + " bytes");
  out.resize(got);
  return out;
}

std::variant<FilePrefix, ReadFailure> read_regular_file_prefix(int dirfd, std::string_view name,
                                                               std::size_t max_bytes) {
  std::string n(name);
  UniqueFd fd(
      ::openat(dirfd, n.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_NOFOLLOW | O_CLOEXEC));
  if (!fd) {
    if (errno == ELOOP) return failure("a symlink; not followed", ELOOP);
    return from_errno();
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return from_errno();
  if (!S_ISREG(st.st_mode)) return failure("not a regular file");
  FilePrefix p;
  p.size = static_cast<std::uint64_t>(st.st_size);
  p.bytes.resize(max_bytes);
  std::size_t got = 0;
  while (got < max_bytes) {
    ssize_t r = ::read(fd.get(), p.bytes.data() + got, max_bytes - got);
    if (r < 0) {
      if (errno == EINTR) continue;
      return from_errno();
    }
    if (r == 0) break;
    got += static_cast<std::size_t>(r);
  }
  p.bytes.resize(got);
  return p;
}

namespace {

struct RemoveFrame {
  dev_t dev;
  ino_t ino;
  std::string name;                  // this directory's name in its parent
  std::vector<std::string> subdirs;  // children still to descend into
};

// Reads a directory once: non-directories are unlinked at once, subdirectories on the
// same filesystem are returned for later (a mount point is never entered: whatever is
// mounted there is not ours to delete).
void empty_files(int fd, const std::string& where, RemoveFrame& frame, std::string& first_error) {
  DIR* d = ::fdopendir(::dup(fd));
  if (!d) {
    if (first_error.empty()) first_error = where + ": " + errno_text();
    return;
  }
  while (dirent* de = ::readdir(d)) {
    const char* n = de->d_name;
    if (n[0] == '.' && (n[1] == 0 || (n[1] == '.' && n[2] == 0))) continue;
    bool is_dir = de->d_type == DT_DIR;
    if (de->d_type == DT_UNKNOWN || is_dir) {
      struct stat st {};
      if (::fstatat(fd, n, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;  // gone meanwhile
      is_dir = S_ISDIR(st.st_mode);
      if (is_dir && st.st_dev != frame.dev) {
        if (first_error.empty())
          first_error = where + "/" + n + ": a mount point; not removed (unmount it first)";
        continue;
      }
    }
    if (is_dir) {
      frame.subdirs.emplace_back(n);
    } else if (::unlinkat(fd, n, 0) != 0 && errno != ENOENT && first_error.empty()) {
      first_error = where + "/" + n + ": " + errno_text();
    }
  }
  ::closedir(d);
}

std::string stack_path(const std::vector<RemoveFrame>& stack) {
  std::string p;
  for (const auto& f : stack) p += (p.empty() ? "" : "/") + f.name;
  return p;
}

}  // namespace

std::string remove_tree_at(int dirfd, const std::string& name) {
  struct stat st {};
  if (::fstatat(dirfd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
    return errno == ENOENT ? "" : name + ": " + errno_text();
  if (!S_ISDIR(st.st_mode)) {
    if (::unlinkat(dirfd, name.c_str(), 0) != 0 && errno != ENOENT)
      return name + ": " + errno_text();
    return "";
  }
  std::string first_error;
  UniqueFd cur(::openat(dirfd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!cur) return name + ": " + errno_text();
  std::vector<RemoveFrame> stack;
  stack.push_back({st.st_dev, st.st_ino, name, {}});
  if (!(st.st_mode & S_IWUSR)) ::fchmod(cur.get(), st.st_mode | S_IRWXU);
  empty_files(cur.get(), name, stack.back(), first_error);
  while (!stack.empty()) {
    RemoveFrame& top = stack.back();
    if (!top.subdirs.empty()) {
      std::string child = std::move(top.subdirs.back());
      top.subdirs.pop_back();
      UniqueFd next(
          ::openat(cur.get(), child.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
      struct stat cst {};
      if (!next || ::fstat(next.get(), &cst) != 0) {
        if (errno != ENOENT && first_error.empty())
          first_error = stack_path(stack) + "/" + child + ": " + errno_text();
        continue;
      }
      if (!(cst.st_mode & S_IWUSR)) ::fchmod(next.get(), cst.st_mode | S_IRWXU);
      cur = std::move(next);
      stack.push_back({cst.st_dev, cst.st_ino, child, {}});
      empty_files(cur.get(), stack_path(stack), stack.back(), first_error);
      continue;
    }
    // This directory is as empty as it gets: go back up through ".." (the identity is
    // checked, so a directory moved meanwhile stops the walk) and remove it.
    std::string done = top.name;
    stack.pop_back();
    if (stack.empty()) {
      cur.reset();
      if (::unlinkat(dirfd, done.c_str(), AT_REMOVEDIR) != 0 && first_error.empty())
        first_error = done + ": " + errno_text();
      break;
    }
    UniqueFd parent(::openat(cur.get(), "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    struct stat pst {};
    if (!parent || ::fstat(parent.get(), &pst) != 0 || pst.st_dev != stack.back().dev ||
        pst.st_ino != stack.back().ino) {
      return first_error.empty() ? stack_path(stack) + ": moved while being removed" : first_error;
    }
    cur = std::move(parent);
    if (::unlinkat(cur.get(), done.c_str(), AT_REMOVEDIR) != 0 && errno != ENOENT &&
        first_error.empty())
      first_error = stack_path(stack) + "/" + done + ": " + errno_text();
  }
  return first_error;
}

std::string remove_tree(const std::string& path) {
  std::string p = path;
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  auto slash = p.rfind('/');
  std::string parent = slash == std::string::npos ? "." : (slash == 0 ? "/" : p.substr(0, slash));
  std::string name = slash == std::string::npos ? p : p.substr(slash + 1);
  if (name.empty() || name == "." || name == "..") return path + ": not a removable path";
  UniqueFd dir(::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!dir) return errno == ENOENT ? "" : parent + ": " + errno_text();
  std::string err = remove_tree_at(dir.get(), name);
  if (!err.empty() && err.rfind(name, 0) == 0) return parent + "/" + err;
  return err;
}

}  // namespace sagelint::hostfs
