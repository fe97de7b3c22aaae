#include "knowledge/start_program.hpp"

#include <doctest/doctest.h>

#include "image/view.hpp"

using namespace sagelint::knowledge;
using sagelint::image::FileEntry;
using sagelint::image::ImageView;

namespace {

void put(ImageView& v, const std::string& path, uint32_t mode = 0755,
         FileEntry::Type type = FileEntry::file, const std::string& target = "") {
  FileEntry e;
  e.path = path;
  e.mode = mode;
  e.type = type;
  e.link_target = target;
  v.files.put(e);
}

}  // namespace

TEST_CASE("argv[0] is looked up as Go's exec.LookPath does inside the image") {
  ImageView v;
  put(v, "/usr/local/bin/tool", 0644);  // not executable: passed over
  put(v, "/usr/bin/tool");
  put(v, "/app/bin/run");
  put(v, "/bin", 0777, FileEntry::symlink, "usr/bin");
  v.config.working_dir = "/app";

  auto tool = find_image_program(v, "tool");
  CHECK(tool.status == ProgramLookup::found);
  CHECK(tool.path == "/usr/bin/tool");
  CHECK(tool.searched_path);

  CHECK(find_image_program(v, "bin/run").path == "/app/bin/run");
  CHECK(find_image_program(v, "/bin/tool").path == "/usr/bin/tool");
  CHECK(find_image_program(v, "/usr/local/bin/tool").status == ProgramLookup::not_executable);

  v.config.env = {"PATH=/usr/local/bin"};
  auto hidden = find_image_program(v, "tool");
  CHECK(hidden.status == ProgramLookup::not_found);
  CHECK(hidden.passed_over == "/usr/local/bin/tool");
  CHECK(hidden.passed_over_reason == "has no execute bit");

  v.config.env = {"PATH=:/nowhere"};  // an empty entry is the working directory
  CHECK(find_image_program(v, "bin/run").status == ProgramLookup::found);
  put(v, "/app/run2");
  CHECK(find_image_program(v, "run2").path == "/app/run2");
}

TEST_CASE("#! lines as the kernel splits them") {
  auto s = read_shebang("#! /usr/bin/env  -S python3 -u  \nrest");
  REQUIRE(s);
  CHECK(s->interpreter == "/usr/bin/env");
  CHECK(s->argument == "-S python3 -u");
  CHECK_FALSE(s->crlf);
  CHECK(env_program(*s) == "python3");

  auto crlf = read_shebang("#!/bin/sh\r\n");
  REQUIRE(crlf);
  CHECK(crlf->interpreter == "/bin/sh\r");
  CHECK(crlf->crlf);

  CHECK(env_program(*read_shebang("#!/usr/bin/env node\n")) == "node");
  CHECK_FALSE(env_program(*read_shebang("#!/usr/bin/env -i node\n")));
  CHECK_FALSE(env_program(*read_shebang("#!/bin/bash -e\n")));
  CHECK_FALSE(read_shebang("echo hi\n"));
  CHECK_FALSE(read_shebang("#!\n"));
  CHECK(starts_with_bom("\xEF\xBB\xBF#!/bin/sh"));
}

TEST_CASE("the heads an image reader keeps for the start program") {
  sagelint::image::ImageConfig config;
  config.entrypoint = std::vector<std::string>{"/opt/program/serve"};
  config.env = {"PATH=/opt/conda/envs/app/lib:/usr/bin"};
  CHECK(may_be_start_program("/opt/program/serve", config));
  CHECK(may_be_start_program("/opt/conda/bin/python3.11", config));  // a link's likely target
  CHECK(may_be_start_program("/opt/conda/envs/app/lib/x", config));  // on PATH
  CHECK_FALSE(may_be_start_program("/usr/lib/x86_64-linux-gnu/libc.so.6", config));
  CHECK_FALSE(may_be_start_program("/opt/program/model.bin", config));
}
