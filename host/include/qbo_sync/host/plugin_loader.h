#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "qbo_sync/plugin_api.h"

namespace qbo_sync::host {

// Who the plugin says it is, from the handshake.
struct PluginIdentity {
  std::string name;
  std::string version;
  std::uint32_t abi_major = 0;
  std::uint32_t abi_minor = 0;
};

// A loaded plugin library that passed the handshake. The library stays mapped for as long as this
// object lives; every pointer taken from it (the plugin table, instances) must be released first,
// which PluginInstance guarantees by holding a shared_ptr to it.
class LoadedPlugin {
 public:
  // Loads the library with RTLD_NOW | RTLD_LOCAL from its absolute path, looks up the entry
  // symbol and negotiates the ABI version. Throws HostError with a one-line reason when the file
  // is missing, is not a loadable library, lacks the entry symbol, speaks another ABI major,
  // refuses the handshake, or hands back an unusable plugin table.
  static std::shared_ptr<const LoadedPlugin> load(const std::filesystem::path& library_path);

  ~LoadedPlugin();
  LoadedPlugin(const LoadedPlugin&) = delete;
  LoadedPlugin& operator=(const LoadedPlugin&) = delete;

  const std::filesystem::path& path() const { return path_; }
  const PluginIdentity& identity() const { return identity_; }
  // The plugin's table; every member this host knows is present and non-null.
  const qbo_sync_plugin_api& api() const { return *api_; }

 private:
  struct Library;
  LoadedPlugin(std::unique_ptr<Library> library, std::filesystem::path path);

  std::unique_ptr<Library> library_;
  std::filesystem::path path_;
  PluginIdentity identity_;
  const qbo_sync_plugin_api* api_ = nullptr;
};

}  // namespace qbo_sync::host
