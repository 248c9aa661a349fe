// Drives the real libqbo_sync.so through its C ABI, with a host that records every service call,
// for integration tests.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "qbo_sync/plugin_api.h"

namespace qbo_sync::testing {

// The host side: keeps every log line and every service request it receives. Thread-safe.
class RecordingHost {
 public:
  RecordingHost();
  const qbo_sync_host_api* api() const { return &api_; }

  std::vector<std::string> logs() const;
  std::vector<boost::json::object> emails() const;
  std::vector<boost::json::object> review_requests() const;
  std::vector<boost::json::object> contacts() const;
  std::vector<boost::json::object> imported_invoices() const;
  // Every text the host was given, in one list (for scanning for secrets).
  std::vector<std::string> everything() const;
  // What upsert_contact answers from now on (QBO_SYNC_OK by default; QBO_SYNC_UNSUPPORTED plays
  // a host without the service). Calls are recorded whatever the answer.
  void answer_upsert_contact_with(int32_t status);

 private:
  static void log(void* ctx, int32_t level, qbo_sync_str message);
  static int32_t email_admins(void* ctx, qbo_sync_str request);
  static int32_t send_review_request(void* ctx, qbo_sync_str request);
  static int32_t upsert_contact(void* ctx, qbo_sync_str request, const qbo_sync_sink* response);
  static int32_t import_invoice(void* ctx, qbo_sync_str request, const qbo_sync_sink* response);

  qbo_sync_host_api api_{};
  mutable std::mutex mutex_;
  std::vector<std::string> logs_;
  std::vector<boost::json::object> emails_, review_requests_, contacts_, invoices_;
  int32_t upsert_contact_status_ = QBO_SYNC_OK;
};

struct Answer {
  int32_t status = 0;
  boost::json::object body;
  std::string text;
};

// One loaded plugin library (dlopen, handshake); instances are created from it.
class PluginLibrary {
 public:
  explicit PluginLibrary(const std::string& path);
  ~PluginLibrary();
  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;
  const qbo_sync_plugin_api& api() const { return *api_; }

 private:
  void* handle_ = nullptr;
  const qbo_sync_plugin_api* api_ = nullptr;
};

class PluginInstance {
 public:
  PluginInstance(const PluginLibrary& library, const RecordingHost& host,
                 const std::string& config_json);
  ~PluginInstance();
  PluginInstance(const PluginInstance&) = delete;
  PluginInstance& operator=(const PluginInstance&) = delete;

  Answer admin(const boost::json::object& request);
  Answer admin(const std::string& request_json);
  Answer payment_completed(const std::string& payload);
  Answer invoice_sent(const std::string& payload);
  Answer invoice_updated(const std::string& payload);
  Answer settings_changed(const std::string& payload);

  // Every admin and hook response text this instance produced.
  std::vector<std::string> responses() const;

 private:
  Answer call(int32_t (*entry)(qbo_sync_instance*, qbo_sync_str, const qbo_sync_sink*),
              const std::string& payload);

  const PluginLibrary& library_;
  qbo_sync_instance* instance_ = nullptr;
  mutable std::mutex mutex_;
  std::vector<std::string> responses_;
};

// A 64-hex-character key for the tests' configurations.
inline constexpr const char* kTestEncryptionKey =
    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

}  // namespace qbo_sync::testing
