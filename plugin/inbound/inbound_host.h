// The host's services the inbound side calls, as plain functions so that the inbound concern
// depends on no runtime type. Each returns the host's status (QBO_SYNC_OK = 0 on success).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace qbo_sync::inbound {

enum class LogLevel { info, warning, error };

struct InboundHost {
  // Request JSON in; the host's response body (if any) written to the string.
  std::function<int32_t(std::string_view, std::string*)> upsert_contact;
  std::function<int32_t(std::string_view, std::string*)> import_invoice;
  std::function<int32_t(std::string_view)> send_review_request;
  std::function<void(LogLevel, const std::string&)> log;
};

inline constexpr int32_t kHostOk = 0;
inline constexpr int32_t kHostUnsupported = 7;  // QBO_SYNC_UNSUPPORTED: the host lacks the service

}  // namespace qbo_sync::inbound
