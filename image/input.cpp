#include "image/input.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <map>

#include "image/path.hpp"
#include "image/tar_members.hpp"

namespace sagelint::image {

std::optional<std::string> member_name(const std::string& raw) {
  auto n = normalize_path(raw);
  if (!n) return std::nullopt;
  return n->substr(1);
}

std::optional<std::string> Input::stream(const std::set<std::string>& names, const Visit& visit) {
  for (const auto& n : names) {
    auto r = open(n);
    if (!r) return n + ": missing";
    if (auto err = visit(n, *r)) return err;
  }
  return std::nullopt;
}

// Resolves symlinks and hard links between members (docker save links repeated layers).
const Member* resolve_member(const std::map<std::string, Member>& members, std::string name) {
  for (int hop = 0; hop < 8; ++hop) {
    auto it = members.find(name);
    if (it == members.end()) return nullptr;
    if (it->second.type != '1' && it->second.type != '2')
      return it->second.type == '0' ? &it->second : nullptr;
    name = it->second.link;
  }
  return nullptr;
}

void record_member(std::map<std::string, Member>& members, archive_entry* e, uint64_t offset) {
  const char* raw = archive_entry_pathname(e);
  if (!raw) return;
  auto name = member_name(raw);
  if (!name) return;  // escapes the archive root: never referenced by a valid image
  Member m;
  m.offset = offset;
  m.size = static_cast<uint64_t>(archive_entry_size(e));
  if (const char* hl = archive_entry_hardlink(e)) {
    m.type = '1';
    if (auto t = member_name(hl)) m.link = *t;
  } else {
    switch (archive_entry_filetype(e)) {
      case AE_IFREG: m.type = '0'; break;
      case AE_IFDIR: m.type = '5'; break;
      case AE_IFLNK: {
        m.type = '2';
        const char* target = archive_entry_symlink(e);
        std::string dir = parent_path("/" + *name);
        if (target) {
          if (auto t = normalize_path(target[0] == '/' ? std::string(target) : dir + "/" + target))
            m.link = t->substr(1);
        }
        break;
      }
      default: m.type = '?';
    }
  }
  members[*name] = std::move(m);
}

namespace {

InputError too_large(const std::string& name, uint64_t size, uint64_t cap) {
  return InputError{name + ": " + std::to_string(size) + " bytes, larger than the " +
                    std::to_string(cap) + "-byte limit"};
}

class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// A byte range of a file read with pread, so several layers of one archive can be
// read at once from different threads. Skips are free: the offset just moves.
class FileRangeReader : public ByteReader {
 public:
  FileRangeReader(std::shared_ptr<Fd> fd, uint64_t offset, uint64_t length,
                  std::atomic<uint64_t>& counter)
      : fd_(std::move(fd)), pos_(offset), end_(offset + length), counter_(counter) {}
  long read(void* buf, std::size_t n) override {
    if (pos_ >= end_) return 0;
    if (n > end_ - pos_) n = static_cast<std::size_t>(end_ - pos_);
    ssize_t got = ::pread(fd_->get(), buf, n, static_cast<off_t>(pos_));
    if (got < 0) {
      error_ = std::string("read failed: ") + std::strerror(errno);
      return -1;
    }
    if (got == 0) {
      error_ = "unexpected end of file";
      return -1;
    }
    pos_ += static_cast<uint64_t>(got);
    counter_ += static_cast<uint64_t>(got);
    return got;
  }
  bool seekable() const override { return true; }
  int64_t skip(int64_t n) override {
    if (n < 0) return -1;
    uint64_t step = std::min<uint64_t>(static_cast<uint64_t>(n), end_ - pos_);
    pos_ += step;
    return static_cast<int64_t>(step);
  }

