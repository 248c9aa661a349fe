#include "alerts/pending_alerts.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace qbo_sync::alerts {
namespace json = boost::json;
namespace {

std::string text_of(const json::object& object, std::string_view key) {
  const json::value* found = object.if_contains(key);
  if (!found) return {};
  if (found->is_string()) return std::string(found->as_string());
  if (found->is_int64()) return std::to_string(found->as_int64());
  return {};
}

int64_t number_of(const json::object& object, std::string_view key) {
  const json::value* found = object.if_contains(key);
  if (found && found->is_int64()) return found->as_int64();
  if (found && found->is_uint64()) return static_cast<int64_t>(found->as_uint64());
  return 0;
}

json::object to_json(const FailedRecord& record) {
  return {{"record_id", record.record_id},
          {"revision", record.revision},
          {"object_type", record.object_type},
          {"object_id", record.object_id},
          {"reason", record.reason},
          {"class", record.error_class},
          {"code", record.code},
          {"message", record.message},
          {"intuit_tid", record.intuit_tid}};
}

FailedRecord record_from(const json::object& object) {
  return {
      number_of(object, "record_id"), number_of(object, "revision"), text_of(object, "object_type"),
      text_of(object, "object_id"),   text_of(object, "reason"),     text_of(object, "class"),
      text_of(object, "code"),        text_of(object, "message"),    text_of(object, "intuit_tid")};
}

json::value to_json(const std::optional<AlertBatch>& batch) {
  if (!batch) return nullptr;
  json::array causes, records;
  for (const Cause& cause : batch->causes) {
    causes.push_back(json::object{{"reason", cause.reason},
                                  {"code", cause.code},
                                  {"message", cause.message},
                                  {"count", cause.count}});
  }
  for (const FailedRecord& record : batch->records) records.push_back(to_json(record));
  return json::object{{"first_at_ms", batch->first_at_ms},
                      {"last_at_ms", batch->last_at_ms},
                      {"total", batch->total},
                      {"causes", std::move(causes)},
                      {"records", std::move(records)}};
}

std::optional<AlertBatch> batch_from(const json::value* value) {
  if (!value || !value->is_object()) return std::nullopt;
  const json::object& object = value->as_object();
  AlertBatch batch;
  batch.first_at_ms = number_of(object, "first_at_ms");
  batch.last_at_ms = number_of(object, "last_at_ms");
  batch.total = number_of(object, "total");
  if (const json::value* causes = object.if_contains("causes"); causes && causes->is_array()) {
    for (const json::value& entry : causes->as_array()) {
      if (!entry.is_object()) continue;
      const json::object& cause = entry.as_object();
      batch.causes.push_back({text_of(cause, "reason"), text_of(cause, "code"),
                              text_of(cause, "message"), number_of(cause, "count")});
    }
  }
  if (const json::value* records = object.if_contains("records"); records && records->is_array()) {
    for (const json::value& entry : records->as_array()) {
      if (entry.is_object()) batch.records.push_back(record_from(entry.as_object()));
    }
  }
  return batch;
}

}  // namespace

void AlertBatch::add(const FailedRecord& failure, int64_t now_ms, std::size_t listed) {
  if (total == 0) first_at_ms = now_ms;
  last_at_ms = now_ms;
  ++total;
  bool counted = false;
  for (Cause& cause : causes) {
    if (cause.reason == failure.reason && cause.code == failure.code) {
      ++cause.count;
      counted = true;
      break;
    }
  }
  if (!counted) causes.push_back({failure.reason, failure.code, failure.message, 1});
  if (records.size() < listed) records.push_back(failure);
}

json::value AlertState::to_json() const {
  return json::object{{"pending", alerts::to_json(pending)},
                      {"sending", alerts::to_json(sending)},
                      {"last_sent_at_ms", last_sent_at_ms},
                      {"retry_send_at_ms", retry_send_at_ms}};
}

AlertState AlertState::parse(const std::optional<std::string>& text) {
  AlertState state;
  if (!text) return state;
  boost::system::error_code error;
  const json::value parsed = json::parse(*text, error);
  if (error || !parsed.is_object()) return state;
  const json::object& object = parsed.as_object();
  state.pending = batch_from(object.if_contains("pending"));
  state.sending = batch_from(object.if_contains("sending"));
  state.last_sent_at_ms = number_of(object, "last_sent_at_ms");
  state.retry_send_at_ms = number_of(object, "retry_send_at_ms");
  return state;
}

FailedRecord failed_record(int64_t record_id, int64_t revision, const std::string& object_type,
                           const std::string& object_id, const std::string& reason,
                           const std::string& error_json) {
  FailedRecord record{record_id, revision, object_type, object_id, reason, {}, {}, {}, {}};
  boost::system::error_code error;
  const json::value parsed = json::parse(error_json, error);
  if (!error && parsed.is_object()) {
    const json::object& object = parsed.as_object();
    record.error_class = text_of(object, "class");
    record.code = text_of(object, "code");
    record.message = text_of(object, "message");
    record.intuit_tid = text_of(object, "intuit_tid");
  }
  if (record.message.empty()) {
    record.message = "the record could not be synced (" + (reason.empty() ? "no reason" : reason) +
                     "); open it in the QuickBooks sync records for details";
  }
  return record;
}

}  // namespace qbo_sync::alerts
