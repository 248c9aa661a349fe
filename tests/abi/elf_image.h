// Just enough of an ELF64 shared object for the hardening test: its program headers, dynamic
// section flags and the names of its undefined dynamic symbols (the functions it imports).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace qbo_sync::abi_test {

struct ElfImage {
  bool has_relro_segment = false;    // PT_GNU_RELRO
  bool has_stack_segment = false;    // PT_GNU_STACK
  bool executable_stack = false;     // PT_GNU_STACK with PF_X
  bool binds_now = false;            // DT_BIND_NOW, DF_BIND_NOW or DF_1_NOW
  std::vector<std::string> imports;  // undefined symbols of .dynsym
};

// Reads a little-endian ELF64 file; throws std::runtime_error when it is not one.
ElfImage read_elf_image(const std::filesystem::path& path);

}  // namespace qbo_sync::abi_test
