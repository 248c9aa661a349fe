#pragma once

#include <string>

#include <boost/json/object.hpp>

namespace qbo_sandbox {

// One QBO error as it appears in Fault.Error[].
struct Fault {
  int http_status = 400;
  std::string type =
      "ValidationFault";  // Fault.type: ValidationFault, SystemFault, AuthenticationFault, ...
  std::string code;       // e.g. "6000"
  std::string message;    // QBO's Message text
  std::string detail;     // QBO's Detail text
  std::string element;    // the offending element, may be empty
};

// A ValidationFault (HTTP 400) with QBO's code, texts and element.
Fault make_fault(std::string code, std::string message, std::string detail,
                 std::string element = {});

// {"Message":..,"Detail":..,"code":..,"element":..} — one entry of Fault.Error[].
boost::json::object to_error_object(const Fault& fault);

// {"Error":[...],"type":..} — the value of "Fault" in a response body (no "time").
boost::json::object to_fault_object(const Fault& fault);

}  // namespace qbo_sandbox
