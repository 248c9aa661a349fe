// Turns what QBO, Intuit's OAuth server or a gateway sent back on failure into a classified Fault:
// JSON faults (both the upper-camel and the lower-camel 401 shape), XML faults (throttling, legacy
// AuthenticationFault), OAuth error bodies and non-JSON pages (HTML from a gateway).
#pragma once

#include <optional>
#include <string_view>

#include <boost/json/fwd.hpp>

#include "qbo_client/fault.h"

namespace qbo_sync::qbo {

// Parses the body of a response that failed (or carries a fault) into a Fault. Never throws; a body
// it cannot read still yields a Fault classified by the HTTP status.
Fault parse_fault(int http_status, std::string_view body, std::string_view intuit_tid = {});

// The Fault inside an already-parsed JSON value (a batch item, an AttachableResponse, a 200 body),
// or nullopt when the value holds no "Fault"/"fault" member.
std::optional<Fault> find_fault(const boost::json::value& value, int http_status,
                                std::string_view intuit_tid = {});

// The class of a failure from its HTTP status, QBO (or OAuth) error code, fault type and texts.
FaultClass classify_fault(int http_status, std::string_view code, std::string_view fault_type,
                          std::string_view message, std::string_view detail);

}  // namespace qbo_sync::qbo
