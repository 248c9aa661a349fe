// The plugin's name and version, as the handshake and the admin surface report them.
#pragma once

namespace qbo_sync::runtime {

inline constexpr const char* kPluginName = "qbo-sync";
inline constexpr const char* kPluginVersion = QBO_SYNC_VERSION;

}  // namespace qbo_sync::runtime
