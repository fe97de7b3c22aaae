#include "image/unpack.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "image/test_support.hpp"
#include "tests/support/fixture_builder.hpp"

using namespace sagelint::fixtures;
using namespace sagelint::image;
using namespace sagelint::image::testing;
namespace fs = std::filesystem;

namespace {

// The unpacked directory in the shape of tree_text without layers (hard links show as files).
std::string disk_text(const std::string& root) {
  std::ostringstream out;
  out << "/ dir\n";
  std::vector<fs::path> paths;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it)
    paths.push_back(it->path());
  std::vector<std::string> lines;
  for (const auto& p : paths) {
    std::string rel = "/" + p.lexically_relative(root).string();
    auto st = fs::symlink_status(p);
    std::string line = rel;
    if (fs::is_symlink(st))
      line += " symlink -> " + fs::read_symlink(p).string();
    else if (fs::is_directory(st))
      line += " dir";
    else
      line += " file " + std::to_string(fs::file_size(p));
    lines.push_back(line);
  }
  std::sort(lines.begin(), lines.end());
  for (const auto& l : lines) out << l << "\n";
  return out.str();
}

std::string view_text(const ImageView& v) {
  std::ostringstream out;
  for (const auto& e : v.files) {
    out << e.path;
    if (e.type == FileEntry::symlink)
      out << " symlink -> " << e.link_target;
    else if (e.type == FileEntry::dir)
      out << " dir";
    else
      out << " file " << e.size;
    out << "\n";
  }
  return out.str();
}

ImageSpec layered() {
  ImageSpec img;
  LayerSpec l0, l1, l2;
  l0.entries = {Dir("a"),
                File("a/x", "x"),
                Dir("a/sub"),
                File("a/sub/y", "yy"),
                File("b", "b"),
                Dir("ro", 0555),
                File("ro/f", "f"),
                Dir("bin"),
                File("bin/busybox", "elf", 0755),
                Symlink("bin/sh", "busybox"),
                Symlink("abs", "/etc/passwd"),
                Dir("gone"),
                File("gone/deep", "d")};
  l1.compression = "gzip";
  l1.entries = {File("a/new", "n"),      Opaque("a"),
                Whiteout("b"),           Hardlink("bin/sh2", "bin/busybox"),
                Whiteout("gone"),        File("ro/g", "g"),
                File("suid", "s", 04755)};
  l2.compression = "zstd";
  l2.entries = {File("gone", "now a file"), Whiteout("a/new"), File("b", "back")};
  img.layers = {l0, l1, l2};
  return img;
}

}  // namespace

TEST_CASE("unpacking gives exactly the merged view, in every shape") {
  for (Shape shape : {Shape::docker_classic, Shape::oci_layout, Shape::oci_archive}) {
    for (std::string outer : {"none", "gzip"}) {
      if (shape == Shape::oci_layout && outer != "none") continue;
      CAPTURE(static_cast<int>(shape));
      CAPTURE(outer);
      TempDir tmp;
      ArchiveSpec spec;
      spec.shape = shape;
      spec.outer_compression = outer;
      spec.images = {layered()};
      write_archive(spec, tmp / "img");
      REQUIRE_FALSE(unpack_rootfs(tmp / "img", tmp / "rootfs").has_value());
      ImageView v = read_ok(tmp / "img");
      CHECK(disk_text(tmp / "rootfs") == view_text(v));
      struct stat st {};
      REQUIRE(::stat((tmp / "rootfs/suid").c_str(), &st) == 0);
      CHECK((st.st_mode & 07777) == 04755);
      REQUIRE(::stat((tmp / "rootfs/ro").c_str(), &st) == 0);
      CHECK((st.st_mode & 07777) == 0555);
      struct stat a {
      }, b{};
      REQUIRE(::stat((tmp / "rootfs/bin/sh2").c_str(), &a) == 0);
      REQUIRE(::stat((tmp / "rootfs/bin/busybox").c_str(), &b) == 0);
      CHECK(a.st_ino == b.st_ino);
      ::chmod((tmp / "rootfs/ro").c_str(), 0755);  // so the temp dir can be removed when not root
    }
  }
}

TEST_CASE("unpacking refuses entries that escape, devices and dangling hard links") {
  auto try_unpack = [](std::vector<std::vector<Entry>> layers) {
    TempDir tmp;
    ArchiveSpec spec;
    spec.shape = Shape::oci_layout;
    ImageSpec img;
    for (auto& l : layers) {
      LayerSpec ls;
      ls.entries = l;
      img.layers.push_back(ls);
    }
    spec.images = {img};
    write_archive(spec, tmp / "img");
    auto err = unpack_rootfs(tmp / "img", tmp / "rootfs");
    return err.value_or("");
  };
  CHECK(try_unpack({{File("../../escape", "x")}}).find("escapes the root") != std::string::npos);
  CHECK(try_unpack({{Device("dev/null")}}).find("device node /dev/null refused") !=
        std::string::npos);
  CHECK(try_unpack({{Hardlink("h", "nothing")}}).find("hard link /h: target /nothing missing") !=
        std::string::npos);
  CHECK(try_unpack({{File("f", "x"), Hardlink("h", "../../f")}}).find("points outside the root") !=
        std::string::npos);

  // Links to the outside are created, never followed: writes, links and whiteouts
  // through them are refused or do nothing, and nothing outside changes.
  TempDir outside;
  std::ofstream(outside / "secret") << "keep me";
  CHECK(try_unpack({{Symlink("s", outside.path())}, {File("s/pwned", "x")}})
            .find("is a symlink or not a directory") != std::string::npos);
  CHECK_FALSE(fs::exists(outside / "pwned"));
  CHECK(try_unpack({{Symlink("s", outside.path())}, {Hardlink("h", "s/secret")}})
            .find("target /s/secret missing") != std::string::npos);
  CHECK(try_unpack({{Symlink("s", outside.path())}, {Whiteout("s/secret"), Opaque("s")}}).empty());
  CHECK(try_unpack({{Symlink("up", "../../../..")}, {Whiteout("up/etc")}}).empty());
  CHECK(fs::exists(outside / "secret"));
}

TEST_CASE("unpacking verifies digests unless told not to") {
  TempDir tmp;
  ArchiveSpec spec;
  spec.shape = Shape::docker_classic;
  ImageSpec img;
  LayerSpec l;
  l.entries = {File("f", "x")};
  img.layers = {l};
  spec.images = {img};
  LayerSpec other;
  other.entries = {File("g", "y")};
  std::string replacement = layer_blob(other);
  spec.tamper = [&](const std::string& name, std::string& bytes) {
    if (name.find("layer.tar") != std::string::npos) bytes = replacement;
    return true;
  };
  write_archive(spec, tmp / "x.tar");
  auto err = unpack_rootfs(tmp / "x.tar", tmp / "r1");
  REQUIRE(err.has_value());
  CHECK(err->find("DiffID mismatch") != std::string::npos);
  UnpackOptions opt;
  opt.read.verify = false;
  CHECK_FALSE(unpack_rootfs(tmp / "x.tar", tmp / "r2", opt).has_value());
  CHECK(fs::exists(tmp / "r2/g"));
}
