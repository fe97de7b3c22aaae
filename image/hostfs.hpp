#pragma once
// File operations on this machine that content from an image or a container cannot
// steer: every path is opened relative to a directory fd, never through a symlink out
// of it (openat2 with RESOLVE_IN_ROOT or RESOLVE_NO_SYMLINKS where the kernel has it,
// else one O_NOFOLLOW component at a time), regular files are opened non-blocking and
// read with a cap, and trees are removed iteratively from directory fds, so neither
// depth nor path length nor a FIFO can hurt the host.
//
// It lives in image/ because both the unpacker (image/) and the runtime (runtime/)
// need it, and runtime depends on image, not the other way round.
#include <sys/types.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace sagelint::hostfs {

class UniqueFd {
 public:
  explicit UniqueFd(int fd = -1) : fd_(fd) {}
  ~UniqueFd() { reset(); }
  UniqueFd(UniqueFd&& o) noexcept : fd_(o.release()) {}
  UniqueFd& operator=(UniqueFd&& o) noexcept {
    if (this != &o) {
      reset();
      fd_ = o.release();
    }
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  int release() {
    int f = fd_;
    fd_ = -1;
    return f;
  }
  void reset(int fd = -1);

 private:
  int fd_;
};

// How a multi-component path below a directory fd is resolved.
enum class Resolve {
  // Symlinks are followed, but "/" and ".." never leave the directory (it acts as the
  // root, as for a file inside an image's rootfs). Without openat2: no symlink at all.
  in_root,
  // No symlink anywhere on the path, and nothing outside the directory.
  no_symlinks,
};

// True when the kernel has openat2 (Linux 5.6+). Cached after the first call.
bool have_openat2();
// Tests force the fallback (one O_NOFOLLOW component at a time) with this.
void disable_openat2_for_testing(bool disabled);

// openat(2) of `path` (relative to dirfd; a leading '/' means dirfd itself) resolved as
// `how` says; O_CLOEXEC is always added. Returns the fd or -1 with errno set (ELOOP or
// EXDEV when a link or ".." would leave the directory).
int open_beneath(int dirfd, std::string_view path, int flags, Resolve how, mode_t mode = 0);

// Why a file could not be read: errno (0 when no call failed) and one line without the path.
struct ReadFailure {
  int error = 0;
  std::string reason;
};

// A regular file's bytes, at most max_bytes (a longer file is an error: nothing is
// truncated silently). Opened O_NONBLOCK, so a FIFO or device never blocks the read; a
// non-regular file is an error.
std::variant<std::string, ReadFailure> read_regular_file(int dirfd, std::string_view path,
                                                         Resolve how, std::size_t max_bytes);

// The first max_bytes of a regular file below dirfd (no symlinks), with its full size;
// longer files are not an error here. Used where only a prefix matters.
struct FilePrefix {
  std::string bytes;
  std::uint64_t size = 0;
};
std::variant<FilePrefix, ReadFailure> read_regular_file_prefix(int dirfd, std::string_view name,
                                                               std::size_t max_bytes);

// Removes `name` below dirfd, a whole tree when it is a directory, never following a
// link, depth first without recursion and with a constant number of open fds. Read-only
// directories are emptied too. Returns "" or the first error ("path: reason").
std::string remove_tree_at(int dirfd, const std::string& name);
// remove_tree_at for an absolute or relative path on this machine ("" when it is gone).
std::string remove_tree(const std::string& path);

// "errno text" for the current errno.
std::string errno_text();

}  // namespace sagelint::hostfs