 private:
  std::shared_ptr<Fd> fd_;
  uint64_t pos_, end_;
  std::atomic<uint64_t>& counter_;
};

std::string read_fd_all(int fd, uint64_t size) {
  std::string out(size, '\0');
  uint64_t done = 0;
  while (done < size) {
    ssize_t got = ::pread(fd, out.data() + done, size - done, static_cast<off_t>(done));
    if (got <= 0) {
      out.resize(done);
      break;
    }
    done += static_cast<uint64_t>(got);
  }
  return out;
}

// An OCI layout (or any directory of blobs).
class DirectoryInput : public Input {
 public:
  explicit DirectoryInput(std::string root) : root_(std::move(root)) {}
  bool has(const std::string& name) const override { return size_of(name).has_value(); }
  std::optional<uint64_t> size_of(const std::string& name) const override {
    struct stat st {};
    if (::stat(full(name).c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    return static_cast<uint64_t>(st.st_size);
  }
  std::variant<std::string, InputError> read_small(const std::string& name, uint64_t cap) override {
    Fd fd(::open(full(name).c_str(), O_RDONLY | O_CLOEXEC));
    struct stat st {};
    if (fd.get() < 0 || ::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode))
      return InputError{name + ": missing"};
    if (static_cast<uint64_t>(st.st_size) > cap)
      return too_large(name, static_cast<uint64_t>(st.st_size), cap);
    bytes_read += static_cast<uint64_t>(st.st_size);
    return read_fd_all(fd.get(), static_cast<uint64_t>(st.st_size));
  }
  bool random_access() const override { return true; }
  std::unique_ptr<ByteReader> open(const std::string& name) override {
    auto fd = std::make_shared<Fd>(::open(full(name).c_str(), O_RDONLY | O_CLOEXEC));
    struct stat st {};
    if (fd->get() < 0 || ::fstat(fd->get(), &st) != 0 || !S_ISREG(st.st_mode)) return nullptr;
    return std::make_unique<FileRangeReader>(fd, 0, static_cast<uint64_t>(st.st_size), bytes_read);
  }
  std::string kind() const override { return "directory"; }

 private:
  std::string full(const std::string& name) const { return root_ + "/" + name; }
  std::string root_;
};

uint64_t parse_tar_number(const unsigned char* f, std::size_t n) {
  if (f[0] & 0x80) {  // base-256
    uint64_t v = 0;
    for (std::size_t i = 1; i < n; ++i) v = (v << 8) | f[i];
    return v;
  }
  uint64_t v = 0;
  std::size_t i = 0;
  while (i < n && (f[i] == ' ' || f[i] == 0)) ++i;
  for (; i < n && f[i] >= '0' && f[i] <= '7'; ++i) v = v * 8 + (f[i] - '0');
  return v;
}

// Where the data of the entry whose first header starts at pos begins: skip the
// pax / GNU long-name headers that precede the real header.
std::optional<uint64_t> data_offset(int fd, uint64_t pos, uint64_t file_size) {
  unsigned char h[512];
  for (int i = 0; i < 16; ++i) {
    if (pos + 512 > file_size || ::pread(fd, h, 512, static_cast<off_t>(pos)) != 512)
      return std::nullopt;
    char type = static_cast<char>(h[156]);
    if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
      uint64_t sz = parse_tar_number(h + 124, 12);
      pos += 512 + ((sz + 511) / 512) * 512;
      continue;
    }
    return pos + 512;
  }
  return std::nullopt;
}

la_ssize_t fd_read_cb(archive*, void* data, const void** buf);
la_int64_t fd_skip_cb(archive*, void* data, la_int64_t n);
la_int64_t fd_seek_cb(archive*, void* data, la_int64_t off, int whence);

struct FdCursor {
  int fd;
  uint64_t size;
  std::atomic<uint64_t>* counter;
  std::vector<char> buf = std::vector<char>(64 * 1024UL);
};

la_ssize_t fd_read_cb(archive*, void* data, const void** buf) {
  auto* c = static_cast<FdCursor*>(data);
  ssize_t got = ::read(c->fd, c->buf.data(), c->buf.size());
  if (got > 0) *c->counter += static_cast<uint64_t>(got);
  *buf = c->buf.data();
  return got;
}
la_int64_t fd_skip_cb(archive*, void* data, la_int64_t n) {
  auto* c = static_cast<FdCursor*>(data);
  off_t cur = ::lseek(c->fd, 0, SEEK_CUR);
  if (cur < 0) return 0;
  off_t to = std::min<off_t>(cur + n, static_cast<off_t>(c->size));
  if (::lseek(c->fd, to, SEEK_SET) < 0) return 0;
  return to - cur;
}
la_int64_t fd_seek_cb(archive*, void* data, la_int64_t off, int whence) {
  auto* c = static_cast<FdCursor*>(data);
  return ::lseek(c->fd, off, whence);
}

// An uncompressed tar: one pass over the headers (seeking past the data) builds a
// name -> offset index; members are then read in place with pread.
class TarInput : public Input {
 public:
  static std::variant<std::unique_ptr<Input>, std::string> index(const std::string& path,
                                                                 uint64_t size) {
    auto in = std::unique_ptr<TarInput>(new TarInput());
    in->total_bytes = size;
    in->fd_ = std::make_shared<Fd>(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (in->fd_->get() < 0) return path + ": " + std::strerror(errno);
    FdCursor cur{in->fd_->get(), size, &in->bytes_read};
    archive* a = archive_read_new();
    archive_read_support_format_tar(a);
    archive_read_support_format_gnutar(a);
    archive_read_set_read_callback(a, fd_read_cb);
    archive_read_set_skip_callback(a, fd_skip_cb);
    archive_read_set_seek_callback(a, fd_seek_cb);
    archive_read_set_callback_data(a, &cur);
    std::string err;
    if (archive_read_open1(a) != ARCHIVE_OK) {
      err = path + ": not a tar archive (" +
            std::string(archive_error_string(a) ? archive_error_string(a) : "?") + ")";
    } else {
      archive_entry* e = nullptr;
      for (;;) {
        int r = archive_read_next_header(a, &e);
        if (r == ARCHIVE_EOF) break;
        if (r < ARCHIVE_WARN) {
          err = path + ": " +
                (archive_error_string(a) ? archive_error_string(a) : "unreadable tar header");
          break;
        }
        auto pos = static_cast<uint64_t>(archive_read_header_position(a));
        uint64_t off = 0;
        if (archive_entry_filetype(e) == AE_IFREG && !archive_entry_hardlink(e)) {
          auto d = data_offset(in->fd_->get(), pos, size);
          if (!d || *d + static_cast<uint64_t>(archive_entry_size(e)) > size) {
            err = path + ": truncated tar member " +
                  std::string(archive_entry_pathname(e) ? archive_entry_pathname(e) : "");
            break;
          }
          off = *d;
        }
        record_member(in->members_, e, off);
        archive_read_data_skip(a);
      }
    }
    archive_read_free(a);
    if (!err.empty()) return err;
    return std::unique_ptr<Input>(std::move(in));
  }

  bool has(const std::string& name) const override {
    return resolve_member(members_, name) != nullptr;
  }
  std::optional<uint64_t> size_of(const std::string& name) const override {
    auto m = resolve_member(members_, name);
    if (!m) return std::nullopt;
    return m->size;
  }
  std::variant<std::string, InputError> read_small(const std::string& name, uint64_t cap) override {
    auto m = resolve_member(members_, name);
    if (!m) return InputError{name + ": missing"};
    if (m->size > cap) return too_large(name, m->size, cap);
    std::string out(m->size, '\0');
    FileRangeReader r(fd_, m->offset, m->size, bytes_read);
    std::size_t done = 0;
    while (done < out.size()) {
      long got = r.read(out.data() + done, out.size() - done);
      if (got <= 0) return InputError{name + ": " + r.error()};
      done += static_cast<std::size_t>(got);
    }
    return out;
  }
  bool random_access() const override { return true; }
  std::unique_ptr<ByteReader> open(const std::string& name) override {
    auto m = resolve_member(members_, name);
    if (!m) return nullptr;
    return std::make_unique<FileRangeReader>(fd_, m->offset, m->size, bytes_read);
  }
  std::string kind() const override { return "tar"; }

 private:
  TarInput() = default;
  std::shared_ptr<Fd> fd_;
  std::map<std::string, Member> members_;
};

// Reads the data of the current entry of an outer archive.
class ArchiveEntryReader : public ByteReader {
 public:
  explicit ArchiveEntryReader(archive* a) : a_(a) {}
  long read(void* buf, std::size_t n) override {
    la_ssize_t got = archive_read_data(a_, buf, n);
    if (got < 0) {
      error_ = archive_error_string(a_) ? archive_error_string(a_) : "read error";
      return -1;
    }
    return static_cast<long>(got);
  }

