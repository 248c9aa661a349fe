# Writes OUTPUT: a C++ source holding every file of CONSOLE_DIR as a string, served by
# `host_stub serve` (console_assets.h). Run at build time whenever a file changes.
file(GLOB assets RELATIVE ${CONSOLE_DIR} ${CONSOLE_DIR}/*.html ${CONSOLE_DIR}/*.css ${CONSOLE_DIR}/*.js)
list(SORT assets)
set(entries "")
foreach(asset IN LISTS assets)
  file(READ ${CONSOLE_DIR}/${asset} content)
  if(asset MATCHES "\\.html$")
    set(type "text/html; charset=utf-8")
  elseif(asset MATCHES "\\.css$")
    set(type "text/css; charset=utf-8")
  else()
    set(type "text/javascript; charset=utf-8")
  endif()
  string(APPEND entries "    {\"/${asset}\", \"${type}\", R\"qbo_console(${content})qbo_console\"},\n")
endforeach()
file(WRITE ${OUTPUT}.tmp
"// Generated from host_stub/console/ by embed_console.cmake: do not edit.
#include \"qbo_sync/host_stub/console_assets.h\"

#include <array>

namespace qbo_sync::host_stub {
namespace {
constexpr ConsoleAsset kAssets[] = {
${entries}};
}  // namespace

std::optional<ConsoleAsset> console_asset(std::string_view path) {
  if (path == \"/\") path = \"/index.html\";
  for (const auto& asset : kAssets) {
    if (asset.path == path) return asset;
  }
  return std::nullopt;
}

}  // namespace qbo_sync::host_stub
")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
