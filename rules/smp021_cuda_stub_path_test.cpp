#include "rules/rule_test_support.hpp"

namespace sagelint::rules {
const Rule& rule_SMP021();
}

using sagelint::rules::rule_SMP021;
using sagelint::rules::testing::run_cases;

TEST_CASE("SMP021 flags CUDA stubs on the runtime library path") {
  run_cases(
      rule_SMP021(),
      {
          {"ENV LD_LIBRARY_PATH",
           "FROM ubuntu:22.04\nENV LD_LIBRARY_PATH=/usr/local/cuda/lib64/stubs:$LD_LIBRARY_PATH\n",
           {"2:21-2:65"}},
          {"legacy ENV form",
           "FROM ubuntu:22.04\nENV LD_LIBRARY_PATH /usr/local/cuda/lib64/stubs\n",
           {"2:21-2:48"}},
          {"trailing slash",
           "FROM ubuntu:22.04\nENV LD_LIBRARY_PATH=/a:/usr/local/cuda/lib64/stubs/\n",
           {"2:21-2:52"}},
          {"via ENV variable",
           "FROM ubuntu:22.04\nENV STUBS=/usr/local/cuda/lib64/stubs\nENV "
           "LD_LIBRARY_PATH=${STUBS}\n",
           {"3:21-3:29"}},
          {"ln of the stub into a library dir",
           "FROM ubuntu:22.04\nRUN ln -s /usr/local/cuda/lib64/stubs/libcuda.so "
           "/usr/lib/x86_64-linux-gnu/libcuda.so.1\n",
           {"2:11-2:49"}},
          {"ld.so.conf entry",
           "FROM ubuntu:22.04\nRUN echo /usr/local/cuda/lib64/stubs > "
           "/etc/ld.so.conf.d/z-cuda-stubs.conf && ldconfig\n",
           {"2:10-2:37"}},
          {"inherited",
           "FROM ubuntu:22.04 AS base\nENV LD_LIBRARY_PATH=/usr/local/cuda/lib64/stubs\nFROM "
           "base\n",
           {"2:21-2:48"}},
      });
}

TEST_CASE("SMP021 leaves build-time use of the stubs alone") {
  run_cases(
      rule_SMP021(),
      {
          {"LIBRARY_PATH is link time",
           "FROM ubuntu:22.04\nENV LIBRARY_PATH=/usr/local/cuda/lib64/stubs\n",
           {}},
          {"ldconfig DIR is rebuilt at start",
           "FROM ubuntu:22.04\nRUN ldconfig /usr/local/cuda/lib64/stubs && make && ldconfig\n",
           {}},
          {"one RUN only",
           "FROM ubuntu:22.04\nRUN LD_LIBRARY_PATH=/usr/local/cuda/lib64/stubs make\n",
           {}},
          {"link inside stubs",
           "FROM ubuntu:22.04\nRUN ln -s /usr/local/cuda/lib64/stubs/libcuda.so "
           "/usr/local/cuda/lib64/stubs/libcuda.so.1\n",
           {}},
          {"normal LD_LIBRARY_PATH",
           "FROM ubuntu:22.04\nENV LD_LIBRARY_PATH=/usr/local/nvidia/lib:/usr/local/nvidia/lib64\n",
           {}},
          {"builder stage",
           "FROM ubuntu:22.04 AS b\nENV LD_LIBRARY_PATH=/usr/local/cuda/lib64/stubs\nFROM "
           "ubuntu:22.04\n",
           {}},
          {"a directory named stubsfoo",
           "FROM ubuntu:22.04\nENV LD_LIBRARY_PATH=/opt/stubsfoo\n",
           {}},
      });
}

TEST_CASE("SMP021 in an image: Env and libcuda links into stubs") {
  using namespace sagelint::rules::testing;
  auto env = image_of(std::nullopt, std::nullopt);
  env.config.env = {"PATH=/usr/bin",
                    "LD_LIBRARY_PATH=/usr/local/nvidia/lib64:/usr/local/cuda/lib64/stubs"};
  auto fine = image_of(std::nullopt, std::nullopt,
                       {"/usr/local/cuda/lib64/stubs/libcuda.so.1 -> libcuda.so",
                        "/usr/lib/libcuda.so.1 -> /usr/local/cuda/compat/libcuda.so.1"});
  fine.config.env = {"LIBRARY_PATH=/usr/local/cuda/lib64/stubs",
                     "LD_LIBRARY_PATH=/usr/local/nvidia/lib64"};
  run_image_cases(rule_SMP021(), {
                                     {"LD_LIBRARY_PATH", env, {"config"}},
                                     {"libcuda link into stubs",
                                      image_of(std::nullopt, std::nullopt,
                                               {"/usr/lib/x86_64-linux-gnu/libcuda.so.1 -> "
                                                "/usr/local/cuda/lib64/stubs/libcuda.so"}),
                                      {"/usr/lib/x86_64-linux-gnu/libcuda.so.1"}},
                                     {"links inside stubs, compat, link-time path", fine, {}},
                                 });
}
