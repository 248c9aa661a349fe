// The developer console's page, style sheet and script, compiled into host_stub from
// host_stub/console/ so that `host_stub serve` needs no files beside it.
#pragma once

#include <optional>
#include <string_view>

namespace qbo_sync::host_stub {

struct ConsoleAsset {
  std::string_view path;  // "/index.html", "/console.js", ...
  std::string_view content_type;
  std::string_view body;
};

// The asset at `path` ("/" is the page); nullopt when there is none.
std::optional<ConsoleAsset> console_asset(std::string_view path);

}  // namespace qbo_sync::host_stub
