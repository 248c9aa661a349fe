#include "qbo_client/http_transport.h"

#include "text/ascii.h"

namespace qbo_sync::qbo {

std::optional<std::string> find_header(const HttpHeaders& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (text::equal_ascii_nocase(key, name)) {
      return value;
    }
  }
  return std::nullopt;
}

Fault to_fault(const TransportError& error) {
  Fault fault;
  fault.fault_class = error.kind == TransportErrorKind::insecure_url ? FaultClass::validation
                                                                     : FaultClass::transient;
  fault.transport_error = error.kind;
  fault.may_have_reached_server = error.may_have_reached_server;
  fault.message = error.message;
  return fault;
}

}  // namespace qbo_sync::qbo
