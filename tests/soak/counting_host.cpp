#include "counting_host.h"

#include <boost/json.hpp>
#include <iostream>

#include "qbo_sync/host/recording_host.h"
#include "qbo_sync/host/service_guard.h"

namespace qbo_sync::soak {

namespace {

std::string_view view_text(qbo_sync_str text) {
  return text.ptr == nullptr ? std::string_view{} : std::string_view(text.ptr, text.len);
}

CountingHost& host_of(void* ctx) {
  return *static_cast<CountingHost*>(ctx);
}

}  // namespace

CountingHost::CountingHost(bool echo_warnings) : echo_warnings_(echo_warnings) {
  table_.struct_size = sizeof(qbo_sync_host_api);
  table_.ctx = this;
  table_.log = &log_service;
  table_.email_admins = &email_admins_service;
  table_.send_review_request = &send_review_request_service;
  table_.upsert_contact = &upsert_contact_service;
  table_.import_invoice = &import_invoice_service;
}

void CountingHost::log_service(void* ctx, std::int32_t level, qbo_sync_str message) noexcept {
  CountingHost& host = host_of(ctx);
  ++host.calls_[log];
  if (level < QBO_SYNC_LOG_WARNING) return;
  ++host.warnings_;
  if (host.echo_warnings_) {
    std::cerr << "[plugin " << (level >= QBO_SYNC_LOG_ERROR ? "error" : "warning") << "] "
              << view_text(message) << '\n';
  }
}

std::int32_t CountingHost::email_admins_service(void* ctx, qbo_sync_str) noexcept {
  ++host_of(ctx).calls_[email_admins];
  return QBO_SYNC_OK;
}

std::int32_t CountingHost::send_review_request_service(void* ctx, qbo_sync_str) noexcept {
  ++host_of(ctx).calls_[send_review_request];
  return QBO_SYNC_OK;
}

std::int32_t CountingHost::upsert_contact_service(void* ctx, qbo_sync_str contact_json,
                                                  const qbo_sync_sink* response) noexcept {
  return host::answer_without_throwing(
      [&] { return host_of(ctx).answer_upsert(true, contact_json, response); });
}

std::int32_t CountingHost::import_invoice_service(void* ctx, qbo_sync_str invoice_json,
                                                  const qbo_sync_sink* response) noexcept {
  return host::answer_without_throwing(
      [&] { return host_of(ctx).answer_upsert(false, invoice_json, response); });
}

std::int32_t CountingHost::answer_upsert(bool is_contact, qbo_sync_str request_json,
                                         const qbo_sync_sink* response) {
  ++calls_[is_contact ? upsert_contact : import_invoice];
  const std::string request(view_text(request_json));
  const std::string crm_id = is_contact ? host::RecordingHost::crm_contact_id_for(request)
                                        : host::RecordingHost::crm_invoice_id_for(request);
  if (crm_id.empty()) return QBO_SYNC_INVALID_INPUT;
  bool created = false;
  {
    const std::lock_guard lock(mutex_);
    created = known_crm_ids_.insert(crm_id).second;
  }
  const std::string answer = boost::json::serialize(boost::json::object{
      {is_contact ? "crm_contact_id" : "crm_invoice_id", crm_id}, {"created", created}});
  if (response != nullptr && response->append != nullptr) {
    response->append(response->ctx, answer.data(), answer.size());
  }
  return QBO_SYNC_OK;
}

}  // namespace qbo_sync::soak
