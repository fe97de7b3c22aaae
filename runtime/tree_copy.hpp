#pragma once
// Copies a directory's contents into another, for inputs (host directory -> a host's
// input LocalPath) and for outputs (a container's output LocalPath -> the user's
// directory), without letting the tree being copied steer anything on this machine:
// both sides are walked from directory fds, one entry at a time with O_NOFOLLOW, with a
// constant number of open fds and no recursion (depth costs neither stack nor path
// length); files are created O_EXCL; holes stay holes (SEEK_DATA/SEEK_HOLE); setuid,
// setgid and sticky bits are dropped; FIFOs, sockets and devices are dropped; the data
// copied is capped. Everything not copied as it was is noted, never silent.
#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sagelint::runtime {

// Something the copy did not copy as it was.
struct EntryNote {
  enum class Action { dropped, symlink_skipped, mode_changed };
  Action action;
  std::string path;    // relative to the copied tree, "/"-separated
  std::string detail;  // "a FIFO", "setuid bit removed", "-> /etc/passwd"
};
std::string_view to_string(EntryNote::Action a);

// Data bytes a set of copies may write together (holes do not count).
struct CopyBudget {
  std::uint64_t max_bytes = UINT64_MAX;
  std::uint64_t used = 0;
};

struct TreeCopyOptions {
  bool keep_symlinks = false;  // inputs: copied as links; outputs: not copied, noted
  // Copy only every shard_count-th file or link (in path order) from shard_index; with
  // sharding a directory is created only where a file of the shard lands.
  std::size_t shard_index = 0;
  std::size_t shard_count = 1;
  // The destination may already hold an earlier copy's entries (the hosts' outputs are
  // merged into one directory): a file replaces a file, a directory is entered.
  bool merge = false;
  std::optional<std::pair<uid_t, gid_t>> owner;  // chown what is created (--userns)
  bool scan_only = false;  // write nothing: only note what a copy would drop or skip
  // A private copy of an image's rootfs (where no overlay can be mounted) keeps setuid,
  // setgid and sticky bits and owners; nothing the container wrote is ever copied so.
  bool keep_mode_bits = false;
  bool keep_owners = false;
  std::function<bool()> cancelled;  // asked before every entry
};

struct TreeCopyResult {
  std::vector<EntryNote> notes;
  std::optional<std::string> error;  // why the copy stopped (one line, without the path)
  std::string error_path;            // where, relative to the tree ("" = its root)
  bool over_budget = false;          // the error is the budget
  bool interrupted = false;          // the error is `cancelled`
  std::uint64_t files = 0;
  std::uint64_t bytes = 0;
};

// Copies the contents of src_dir into dst_dir (both open directory fds; dst_dir is not
// used with scan_only).
TreeCopyResult copy_tree(int src_dir, int dst_dir, const TreeCopyOptions& options,
                         CopyBudget& budget);

}  // namespace sagelint::runtime
