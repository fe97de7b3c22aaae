#include <string>

#include "rules/rule_test_support.hpp"

namespace sagelint::rules {
const Rule& rule_SMP041();
}

using sagelint::rules::rule_SMP041;
using namespace sagelint::rules::testing;
using sagelint::image::ImageView;
using V = std::vector<std::string>;

namespace {

const std::string kElf = std::string(
    "\x7f"
    "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0",
    20);

ImageView with_env(ImageView v, std::vector<std::string> env, std::string workdir = "") {
  v.config.env = std::move(env);
  v.config.working_dir = std::move(workdir);
  return v;
}

ImageView with_mode(ImageView v, const std::string& path, uint32_t mode) {
  auto e = *v.files.find(path);
  e.mode = mode;
  v.files.put(e);
  return v;
}

ImageView with_layers_unread(ImageView v) {
  v.layers.resize(1);
  v.layers[0].read = false;
  return v;
}

}  // namespace

TEST_CASE("SMP041 flags a start program that is not found or cannot be executed") {
  run_image_cases(
      rule_SMP041(),
      {
          {"not on the default PATH",
           image_of(V{"serve"}, std::nullopt, {"/opt/program/serve"}),
           {"config"}},
          {"not on the image's PATH",
           with_env(image_of(V{"python3"}, std::nullopt, {"/usr/bin/python3"}),
                    {"PATH=/opt/conda/bin"}),
           {"config"}},
          {"an absolute path that does not exist",
           image_of(V{"/opt/program/serve"}, V{"x"}),
           {"config"}},
          {"shell form on an image without /bin/sh",
           image_of(V{"/bin/sh", "-c", "serve"}, {}),
           {"config"}},
          {"a relative name resolved in WorkingDir that is missing",
           with_env(image_of(V{"./serve"}, std::nullopt, {"/serve"}), {}, "/app"),
           {"config"}},
          {"no execute bit",
           with_mode(
               image_of(V{"/app/serve"}, std::nullopt, {"/app/serve"}, {{"/app/serve", kElf}}),
               "/app/serve", 0644),
           {"/app/serve"}},
          {"a directory", image_of(V{"/app/serve"}, std::nullopt, {"/app/serve/"}), {"config"}},
          {"a dangling link",
           image_of(V{"/usr/local/bin/serve"}, std::nullopt, {"/usr/local/bin/serve -> /opt/gone"}),
           {"config"}},
          {"a link loop", image_of(V{"/a"}, std::nullopt, {"/a -> /b", "/b -> /a"}), {"config"}},
          {"a link leaving the image ends at its root, not the host's /usr/bin/env",
           image_of(V{"/app/env"}, std::nullopt, {"/app/env -> ../../../../usr/bin/env"}),
           {"config"}},
          {"neither ELF nor #!",
           image_of(V{"/start"}, std::nullopt, {"/start"}, {{"/start", "echo hi\n"}}),
           {"/start"}},
          {"an empty file",
           image_of(V{"/start"}, std::nullopt, {"/start"}, {{"/start", ""}}),
           {"/start"}},
      });
}

TEST_CASE("SMP041 passes programs found as runc finds them") {
  run_image_cases(
      rule_SMP041(),
      {
          {"on the default PATH through /bin -> usr/bin",
           image_of(V{"sh", "-c", "x"}, std::nullopt,
                    {"/bin -> usr/bin", "/usr/bin/sh -> dash", "/usr/bin/dash"}),
           {}},
          {"PATH skips a file without an execute bit",
           with_mode(with_env(image_of(V{"serve"}, std::nullopt,
                                       {"/usr/local/bin/serve", "/usr/bin/serve"}),
                              {"PATH=/usr/local/bin:/usr/bin"}),
                     "/usr/local/bin/serve", 0644),
           {}},
          {"a name with a slash relative to WorkingDir",
           with_env(image_of(V{"bin/serve"}, std::nullopt, {"/app/bin/serve"}), {}, "/app"),
           {}},
          {"an absolute link target inside the image",
           image_of(
               V{"/usr/local/bin/python"}, std::nullopt,
               {"/usr/local/bin/python -> /opt/conda/bin/python3.11", "/opt/conda/bin/python3.11"},
               {{"/opt/conda/bin/python3.11", kElf}}),
           {}},
          {"Cmd alone", image_of(std::nullopt, V{"/usr/bin/serve"}, {"/usr/bin/serve"}), {}},
          {"no command is SMP005", image_of(std::nullopt, std::nullopt), {}},
          {"layers not read", with_layers_unread(image_of(V{"serve"}, std::nullopt)), {}},
      });
}

TEST_CASE("SMP041 checks the #! interpreter of a start script") {
  const std::vector<std::string> base = {"/entrypoint.sh", "/bin/bash", "/usr/bin/env",
                                         "/usr/bin/python3"};
  auto script = [&](const std::string& text, std::vector<std::string> files = {}) {
    if (files.empty()) files = base;
    return image_of(V{"/entrypoint.sh"}, std::nullopt, files, {{"/entrypoint.sh", text}});
  };
  run_image_cases(
      rule_SMP041(),
      {
          {"interpreter missing", script("#!/bin/zsh\necho hi\n"), {"/entrypoint.sh"}},
          {"env program missing", script("#!/usr/bin/env node\n"), {"/entrypoint.sh"}},
          {"env -S program missing", script("#!/usr/bin/env -S ruby -w\n"), {"/entrypoint.sh"}},
          {"env itself missing",
           script("#!/usr/bin/env python3\n", {"/entrypoint.sh", "/usr/bin/python3"}),
           {"/entrypoint.sh"}},
          {"interpreter without an execute bit",
           with_mode(script("#!/bin/bash\n"), "/bin/bash", 0644),
           {"/entrypoint.sh"}},
          {"bash present", script("#!/bin/bash\nexec \"$@\"\n"), {}},
          {"blanks after #!", script("#! /bin/bash -e\n"), {}},
          {"env python3 on PATH", script("#!/usr/bin/env python3\n"), {}},
          {"a CRLF #! line is SMP042's", script("#!/bin/bash\r\necho hi\r\n"), {}},
          {"a BOM is SMP042's", script("\xEF\xBB\xBF#!/bin/bash\n"), {}},
      });
}
