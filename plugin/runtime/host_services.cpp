#include "runtime/host_services.h"

#include <cstddef>

namespace qbo_sync::runtime {
namespace {

// True when the host's table, as the host compiled it, contains `member` and it is set.
#define QBO_SYNC_HOST_HAS(api, member)                                                  \
  ((api) != nullptr &&                                                                  \
   (api)->struct_size >= offsetof(qbo_sync_host_api, member) + sizeof((api)->member) && \
   (api)->member != nullptr)

qbo_sync_str view(std::string_view text) {
  return {text.data(), text.size()};
}

void append_to_string(void* ctx, const char* data, size_t len) {
  static_cast<std::string*>(ctx)->append(data, len);
}

}  // namespace

HostServices::HostServices(const qbo_sync_host_api* api) : api_(api) {}

void HostServices::log(int32_t level, std::string_view message) const {
  if (QBO_SYNC_HOST_HAS(api_, log)) api_->log(api_->ctx, level, view(message));
}

int32_t HostServices::email_admins(std::string_view request_json) const {
  if (!QBO_SYNC_HOST_HAS(api_, email_admins)) return QBO_SYNC_UNSUPPORTED;
  return api_->email_admins(api_->ctx, view(request_json));
}

int32_t HostServices::send_review_request(std::string_view request_json) const {
  if (!QBO_SYNC_HOST_HAS(api_, send_review_request)) return QBO_SYNC_UNSUPPORTED;
  return api_->send_review_request(api_->ctx, view(request_json));
}

int32_t HostServices::upsert_contact(std::string_view contact_json, std::string* response) const {
  if (!QBO_SYNC_HOST_HAS(api_, upsert_contact)) return QBO_SYNC_UNSUPPORTED;
  const qbo_sync_sink sink{response, &append_to_string};
  return api_->upsert_contact(api_->ctx, view(contact_json), response ? &sink : nullptr);
}

int32_t HostServices::import_invoice(std::string_view invoice_json, std::string* response) const {
  if (!QBO_SYNC_HOST_HAS(api_, import_invoice)) return QBO_SYNC_UNSUPPORTED;
  const qbo_sync_sink sink{response, &append_to_string};
  return api_->import_invoice(api_->ctx, view(invoice_json), response ? &sink : nullptr);
}

#undef QBO_SYNC_HOST_HAS

}  // namespace qbo_sync::runtime