 private:
  archive* a_;
};

// A compressed tar cannot be read in place. Pass 1 keeps the small JSON members in
// memory; stream() runs pass 2 and hands each wanted member to the caller in order.
class CompressedTarInput : public Input {
 public:
  static std::variant<std::unique_ptr<Input>, std::string> index(const std::string& path,
                                                                 uint64_t size) {
    auto in = std::unique_ptr<CompressedTarInput>(new CompressedTarInput());
    in->path_ = path;
    in->total_bytes = size;
    std::string err = in->walk(
        [&](archive* a, archive_entry* e, const std::string& name) -> std::optional<std::string> {
          record_member(in->members_, e, 0);
          const Member& m = in->members_[name];
          if (m.type != '0' || m.size > kMaxJsonBytes) return std::nullopt;
          char first[512];
          la_ssize_t got = archive_read_data(a, first, sizeof first);
          if (got < 0)
            return std::string(archive_error_string(a) ? archive_error_string(a) : "read error");
          std::size_t i = 0;
          while (i < static_cast<std::size_t>(got) &&
                 std::isspace(static_cast<unsigned char>(first[i])))
            ++i;
          bool json = i < static_cast<std::size_t>(got) && (first[i] == '{' || first[i] == '[');
          if (!json && name != "oci-layout") return std::nullopt;
          if (in->spooled_bytes_ + m.size > 4 * kMaxJsonBytes)
            return std::string("too much JSON metadata in archive");
          std::string data(first, static_cast<std::size_t>(got));
          char buf[65536];
          while ((got = archive_read_data(a, buf, sizeof buf)) > 0)
            data.append(buf, static_cast<std::size_t>(got));
          if (got < 0)
            return std::string(archive_error_string(a) ? archive_error_string(a) : "read error");
          in->spooled_bytes_ += data.size();
          in->spooled_[name] = std::move(data);
          return std::nullopt;
        });
    if (!err.empty()) return err;
    return std::unique_ptr<Input>(std::move(in));
  }

