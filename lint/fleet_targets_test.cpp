// Many targets: target lists, directory search, the shard rule, --shard auto.
#include "lint/fleet_targets.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <cstdlib>

using namespace sagelint::lint;
namespace fs = std::filesystem;

namespace {

// A private temporary directory, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "sagelint-fleet-XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

void write(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::vector<std::string> names(const std::vector<PlannedTarget>& v) {
  std::vector<std::string> out;
  for (const auto& p : v) out.push_back(p.target + (p.error ? " !" : ""));
  return out;
}

std::vector<PlannedTarget> expand(const std::vector<std::string>& raw, FleetOptions fleet = {}) {
  auto r = expand_targets(raw, fleet, {});
  REQUIRE(std::holds_alternative<std::vector<PlannedTarget>>(r));
  return std::get<std::vector<PlannedTarget>>(r);
}

}  // namespace

TEST_CASE("a target list: one per line, # comments and blank lines skipped, spaces trimmed") {
  CHECK(parse_target_list("# fleet\na\n\n  b/Dockerfile  \r\n\t# c\ndocker://h:5000/r:1") ==
        std::vector<std::string>{"a", "b/Dockerfile", "docker://h:5000/r:1"});
}

TEST_CASE("--targets-from adds to the positional targets; an unreadable list is a usage error") {
  TempDir tmp;
  write(tmp / "list", "# two\nx\ny\n");
  FleetOptions fleet;
  fleet.targets_from = {tmp / "list"};
  CHECK(names(expand({"w"}, fleet)) == std::vector<std::string>{"w", "x", "y"});
  fleet.targets_from = {tmp / "missing"};
  auto r = expand_targets({}, fleet, {});
  REQUIRE(std::holds_alternative<std::string>(r));
  CHECK(std::get<std::string>(r).find("missing") != std::string::npos);
}

TEST_CASE("a directory is searched for Dockerfiles and requests, skipping .git and --exclude") {
  TempDir tmp;
  const std::string d = tmp / "repo";
  write(d + "/Dockerfile", "FROM a\n");
  write(d + "/svc/Dockerfile.gpu", "FROM a\n");
  write(d + "/svc/app.Dockerfile", "FROM a\n");
  write(d + "/svc/Containerfile", "FROM a\n");
  write(d + "/svc/notes.txt", "FROM a\n");
  write(d + "/svc/Dockerfile-not", "FROM a\n");
  write(d + "/jobs/job.json", R"({"AppSpecification": {"ImageUri": "x"}})");
  write(d + "/jobs/other.json", R"({"a": 1})");
  write(d + "/.git/Dockerfile", "FROM a\n");
  write(d + "/vendor/Dockerfile", "FROM a\n");
  write(d + "/svc/old.Dockerfile", "FROM a\n");
  FleetOptions fleet;
  fleet.excludes = {"vendor", "*/old.*"};
  CHECK(names(expand({d}, fleet)) ==
        std::vector<std::string>{d + "/Dockerfile", d + "/jobs/job.json", d + "/svc/Containerfile",
                                 d + "/svc/Dockerfile.gpu", d + "/svc/app.Dockerfile"});
  write(tmp / "empty/readme", "");
  CHECK(names(expand({tmp / "empty"})) == std::vector<std::string>{tmp / "empty" + " !"});
}

TEST_CASE("shard I/N: sorted bytewise, the k-th to shard k mod N + 1; the shards partition") {
  std::vector<PlannedTarget> all;
  for (const char* t : {"docker://h/b:1", "docker://h/a-b:1", "docker://h/a:1", "Dockerfile",
                        "docker://h/a:2", "x/Dockerfile", "docker://h/c:1"})
    all.push_back({t, std::nullopt});
  // Bytewise: "-" (0x2d) sorts before ":" (0x3a), capitals before lower case.
  const std::vector<std::string> sorted = {"Dockerfile",     "docker://h/a-b:1", "docker://h/a:1",
                                           "docker://h/a:2", "docker://h/b:1",   "docker://h/c:1",
                                           "x/Dockerfile"};
  CHECK(names(select_shard(all, {1, 1})) == sorted);
  CHECK(names(select_shard(all, {1, 3})) ==
        std::vector<std::string>{sorted[0], sorted[3], sorted[6]});
  CHECK(names(select_shard(all, {2, 3})) == std::vector<std::string>{sorted[1], sorted[4]});
  CHECK(names(select_shard(all, {3, 3})) == std::vector<std::string>{sorted[2], sorted[5]});
  CHECK(select_shard(all, {9, 9}).empty());
}

TEST_CASE("--shard I/N and auto from resourceconfig.json") {
  auto shard = [](const std::string& text, const std::string& config = "/nonexistent") {
    auto r = parse_shard(text, config);
    if (auto* s = std::get_if<Shard>(&r))
      return std::to_string(s->index) + "/" + std::to_string(s->count);
    return "error: " + std::get<std::string>(r);
  };
  CHECK(shard("2/3") == "2/3");
  CHECK(shard("1/1") == "1/1");
  for (const char* bad : {"0/3", "4/3", "3", "a/b", "1/0", "-1/2", "1/3/4", "/3"})
    CHECK(shard(bad).rfind("error: --shard", 0) == 0);
  TempDir tmp;
  write(tmp / "rc.json",
        R"({"current_host": "algo-3", "hosts": ["algo-1", "algo-2", "algo-3", "algo-4"]})");
  CHECK(shard("auto", tmp / "rc.json") == "3/4");
  write(tmp / "lost.json", R"({"current_host": "algo-9", "hosts": ["algo-1"]})");
  CHECK(shard("auto", tmp / "lost.json").find("not among the hosts") != std::string::npos);
  write(tmp / "bad.json", "{");
  CHECK(shard("auto", tmp / "bad.json").find("no current_host") != std::string::npos);
  CHECK(shard("auto").find("cannot read /nonexistent") != std::string::npos);
}

TEST_CASE("the names a directory search takes for Dockerfiles") {
  for (const char* yes : {"Dockerfile", "Dockerfile.dev", "api.Dockerfile", "Containerfile"})
    CHECK(is_dockerfile_name(yes));
  for (const char* no : {"dockerfile.txt", "Dockerfile-x", "Containerfile.bak", "README"})
    CHECK_FALSE(is_dockerfile_name(no));
}
