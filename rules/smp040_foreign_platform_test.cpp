#include <string>

#include "rules/rule_test_support.hpp"

namespace sagelint::rules {
const Rule& rule_SMP040();
}

using sagelint::rules::rule_SMP040;
using namespace sagelint::rules::testing;
using V = std::vector<std::string>;

namespace {

// The first 64 bytes of an ELF64 little-endian executable for `machine`.
std::string elf_head(uint16_t machine) {
  std::string h =
      "\x7f"
      "ELF\x02\x01\x01";
  h.resize(16, '\0');
  h += std::string("\x02\x00", 2);
  h += static_cast<char>(machine & 0xff);
  h += static_cast<char>(machine >> 8);
  h.resize(64, '\0');
  return h;
}

sagelint::image::ImageView with_platform(sagelint::image::ImageView v, std::string os,
                                         std::string arch) {
  v.config.os = std::move(os);
  v.config.architecture = std::move(arch);
  return v;
}

}  // namespace

TEST_CASE("SMP040 flags a shipped FROM --platform for another architecture") {
  run_cases(
      rule_SMP040(),
      {
          {"arm64",
           "FROM --platform=linux/arm64 python:3.12\nENTRYPOINT [\"python3\"]\n",
           {"1:6-1:28"}},
          {"aarch64 spelled as uname does",
           "FROM --platform=linux/aarch64 python:3.12\n",
           {"1:6-1:30"}},
          {"a lone architecture", "FROM --platform=arm64 python:3.12\n", {"1:6-1:22"}},
          {"windows", "FROM --platform=windows/amd64 mcr.microsoft.com/python\n", {"1:6-1:30"}},
          {"through a global ARG default",
           "ARG PLATFORM=linux/arm64\nFROM --platform=$PLATFORM python:3.12\n",
           {"2:6-2:26"}},
          {"on the base stage of the shipped one",
           "FROM --platform=linux/arm64/v8 python:3.12 AS base\nFROM base\nCMD [\"python3\"]\n",
           {"1:6-1:31"}},
          {"amd64", "FROM --platform=linux/amd64 python:3.12\n", {}},
          {"x86_64 is amd64", "FROM --platform=linux/x86_64 python:3.12\n", {}},
          {"BUILDPLATFORM is unknown", "FROM --platform=$BUILDPLATFORM python:3.12\n", {}},
          {"TARGETPLATFORM is unknown", "FROM --platform=${TARGETPLATFORM} python:3.12\n", {}},
          {"an ARG without a value is unknown",
           "ARG PLATFORM\nFROM --platform=$PLATFORM python:3.12\n",
           {}},
          {"a builder stage only copied from is not shipped",
           "FROM --platform=linux/arm64 golang AS build\nRUN go build -o /app .\n"
           "FROM --platform=linux/amd64 debian\nCOPY --from=build /app /app\n",
           {}},
          {"no --platform", "FROM python:3.12\n", {}},
      });
}

TEST_CASE("SMP040 flags an image index, config or start program for another platform") {
  using sagelint::image::ImageView;
  ImageView index_without_amd64 = image_of(V{"/app"}, std::nullopt);
  index_without_amd64.index_platforms = {"linux/arm64", "linux/arm/v7"};
  index_without_amd64.platform_defaulted = true;
  index_without_amd64.config.architecture = "arm64";
  ImageView index_with_amd64 = image_of(V{"/app"}, std::nullopt);
  index_with_amd64.index_platforms = {"linux/arm64", "linux/amd64", "unknown/unknown"};

  // A merged-/usr image whose python3 link leads to an arm64 binary.
  ImageView arm_python = image_of(
      V{"python3", "/job.py"}, std::nullopt,
      {"/usr/bin/python3 -> python3.11", "/usr/bin/python3.11", "/bin -> usr/bin", "/job.py"},
      {{"/usr/bin/python3.11", elf_head(183)}});
  ImageView x86_python = image_of(V{"python3", "/job.py"}, std::nullopt,
                                  {"/usr/bin/python3 -> python3.11", "/usr/bin/python3.11"},
                                  {{"/usr/bin/python3.11", elf_head(62)}});
  ImageView i386_program =
      image_of(V{"/opt/tool"}, std::nullopt, {"/opt/tool"}, {{"/opt/tool", elf_head(3)}});
  ImageView arm_interpreter = image_of(V{"/start.sh"}, std::nullopt,
                                       {"/start.sh", "/usr/bin/env", "/usr/local/bin/python3"},
                                       {{"/start.sh", "#!/usr/bin/env python3\nprint(1)\n"},
                                        {"/usr/bin/env", elf_head(62)},
                                        {"/usr/local/bin/python3", elf_head(40)}});
  ImageView head_not_read = image_of(V{"/app"}, std::nullopt, {"/app"});
  run_image_cases(
      rule_SMP040(),
      {
          {"index without linux/amd64", index_without_amd64, {"config"}},
          {"index with linux/amd64", index_with_amd64, {}},
          {"config arm64",
           with_platform(image_of(V{"/app"}, std::nullopt), "linux", "arm64"),
           {"config"}},
          {"config windows",
           with_platform(image_of(V{"/app"}, std::nullopt), "windows", "amd64"),
           {"config"}},
          {"config amd64", with_platform(image_of(V{"/app"}, std::nullopt), "linux", "amd64"), {}},
          {"arm64 ELF under an amd64 config",
           with_platform(arm_python, "linux", "amd64"),
           {"/usr/bin/python3.11"}},
          {"x86-64 ELF", x86_python, {}},
          {"i386 runs on x86-64", i386_program, {}},
          {"the #! interpreter is a 32-bit ARM binary",
           arm_interpreter,
           {"/usr/local/bin/python3"}},
          {"program head not read", head_not_read, {}},
      });
}
