// The host's services as the plugin sees them: every call checks that the host's table is large
// enough to hold the member (older hosts have shorter tables) and that the member is set.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "qbo_sync/plugin_api.h"

namespace qbo_sync::runtime {

class HostServices {
 public:
  // `api` may be NULL (a host with no services); it must outlive this object.
  explicit HostServices(const qbo_sync_host_api* api);

  void log(int32_t level, std::string_view message) const;
  void info(std::string_view message) const { log(QBO_SYNC_LOG_INFO, message); }
  void warning(std::string_view message) const { log(QBO_SYNC_LOG_WARNING, message); }
  void error(std::string_view message) const { log(QBO_SYNC_LOG_ERROR, message); }

  // Each returns the host's status; QBO_SYNC_UNSUPPORTED when the host does not offer the service.
  int32_t email_admins(std::string_view request_json) const;
  int32_t send_review_request(std::string_view request_json) const;
  // The response body is written to `response` when the host gives one.
  int32_t upsert_contact(std::string_view contact_json, std::string* response) const;
  int32_t import_invoice(std::string_view invoice_json, std::string* response) const;

 private:
  const qbo_sync_host_api* api_;
};

}  // namespace qbo_sync::runtime
