#include <filesystem>
#include <fstream>
#include <random>

#include "knowledge/start_script.hpp"
#include "rules/rule_test_support.hpp"

namespace sagelint::rules {
const Rule& rule_SMP006();
}

using sagelint::rules::rule_SMP006;
using sagelint::rules::testing::LintSetup;
using sagelint::rules::testing::run_cases;

namespace {

// A throw-away build context under the system temp directory.
class TempContext {
 public:
  TempContext() {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() / ("sagelint-smp006-" + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
  }
  ~TempContext() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  void write(const std::string& relative, const std::string& content) const {
    auto path = dir_ / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
  }
  std::string path() const { return dir_.string(); }

 private:
  std::filesystem::path dir_;
};

}  // namespace

TEST_CASE("SMP006 judges an entrypoint script written as a COPY heredoc") {
  run_cases(rule_SMP006(),
            {
                {"last command without exec",
                 "FROM python:3.12\nCOPY --chmod=755 <<EOF /entrypoint.sh\n#!/bin/sh\nset "
                 "-e\npython3 /opt/program/run.py \"$@\"\nEOF\nENTRYPOINT [\"/entrypoint.sh\"]\n",
                 {"7:13-7:29"}},
                {"trailing exit is not a hand-over",
                 "FROM python:3.12\nCOPY <<EOF /e.sh\n#!/bin/bash\npython3 run.py\nexit "
                 "$?\nEOF\nENTRYPOINT [\"/e.sh\"]\n",
                 {"7:13-7:20"}},
                {"function called last",
                 "FROM python:3.12\nCOPY <<EOF /e.sh\n#!/bin/bash\nmain() {\n  exec python3 "
                 "run.py\n}\nmain \"$@\"\nEOF\nENTRYPOINT [\"/e.sh\"]\n",
                 {"9:13-9:20"}},
                {"CMD runs the script",
                 "FROM python:3.12\nCOPY <<EOF /start.sh\n#!/bin/sh\npython3 run.py\nEOF\nCMD "
                 "[\"/start.sh\"]\n",
                 {"6:6-6:17"}},
                {"through tini",
                 "FROM python:3.12\nCOPY <<EOF /e.sh\n#!/bin/sh\npython3 run.py\nEOF\nENTRYPOINT "
                 "[\"tini\", \"--\", \"/e.sh\"]\n",
                 {"6:27-6:34"}},
                {"relative to WORKDIR",
                 "FROM python:3.12\nWORKDIR /app\nCOPY <<EOF run.sh\n#!/bin/sh\npython3 "
                 "run.py\nEOF\nENTRYPOINT [\"./run.sh\"]\n",
                 {"7:13-7:23"}},
            });
  run_cases(
      rule_SMP006(),
      {
          {"exec \"$@\"",
           "FROM python:3.12\nCOPY <<EOF /e.sh\n#!/bin/sh\nset -e\nexport A=1\nexec "
           "\"$@\"\nEOF\nENTRYPOINT [\"/e.sh\"]\nCMD [\"python3\"]\n",
           {}},
          {"exec the workload after functions and set -e",
           "FROM python:3.12\nCOPY <<EOF /e.sh\n#!/usr/bin/env bash\nset -euo pipefail\nsetup() "
           "{\n  mkdir -p /tmp/x\n}\nsetup\nexec python3 run.py \"$@\"\nEOF\nENTRYPOINT "
           "[\"/e.sh\"]\n",
           {}},
          {"exec in both branches",
           "FROM python:3.12\nCOPY <<EOF /e.sh\n#!/bin/sh\nif [ -n \"$X\" ]; then\n  exec "
           "a\nelse\n  exec b\nfi\nEOF\nENTRYPOINT [\"/e.sh\"]\n",
           {}},
          {"trap forwards signals",
           "FROM python:3.12\nCOPY <<EOF /e.sh\n#!/bin/sh\ntrap 'kill -TERM $PID' TERM\npython3 "
           "run.py & PID=$!\nwait $PID\nEOF\nENTRYPOINT [\"/e.sh\"]\n",
           {}},
          {"python script is not a shell script",
           "FROM python:3.12\nCOPY <<EOF /run.py\n#!/usr/bin/env "
           "python3\nprint(1)\nEOF\nENTRYPOINT [\"/run.py\"]\n",
           {}},
          {"sh -c is SMP004",
           "FROM python:3.12\nENTRYPOINT [\"sh\", \"-c\", \"python3 run.py\"]\n",
           {}},
          {"script not in the file and no context",
           "FROM python:3.12\nCOPY e.sh /e.sh\nENTRYPOINT [\"/e.sh\"]\n",
           {}},
          // Shell form is SMP001; the script it runs is judged beside it, at the script word.
          {"shell-form ENTRYPOINT runs the script",
           "FROM python:3.12\nCOPY <<EOF /e.sh\n#!/bin/sh\npython3 run.py\nEOF\nENTRYPOINT /e.sh\n",
           {"6:12-6:17"}},
          {"shell-form ENTRYPOINT, script hands over",
           "FROM python:3.12\nCOPY <<EOF /e.sh\n#!/bin/sh\nexec python3 run.py\nEOF\nENTRYPOINT "
           "/e.sh\n",
           {}},
          {"shell-form ENTRYPOINT runs no script",
           "FROM python:3.12\nENTRYPOINT python3 run.py\n",
           {}},
      });
}

TEST_CASE("SMP006 reads the entrypoint script from the build context") {
  TempContext context;
  context.write("entrypoint.sh",
                "#!/bin/bash\nset -e\necho starting\npython3 /opt/program/process.py \"$@\"\n");
  context.write("scripts/start.sh", "#!/bin/sh\nexec python3 /opt/program/process.py\n");
  context.write("scripts/serve.sh", "#!/bin/sh\ngunicorn app:app\n");
  LintSetup setup;
  setup.context_dir = context.path();
  run_cases(
      rule_SMP006(),
      {
          {"found on PATH",
           "FROM python:3.12\nCOPY entrypoint.sh /usr/local/bin/\nENTRYPOINT [\"entrypoint.sh\"]\n",
           {"3:13-3:28"}},
          {"absolute path, renamed",
           "FROM python:3.12\nCOPY entrypoint.sh /e\nENTRYPOINT [\"/e\"]\n",
           {"3:13-3:17"}},
          {"directory copy run by bash",
           "FROM python:3.12\nCOPY scripts/ /opt/scripts/\nENTRYPOINT [\"/bin/bash\", "
           "\"/opt/scripts/serve.sh\"]\n",
           {"3:26-3:49"}},
          {"directory copied to the root",
           "FROM python:3.12\nCOPY scripts/ /\nENTRYPOINT [\"/serve.sh\"]\n",
           {"3:13-3:24"}},
          {"file copied to the root",
           "FROM python:3.12\nCOPY entrypoint.sh /\nENTRYPOINT [\"/entrypoint.sh\"]\n",
           {"3:13-3:29"}},
          {"bash NAME finds the script in the WORKDIR",
           "FROM python:3.12\nWORKDIR /app\nCOPY scripts/serve.sh .\nENTRYPOINT [\"bash\", \"-m\", "
           "\"serve.sh\"]\n",
           {"4:27-4:37"}},
          {"script that hands over",
           "FROM python:3.12\nCOPY scripts/ /opt/scripts/\nENTRYPOINT "
           "[\"/opt/scripts/start.sh\"]\n",
           {}},
          {"escaping the context is refused",
           "FROM python:3.12\nCOPY ../../../../../etc/passwd /e.sh\nENTRYPOINT [\"/e.sh\"]\n",
           {}},
          {"copied from another stage",
           "FROM python:3.12 AS b\nRUN true\nFROM python:3.12\nCOPY --from=b /entrypoint.sh "
           "/e.sh\nENTRYPOINT [\"/e.sh\"]\n",
           {}},
      },
      setup);
}

TEST_CASE("SMP006 reads the script from the image") {
  using namespace sagelint::rules::testing;
  using V = std::vector<std::string>;
  const std::string bad = "#!/bin/sh\nset -e\npython3 /opt/program/process.py \"$@\"\n";
  const std::string good = "#!/bin/sh\nexec python3 /opt/program/process.py \"$@\"\n";
  auto on_path = image_of(V{"entrypoint.sh"}, std::nullopt, {"/usr/local/bin/entrypoint.sh"},
                          {{"/usr/local/bin/entrypoint.sh", bad}});
  auto relative = image_of(V{"./run.sh"}, std::nullopt, {"/app/run.sh"}, {{"/app/run.sh", bad}});
  relative.config.working_dir = "/app";
  auto dlc_style = image_of(V{"bash", "-m", "start.sh"}, std::nullopt, {"/app/start.sh"},
                            {{"/app/start.sh", bad}});
  dlc_style.config.working_dir = "/app";
  run_image_cases(
      rule_SMP006(),
      {
          {"absolute path",
           image_of(V{"/entrypoint.sh"}, std::nullopt, {"/entrypoint.sh"},
                    {{"/entrypoint.sh", bad}}),
           {"/entrypoint.sh"}},
          {"through a symlink",
           image_of(V{"/usr/local/bin/start"}, std::nullopt,
                    {"/opt/start.sh", "/usr/local/bin/start -> /opt/start.sh"},
                    {{"/opt/start.sh", bad}}),
           {"/opt/start.sh"}},
          {"PATH lookup", on_path, {"/usr/local/bin/entrypoint.sh"}},
          {"relative to WorkingDir", relative, {"/app/run.sh"}},
          {"bash -m name.sh in WorkingDir", dlc_style, {"/app/start.sh"}},
          {"bash script.sh from Cmd",
           image_of(std::nullopt, V{"bash", "/run.sh"}, {"/run.sh"}, {{"/run.sh", bad}}),
           {"/run.sh"}},
          {"hands over",
           image_of(V{"/entrypoint.sh"}, std::nullopt, {"/entrypoint.sh"},
                    {{"/entrypoint.sh", good}}),
           {}},
          {"content not captured",
           image_of(V{"/entrypoint.sh"}, std::nullopt, {"/entrypoint.sh"}),
           {}},
          {"not a shell script",
           image_of(V{"/run"}, std::nullopt, {"/run"},
                    {{"/run", std::string("\x7f"
                                          "ELF\0\0",
                                          6)}}),
           {}},
          // A shell-form Entrypoint is SMP001; the script it runs is judged beside it.
          {"shell-form Entrypoint runs the script",
           image_of(V{"/bin/sh", "-c", "/entrypoint.sh"}, std::nullopt, {"/entrypoint.sh"},
                    {{"/entrypoint.sh", bad}}),
           {"/entrypoint.sh"}},
          {"shell-form Entrypoint through exec bash",
           image_of(V{"/bin/sh", "-c", "exec bash /entrypoint.sh"}, std::nullopt,
                    {"/entrypoint.sh"}, {{"/entrypoint.sh", bad}}),
           {"/entrypoint.sh"}},
          {"shell-form Entrypoint, script hands over",
           image_of(V{"/bin/sh", "-c", "/entrypoint.sh"}, std::nullopt, {"/entrypoint.sh"},
                    {{"/entrypoint.sh", good}}),
           {}},
          {"shell-form Cmd without Entrypoint is SMP002",
           image_of(std::nullopt, V{"/bin/sh", "-c", "/entrypoint.sh"}, {"/entrypoint.sh"},
                    {{"/entrypoint.sh", bad}}),
           {}},
      });
}

TEST_CASE("SMP006 keeps the bytes of the script a shell-form Entrypoint runs") {
  using namespace sagelint::rules::testing;
  using V = std::vector<std::string>;
  auto image = image_of(V{"/bin/sh", "-c", "cd /app && exec bash /app/start.sh"}, std::nullopt);
  CHECK(sagelint::knowledge::may_be_start_script("/app/start.sh", image.config));
  CHECK_FALSE(sagelint::knowledge::may_be_start_script("/app/other.sh", image.config));
}

TEST_CASE("SMP006 over the project's fixtures (fixtures/rules/SMP006)") {
  sagelint::rules::testing::run_fixture_cases(rule_SMP006());
}
