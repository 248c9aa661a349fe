#include "qbo_sync/host/plugin_loader.h"

#include <dlfcn.h>

#include <boost/dll/shared_library.hpp>
#include <cstddef>
#include <cstring>
#include <exception>
#include <system_error>
#include <type_traits>
#include <utility>

#include "qbo_sync/host/host_error.h"
#include "qbo_sync/host/status_names.h"

namespace qbo_sync::host {

struct LoadedPlugin::Library {
  boost::dll::shared_library library;
};

namespace {

// The smallest plugin table this host can use: every member up to and including `admin`.
constexpr std::size_t kRequiredPluginApiSize =
    offsetof(qbo_sync_plugin_api, admin) + sizeof(qbo_sync_plugin_api::admin);

std::string host_abi_text() {
  return std::to_string(QBO_SYNC_ABI_MAJOR) + "." + std::to_string(QBO_SYNC_ABI_MINOR);
}

std::string plugin_abi_text(const qbo_sync_entry_result& result) {
  return std::to_string(result.plugin_abi_major) + "." + std::to_string(result.plugin_abi_minor);
}

// The plugin's refusal text, bounded even if the plugin forgot the terminating NUL.
std::string refusal_message(const qbo_sync_entry_result& result) {
  const std::size_t length = strnlen(result.message, sizeof result.message);
  return std::string(result.message, length);
}

std::string with_reason(const std::string& text, const std::string& reason) {
  return reason.empty() ? text : text + ": " + reason;
}

boost::dll::shared_library open_library(const std::filesystem::path& path) {
  std::error_code status_error;
  const auto status = std::filesystem::status(path, status_error);
  if (!std::filesystem::exists(status)) {
    throw HostError("no such plugin file: " + path.string());
  }
  if (!std::filesystem::is_regular_file(status)) {
    throw HostError("the plugin path is not a regular file: " + path.string());
  }
  boost::dll::fs::error_code load_error;
  // RTLD_NOW: an unresolved symbol fails here, not in the middle of a hook. RTLD_LOCAL: the
  // plugin's symbols never interpose on the host's or another plugin's.
  boost::dll::shared_library library(
      path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local, load_error);
  if (load_error || !library.is_loaded()) {
    const char* reason = dlerror();
    throw HostError("cannot load plugin " + path.string() + ": " +
                    (reason != nullptr ? std::string(reason) : load_error.message()));
  }
  return library;
}

qbo_sync_entry_result handshake(qbo_sync_entry_fn entry) {
  qbo_sync_entry_request request{};
  request.struct_size = sizeof request;
  request.host_abi_major = QBO_SYNC_ABI_MAJOR;
  request.host_abi_minor = QBO_SYNC_ABI_MINOR;
  qbo_sync_entry_result result{};
  result.struct_size = sizeof result;

  std::int32_t status = QBO_SYNC_INTERNAL_ERROR;
  try {
    status = entry(&request, &result);
  } catch (const std::exception& error) {
    throw HostError(std::string("the plugin let an exception escape from ") +
                    QBO_SYNC_ENTRY_SYMBOL + ": " + error.what());
  } catch (...) {
    throw HostError(std::string("the plugin let an exception escape from ") +
                    QBO_SYNC_ENTRY_SYMBOL);
  }
  result.message[sizeof result.message - 1] = '\0';

  const std::string reason = refusal_message(result);
  if (result.plugin_abi_major != QBO_SYNC_ABI_MAJOR &&
      (status == QBO_SYNC_OK || status == QBO_SYNC_VERSION_MISMATCH)) {
    throw HostError(with_reason("ABI major mismatch: host speaks ABI " + host_abi_text() +
                                    ", plugin speaks ABI " + plugin_abi_text(result),
                                reason));
  }
  if (status == QBO_SYNC_VERSION_MISMATCH) {
    throw HostError(with_reason("the plugin refused the handshake (host ABI " + host_abi_text() +
                                    ", plugin ABI " + plugin_abi_text(result) + ")",
                                reason.empty() ? "no reason given" : reason));
  }
  if (status != QBO_SYNC_OK) {
    const std::string what = is_known_status(status)
                                 ? status_name(status)
                                 : "unknown status code " + std::to_string(status);
    throw HostError(with_reason("the plugin's handshake failed with " + what, reason));
  }
  return result;
}

void check_plugin_table(const qbo_sync_plugin_api* api) {
  if (api == nullptr) {
    throw HostError("the plugin accepted the handshake but returned no plugin table");
  }
  if (api->struct_size < kRequiredPluginApiSize) {
    throw HostError("the plugin table is too small: " + std::to_string(api->struct_size) +
                    " bytes, ABI " + host_abi_text() + " needs at least " +
                    std::to_string(kRequiredPluginApiSize));
  }
  const std::pair<const char*, bool> members[] = {
      {"create", api->create != nullptr},
      {"destroy", api->destroy != nullptr},
      {"onPaymentCompleted", api->onPaymentCompleted != nullptr},
      {"onInvoiceSent", api->onInvoiceSent != nullptr},
      {"onInvoiceUpdated", api->onInvoiceUpdated != nullptr},
      {"onSettingsChanged", api->onSettingsChanged != nullptr},
      {"admin", api->admin != nullptr},
  };
  for (const auto& [name, present] : members) {
    if (!present) {
      throw HostError(std::string("the plugin table has no ") + name);
    }
  }
}

}  // namespace

std::shared_ptr<const LoadedPlugin> LoadedPlugin::load(const std::filesystem::path& library_path) {
  // An absolute path: dlopen must never search LD_LIBRARY_PATH or the working directory.
  const std::filesystem::path path = std::filesystem::absolute(library_path).lexically_normal();
  auto library = std::make_unique<Library>(Library{open_library(path)});
  if (!library->library.has(QBO_SYNC_ENTRY_SYMBOL)) {
    throw HostError(path.string() + " is not a qbo-sync plugin: it does not export " +
                    QBO_SYNC_ENTRY_SYMBOL);
  }
  const qbo_sync_entry_fn entry =
      &library->library.get<std::remove_pointer_t<qbo_sync_entry_fn>>(QBO_SYNC_ENTRY_SYMBOL);
  const qbo_sync_entry_result result = handshake(entry);
  check_plugin_table(result.api);

  std::shared_ptr<LoadedPlugin> plugin(new LoadedPlugin(std::move(library), path));
  plugin->api_ = result.api;
  plugin->identity_.name = result.plugin_name != nullptr ? result.plugin_name : "(unnamed)";
  plugin->identity_.version = result.plugin_version != nullptr ? result.plugin_version : "(none)";
  plugin->identity_.abi_major = result.plugin_abi_major;
  plugin->identity_.abi_minor = result.plugin_abi_minor;
  return plugin;
}

LoadedPlugin::LoadedPlugin(std::unique_ptr<Library> library, std::filesystem::path path)
    : library_(std::move(library)), path_(std::move(path)) {}

LoadedPlugin::~LoadedPlugin() = default;

}  // namespace qbo_sync::host
