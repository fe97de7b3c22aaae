#include "image/resolve.hpp"

#include <doctest/doctest.h>

using namespace sagelint::image;

namespace {

FileTree tree(std::initializer_list<std::pair<std::string, std::string>> links,
              std::initializer_list<std::string> files) {
  FileTree t;
  for (const auto& f : files) {
    FileEntry e;
    e.path = f;
    e.mode = 0755;
    if (f.back() == '/') {
      e.path.pop_back();
      e.type = FileEntry::dir;
    }
    t.put(e);
  }
  for (const auto& [path, target] : links) {
    FileEntry e;
    e.path = path;
    e.type = FileEntry::symlink;
    e.link_target = target;
    t.put(e);
  }
  return t;
}

}  // namespace

TEST_CASE("paths resolve inside the image, following links in every component") {
  // A merged-/usr image: /bin -> usr/bin, sh -> dash, an absolute link, a relative one.
  FileTree t =
      tree({{"/bin", "usr/bin"},
            {"/usr/bin/sh", "dash"},
            {"/usr/local/bin/py", "/opt/conda/bin/python3.11"},
            {"/opt/app/run", "../tools/../conda/bin/python3.11"},
            {"/etc/passwd-link", "/../../../etc/passwd"}},
           {"/usr/bin/dash", "/opt/conda/bin/python3.11", "/opt/tools/", "/etc/passwd", "/work/"});
  auto sh = resolve_in_image(t, "/bin/sh");
  REQUIRE(sh.status == Resolved::found);
  CHECK(sh.path == "/usr/bin/dash");
  CHECK(sh.links_followed == 2);
  CHECK(resolve_in_image(t, "/usr/local/bin/py").path == "/opt/conda/bin/python3.11");
  CHECK(resolve_in_image(t, "/opt/app/run").path == "/opt/conda/bin/python3.11");
  // ".." above the root stays at the image root: the link never reaches the host.
  CHECK(resolve_in_image(t, "/etc/passwd-link").path == "/etc/passwd");
  // Relative to the working directory.
  CHECK(resolve_in_image(t, "../bin/sh", "/work").path == "/usr/bin/dash");
  CHECK(resolve_in_image(t, "./x", "/work").status == Resolved::missing);
}

TEST_CASE("missing components, files used as directories and link loops") {
  FileTree t = tree({{"/a", "b"}, {"/b", "/a"}, {"/dangling", "/nowhere/x"}, {"/empty", ""}},
                    {"/usr/bin/dash"});
  auto loop = resolve_in_image(t, "/a");
  CHECK(loop.status == Resolved::loop);
  CHECK(loop.links_followed == 41);
  auto dangling = resolve_in_image(t, "/dangling");
  CHECK(dangling.status == Resolved::missing);
  CHECK(dangling.path == "/nowhere");
  CHECK(resolve_in_image(t, "/empty").status == Resolved::missing);
  auto through_file = resolve_in_image(t, "/usr/bin/dash/x");
  CHECK(through_file.status == Resolved::not_directory);
  CHECK(through_file.path == "/usr/bin/dash");
  CHECK(resolve_in_image(t, "/usr/bin/bash").status == Resolved::missing);
}
