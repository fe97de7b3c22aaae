#include "image/elf_header.hpp"

namespace sagelint::image {

std::optional<ElfHeader> read_elf_header(std::string_view head) {
  // e_ident (16 bytes), e_type (2), e_machine (2): the same offsets in ELF32 and ELF64.
  if (head.size() < 20 || head.substr(0, 4) !=
                              "\x7f"
                              "ELF")
    return std::nullopt;
  const auto byte = [&](std::size_t i) { return static_cast<uint8_t>(head[i]); };
  const uint8_t elf_class = byte(4), data = byte(5);
  if ((elf_class != 1 && elf_class != 2) || (data != 1 && data != 2)) return std::nullopt;
  ElfHeader h;
  h.is_64bit = elf_class == 2;
  h.big_endian = data == 2;
  h.machine = h.big_endian ? static_cast<uint16_t>(byte(18) << 8 | byte(19))
                           : static_cast<uint16_t>(byte(19) << 8 | byte(18));
  return h;
}

std::string elf_machine_name(uint16_t machine) {
  switch (machine) {
    case 3: return "x86 (i386)";
    case 8: return "MIPS";
    case 20: return "PowerPC";
    case 21: return "PowerPC64";
    case 22: return "IBM S/390";
    case 40: return "ARM (32-bit)";
    case 62: return "x86-64";
    case 183: return "AArch64 (arm64)";
    case 243: return "RISC-V";
    case 258: return "LoongArch";
    default: return "machine " + std::to_string(machine);
  }
}

}  // namespace sagelint::image
