#include "runtime/tree_copy.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <memory>

#include "image/hostfs.hpp"

namespace sagelint::runtime {

using hostfs::errno_text;
using hostfs::UniqueFd;

std::string_view to_string(EntryNote::Action a) {
  switch (a) {
    case EntryNote::Action::dropped: return "Dropped";
    case EntryNote::Action::symlink_skipped: return "SymlinkNotCopied";
    case EntryNote::Action::mode_changed: return "ModeChanged";
  }
  return "Dropped";
}

namespace {

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

struct Frame {
  dev_t src_dev = 0;
  ino_t src_ino = 0;
  dev_t dst_dev = 0;
  ino_t dst_ino = 0;
  std::string name;                  // in its parent ("" for the root)
  std::vector<std::string> pending;  // entries still to copy, last first
  bool materialized = false;         // the destination directory exists
  mode_t mode = 0755;                // applied to the destination when leaving
  uid_t uid = 0;                     // the source's owner (keep_owners)
  gid_t gid = 0;
};

const char* kind_of(mode_t m) {
  if (S_ISFIFO(m)) return "a FIFO";
  if (S_ISSOCK(m)) return "a socket";
  if (S_ISCHR(m)) return "a character device";
  if (S_ISBLK(m)) return "a block device";
  return "a file of an unknown type";
}

std::string special_bits_text(mode_t m) {
  std::string out;
  auto add = [&](const char* what) { out += (out.empty() ? "" : ", ") + std::string(what); };
  if (m & S_ISUID) add("setuid");
  if (m & S_ISGID) add("setgid");
  if (m & S_ISVTX) add("sticky");
  return out + (out.find(',') == std::string::npos ? " bit removed" : " bits removed");
}

// Names in a directory, sorted so that "path order" means the same on every run;
// stored last-first so the walk can pop from the back.
bool read_names(int fd, std::vector<std::string>& out) {
  DIR* d = ::fdopendir(::dup(fd));
  if (!d) return false;
  errno = 0;
  while (dirent* de = ::readdir(d)) {
    const char* n = de->d_name;
    if (n[0] == '.' && (n[1] == 0 || (n[1] == '.' && n[2] == 0))) continue;
    out.emplace_back(n);
  }
  int err = errno;
  ::closedir(d);
  std::sort(out.begin(), out.end(), std::greater<>());
  errno = err;
  return err == 0;
}

class Copier {
 public:
  Copier(const TreeCopyOptions& o, CopyBudget& b, TreeCopyResult& r)
      : opt_(o), budget_(b), result_(r) {}

  void run(int src_root, int dst_root) {
    struct stat sst {
    }, dst{};
    if (::fstat(src_root, &sst) != 0) return fail("", errno_text());
    if (!opt_.scan_only && ::fstat(dst_root, &dst) != 0) return fail("", errno_text());
    src_.reset(::fcntl(src_root, F_DUPFD_CLOEXEC, 0));
    if (!opt_.scan_only) dst_.reset(::fcntl(dst_root, F_DUPFD_CLOEXEC, 0));
    if (!src_ || (!dst_ && !opt_.scan_only)) return fail("", errno_text());
    Frame root;
    root.src_dev = sst.st_dev;
    root.src_ino = sst.st_ino;
    root.dst_dev = dst.st_dev;
    root.dst_ino = dst.st_ino;
    root.materialized = true;
    root.mode = 0;  // the root's mode is the caller's
    if (!read_names(src_.get(), root.pending)) return fail("", errno_text());
    stack_.push_back(std::move(root));
    while (!stack_.empty() && !result_.error) {
      Frame& top = stack_.back();
      if (top.pending.empty()) {
        leave();
        continue;
      }
      std::string name = std::move(top.pending.back());
      top.pending.pop_back();
      if (opt_.cancelled && opt_.cancelled()) {
        result_.interrupted = true;
        return fail(name, "interrupted");
      }
      entry(name);
    }
  }

 private:
  std::string path_of(const std::string& name) const {
    std::string p;
    for (const auto& f : stack_)
      if (!f.name.empty()) p += (p.empty() ? "" : "/") + f.name;
    if (!name.empty()) p += (p.empty() ? "" : "/") + name;
    return p;
  }

  void fail(const std::string& name, const std::string& reason) {
    if (result_.error) return;
    result_.error_path = path_of(name);
    result_.error = reason;
  }

  void note(EntryNote::Action a, const std::string& name, std::string detail) {
    result_.notes.push_back({a, path_of(name), std::move(detail)});
  }

  bool take_shard_turn() {
    bool mine = counter_ % opt_.shard_count == opt_.shard_index;
    ++counter_;
    return mine;
  }

  void chown_created(int dirfd, const char* name) {
    if (opt_.owner)
      (void)::fchownat(dirfd, name, opt_.owner->first, opt_.owner->second, AT_SYMLINK_NOFOLLOW);
  }

