#include "qbo_client/fault.h"

namespace qbo_sync::qbo {

std::string_view to_string(FaultClass fault_class) {
  switch (fault_class) {
    case FaultClass::throttled:
      return "throttled";
    case FaultClass::transient:
      return "transient";
    case FaultClass::unauthorized:
      return "unauthorized";
    case FaultClass::reconnect_needed:
      return "reconnect_needed";
    case FaultClass::not_connected:
      return "not_connected";
    case FaultClass::bad_client:
      return "bad_client";
    case FaultClass::stale_object:
      return "stale_object";
    case FaultClass::duplicate_name:
      return "duplicate_name";
    case FaultClass::duplicate_document_number:
      return "duplicate_document_number";
    case FaultClass::not_found:
      return "not_found";
    case FaultClass::validation:
      return "validation";
    case FaultClass::permission:
      return "permission";
    case FaultClass::closed_period:
      return "closed_period";
    case FaultClass::business_rule:
      return "business_rule";
    case FaultClass::unknown:
      return "unknown";
  }
  return "unknown";
}

std::string_view to_string(TransportErrorKind kind) {
  switch (kind) {
    case TransportErrorKind::timeout:
      return "timeout";
    case TransportErrorKind::connection_refused:
      return "connection_refused";
    case TransportErrorKind::connection_dropped:
      return "connection_dropped";
    case TransportErrorKind::tls:
      return "tls";
    case TransportErrorKind::resolve:
      return "resolve";
    case TransportErrorKind::insecure_url:
      return "insecure_url";
    case TransportErrorKind::other:
      return "other";
  }
  return "other";
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