  bool has(const std::string& name) const override {
    return resolve_member(members_, name) != nullptr;
  }
  std::optional<uint64_t> size_of(const std::string& name) const override {
    auto m = resolve_member(members_, name);
    if (!m) return std::nullopt;
    return m->size;
  }
  std::variant<std::string, InputError> read_small(const std::string& name, uint64_t cap) override {
    auto m = resolve_member(members_, name);
    if (!m) return InputError{name + ": missing"};
    if (m->size > cap) return too_large(name, m->size, cap);
    for (const auto& [n, mm] : members_)
      if (&mm == m) {
        auto it = spooled_.find(n);
        if (it != spooled_.end()) return it->second;
      }
    return InputError{name + ": not a JSON document"};
  }
  bool random_access() const override { return false; }
  std::unique_ptr<ByteReader> open(const std::string&) override { return nullptr; }
  std::optional<std::string> stream(const std::set<std::string>& names,
                                    const Visit& visit) override {
    // Wanted names may be links: map each to the member that holds the data.
    std::map<std::string, std::vector<std::string>> by_member;
    for (const auto& n : names) {
      auto m = resolve_member(members_, n);
      if (!m) return n + ": missing";
      for (const auto& [mn, mm] : members_)
        if (&mm == m) by_member[mn].push_back(n);
    }
    std::optional<std::string> visit_err;
    std::string err = walk(
        [&](archive* a, archive_entry*, const std::string& name) -> std::optional<std::string> {
          auto it = by_member.find(name);
          if (it == by_member.end() || it->second.empty()) return std::nullopt;
          ArchiveEntryReader r(a);
          // A member referenced under several names is visited once; the caller shares the result.
          visit_err = visit(it->second.front(), r);
          if (visit_err) return visit_err;
          by_member.erase(it);
          return std::nullopt;
        });
    if (!err.empty()) return err;
    if (!by_member.empty()) return by_member.begin()->first + ": missing";
    return std::nullopt;
  }
  std::string kind() const override { return "compressed tar"; }