  // Creates the destination directories of the frames that do not have one yet.
  bool materialize() {
    std::size_t first = stack_.size();
    while (first > 0 && !stack_[first - 1].materialized) --first;
    for (std::size_t i = first; i < stack_.size(); ++i) {
      Frame& f = stack_[i];
      if (::mkdirat(dst_.get(), f.name.c_str(), 0700) != 0) {
        if (errno != EEXIST || !opt_.merge) {
          fail("", errno == EEXIST ? "already exists in the destination" : errno_text());
          return false;
        }
      } else {
        chown_created(dst_.get(), f.name.c_str());
      }
      UniqueFd next(::openat(dst_.get(), f.name.c_str(), kDirFlags));
      struct stat st {};
      if (!next || ::fstat(next.get(), &st) != 0) {
        fail("", errno == ENOTDIR || errno == ELOOP
                     ? "an earlier host's file of this name is in the way of a directory"
                     : errno_text());
        return false;
      }
      f.dst_dev = st.st_dev;
      f.dst_ino = st.st_ino;
      f.materialized = true;
      dst_ = std::move(next);
    }
    return true;
  }

  void entry(const std::string& name) {
    struct stat st {};
    if (::fstatat(src_.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
      return fail(name, errno_text());
    if (S_ISDIR(st.st_mode)) return enter(name, st);
    if (S_ISREG(st.st_mode)) {
      if (!take_shard_turn()) return;
      return file(name, st);
    }
    if (S_ISLNK(st.st_mode)) {
      if (!take_shard_turn()) return;
      return link(name);
    }
    note(EntryNote::Action::dropped, name, std::string(kind_of(st.st_mode)) + " is not copied");
  }

  void enter(const std::string& name, const struct stat& st) {
    UniqueFd next(::openat(src_.get(), name.c_str(), kDirFlags | O_NONBLOCK));
    struct stat nst {};
    if (!next || ::fstat(next.get(), &nst) != 0) return fail(name, errno_text());
    if (nst.st_ino != st.st_ino || nst.st_dev != st.st_dev)
      return fail(name, "changed while being copied");
    Frame f;
    f.src_dev = nst.st_dev;
    f.src_ino = nst.st_ino;
    f.name = name;
    f.mode = nst.st_mode & (opt_.keep_mode_bits ? 07777 : 0777);
    f.uid = nst.st_uid;
    f.gid = nst.st_gid;
    if (!opt_.keep_mode_bits && (nst.st_mode & (S_ISUID | S_ISGID | S_ISVTX)))
      note(EntryNote::Action::mode_changed, name, special_bits_text(nst.st_mode));
    if (!read_names(next.get(), f.pending)) return fail(name, errno_text());
    src_ = std::move(next);
    stack_.push_back(std::move(f));
    if (opt_.shard_count <= 1 && !opt_.scan_only) materialize();
  }

  // The directory is done: set its mode, go back up on both sides through "..",
  // checking that each parent is still the directory the walk came from.
  void leave() {
    Frame done = std::move(stack_.back());
    stack_.pop_back();
    if (done.materialized && opt_.keep_owners) (void)::fchown(dst_.get(), done.uid, done.gid);
    if (done.materialized && done.mode != 0) ::fchmod(dst_.get(), done.mode);
    if (stack_.empty()) return;
    const Frame& parent = stack_.back();
    auto up = [](UniqueFd& fd, dev_t dev, ino_t ino) {
      UniqueFd p(::openat(fd.get(), "..", kDirFlags));
      struct stat st {};
      if (!p || ::fstat(p.get(), &st) != 0 || st.st_dev != dev || st.st_ino != ino) return false;
      fd = std::move(p);
      return true;
    };
    if (!up(src_, parent.src_dev, parent.src_ino))
      return fail(done.name, "its parent changed while being copied");
    if (done.materialized && !up(dst_, parent.dst_dev, parent.dst_ino))
      return fail(done.name, "the destination's parent changed while being copied");
  }

  void link(const std::string& name) {
    char target[PATH_MAX + 1];
    ssize_t n = ::readlinkat(src_.get(), name.c_str(), target, sizeof target);
    if (n < 0) return fail(name, errno_text());
    if (static_cast<std::size_t>(n) >= sizeof target)
      return fail(name, "symlink target longer than PATH_MAX");
    std::string to(target, static_cast<std::size_t>(n));
    if (!opt_.keep_symlinks) return note(EntryNote::Action::symlink_skipped, name, "-> " + to);
    if (opt_.scan_only) return;
    if (!materialize()) return;
    if (opt_.merge) unlink_file_in_the_way(name);
    if (::symlinkat(to.c_str(), dst_.get(), name.c_str()) != 0) return fail(name, errno_text());
    chown_created(dst_.get(), name.c_str());
    if (opt_.keep_owners) {
      struct stat lst {};
      if (::fstatat(src_.get(), name.c_str(), &lst, AT_SYMLINK_NOFOLLOW) == 0)
        (void)::fchownat(dst_.get(), name.c_str(), lst.st_uid, lst.st_gid, AT_SYMLINK_NOFOLLOW);
    }
    ++result_.files;
  }

  // Merging: a later host's file replaces an earlier one's (never written through).
  void unlink_file_in_the_way(const std::string& name) {
    struct stat st {};
    if (::fstatat(dst_.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISDIR(st.st_mode))
      ::unlinkat(dst_.get(), name.c_str(), 0);
  }

  void file(const std::string& name, const struct stat& st) {
    UniqueFd in(::openat(src_.get(), name.c_str(),
                         O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
    struct stat ist {};
    if (!in || ::fstat(in.get(), &ist) != 0) return fail(name, errno_text());
    if (!S_ISREG(ist.st_mode) || ist.st_ino != st.st_ino)
      return fail(name, "changed while being copied");
    if (!opt_.keep_mode_bits && (ist.st_mode & (S_ISUID | S_ISGID | S_ISVTX)))
      note(EntryNote::Action::mode_changed, name, special_bits_text(ist.st_mode));
    if (opt_.scan_only) return;
    if (!materialize()) return;
    if (opt_.merge) unlink_file_in_the_way(name);
    UniqueFd out(::openat(dst_.get(), name.c_str(),
                          O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!out) {
      return fail(name, errno == EISDIR || errno == EEXIST
                            ? "an earlier host's directory of this name is in the way"
                            : errno_text());
    }
    if (!copy_data(in.get(), out.get(), ist.st_size, name)) return;
    if (opt_.owner) (void)::fchown(out.get(), opt_.owner->first, opt_.owner->second);
    if (opt_.keep_owners) (void)::fchown(out.get(), ist.st_uid, ist.st_gid);
    // After chown, which clears setuid and setgid.
    if (::fchmod(out.get(), ist.st_mode & (opt_.keep_mode_bits ? 07777 : 0777)) != 0)
      return fail(name, errno_text());
    ++result_.files;
  }

  // Only the data extents are copied; the holes between them stay holes.
  bool copy_data(int in, int out, off_t size, const std::string& name) {
    off_t pos = 0;
    while (pos < size) {
      off_t data = ::lseek(in, pos, SEEK_DATA);
      if (data < 0) {
        if (errno == ENXIO) break;  // only a hole is left
        data = pos;                 // no SEEK_DATA here: all of it is data
      }
      off_t hole = ::lseek(in, data, SEEK_HOLE);
      if (hole < 0 || hole > size) hole = size;
      if (hole <= data) break;
      auto length = static_cast<std::uint64_t>(hole - data);
      if (budget_.used + length > budget_.max_bytes) {
        result_.over_budget = true;
        fail(name, "the copy would exceed its size limit of " + std::to_string(budget_.max_bytes) +
                       " bytes");
        return false;
      }
      if (!copy_range(in, out, data, hole - data, name)) return false;
      budget_.used += length;
      result_.bytes += length;
      pos = hole;
    }
    if (::ftruncate(out, size) != 0) {
      fail(name, errno_text());
      return false;
    }
    return true;
  }

  bool copy_range(int in, int out, off_t from, off_t length, const std::string& name) {
    loff_t in_off = from, out_off = from;
    while (length > 0 && !plain_copy_) {
      ssize_t n =
          ::copy_file_range(in, &in_off, out, &out_off, static_cast<std::size_t>(length), 0);
      if (n > 0) {
        length -= n;
        continue;
      }
      if (n == 0) break;  // the file shrank
      if (errno == EINTR) continue;
      if (errno == EXDEV || errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP ||
          errno == EPERM) {
        plain_copy_ = true;  // this pair of filesystems cannot: read and write instead
        break;
      }
      fail(name, errno_text());
      return false;
    }
    if (length <= 0) return true;
    if (!buffer_) buffer_ = std::make_unique<char[]>(kBuffer);
    while (length > 0) {
      ssize_t n = ::pread(in, buffer_.get(), std::min<off_t>(length, kBuffer), in_off);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        fail(name, errno_text());
        return false;
      }
      if (n == 0) break;
      for (ssize_t done = 0; done < n;) {
        ssize_t w =
            ::pwrite(out, buffer_.get() + done, static_cast<std::size_t>(n - done), out_off + done);
        if (w < 0 && errno == EINTR) continue;
        if (w < 0) {
          fail(name, errno_text());
          return false;
        }
        done += w;
      }
      in_off += n;
      out_off += n;
      length -= n;
    }
    return true;
  }

  static constexpr off_t kBuffer = 1 << 20;
  const TreeCopyOptions& opt_;
  CopyBudget& budget_;
  TreeCopyResult& result_;
  UniqueFd src_, dst_;
  std::vector<Frame> stack_;
  std::size_t counter_ = 0;
  bool plain_copy_ = false;
  std::unique_ptr<char[]> buffer_;
};

}  // namespace

TreeCopyResult copy_tree(int src_dir, int dst_dir, const TreeCopyOptions& options,
                         CopyBudget& budget) {
  TreeCopyResult result;
  TreeCopyOptions o = options;
  if (o.shard_count == 0) o.shard_count = 1;
  Copier(o, budget, result).run(src_dir, dst_dir);
  return result;
}

}  // namespace sagelint::runtime
