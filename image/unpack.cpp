// unpack_rootfs: apply the layers in order to a directory. Every path is resolved
// from an fd of dest_dir with no symlink allowed on the way (openat2 RESOLVE_BENEATH |
// RESOLVE_NO_SYMLINKS in one call, else component by component with O_NOFOLLOW), so no
// entry, link or whiteout can reach outside it; trees are removed iteratively.
#include "image/unpack.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <set>
#include <vector>

#include "image/hostfs.hpp"
#include "image/layer_scan.hpp"
#include "image/path.hpp"
#include "image/prepare.hpp"

namespace sagelint::image {

namespace {

std::string sys_error(const std::string& what) { return what + ": " + std::strerror(errno); }

using hostfs::UniqueFd;

// Removes name (a whole tree when it is a directory) below dirfd, never following links.
bool remove_at(int dirfd, const std::string& name) {
  return hostfs::remove_tree_at(dirfd, name).empty();
}

class Applier {
 public:
  Applier(int root, bool chown_owners, unsigned id_base, unsigned id_range)
      : root_(root), chown_(chown_owners), id_base_(id_base), id_range_(id_range) {}

  void begin_layer() {
    created_.clear();
    forget_parent();
  }

  std::optional<std::string> entry(archive* a, archive_entry* e) {
    const char* raw = archive_entry_pathname(e);
    if (!raw) return std::string("entry with an unreadable name");
    auto path = normalize_path(raw);
    if (!path) return "entry " + std::string(raw) + " escapes the root";
    auto wh = classify_whiteout(*path);
    switch (wh.kind) {
      case WhiteoutKind::aufs_metadata: return std::nullopt;
      case WhiteoutKind::invalid: return "invalid whiteout " + *path + " (no name after .wh.)";
      case WhiteoutKind::opaque: return opaque(wh.target);
      case WhiteoutKind::whiteout: return whiteout(wh.target);
      case WhiteoutKind::none: break;
    }
    if (*path == "/") {
      dir_modes_[*path] = static_cast<mode_t>(archive_entry_perm(e));
      return std::nullopt;
    }
    auto type = archive_entry_filetype(e);
    const char* hardlink = archive_entry_hardlink(e);
    if (!hardlink && (type == AE_IFCHR || type == AE_IFBLK))
      return "device node " + *path + " refused";
    if (!hardlink && type == AE_IFSOCK)
      return std::nullopt;  // sockets cannot be unpacked, tar skips them too

    auto parent = open_parent(*path);
    if (auto* err = std::get_if<std::string>(&parent)) return *err;
    int pfd = std::get<int>(parent);
    std::string base(base_name(*path));
    const mode_t mode = static_cast<mode_t>(archive_entry_perm(e));

    struct stat st {};
    bool exists = ::fstatat(pfd, base.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0;
    bool is_dir_entry = !hardlink && type == AE_IFDIR;
    if (exists && !(is_dir_entry && S_ISDIR(st.st_mode))) {
      if (S_ISDIR(st.st_mode)) forget_parent();
      if (!remove_at(pfd, base)) return sys_error("cannot replace " + *path);
      exists = false;
    }
    created_.insert(*path);

    if (hardlink) {
      auto target = normalize_path(hardlink);
      if (!target) return "hard link " + *path + " points outside the root (" + hardlink + ")";
      auto tparent = open_dir(parent_path(*target), false);
      if (std::holds_alternative<std::string>(tparent))
        return "hard link " + *path + ": target " + *target + " missing";
      UniqueFd tfd(std::get<int>(tparent));
      std::string tbase(base_name(*target));
      struct stat tst {};
      if (::fstatat(tfd.get(), tbase.c_str(), &tst, AT_SYMLINK_NOFOLLOW) != 0)
        return "hard link " + *path + ": target " + *target + " missing";
      if (S_ISDIR(tst.st_mode)) return "hard link " + *path + " to a directory refused";
      if (::linkat(tfd.get(), tbase.c_str(), pfd, base.c_str(), 0) != 0)
        return sys_error("cannot link " + *path);
      return std::nullopt;
    }
    switch (type) {
      case AE_IFDIR:
        if (!exists && ::mkdirat(pfd, base.c_str(), 0700) != 0)
          return sys_error("cannot create " + *path);
        dir_modes_[*path] =
            mode;  // applied at the end, so read-only directories can still be filled
        owners(pfd, base, e);
        return std::nullopt;
      case AE_IFLNK: {
        // Never followed while unpacking, so any target (absolute or ../) stays harmless.
        const char* target = archive_entry_symlink(e);
        if (::symlinkat(target ? target : "", pfd, base.c_str()) != 0)
          return sys_error("cannot create " + *path);
        owners(pfd, base, e);
        return std::nullopt;
      }
      case AE_IFIFO:
        if (::mkfifoat(pfd, base.c_str(), mode) != 0) return sys_error("cannot create " + *path);
        owners(pfd, base, e);
        return std::nullopt;
      case AE_IFREG: return write_file(a, e, pfd, base, *path, mode);
      default: return "entry " + *path + " of an unknown type refused";
    }
  }

  // Directory modes last: a directory unpacked read-only early must still take its children.
  std::optional<std::string> finish() {
    forget_parent();
    for (auto it = dir_modes_.rbegin(); it != dir_modes_.rend(); ++it) {
      if (it->first == "/") {
        ::fchmod(root_, it->second);
        continue;
      }
      auto dir = open_dir(it->first, false);
      if (auto* fd = std::get_if<int>(&dir)) {
        ::fchmod(*fd, it->second);
        ::close(*fd);
      }
    }
    return std::nullopt;
  }

 private:
  std::optional<std::string> write_file(archive* a, archive_entry* e, int pfd,
                                        const std::string& base, const std::string& path,
                                        mode_t mode) {
    UniqueFd fd(
        ::openat(pfd, base.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (fd.get() < 0) return sys_error("cannot create " + path);
    const void* buf = nullptr;
    size_t size = 0;
    la_int64_t offset = 0;
    for (;;) {
      int r = archive_read_data_block(a, &buf, &size, &offset);
      if (r == ARCHIVE_EOF) break;
      if (r < ARCHIVE_WARN)
        return std::string(archive_error_string(a) ? archive_error_string(a) : "read error");
      const char* p = static_cast<const char*>(buf);
      while (size > 0) {
        ssize_t w = ::pwrite(fd.get(), p, size, static_cast<off_t>(offset));
        if (w < 0) return sys_error("cannot write " + path);
        p += w;
        size -= static_cast<size_t>(w);
        offset += w;
      }
    }
    if (::ftruncate(fd.get(), archive_entry_size(e)) != 0)
      return sys_error("cannot write " + path);  // sparse files may end in a hole
    if (chown_) (void)::fchown(fd.get(), owner(archive_entry_uid(e)), owner(archive_entry_gid(e)));
    ::fchmod(fd.get(), mode);  // after chown, which clears setuid bits
    return std::nullopt;
  }

  void owners(int pfd, const std::string& base, archive_entry* e) {
    if (chown_)
      (void)::fchownat(pfd, base.c_str(), owner(archive_entry_uid(e)), owner(archive_entry_gid(e)),
                       AT_SYMLINK_NOFOLLOW);
  }

  // The tar's owner, shifted into the user namespace's range with --userns.
  unsigned owner(la_int64_t id) const {
    if (id_range_ == 0) return static_cast<unsigned>(id);
    if (id < 0 || id >= static_cast<la_int64_t>(id_range_)) return id_base_ + 65534;
    return id_base_ + static_cast<unsigned>(id);
  }

  // Opens dir below the root one component at a time; missing components are created
  // when create is set; a symlink or non-directory on the way is an error.
  std::variant<int, std::string> open_dir(const std::string& dir, bool create) {
    if (hostfs::have_openat2()) {
      // One call for the whole path; only a missing directory needs the walk below.
      int fast =
          hostfs::open_beneath(root_, dir, O_RDONLY | O_DIRECTORY, hostfs::Resolve::no_symlinks);
      if (fast >= 0) return fast;
      if (errno == ELOOP || errno == ENOTDIR || errno == EXDEV)
        return dir + " is a symlink or not a directory; refusing to write through it";
      if (errno != ENOENT || !create) return sys_error("cannot open " + dir);
    }
    int fd = ::fcntl(root_, F_DUPFD_CLOEXEC, 0);
    if (fd < 0) return sys_error("dup");
    std::size_t i = 1;
    while (i < dir.size()) {
      std::size_t j = dir.find('/', i);
      if (j == std::string::npos) j = dir.size();
      std::string comp = dir.substr(i, j - i);
      int next = ::openat(fd, comp.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (next < 0 && errno == ENOENT && create) {
        if (::mkdirat(fd, comp.c_str(), 0755) != 0 && errno != EEXIST) {
          ::close(fd);
          return sys_error("cannot create " + dir.substr(0, j));
        }
        next = ::openat(fd, comp.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      }
      ::close(fd);
      if (next < 0) {
        if (errno == ELOOP || errno == ENOTDIR)
          return dir.substr(0, j) +
                 " is a symlink or not a directory; refusing to write through it";
        return sys_error("cannot open " + dir.substr(0, j));
      }
      fd = next;
      i = j + 1;
    }
    return fd;
  }

  std::variant<int, std::string> open_parent(const std::string& path) {
    std::string parent = parent_path(path);
    if (parent_fd_.get() >= 0 && parent == parent_path_) return parent_fd_.get();
    auto r = open_dir(parent, true);
    if (auto* fd = std::get_if<int>(&r)) {
      parent_fd_ = UniqueFd(*fd);
      parent_path_ = parent;
      return parent_fd_.get();
    }
    return r;
  }

  void forget_parent() {
    parent_fd_.reset();
    parent_path_.clear();
  }

  // Lower layers' content below dir goes; what this layer already put there stays.
  std::optional<std::string> opaque(const std::string& dir) {
    forget_parent();
    auto d = open_dir(dir, false);
    if (std::holds_alternative<std::string>(d)) return std::nullopt;  // nothing below to hide
    return clear_lower(std::get<int>(d), dir);
  }

  // Depth first with an explicit stack: only directories this layer created are
  // entered (everything else below `dir` is removed), so depth costs no recursion.
  std::optional<std::string> clear_lower(int fd, const std::string& dir) {
    struct Pending {
      UniqueFd fd;
      std::string path;
    };
    std::vector<Pending> stack;
    stack.push_back({UniqueFd(fd), dir});
    while (!stack.empty()) {
      Pending cur = std::move(stack.back());
      stack.pop_back();
      DIR* d = ::fdopendir(::dup(cur.fd.get()));
      if (!d) return sys_error("cannot read " + cur.path);
      std::vector<std::string> names;
      while (dirent* de = ::readdir(d)) {
        std::string n = de->d_name;
        if (n != "." && n != "..") names.push_back(n);
      }
      ::closedir(d);
      for (const auto& n : names) {
        std::string child = cur.path == "/" ? "/" + n : cur.path + "/" + n;
        if (!created_.count(child)) {
          if (!remove_at(cur.fd.get(), n)) return sys_error("cannot remove " + child);
          continue;
        }
        int sub =
            ::openat(cur.fd.get(), n.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (sub >= 0) stack.push_back({UniqueFd(sub), child});
      }
    }
    return std::nullopt;
  }

  std::optional<std::string> whiteout(const std::string& path) {
    if (created_.count(path)) return std::nullopt;  // only lower layers are hidden
    forget_parent();
    auto parent = open_dir(parent_path(path), false);
    if (std::holds_alternative<std::string>(parent)) return std::nullopt;
    UniqueFd fd(std::get<int>(parent));
    if (!remove_at(fd.get(), std::string(base_name(path))))
      return sys_error("cannot remove " + path);
    return std::nullopt;
  }

  int root_;
  bool chown_;
  unsigned id_base_ = 0;
  unsigned id_range_ = 0;
  std::set<std::string> created_;
  std::map<std::string, mode_t> dir_modes_;
  UniqueFd parent_fd_;
  std::string parent_path_;
};

}  // namespace

namespace {
template <typename Prepare>
std::optional<std::string> unpack_prepared(Prepare prepare, const std::string& dest_dir,
                                           const UnpackOptions& options) {
  try {
    auto prepared = prepare();
    if (auto* err = std::get_if<std::string>(&prepared)) return *err;
    PreparedImage& image = std::get<PreparedImage>(prepared);
    if (::mkdir(dest_dir.c_str(), 0755) != 0 && errno != EEXIST)
      return sys_error("cannot create " + dest_dir);
    UniqueFd root(::open(dest_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (root.get() < 0) return sys_error("cannot open " + dest_dir);
    Applier apply(root.get(), options.keep_owners && ::geteuid() == 0, options.id_base,
                  options.id_range);
    const bool verify = options.read.verify;
    for (std::size_t i = 0; i < image.ref.layers.size(); ++i) {
      const LayerRef& lr = image.ref.layers[i];
      apply.begin_layer();
      auto one_layer = [&](const std::string&, ByteReader& r) -> std::optional<std::string> {
        std::string compression, blob_digest, diff_id;
        auto err = walk_layer(
            r, verify,
            [&](archive* a, archive_entry* e) -> std::optional<std::string> {
              if (options.cancelled && options.cancelled()) return std::string("interrupted");
              return apply.entry(a, e);
            },
            &compression, &blob_digest, &diff_id, /*mostly_headers=*/false);
        if (err) return layer_label(i, lr) + ": " + *err;
        if (verify) return check_layer_digests(image, i, blob_digest, diff_id);
        return std::nullopt;
      };
      std::optional<std::string> err;
      if (image.input->random_access()) {
        auto reader = image.input->open(lr.blob);
        if (!reader) return layer_label(i, lr) + ": blob " + lr.blob + " missing";
        err = one_layer(lr.blob, *reader);
      } else {
        err = image.input->stream({lr.blob}, one_layer);  // layers in order, one pass each
      }
      if (err) return err;
    }
    return apply.finish();
  } catch (const std::exception& ex) {
    return std::string(ex.what());
  }
}
}  // namespace

std::optional<std::string> unpack_rootfs(const std::string& source, const std::string& dest_dir,
                                         const UnpackOptions& options) {
  return unpack_prepared([&] { return prepare_image(source, options.read); }, dest_dir, options);
}

std::optional<std::string> unpack_rootfs(std::shared_ptr<Input> input, const std::string& dest_dir,
                                         const UnpackOptions& options) {
  return unpack_prepared([&] { return prepare_image(std::move(input), options.read); }, dest_dir,
                         options);
}

}  // namespace sagelint::image