 private:
  CompressedTarInput() = default;
  // One pass over the archive; on_entry returns an error to stop.
  std::string walk(const std::function<std::optional<std::string>(archive*, archive_entry*,
                                                                  const std::string&)>& on_entry) {
    Fd fd(::open(path_.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) return path_ + ": " + std::strerror(errno);
    FdCursor cur{fd.get(), total_bytes, &bytes_read};
    archive* a = archive_read_new();
    archive_read_support_filter_all(a);
    archive_read_support_format_tar(a);
    archive_read_support_format_gnutar(a);
    archive_read_set_read_callback(a, fd_read_cb);
    archive_read_set_callback_data(a, &cur);
    std::string err;
    if (archive_read_open1(a) != ARCHIVE_OK) {
      err = path_ + ": not a compressed tar archive";
    } else {
      archive_entry* e = nullptr;
      for (;;) {
        int r = archive_read_next_header(a, &e);
        if (r == ARCHIVE_EOF) break;
        if (r < ARCHIVE_WARN) {
          err = path_ + ": " +
                (archive_error_string(a) ? archive_error_string(a) : "unreadable archive");
          break;
        }
        const char* raw = archive_entry_pathname(e);
        auto name = raw ? member_name(raw) : std::nullopt;
        if (name) {
          if (auto stop = on_entry(a, e, *name)) {
            err = *stop;
            break;
          }
        }
        if (archive_read_data_skip(a) < ARCHIVE_WARN) {
          err = path_ + ": " +
                (archive_error_string(a) ? archive_error_string(a) : "unreadable archive");
          break;
        }
      }
    }
    archive_read_free(a);
    return err;
  }

  std::string path_;
  std::map<std::string, Member> members_;
  std::map<std::string, std::string> spooled_;
  uint64_t spooled_bytes_ = 0;
};

bool has_magic(const unsigned char* b, std::size_t n, std::initializer_list<unsigned char> magic) {
  if (n < magic.size()) return false;
  std::size_t i = 0;
  for (auto m : magic)
    if (b[i++] != m) return false;
  return true;
}

}  // namespace

std::variant<std::unique_ptr<Input>, std::string> open_input(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return path + ": " + std::strerror(errno);
  if (S_ISDIR(st.st_mode)) {
    auto in = std::make_unique<DirectoryInput>(path);
    return std::unique_ptr<Input>(std::move(in));
  }
  if (!S_ISREG(st.st_mode)) return path + ": not a regular file or directory";
  unsigned char head[8] = {};
  {
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) return path + ": " + std::strerror(errno);
    ssize_t got = ::pread(fd.get(), head, sizeof head, 0);
    if (got < 0) return path + ": " + std::strerror(errno);
    auto n = static_cast<std::size_t>(got);
    bool compressed = has_magic(head, n, {0x1f, 0x8b}) ||
                      has_magic(head, n, {0x28, 0xb5, 0x2f, 0xfd}) ||
                      has_magic(head, n, {0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00}) ||
                      has_magic(head, n, {0x42, 0x5a, 0x68});
    if (compressed) return CompressedTarInput::index(path, static_cast<uint64_t>(st.st_size));
  }
  return TarInput::index(path, static_cast<uint64_t>(st.st_size));
}

}  // namespace sagelint::image
