#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iosfwd>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "qbo_sync/plugin_api.h"

namespace qbo_sync::host {

// One host service call as the plugin made it.
struct RecordedCall {
  std::string
      service;  // "log", "email_admins", "send_review_request", "upsert_contact", "import_invoice"
  std::int32_t log_level = QBO_SYNC_LOG_INFO;  // for "log" only
  std::string request;                         // the log message, or the request JSON
  std::string response;                        // the JSON the host answered; empty when none
  std::int32_t status = QBO_SYNC_OK;           // what the host returned
};

// How the host makes up the CRM ids it answers upsert_contact and import_invoice with.
enum class CrmIds {
  // "crm-contact-<hash>" / "crm-invoice-<hash>" of the account and the QuickBooks identity: the
  // same QuickBooks object gets the same id in every run.
  stable,
  // "crm-ct-<n>" / "crm-inv-<n>" for the n-th call to the service, for tests that predict ids.
  numbered,
};

struct RecordingHostOptions {
  // Where log lines are echoed ("[plugin warning] ..."); nullptr keeps them silent.
  std::ostream* log_echo = nullptr;
  // When set, every call is also appended to this file as one JSON object per line.
  std::optional<std::filesystem::path> call_log_path;
  CrmIds crm_ids = CrmIds::stable;
};

// The host services of the developers' CRM. Every call is kept, in order, to be shown and asserted
// on. Contacts and invoices get CRM ids derived from the account and the QuickBooks identity
// (qbo_customer_id / qbo_invoice_id, else e-mail / doc_number), so the same QuickBooks object gets
// the same CRM id in every run; the response says "created": true the first time this host hands
// an id out. All members are safe to call from several threads at once.
class RecordingHost {
 public:
  explicit RecordingHost(RecordingHostOptions options = {});
  RecordingHost(const RecordingHost&) = delete;
  RecordingHost& operator=(const RecordingHost&) = delete;

  // The table to hand to create(); its ctx is this object, which must outlive the instance.
  const qbo_sync_host_api& table() const { return table_; }

  std::vector<RecordedCall> calls() const;
  std::vector<RecordedCall> calls_to(std::string_view service) const;

  // What upsert_contact answers from now on: QBO_SYNC_OK (the default) hands out ids; any other
  // status (QBO_SYNC_UNSUPPORTED plays a host without the service) is returned without a response.
  // Calls are recorded whatever the answer.
  void answer_upsert_contact_with(std::int32_t status);

  // The CRM id the host hands out for the contact or invoice identified by `request_json`.
  static std::string crm_contact_id_for(std::string_view request_json);
  static std::string crm_invoice_id_for(std::string_view request_json);

 private:
  static void log_service(void* ctx, std::int32_t level, qbo_sync_str message) noexcept;
  static std::int32_t email_admins_service(void* ctx, qbo_sync_str request_json) noexcept;
  static std::int32_t send_review_request_service(void* ctx, qbo_sync_str request_json) noexcept;
  static std::int32_t upsert_contact_service(void* ctx, qbo_sync_str contact_json,
                                             const qbo_sync_sink* response) noexcept;
  static std::int32_t import_invoice_service(void* ctx, qbo_sync_str invoice_json,
                                             const qbo_sync_sink* response) noexcept;

  void record(RecordedCall call);
  std::string next_crm_id(std::string_view service, std::string_view request_json);
  std::int32_t notify(std::string_view service, qbo_sync_str request_json);
  std::int32_t upsert(std::string_view service, qbo_sync_str request_json,
                      const qbo_sync_sink* response);

  RecordingHostOptions options_;
  qbo_sync_host_api table_{};
  mutable std::mutex mutex_;
  std::vector<RecordedCall> calls_;
  std::set<std::string> known_crm_ids_;  // ids handed out so far: "created" is true only once
  std::size_t upserted_contacts_ = 0;
  std::size_t imported_invoices_ = 0;
  std::int32_t upsert_contact_status_ = QBO_SYNC_OK;
  std::ofstream call_log_;
};

}  // namespace qbo_sync::host
