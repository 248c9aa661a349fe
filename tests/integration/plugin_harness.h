// Drives the real libqbo_sync.so through the host library (qbo_sync::host), with a host that
// records every service call, for integration tests.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "qbo_sync/host.hpp"

namespace qbo_sync::testing {

// The host side: the host library's recording host, answering the n-th upsert_contact with
// "crm-ct-<n>" and the n-th import_invoice with "crm-inv-<n>", with every request parsed.
class RecordingHost : public host::RecordingHost {
 public:
  RecordingHost();
  const qbo_sync_host_api* api() const { return &table(); }

  std::vector<std::string> logs() const;
  std::vector<boost::json::object> emails() const;
  std::vector<boost::json::object> review_requests() const;
  std::vector<boost::json::object> contacts() const;
  std::vector<boost::json::object> imported_invoices() const;
  // Every text the host was given, in one list (for scanning for secrets).
  std::vector<std::string> everything() const;

 private:
  std::vector<boost::json::object> requests_to(std::string_view service) const;
};

struct Answer {
  int32_t status = 0;
  boost::json::object body;
  std::string text;
};

// One loaded plugin library (Boost.DLL, handshake); instances are created from it.
class PluginLibrary {
 public:
  explicit PluginLibrary(const std::string& path);
  const std::shared_ptr<const host::LoadedPlugin>& loaded() const { return plugin_; }

 private:
  std::shared_ptr<const host::LoadedPlugin> plugin_;
};

// The host library's instance, answering with the body parsed and keeping every response.
class PluginInstance {
 public:
  PluginInstance(const PluginLibrary& library, const RecordingHost& host,
                 const std::string& config_json);

  Answer admin(const boost::json::object& request);
  Answer admin(const std::string& request_json);
  Answer payment_completed(const std::string& payload);
  Answer invoice_sent(const std::string& payload);
  Answer invoice_updated(const std::string& payload);
  Answer settings_changed(const std::string& payload);

  // Every admin and hook response text this instance produced.
  std::vector<std::string> responses() const;

 private:
  Answer answer(host::CallResult result);

  host::PluginInstance instance_;
  mutable std::mutex mutex_;
  std::vector<std::string> responses_;
};

// A 64-hex-character key for the tests' configurations.
inline constexpr const char* kTestEncryptionKey =
    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

}  // namespace qbo_sync::testing
