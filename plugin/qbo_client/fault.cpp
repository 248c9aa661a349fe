#include "qbo_client/fault.h"

#include "text/enum_names.h"

namespace qbo_sync::qbo {

BOOST_DESCRIBE_ENUM(FaultClass, throttled, transient, unauthorized, reconnect_needed, not_connected,
                    bad_client, stale_object, duplicate_name, duplicate_document_number, not_found,
                    validation, permission, closed_period, business_rule, unknown)
BOOST_DESCRIBE_ENUM(TransportErrorKind, timeout, connection_refused, connection_dropped, tls,
                    resolve, insecure_url, other)

std::string_view to_string(FaultClass fault_class) {
  return text::enum_name(fault_class);
}

std::string_view to_string(TransportErrorKind kind) {
  const std::string_view name = text::enum_name(kind);
  return name == "unknown" ? "other" : name;
}

std::string Fault::summary() const {
  std::string text{to_string(fault_class)};
  if (http_status != 0) {
    text += " http=" + std::to_string(http_status);
  }
  if (transport_error) {
    text += " transport=";
    text += to_string(*transport_error);
  }
  if (!code.empty()) {
    text += " code=" + code;
  }
  if (!message.empty()) {
    text += ": " + message;
  }
  if (!detail.empty()) {
    text += " (" + detail + ")";
  }
  if (!element.empty()) {
    text += " element=" + element;
  }
  if (!intuit_tid.empty()) {
    text += " intuit_tid=" + intuit_tid;
  }
  return text;
}

std::string redact(std::string text, const std::vector<std::string_view>& secrets) {
  static constexpr std::string_view kMask = "[redacted]";
  for (std::string_view secret : secrets) {
    if (secret.empty()) {
      continue;
    }
    for (auto pos = text.find(secret); pos != std::string::npos;
         pos = text.find(secret, pos + kMask.size())) {
      text.replace(pos, secret.size(), kMask);
    }
  }
  return text;
}

void redact(Fault& fault, const std::vector<std::string_view>& secrets) {
  fault.message = redact(std::move(fault.message), secrets);
  fault.detail = redact(std::move(fault.detail), secrets);
  fault.element = redact(std::move(fault.element), secrets);
  for (auto& error : fault.errors) {
    error.message = redact(std::move(error.message), secrets);
    error.detail = redact(std::move(error.detail), secrets);
    error.element = redact(std::move(error.element), secrets);
  }
}

}  // namespace qbo_sync::qbo
