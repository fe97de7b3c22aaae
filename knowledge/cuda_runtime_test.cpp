#include "knowledge/cuda_runtime.hpp"

#include <doctest/doctest.h>

using namespace sagelint::knowledge;
using sagelint::image::FileEntry;
using sagelint::image::FileTree;
using sagelint::image::ImageConfig;

namespace {

FileTree tree_of(std::initializer_list<const char*> paths) {
  FileTree tree;
  for (const char* p : paths) {
    FileEntry entry;
    entry.path = p;
    tree.put(entry);
  }
  return tree;
}

}  // namespace

TEST_CASE("the CUDA runtime version comes from CUDA_VERSION, else NVIDIA_REQUIRE_CUDA") {
  ImageConfig config;
  CHECK_FALSE(cuda_runtime_from_env(config));
  config.env = {"PATH=/usr/bin",
                "NVIDIA_REQUIRE_CUDA=cuda>=12.4 brand=tesla,driver>=470,driver<471"};
  auto from_require = cuda_runtime_from_env(config);
  REQUIRE(from_require);
  CHECK(from_require->major == 12);
  CHECK(from_require->version == "12.4");
  config.env.push_back("CUDA_VERSION=11.8.0");
  auto from_version = cuda_runtime_from_env(config);
  REQUIRE(from_version);
  CHECK(from_version->major == 11);
  CHECK(from_version->evidence == "CUDA_VERSION=11.8.0");
  config.env = {"CUDA_VERSION=", "NVIDIA_REQUIRE_CUDA=driver>=470"};
  CHECK_FALSE(cuda_runtime_from_env(config));
}

TEST_CASE("the CUDA runtime library the image ships gives the highest major") {
  CHECK_FALSE(cuda_runtime_from_files(tree_of({"/usr/lib/libcudart_static.a", "/libcudart.so"})));
  auto found = cuda_runtime_from_files(
      tree_of({"/opt/conda/lib/python3.10/site-packages/torch/lib/libcudart-d0da41ae.so.11.0",
               "/usr/local/cuda-12.2/targets/x86_64-linux/lib/libcudart.so.12.2.140"}));
  REQUIRE(found);
  CHECK(found->major == 12);
  CHECK(found->version == "12.2.140");
  CHECK(found->evidence == "/usr/local/cuda-12.2/targets/x86_64-linux/lib/libcudart.so.12.2.140");
  auto wheel = cuda_runtime_from_files(
      tree_of({"/usr/lib/python3/site-packages/nvidia/cuda_runtime/lib/libcudart.so.12"}));
  REQUIRE(wheel);
  CHECK(wheel->version == "12");
}

TEST_CASE("the forward-compatibility package is found by its driver library under compat/") {
  CHECK(cuda_forward_compat_library(tree_of({"/usr/local/cuda-12.2/lib64/libcudart.so.12"})) == "");
  CHECK(cuda_forward_compat_library(tree_of({"/usr/lib/x86_64-linux-gnu/libcuda.so.535.1"})) == "");
  CHECK(cuda_forward_compat_library(
            tree_of({"/usr/local/cuda-12.2/compat/libcuda.so.535.104.05",
                     "/usr/local/cuda-12.2/compat/libnvidia-ptxjitcompiler.so.535.104.05"})) ==
        "/usr/local/cuda-12.2/compat/libcuda.so.535.104.05");
}
