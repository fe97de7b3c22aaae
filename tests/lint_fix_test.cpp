// --fix and --diff end to end: what is written where, and the exit codes.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include "tests/e2e_support.hpp"

namespace {
const char* kFixed =
    "FROM python:3.11-slim\n"
    "COPY run.py /opt/program/run.py\n"
    "ENTRYPOINT [\"python\", \"run.py\"]\n";
}

TEST_CASE("--fix rewrites the file in place and reports what remains on stderr") {
  e2e::TempDir dir;
  dir.write("run.py", "print(1)\n");
  const std::string path = dir.write("Dockerfile", e2e::kShellEntrypointDockerfile);
  chmod(path.c_str(), 0640);
  auto r = e2e::run(dir, {"lint", "--fix", "Dockerfile"});
  CHECK(r.out.empty());
  CHECK(e2e::read_text(path) == kFixed);
  CHECK(r.err.find("SMP001") == std::string::npos);
  struct stat st {};
  REQUIRE(stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0640);  // the mode survives the rename
  CHECK(dir.files() == std::set<std::string>{"Dockerfile", "run.py"});  // no temp file left
  // A second run changes nothing.
  e2e::run(dir, {"lint", "--fix", "Dockerfile"});
  CHECK(e2e::read_text(path) == kFixed);
}

TEST_CASE("--diff prints a unified diff and writes nothing") {
  e2e::TempDir dir;
  const std::string path = dir.write("Dockerfile", e2e::kShellEntrypointDockerfile);
  auto r = e2e::run(dir, {"lint", "--diff", "Dockerfile"});
  CHECK(r.out ==
        "--- Dockerfile\n+++ Dockerfile\n@@ -1,3 +1,3 @@\n FROM python:3.11-slim\n COPY run.py "
        "/opt/program/run.py\n-ENTRYPOINT python run.py\n+ENTRYPOINT [\"python\", \"run.py\"]\n");
  CHECK(e2e::read_text(path) == e2e::kShellEntrypointDockerfile);
  // patch(1) applies it.
  dir.write("fix.diff", r.out);
  CHECK(std::system(("cd " + dir.path().string() + " && patch -s -p0 < fix.diff").c_str()) == 0);
  CHECK(e2e::read_text(path) == kFixed);
}

TEST_CASE("--fix - reads stdin and writes the fixed file to stdout") {
  e2e::TempDir dir;
  e2e::RunOptions opts;
  opts.stdin_text = e2e::kShellEntrypointDockerfile;
  auto r = e2e::run(dir, {"lint", "--fix", "-"}, opts);
  CHECK(r.out == kFixed);
}

TEST_CASE("--fix: a read-only file is an error naming it, the others are still fixed") {
  e2e::TempDir dir;
  const std::string ro = dir.write("ro/Dockerfile", e2e::kShellEntrypointDockerfile);
  const std::string rw = dir.write("rw/Dockerfile", e2e::kShellEntrypointDockerfile);
  chmod(ro.c_str(), 0444);
  auto r = e2e::run(dir, {"lint", "--fix", "ro/Dockerfile", "rw/Dockerfile"});
  CHECK(r.code == 3);
  CHECK(r.err.find("ro/Dockerfile: cannot fix: the file is read-only") != std::string::npos);
  CHECK(e2e::read_text(ro) == e2e::kShellEntrypointDockerfile);
  CHECK(e2e::read_text(rw) == kFixed);
}

TEST_CASE("--fix says why it left a finding alone") {
  e2e::TempDir dir;
  const std::string text =
      "FROM python:3.11-slim\nENTRYPOINT python run.py\nCMD [\"--n\", \"3\"]\n";
  const std::string path = dir.write("Dockerfile", text);
  auto r = e2e::run(dir, {"lint", "--fix", "-f", "gnu", "Dockerfile"});
  CHECK(r.code == 1);
  CHECK(e2e::read_text(path) == text);
  CHECK(r.err.find("SMP001") != std::string::npos);
  CHECK(r.err.find("not fixed by --fix: a CMD is set") != std::string::npos);
  CHECK(e2e::run(dir, {"lint", "--fix", "--diff", "Dockerfile"}).code == 2);
}
