// Files host_stub reads whole: events, expectations, the sandbox's start-up line.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace qbo_sync::host_stub {

// The bytes of the file at `path`. Throws HostError "no such <what>: <path>" when it cannot be
// opened.
std::string read_text_file(const std::filesystem::path& path, std::string_view what);

}  // namespace qbo_sync::host_stub
