#include "image/elf_header.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace sagelint::image;

namespace {

// e_ident + e_type + e_machine, as a compiler writes them.
std::string elf(uint8_t elf_class, uint8_t data, uint16_t machine) {
  std::string h =
      "\x7f"
      "ELF";
  h += static_cast<char>(elf_class);
  h += static_cast<char>(data);
  h += '\x01';
  h.resize(16, '\0');
  h += std::string("\x02\x00", 2);  // ET_EXEC
  if (data == 2) {
    h += static_cast<char>(machine >> 8);
    h += static_cast<char>(machine & 0xff);
  } else {
    h += static_cast<char>(machine & 0xff);
    h += static_cast<char>(machine >> 8);
  }
  h.resize(64, '\0');
  return h;
}

}  // namespace

TEST_CASE("the machine of an ELF header, in either byte order and class") {
  auto x86 = read_elf_header(elf(2, 1, 62));
  REQUIRE(x86);
  CHECK(x86->machine == kMachineX86_64);
  CHECK(x86->is_64bit);
  CHECK_FALSE(x86->big_endian);

  auto arm64 = read_elf_header(elf(2, 1, 183));
  REQUIRE(arm64);
  CHECK(arm64->machine == 183);
  CHECK(elf_machine_name(arm64->machine) == "AArch64 (arm64)");

  auto s390 = read_elf_header(elf(2, 2, 22));
  REQUIRE(s390);
  CHECK(s390->big_endian);
  CHECK(s390->machine == 22);

  auto arm32 = read_elf_header(elf(1, 1, 40));
  REQUIRE(arm32);
  CHECK_FALSE(arm32->is_64bit);
  CHECK(elf_machine_name(arm32->machine) == "ARM (32-bit)");
  CHECK(elf_machine_name(4242) == "machine 4242");
}

TEST_CASE("what is not an ELF header") {
  CHECK_FALSE(read_elf_header(""));
  CHECK_FALSE(read_elf_header("#!/bin/sh\necho hi\n"));
  CHECK_FALSE(read_elf_header(elf(2, 1, 62).substr(0, 19)));  // cut before e_machine ends
  CHECK_FALSE(read_elf_header(elf(3, 1, 62)));                // no such class
  CHECK_FALSE(read_elf_header(elf(2, 0, 62)));                // no byte order
}
