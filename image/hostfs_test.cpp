// hostfs against trees that try to steer it out of its root: absolute and relative
// symlinks, "..", FIFOs, oversized files, deep trees, and a component swapped for a
// symlink while paths are being opened. Every case runs twice: with openat2 (when the
// kernel has it) and with the one-O_NOFOLLOW-component-at-a-time fallback.
#include "image/hostfs.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <variant>

using namespace sagelint::hostfs;
namespace fs = std::filesystem;

namespace {

struct Dir {
  fs::path path;
  Dir() {
    std::string t = (fs::temp_directory_path() / "sagelint-hostfs-test-XXXXXX").string();
    path = mkdtemp(t.data());
  }
  ~Dir() { remove_tree(path.string()); }
  void write(const fs::path& rel, const std::string& text) const {
    fs::create_directories((path / rel).parent_path());
    std::ofstream(path / rel, std::ios::binary) << text;
  }
};

// The fallback for the whole scope of a case.
struct Fallback {
  explicit Fallback(bool on) { disable_openat2_for_testing(on); }
  ~Fallback() { disable_openat2_for_testing(false); }
};

std::string read_or_reason(int dirfd, const std::string& p, Resolve how, std::size_t max = 4096) {
  auto r = read_regular_file(dirfd, p, how, max);
  if (auto* s = std::get_if<std::string>(&r)) return *s;
  return "error: " + std::get<ReadFailure>(r).reason;
}

// A root with a decoy inside and the real secret outside it, at the same absolute path
// once the root is taken as "/": outside/secret = OUTSIDE, root/<outside>/secret = INSIDE.
struct Escape {
  Dir d;
  fs::path root, outside;
  UniqueFd root_fd;
  Escape() : root(d.path / "root"), outside(d.path / "outside") {
    d.write("outside/secret", "OUTSIDE");
    d.write(fs::path("root") / outside.relative_path() / "secret", "INSIDE");
    d.write("root/etc/passwd", "inside-passwd");
    fs::create_symlink(outside / "secret", root / "abs");   // absolute link
    fs::create_symlink("../outside/secret", root / "rel");  // relative, climbs out
    fs::create_symlink("etc/passwd", root / "plain");       // stays inside
    fs::create_symlink(outside, root / "dirlink");          // directory, absolute
    root_fd.reset(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    REQUIRE(root_fd);
  }
};

}  // namespace

TEST_CASE("open_beneath: no symlink and no \"..\" leads out of the directory") {
  for (bool fallback : {false, true}) {
    if (!fallback && !have_openat2()) continue;  // this kernel has only the fallback
    CAPTURE(fallback);
    Fallback f(fallback);
    Escape e;
    int root = e.root_fd.get();
    // Never the file outside, whatever the path says.
    for (std::string p : {"abs", "rel", "dirlink/secret", "../outside/secret",
                          "etc/../../outside/secret", "/../outside/secret"}) {
      CAPTURE(p);
      CHECK(read_or_reason(root, p, Resolve::no_symlinks).find("OUTSIDE") == std::string::npos);
      CHECK(read_or_reason(root, p, Resolve::in_root).find("OUTSIDE") == std::string::npos);
    }
    // no_symlinks refuses every link and every "..", naming why.
    for (std::string p : {"abs", "rel", "plain", "dirlink/secret"}) {
      CAPTURE(p);
      errno = 0;
      CHECK(open_beneath(root, p, O_RDONLY, Resolve::no_symlinks) == -1);
      // A link as a directory component: the fallback's O_DIRECTORY|O_NOFOLLOW open gives
      // ENOTDIR, openat2 ELOOP; either way it is not followed.
      CHECK((errno == ELOOP || (fallback && errno == ENOTDIR && p == "dirlink/secret")));
    }
    errno = 0;
    CHECK(open_beneath(root, "../outside/secret", O_RDONLY, Resolve::no_symlinks) == -1);
    CHECK(errno == EXDEV);
    CHECK(read_or_reason(root, "rel", Resolve::no_symlinks) ==
          "error: a symlink or \"..\" on the path leads out of the root; not followed");
    // A leading "/" means the directory itself; plain paths work in both modes.
    CHECK(read_or_reason(root, "/etc/passwd", Resolve::no_symlinks) == "inside-passwd");
    CHECK(read_or_reason(root, "etc//./passwd", Resolve::in_root) == "inside-passwd");
    if (!fallback) {
      // RESOLVE_IN_ROOT: links are followed as if the directory were "/", so an absolute
      // link and a climbing ".." land on the decoy inside, never on the host's file.
      CHECK(read_or_reason(root, "abs", Resolve::in_root) == "INSIDE");
      CHECK(read_or_reason(root, "plain", Resolve::in_root) == "inside-passwd");
      CHECK(read_or_reason(root, "dirlink/secret", Resolve::in_root) == "INSIDE");
      CHECK(read_or_reason(root, "../../etc/passwd", Resolve::in_root) == "inside-passwd");
    } else {
      // Without openat2, in_root follows no link at all.
      CHECK(read_or_reason(root, "abs", Resolve::in_root).rfind("error: ", 0) == 0);
      CHECK(read_or_reason(root, "plain", Resolve::in_root).rfind("error: ", 0) == 0);
    }
  }
}

TEST_CASE("open_beneath: creating with O_EXCL never writes through a planted link") {
  for (bool fallback : {false, true}) {
    if (!fallback && !have_openat2()) continue;
    CAPTURE(fallback);
    Fallback f(fallback);
    Escape e;
    int fd = open_beneath(e.root_fd.get(), "abs", O_WRONLY | O_CREAT | O_EXCL, Resolve::no_symlinks,
                          0600);
    CHECK(fd == -1);
    CHECK(errno == EEXIST);
    fd = open_beneath(e.root_fd.get(), "dirlink/new", O_WRONLY | O_CREAT | O_EXCL,
                      Resolve::no_symlinks, 0600);
    CHECK(fd == -1);
    CHECK_FALSE(fs::exists(e.outside / "new"));
    std::ifstream in(e.outside / "secret");
    std::string text((std::istreambuf_iterator<char>(in)), {});
    CHECK(text == "OUTSIDE");
  }
}

TEST_CASE("read_regular_file: FIFOs do not block, directories and big files are refused") {
  for (bool fallback : {false, true}) {
    CAPTURE(fallback);
    Fallback f(fallback);
    Dir d;
    REQUIRE(::mkfifo((d.path / "fifo").c_str(), 0600) == 0);  // no writer: a blocking open hangs
    d.write("exact", std::string(1024, 'x'));
    d.write("over", std::string(1025, 'x'));
    d.write("sub/ok", "ok");
    UniqueFd dir(::open(d.path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    auto start = std::chrono::steady_clock::now();
    CHECK(read_or_reason(dir.get(), "fifo", Resolve::no_symlinks) == "error: not a regular file");
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));  // hang guard
    CHECK(read_or_reason(dir.get(), "sub", Resolve::no_symlinks) == "error: not a regular file");
    CHECK(read_or_reason(dir.get(), "exact", Resolve::no_symlinks, 1024).size() == 1024);
    CHECK(read_or_reason(dir.get(), "over", Resolve::no_symlinks, 1024) ==
          "error: larger than 1024 bytes");
    CHECK(read_or_reason(dir.get(), "sub/ok", Resolve::in_root) == "ok");
    auto missing = read_regular_file(dir.get(), "nope", Resolve::no_symlinks, 10);
    REQUIRE(std::holds_alternative<ReadFailure>(missing));
    CHECK(std::get<ReadFailure>(missing).error == ENOENT);
  }
}

TEST_CASE("read_regular_file_prefix: the first bytes of a huge sparse file, never of a link") {
  Dir d;
  { std::ofstream(d.path / "sparse") << "head"; }
  REQUIRE(::truncate((d.path / "sparse").c_str(), 8ll << 30) == 0);  // 8 GiB, 4 bytes of data
  fs::create_symlink("sparse", d.path / "link");
  REQUIRE(::mkfifo((d.path / "fifo").c_str(), 0600) == 0);
  UniqueFd dir(::open(d.path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  auto p = read_regular_file_prefix(dir.get(), "sparse", 16);
  REQUIRE(std::holds_alternative<FilePrefix>(p));
  CHECK(std::get<FilePrefix>(p).size == 8ull << 30);
  CHECK(std::get<FilePrefix>(p).bytes == std::string("head") + std::string(12, '\0'));
  auto l = read_regular_file_prefix(dir.get(), "link", 16);
  REQUIRE(std::holds_alternative<ReadFailure>(l));
  CHECK(std::get<ReadFailure>(l).reason == "a symlink; not followed");
  auto f = read_regular_file_prefix(dir.get(), "fifo", 16);
  REQUIRE(std::holds_alternative<ReadFailure>(f));
  CHECK(std::get<ReadFailure>(f).reason == "not a regular file");
}

TEST_CASE("open_beneath: a directory swapped for a symlink meanwhile never leads outside") {
  // A second thread keeps replacing root/a (a directory holding "secret" = INSIDE) with a
  // symlink to the outside directory and back; every read meanwhile gets INSIDE or an
  // error, never OUTSIDE.
  for (bool fallback : {false, true}) {
    if (!fallback && !have_openat2()) continue;
    CAPTURE(fallback);
    Fallback f(fallback);
    Dir d;
    d.write("outside/secret", "OUTSIDE");
    d.write("root/real/secret", "INSIDE");
    fs::create_symlink(d.path / "outside", d.path / "root" / "evil");
    UniqueFd root(::open((d.path / "root").c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    std::atomic<bool> stop{false};
    std::thread swapper([&] {
      // root/a alternates between the directory itself and an absolute link out.
      const fs::path a = d.path / "root" / "a", real = d.path / "root" / "real",
                     evil = d.path / "root" / "evil", parked = d.path / "root" / "parked";
      while (!stop.load()) {
        ::rename(real.c_str(), a.c_str());    // a is the real directory
        ::rename(a.c_str(), parked.c_str());  // gone
        ::rename(evil.c_str(), a.c_str());    // a -> outside
        ::rename(a.c_str(), evil.c_str());
        ::rename(parked.c_str(), real.c_str());
      }
    });
    int inside = 0, outside = 0;
    for (int i = 0; i < 20000; ++i) {
      for (Resolve how : {Resolve::no_symlinks, Resolve::in_root}) {
        std::string got = read_or_reason(root.get(), "a/secret", how);
        if (got == "INSIDE") ++inside;
        if (got == "OUTSIDE") ++outside;
      }
    }
    stop = true;
    swapper.join();
    CHECK(outside == 0);
    MESSAGE("reads of the inside file while swapping: " << inside);
  }
}

TEST_CASE("remove_tree: deeper than PATH_MAX, read-only directories, links not followed") {
  Dir d;
  d.write("keep/precious", "x");
  fs::path victim = d.path / "victim";
  fs::create_directories(victim);
  // 600 levels of 100-byte names: 60 kB of path, far beyond PATH_MAX (4096).
  const std::string name(100, 'd');
  {
    UniqueFd cur(::open(victim.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    for (int i = 0; i < 600; ++i) {
      REQUIRE(::mkdirat(cur.get(), name.c_str(), 0755) == 0);
      UniqueFd next(::openat(cur.get(), name.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
      REQUIRE(next);
      if (i == 300) {
        int f = ::openat(next.get(), "file", O_WRONLY | O_CREAT, 0644);
        ::close(f);
        REQUIRE(::symlinkat((d.path / "keep").c_str(), next.get(), "to-keep") == 0);
        REQUIRE(::symlinkat("../../../../../../..", next.get(), "up") == 0);
      }
      if (i == 400) ::fchmod(next.get(), 0500);  // read-only: emptied anyway
      cur = std::move(next);
    }
  }
  CHECK(remove_tree(victim.string()) == "");
  CHECK_FALSE(fs::exists(fs::symlink_status(victim)));
  CHECK(fs::exists(d.path / "keep" / "precious"));  // what the links pointed at stays
  CHECK(remove_tree(victim.string()) == "");        // already gone: not an error
  CHECK(remove_tree(d.path.string() + "/..") != "");
}

TEST_CASE("remove_tree_at: a symlink named as the tree is removed, its target is not") {
  Dir d;
  d.write("target/file", "x");
  fs::create_symlink(d.path / "target", d.path / "link");
  UniqueFd dir(::open(d.path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  CHECK(remove_tree_at(dir.get(), "link") == "");
  CHECK_FALSE(fs::exists(fs::symlink_status(d.path / "link")));
  CHECK(fs::exists(d.path / "target" / "file"));
}
