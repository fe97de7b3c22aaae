#include <doctest/doctest.h>

#include "image/path.hpp"
#include "image/view.hpp"

using namespace sagelint::image;

namespace {
FileEntry entry(std::string path, FileEntry::Type type = FileEntry::file, int layer = 0) {
  FileEntry e;
  e.path = std::move(path);
  e.type = type;
  e.layer = layer;
  return e;
}
std::vector<std::string> paths(const std::vector<const FileEntry*>& v) {
  std::vector<std::string> out;
  for (auto* e : v) out.push_back(e->path);
  return out;
}
}  // namespace

TEST_CASE("normalize_path") {
  CHECK(*normalize_path("./a//b/") == "/a/b");
  CHECK(*normalize_path(".") == "/");
  CHECK(*normalize_path("") == "/");
  CHECK(*normalize_path("/opt/./ml/../ml/x") == "/opt/ml/x");
  CHECK_FALSE(normalize_path("../etc/passwd").has_value());
  CHECK_FALSE(normalize_path("a/../../b").has_value());
}

TEST_CASE("classify_whiteout") {
  CHECK(classify_whiteout("/a/.wh.b").kind == WhiteoutKind::whiteout);
  CHECK(classify_whiteout("/a/.wh.b").target == "/a/b");
  CHECK(classify_whiteout("/.wh.b").target == "/b");
  CHECK(classify_whiteout("/a/.wh..wh..opq").kind == WhiteoutKind::opaque);
  CHECK(classify_whiteout("/a/.wh..wh..opq").target == "/a");
  CHECK(classify_whiteout("/.wh..wh..opq").target == "/");
  CHECK(classify_whiteout("/.wh..wh.plnk/1.2").kind == WhiteoutKind::aufs_metadata);
  CHECK(classify_whiteout("/.wh..wh.aufs").kind == WhiteoutKind::aufs_metadata);
  CHECK(classify_whiteout("/a/.wh.").kind == WhiteoutKind::invalid);
  CHECK(classify_whiteout("/a/b.wh.c").kind == WhiteoutKind::none);
}

TEST_CASE("FileTree orders by path and answers subtree queries") {
  FileTree t;
  t.put(entry("/opt/ml/code/x.py"));
  t.put(entry("/opt/ml-other"));
  t.put(entry("/opt/ml/input", FileEntry::dir));
  CHECK(t.find("/opt")->type == FileEntry::dir);  // implicit parent
  CHECK(t.find("/") != nullptr);
  CHECK(paths(t.children("/opt")) == std::vector<std::string>{"/opt/ml", "/opt/ml-other"});
  CHECK(paths(t.children("/opt/ml")) == std::vector<std::string>{"/opt/ml/code", "/opt/ml/input"});
  CHECK(paths(t.children("/")) == std::vector<std::string>{"/opt"});
  CHECK(t.has_children("/opt/ml"));
  CHECK_FALSE(t.has_children("/opt/ml/input"));
  CHECK_FALSE(t.has_children("/opt/ml-other"));
  auto [first, last] = t.subtree("/opt/ml");
  std::vector<std::string> sub;
  for (auto it = first; it != last; ++it) sub.push_back(it->path);
  CHECK(sub == std::vector<std::string>{"/opt/ml/code", "/opt/ml/code/x.py", "/opt/ml/input"});

  std::vector<std::string> removed;
  t.remove("/opt/ml", true, [&](const std::string& p) { removed.push_back(p); });
  CHECK(removed.size() == 3);
  CHECK(t.find("/opt/ml") != nullptr);
  CHECK(t.find("/opt/ml-other") != nullptr);
  t.put(entry("/opt/ml/a"));
  t.put(entry("/opt", FileEntry::symlink,
              1));  // a non-directory replaces the directory and its subtree
  CHECK(t.size() == 2);
  t.set_created_by({"base", "RUN x"});
  CHECK(t.created_by(1) == "RUN x");
  CHECK(t.created_by(7).empty());
}
