#include "elf_image.h"

#include <elf.h>

#include <cstring>
#include <fstream>
#include <stdexcept>

namespace qbo_sync::abi_test {
namespace {

using Bytes = std::vector<char>;

template <class T>
T read_at(const Bytes& bytes, std::uint64_t offset) {
  if (offset > bytes.size() || bytes.size() - offset < sizeof(T)) {
    throw std::runtime_error("ELF structure past the end of the file");
  }
  T value;
  std::memcpy(&value, bytes.data() + offset, sizeof(T));
  return value;
}

Bytes read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  Bytes bytes(std::filesystem::file_size(path));
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return bytes;
}

void read_dynamic(const Bytes& bytes, const Elf64_Phdr& segment, ElfImage& image) {
  for (std::uint64_t at = segment.p_offset;
       at + sizeof(Elf64_Dyn) <= segment.p_offset + segment.p_filesz; at += sizeof(Elf64_Dyn)) {
    const auto entry = read_at<Elf64_Dyn>(bytes, at);
    if (entry.d_tag == DT_NULL) break;
    const auto value = entry.d_un.d_val;
    if (entry.d_tag == DT_BIND_NOW || (entry.d_tag == DT_FLAGS && (value & DF_BIND_NOW)) ||
        (entry.d_tag == DT_FLAGS_1 && (value & DF_1_NOW))) {
      image.binds_now = true;
    }
  }
}

void read_segments(const Bytes& bytes, const Elf64_Ehdr& header, ElfImage& image) {
  for (unsigned i = 0; i < header.e_phnum; ++i) {
    const auto segment =
        read_at<Elf64_Phdr>(bytes, header.e_phoff + std::uint64_t{i} * header.e_phentsize);
    if (segment.p_type == PT_GNU_RELRO) image.has_relro_segment = true;
    if (segment.p_type == PT_GNU_STACK) {
      image.has_stack_segment = true;
      image.executable_stack = (segment.p_flags & PF_X) != 0;
    }
    if (segment.p_type == PT_DYNAMIC) read_dynamic(bytes, segment, image);
  }
}

std::string string_at(const Bytes& bytes, const Elf64_Shdr& table, std::uint32_t index) {
  if (index >= table.sh_size) throw std::runtime_error("symbol name past its string table");
  const char* start = bytes.data() + table.sh_offset + index;
  return std::string(start, strnlen(start, table.sh_size - index));
}

void read_imports(const Bytes& bytes, const Elf64_Ehdr& header, ElfImage& image) {
  const auto section_at = [&](std::uint64_t index) {
    return read_at<Elf64_Shdr>(bytes, header.e_shoff + index * header.e_shentsize);
  };
  for (unsigned i = 0; i < header.e_shnum; ++i) {
    const auto symbols = section_at(i);
    if (symbols.sh_type != SHT_DYNSYM || symbols.sh_entsize == 0) continue;
    const auto names = section_at(symbols.sh_link);
    if (names.sh_offset + names.sh_size > bytes.size()) {
      throw std::runtime_error("string table past the end of the file");
    }
    for (std::uint64_t at = 0; at + sizeof(Elf64_Sym) <= symbols.sh_size;
         at += symbols.sh_entsize) {
      const auto symbol = read_at<Elf64_Sym>(bytes, symbols.sh_offset + at);
      if (symbol.st_shndx == SHN_UNDEF && symbol.st_name != 0) {
        image.imports.push_back(string_at(bytes, names, symbol.st_name));
      }
    }
  }
}

}  // namespace

ElfImage read_elf_image(const std::filesystem::path& path) {
  const Bytes bytes = read_file(path);
  const auto header = read_at<Elf64_Ehdr>(bytes, 0);
  if (std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0 || header.e_ident[EI_CLASS] != ELFCLASS64 ||
      header.e_ident[EI_DATA] != ELFDATA2LSB) {
    throw std::runtime_error(path.string() + " is not a little-endian ELF64 file");
  }
  ElfImage image;
  read_segments(bytes, header, image);
  read_imports(bytes, header, image);
  return image;
}

}  // namespace qbo_sync::abi_test
