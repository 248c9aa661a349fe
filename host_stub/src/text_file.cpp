#include "qbo_sync/host_stub/text_file.h"

#include <fstream>
#include <sstream>

#include "qbo_sync/host/host_error.h"

namespace qbo_sync::host_stub {

std::string read_text_file(const std::filesystem::path& path, std::string_view what) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    throw host::HostError("no such " + std::string(what) + ": " + path.string());
  }
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace qbo_sync::host_stub
