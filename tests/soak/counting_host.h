// The soak's CRM: host services that answer as host_stub's RecordingHost does (the same CRM ids)
// but only count the calls, so that the host's own memory stays flat however long the soak runs.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "qbo_sync/plugin_api.h"

namespace qbo_sync::soak {

class CountingHost {
 public:
  enum Service { log, email_admins, send_review_request, upsert_contact, import_invoice, count };
  static constexpr std::array<std::string_view, count> kServiceNames{
      "log", "email_admins", "send_review_request", "upsert_contact", "import_invoice"};

  // `echo_warnings`: the plugin's warning and error log lines are written to stderr.
  explicit CountingHost(bool echo_warnings);
  CountingHost(const CountingHost&) = delete;
  CountingHost& operator=(const CountingHost&) = delete;

  // The table to hand to create(); its ctx is this object, which must outlive the instance.
  const qbo_sync_host_api& table() const { return table_; }
  std::int64_t calls(Service service) const { return calls_[service].load(); }
  // Log lines at warning level or above.
  std::int64_t warnings() const { return warnings_.load(); }

 private:
  static void log_service(void* ctx, std::int32_t level, qbo_sync_str message) noexcept;
  static std::int32_t email_admins_service(void* ctx, qbo_sync_str request_json) noexcept;
  static std::int32_t send_review_request_service(void* ctx, qbo_sync_str request_json) noexcept;
  static std::int32_t upsert_contact_service(void* ctx, qbo_sync_str contact_json,
                                             const qbo_sync_sink* response) noexcept;
  static std::int32_t import_invoice_service(void* ctx, qbo_sync_str invoice_json,
                                             const qbo_sync_sink* response) noexcept;
  std::int32_t answer_upsert(bool is_contact, qbo_sync_str request_json,
                             const qbo_sync_sink* response);

  bool echo_warnings_;
  qbo_sync_host_api table_{};
  std::array<std::atomic<std::int64_t>, count> calls_{};
  std::atomic<std::int64_t> warnings_{0};
  std::mutex mutex_;
  std::set<std::string> known_crm_ids_;  // bounded by the QuickBooks customers and invoices
};

}  // namespace qbo_sync::soak
