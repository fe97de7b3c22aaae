// copy_tree on trees a container controls: what is copied, what is dropped and said so,
// links never followed on either side, holes kept, the budget, depth, shards, merging.
#include "runtime/tree_copy.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "image/hostfs.hpp"
#include "tests/support/skip.hpp"

using namespace sagelint::runtime;
using sagelint::hostfs::UniqueFd;
namespace fs = std::filesystem;

namespace {

struct Dirs {
  fs::path base, src, dst;
  Dirs() {
    std::string t = (fs::temp_directory_path() / "sagelint-copy-test-XXXXXX").string();
    base = mkdtemp(t.data());
    src = base / "src";
    dst = base / "dst";
    fs::create_directories(src);
    fs::create_directories(dst);
  }
  ~Dirs() { sagelint::hostfs::remove_tree(base.string()); }
  void write(const fs::path& rel, const std::string& text, mode_t mode = 0644) const {
    fs::create_directories((src / rel).parent_path());
    std::ofstream(src / rel, std::ios::binary) << text;
    ::chmod((src / rel).c_str(), mode);
  }
  TreeCopyResult copy(const TreeCopyOptions& o = {}, CopyBudget budget = {}) const {
    UniqueFd s(::open(src.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    UniqueFd d(::open(dst.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    REQUIRE(s);
    REQUIRE(d);
    return copy_tree(s.get(), d.get(), o, budget);
  }
};

std::string text_of(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

std::string notes_text(const TreeCopyResult& r) {
  std::string out;
  for (const auto& n : r.notes)
    out += std::string(to_string(n.action)) + " " + n.path + ": " + n.detail + "\n";
  return out;
}

}  // namespace

TEST_CASE("copy_tree: files, directories and modes; special bits and special files noted") {
  Dirs d;
  d.write("a.txt", "alpha", 0640);
  d.write("sub/deeper/b.bin", std::string("\0\1\2", 3), 0755);
  d.write("suid", "s", 04755);
  d.write("sgid", "g", 02711);
  fs::create_directories(d.src / "sticky");
  ::chmod((d.src / "sticky").c_str(), 01777);
  REQUIRE(::mkfifo((d.src / "pipe").c_str(), 0644) == 0);
  auto r = d.copy();
  REQUIRE_FALSE(r.error);
  CHECK(r.files == 4);
  CHECK(r.bytes == 5 + 3 + 1 + 1);
  CHECK(text_of(d.dst / "a.txt") == "alpha");
  CHECK(text_of(d.dst / "sub/deeper/b.bin") == std::string("\0\1\2", 3));
  CHECK((fs::status(d.dst / "a.txt").permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
  struct stat st {};
  REQUIRE(::stat((d.dst / "suid").c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0755);
  REQUIRE(::stat((d.dst / "sgid").c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0711);
  REQUIRE(::stat((d.dst / "sticky").c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0777);
  CHECK_FALSE(fs::exists(fs::symlink_status(d.dst / "pipe")));
  CHECK(notes_text(r) ==
        "Dropped pipe: a FIFO is not copied\n"
        "ModeChanged sgid: setgid bit removed\n"
        "ModeChanged sticky: sticky bit removed\n"
        "ModeChanged suid: setuid bit removed\n");
}

// Root-only cases (mknod of a device, chown to another uid) run with the runc tests, which
// need root too.
TEST_SUITE_BEGIN("needs-runc");
TEST_CASE("copy_tree: device nodes and sockets are dropped, never recreated") {
  SKIP_IF_MISSING("runc", geteuid() == 0 ? "" : "mknod of a device needs root");
  Dirs d;
  REQUIRE(::mknod((d.src / "null").c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0);
  REQUIRE(::mknod((d.src / "sock").c_str(), S_IFSOCK | 0666, 0) == 0);
  auto r = d.copy();
  REQUIRE_FALSE(r.error);
  CHECK(fs::is_empty(d.dst));
  CHECK(notes_text(r) ==
        "Dropped null: a character device is not copied\n"
        "Dropped sock: a socket is not copied\n");
}

TEST_SUITE_END();

TEST_CASE("copy_tree: links are copied as links or noted, never followed") {
  Dirs d;
  fs::create_directories(d.base / "host");
  std::ofstream(d.base / "host" / "secret") << "host secret";
  fs::create_symlink(d.base / "host" / "secret", d.src / "abs");
  fs::create_symlink("../../host", d.src / "dirlink");
  d.write("real", "r");
  SUBCASE("outputs: not copied, each noted with its target") {
    auto r = d.copy();
    REQUIRE_FALSE(r.error);
    CHECK(r.files == 1);
    CHECK_FALSE(fs::exists(fs::symlink_status(d.dst / "abs")));
    CHECK_FALSE(fs::exists(fs::symlink_status(d.dst / "dirlink")));
    CHECK(notes_text(r) == "SymlinkNotCopied abs: -> " + (d.base / "host" / "secret").string() +
                               "\nSymlinkNotCopied dirlink: -> ../../host\n");
  }
  SUBCASE("inputs: copied as links, their targets untouched and unread") {
    TreeCopyOptions o;
    o.keep_symlinks = true;
    auto r = d.copy(o);
    REQUIRE_FALSE(r.error);
    CHECK(r.files == 3);
    CHECK(fs::read_symlink(d.dst / "abs") == d.base / "host" / "secret");
    CHECK(fs::read_symlink(d.dst / "dirlink") == "../../host");
    CHECK(r.bytes == 1);  // only "real": the linked secret was not read
  }
}

TEST_CASE("copy_tree: a link planted in the destination is never written through") {
  Dirs d;
  fs::create_directories(d.base / "victim");
  std::ofstream(d.base / "victim" / "passwd") << "host passwd";
  fs::create_symlink(d.base / "victim" / "passwd", d.dst / "passwd");
  fs::create_symlink(d.base / "victim", d.dst / "model");
  SUBCASE("a file where a link is: refused without merge") {
    d.write("passwd", "container data");
    auto r = d.copy();
    REQUIRE(r.error);  // O_EXCL: the link is there, nothing is opened through it
    CHECK(r.error_path == "passwd");
  }
  SUBCASE("a file where a link is, merging: the link is replaced, never followed") {
    d.write("passwd", "container data");
    TreeCopyOptions o;
    o.merge = true;
    auto r = d.copy(o);
    REQUIRE_FALSE(r.error);
    CHECK(fs::is_regular_file(fs::symlink_status(d.dst / "passwd")));
    CHECK(text_of(d.dst / "passwd") == "container data");
  }
  SUBCASE("a directory where a link to a directory is, merging: the copy stops there") {
    d.write("model/weights", "w");
    TreeCopyOptions o;
    o.merge = true;
    auto r = d.copy(o);
    REQUIRE(r.error);
    CHECK(r.error_path == "model");
    CHECK(*r.error == "an earlier host's file of this name is in the way of a directory");
  }
  CHECK(text_of(d.base / "victim" / "passwd") == "host passwd");
  CHECK_FALSE(fs::exists(d.base / "victim" / "weights"));
}

TEST_CASE("copy_tree: holes stay holes; the budget counts data, not apparent size") {
  Dirs d;
  d.write("sparse", "");
  {
    int fd = ::open((d.src / "sparse").c_str(), O_WRONLY);
    REQUIRE(::pwrite(fd, "end", 3, (4ll << 30)) == 3);  // 4 GiB of hole, then 3 bytes
    ::close(fd);
  }
  d.write("data", std::string(100000, 'x'));
  SUBCASE("within the budget") {
    CopyBudget budget;
    budget.max_bytes = 200000;
    auto r = d.copy({}, budget);
    REQUIRE_FALSE(r.error);
    struct stat st {};
    REQUIRE(::stat((d.dst / "sparse").c_str(), &st) == 0);
    CHECK(st.st_size == (4ll << 30) + 3);
    CHECK(st.st_blocks * 512 < (1 << 20));
    char tail[4] = {0};
    int fd = ::open((d.dst / "sparse").c_str(), O_RDONLY);
    CHECK(::pread(fd, tail, 3, 4ll << 30) == 3);
    ::close(fd);
    CHECK(std::string(tail) == "end");
    CHECK(r.bytes < 200000);
  }
  SUBCASE("over the budget: the copy stops and says so") {
    CopyBudget budget;
    budget.max_bytes = 50000;
    auto r = d.copy({}, budget);
    REQUIRE(r.error);
    CHECK(r.over_budget);
    CHECK(r.error_path == "data");
    CHECK(*r.error == "the copy would exceed its size limit of 50000 bytes");
  }
}

TEST_CASE("copy_tree: a tree deeper than PATH_MAX is copied with constant stack and fds") {
  Dirs d;
  const std::string name(200, 'n');
  const int depth = 300;  // 60 kB of path
  {
    UniqueFd cur(::open(d.src.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    for (int i = 0; i < depth; ++i) {
      REQUIRE(::mkdirat(cur.get(), name.c_str(), 0755) == 0);
      cur.reset(::openat(cur.get(), name.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
      REQUIRE(cur);
    }
    int f = ::openat(cur.get(), "bottom", O_WRONLY | O_CREAT, 0644);
    REQUIRE(::write(f, "deep", 4) == 4);
    ::close(f);
  }
  auto r = d.copy();
  REQUIRE_FALSE(r.error);
  CHECK(r.files == 1);
  UniqueFd cur(::open(d.dst.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  for (int i = 0; i < depth && cur; ++i)
    cur.reset(::openat(cur.get(), name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  REQUIRE(cur);
  UniqueFd f(::openat(cur.get(), "bottom", O_RDONLY | O_CLOEXEC));
  char text[8] = {0};
  CHECK(::read(f.get(), text, sizeof text) == 4);
  CHECK(std::string(text) == "deep");
}

TEST_CASE("copy_tree: shards split the files in path order; scan_only writes nothing") {
  Dirs d;
  for (const char* p : {"a", "b", "dir/c", "dir/d", "e"}) d.write(p, p);
  SUBCASE("shards") {
    TreeCopyOptions o;
    o.shard_count = 2;
    o.shard_index = 1;
    auto r = d.copy(o);
    REQUIRE_FALSE(r.error);
    // Path order a, b, dir/c, dir/d, e: the second shard takes b and dir/d.
    CHECK(r.files == 2);
    CHECK(fs::exists(d.dst / "b"));
    CHECK(fs::exists(d.dst / "dir" / "d"));
    CHECK_FALSE(fs::exists(d.dst / "a"));
    CHECK_FALSE(fs::exists(d.dst / "dir" / "c"));
    CHECK_FALSE(fs::exists(d.dst / "e"));
  }
  SUBCASE("scan_only") {
    ::chmod((d.src / "a").c_str(), 04755);
    TreeCopyOptions o;
    o.scan_only = true;
    auto r = d.copy(o);
    REQUIRE_FALSE(r.error);
    CHECK(fs::is_empty(d.dst));
    CHECK(notes_text(r) == "ModeChanged a: setuid bit removed\n");
  }
  SUBCASE("cancelled before the third entry") {
    int asked = 0;
    TreeCopyOptions o;
    o.cancelled = [&] { return ++asked == 3; };
    auto r = d.copy(o);
    REQUIRE(r.error);
    CHECK(r.interrupted);
    CHECK(*r.error == "interrupted");
  }
}

TEST_SUITE_BEGIN("needs-runc");
TEST_CASE("copy_tree: --userns owner applies to everything created") {
  SKIP_IF_MISSING("runc", geteuid() == 0 ? "" : "chown to another uid needs root");
  Dirs d;
  d.write("dir/f", "x");
  fs::create_symlink("f", d.src / "dir" / "l");
  TreeCopyOptions o;
  o.keep_symlinks = true;
  o.owner = std::make_pair(uid_t{100000}, gid_t{100000});
  auto r = d.copy(o);
  REQUIRE_FALSE(r.error);
  for (const char* p : {"dir", "dir/f", "dir/l"}) {
    CAPTURE(p);
    struct stat st {};
    REQUIRE(::lstat((d.dst / p).c_str(), &st) == 0);
    CHECK(st.st_uid == 100000);
    CHECK(st.st_gid == 100000);
  }
}
TEST_SUITE_END();
