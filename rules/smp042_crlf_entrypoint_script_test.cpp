#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "rules/rule_test_support.hpp"

namespace sagelint::rules {
const Rule& rule_SMP042();
}

using sagelint::rules::rule_SMP042;
using namespace sagelint::rules::testing;
using V = std::vector<std::string>;

namespace {

// A build context under the system temp directory, removed afterwards.
class Context {
 public:
  Context() {
    std::string pattern = (std::filesystem::temp_directory_path() / "smp042-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    dir_ = pattern;
  }
  ~Context() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  void write(const std::string& name, const std::string& bytes) const {
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
  }
  std::string path() const { return dir_.string(); }

 private:
  std::filesystem::path dir_;
};

}  // namespace

TEST_CASE("SMP042 flags CRLF or a BOM in an entrypoint script written by a heredoc") {
  run_cases(
      rule_SMP042(),
      {
          {"CRLF #! line",
           "FROM python:3.12\nCOPY <<EOF /start.sh\n#!/bin/sh\r\nexec python3 run.py\r\nEOF\n"
           "ENTRYPOINT [\"/start.sh\"]\n",
           {"3:1-3:10"}},
          {"a whole Dockerfile saved with CRLF",
           "FROM python:3.12\r\nCOPY --chmod=755 <<EOF /usr/local/bin/start\r\n#!/bin/bash\r\n"
           "exec python3 run.py\r\nEOF\r\nENTRYPOINT [\"start\"]\r\n",
           {"3:1-3:12"}},
          {"CRLF on a later line of a shell script run by a shell",
           "FROM python:3.12\nCOPY <<EOF /start.sh\nset -e\nexec python3 run.py\r\nEOF\n"
           "ENTRYPOINT [\"bash\", \"/start.sh\"]\n",
           {"4:1-4:20"}},
          {"BOM before #!",
           "FROM python:3.12\nCOPY <<EOF /start.sh\n\xEF\xBB\xBF#!/bin/sh\nexec python3 run.py\n"
           "EOF\nENTRYPOINT [\"/start.sh\"]\n",
           {"3:1-3:13"}},
          {"LF script",
           "FROM python:3.12\nCOPY <<EOF /start.sh\n#!/bin/sh\nexec python3 run.py\nEOF\n"
           "ENTRYPOINT [\"/start.sh\"]\n",
           {}},
          {"CRLF after the #! line of a Python script",
           "FROM python:3.12\nCOPY <<EOF /start.py\n#!/usr/bin/env python3\nprint(1)\r\nEOF\n"
           "ENTRYPOINT [\"/start.py\"]\n",
           {}},
          {"a CRLF heredoc that is not the entrypoint",
           "FROM python:3.12\nCOPY <<EOF /other.sh\n#!/bin/sh\r\nEOF\nENTRYPOINT [\"/start.sh\"]\n",
           {}},
      });
}

TEST_CASE("SMP042 flags CRLF or a BOM in an entrypoint script from the build context") {
  Context context;
  context.write("crlf.sh", "#!/bin/bash\r\nset -e\r\nexec python3 run.py\r\n");
  context.write("bom.sh", "\xEF\xBB\xBF#!/bin/sh\nexec python3 run.py\n");
  context.write("lf.sh", "#!/bin/sh\nexec python3 run.py\n");
  LintSetup setup;
  setup.context_dir = context.path();
  run_cases(
      rule_SMP042(),
      {
          {"CRLF script copied to the entrypoint path",
           "FROM python:3.12\nCOPY crlf.sh /start.sh\nENTRYPOINT [\"/start.sh\"]\n",
           {"3:13-3:24"}},
          {"BOM script run through tini",
           "FROM python:3.12\nCOPY bom.sh /usr/local/bin/\nENTRYPOINT [\"tini\", \"--\", "
           "\"bom.sh\"]\n",
           {"3:27-3:35"}},
          {"LF script", "FROM python:3.12\nCOPY lf.sh /start.sh\nENTRYPOINT [\"/start.sh\"]\n", {}},
          {"copied from another stage: not readable",
           "FROM python:3.12 AS b\nFROM python:3.12\nCOPY --from=b crlf.sh /start.sh\n"
           "ENTRYPOINT [\"/start.sh\"]\n",
           {}},
      },
      setup);
}

TEST_CASE("SMP042 flags CRLF or a BOM in an image's entrypoint script") {
  auto image = [](V entrypoint, const std::string& path, const std::string& text) {
    return image_of(std::move(entrypoint), std::nullopt, {path}, {{path, text}});
  };
  run_image_cases(
      rule_SMP042(),
      {
          {"CRLF #! line",
           image(V{"/start.sh"}, "/start.sh", "#!/bin/sh\r\nexec x\r\n"),
           {"/start.sh"}},
          {"BOM",
           image(V{"/start.sh"}, "/start.sh", "\xEF\xBB\xBF#!/bin/sh\nexec x\n"),
           {"/start.sh"}},
          {"CRLF shell operand",
           image(V{"sh", "/app/run.sh"}, "/app/run.sh", "set -e\r\nexec x\n"),
           {"/app/run.sh"}},
          {"on PATH through a link",
           image_of(V{"start"}, std::nullopt,
                    {"/usr/local/bin/start -> /opt/start.sh", "/opt/start.sh"},
                    {{"/opt/start.sh", "#!/bin/bash\r\n"}}),
           {"/opt/start.sh"}},
          {"LF script", image(V{"/start.sh"}, "/start.sh", "#!/bin/sh\nexec x\n"), {}},
          {"an ELF program",
           image(V{"/serve"}, "/serve",
                 std::string("\x7f"
                             "ELF\r\n\0",
                             7)),
           {}},
          {"content not read", image_of(V{"/start.sh"}, std::nullopt, {"/start.sh"}), {}},
      });
}
