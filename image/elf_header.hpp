// The identification part of an ELF file header (the first 20 bytes of the 64 an
// ELF64 header has): enough to tell which CPU a program is built for, read from
// the beginning of a file only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sagelint::image {

struct ElfHeader {
  bool is_64bit = false;    // EI_CLASS == ELFCLASS64
  bool big_endian = false;  // EI_DATA == ELFDATA2MSB
  uint16_t machine = 0;     // e_machine (EM_X86_64 = 62, EM_AARCH64 = 183, ...)
};

inline constexpr uint16_t kMachineX86_64 = 62;
inline constexpr uint16_t kMachine386 = 3;

// nullopt when `head` (the file's first bytes) is not an ELF header.
std::optional<ElfHeader> read_elf_header(std::string_view head);

// "x86-64", "AArch64", "ARM", "PowerPC64", ...; "machine 1234" when not known.
std::string elf_machine_name(uint16_t machine);

}  // namespace sagelint::image
