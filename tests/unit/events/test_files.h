// Reading the schema examples of the source tree in tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace qbo_sync::events::testing {

inline std::filesystem::path schemas_dir() {
  return QBO_SYNC_SCHEMAS_DIR;
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    throw std::runtime_error("cannot read " + path.string());
  }
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

inline std::string example(const std::string& schema, const std::string& kind,
                           const std::string& name) {
  return read_text(schemas_dir() / "examples" / schema / kind / name);
}

}  // namespace qbo_sync::events::testing
