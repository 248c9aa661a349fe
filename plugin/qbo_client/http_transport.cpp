#include "qbo_client/http_transport.h"

#include <algorithm>
#include <cctype>

namespace qbo_sync::qbo {

std::optional<std::string> find_header(const HttpHeaders& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() &&
        std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
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
