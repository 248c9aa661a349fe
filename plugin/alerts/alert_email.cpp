#include "alerts/alert_email.h"

#include "events/utf8.h"

#include <algorithm>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace qbo_sync::alerts {
namespace json = boost::json;
namespace {

// The schema's limits on the request.
constexpr std::size_t kMaxSubject = 200;
constexpr std::size_t kMaxText = 20000;
constexpr std::size_t kMaxRecordIds = 100;
constexpr std::size_t kMaxRecipients = 20;

std::string cut(std::string text, std::size_t limit) {
  if (text.size() <= limit) return text;
  return std::string(events::utf8_prefix(text, limit - 3)) + "...";
}

std::string describe_cause(const std::string& reason, const std::string& code) {
  std::string text = reason.empty() ? "error" : reason;
  if (!code.empty() && code != reason) text += ", code " + code;
  return text;
}

std::string describe(const FailedRecord& record) {
  std::string text = "Record " + std::to_string(record.record_id) + ": " + record.object_type +
                     " " + record.object_id + " (revision " + std::to_string(record.revision) +
                     ")\n  Why: " + describe_cause(record.reason, record.code);
  if (!record.error_class.empty() && record.error_class != record.reason)
    text += " (" + record.error_class + ")";
  if (!record.intuit_tid.empty()) text += ", QuickBooks intuit_tid " + record.intuit_tid;
  text += "\n  What to do: " + record.message + "\n";
  return text;
}

constexpr const char* kRetryAdvice =
    "Once the cause is fixed, retry the records from the QuickBooks card in the CRM's "
    "integrations (Sync records > Retry), or with the admin operation retry_records and the "
    "record ids above. Records that should not go to QuickBooks can be skipped instead. Nothing "
    "is lost: failed records wait until they are retried or skipped.";

}  // namespace

std::string alert_email_request(const std::string& account_id, const AlertBatch& batch,
                                const std::vector<std::string>& admin_emails) {
  json::object request;
  request["account_id"] = account_id;
  if (!admin_emails.empty()) {
    json::array to;
    for (const std::string& email : admin_emails) {
      if (to.size() == kMaxRecipients) break;
      to.push_back(json::string(email));
    }
    request["to"] = std::move(to);
  }

  std::string subject;
  std::string text;
  if (batch.total == 1 && batch.records.size() == 1) {
    const FailedRecord& record = batch.records.front();
    subject =
        "QuickBooks sync: " + record.object_type + " " + record.object_id + " could not be synced";
    text = "A " + record.object_type +
           " from the CRM could not be sent to QuickBooks Online and needs your attention.\n\n" +
           describe(record) + "\n" + kRetryAdvice + "\n";
  } else {
    subject = "QuickBooks sync: " + std::to_string(batch.total) + " records could not be synced";
    text = std::to_string(batch.total) +
           " records from the CRM could not be sent to QuickBooks Online and need your "
           "attention.\n\nBy cause:\n";
    for (const Cause& cause : batch.causes) {
      text += "- " + std::to_string(cause.count) + " x " +
              describe_cause(cause.reason, cause.code) + ": " + cause.message + "\n";
    }
    text += "\nThe first " + std::to_string(batch.records.size()) + " of them:\n";
    for (const FailedRecord& record : batch.records) text += describe(record);
    if (batch.total > static_cast<int64_t>(batch.records.size())) {
      text += "... and " +
              std::to_string(batch.total - static_cast<int64_t>(batch.records.size())) +
              " more: list the errored records on the QuickBooks card to see them all.\n";
    }
    text += "\n" + std::string(kRetryAdvice) + "\n";
  }
  request["subject"] = cut(std::move(subject), kMaxSubject);
  request["text"] = cut(std::move(text), kMaxText);
  request["severity"] = "error";
  // One key per digest: the host's own deduplication must not swallow a later one.
  request["problem_key"] = batch.total == 1 && batch.records.size() == 1
                               ? "sync_error:" + std::to_string(batch.records.front().record_id) +
                                     ":" + std::to_string(batch.records.front().revision)
                               : "sync_errors:" + std::to_string(batch.first_at_ms);
  json::array record_ids;
  for (const FailedRecord& record : batch.records) {
    if (record_ids.size() == kMaxRecordIds) break;
    record_ids.push_back(json::string(std::to_string(record.record_id)));
  }
  if (!record_ids.empty()) request["record_ids"] = std::move(record_ids);
  return json::serialize(request);
}

}  // namespace qbo_sync::alerts
