#include "lint/fix_targets.hpp"

#include <doctest/doctest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Dir {
  fs::path path;
  Dir() {
    char t[] = "/tmp/sagelint-replace-XXXXXX";
    REQUIRE(mkdtemp(t) != nullptr);
    path = t;
  }
  ~Dir() { fs::remove_all(path); }
  std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(path), {}));
  }
};

}  // namespace

TEST_CASE("replace_file: a temp file and a rename; a changed or read-only file is left alone") {
  Dir d;
  const fs::path file = d.path / "Dockerfile";
  std::ofstream(file, std::ios::binary) << "old";
  CHECK(!sagelint::lint::replace_file(file.string(), "old", "new"));
  CHECK(read(file) == "new");
  // Someone wrote the file after it was read: theirs stays, nothing half-written.
  auto changed = sagelint::lint::replace_file(file.string(), "old", "newer");
  REQUIRE(changed);
  CHECK(changed->find("changed while it was being fixed") != std::string::npos);
  CHECK(read(file) == "new");
  chmod(file.c_str(), 0444);
  auto ro = sagelint::lint::replace_file(file.string(), "new", "x");
  REQUIRE(ro);
  CHECK(*ro == "the file is read-only");
  CHECK(read(file) == "new");
  CHECK(d.entries() == 1);  // no temporary file left behind
  // Through a symbolic link, the file it points at is replaced, the link stays.
  chmod(file.c_str(), 0644);
  fs::create_symlink(file, d.path / "link");
  CHECK(!sagelint::lint::replace_file((d.path / "link").string(), "new", "via link"));
  CHECK(fs::is_symlink(d.path / "link"));
  CHECK(read(file) == "via link");
}
