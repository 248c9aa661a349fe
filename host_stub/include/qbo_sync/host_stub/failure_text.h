#pragma once

#include <string>
#include <string_view>

#include "qbo_sync/host/plugin_instance.h"

namespace qbo_sync::host_stub {

// One line that says why a plugin call did not succeed, e.g.
//   "onPaymentCompleted refused the event: invalid input at /amount: too many decimals"
//   "onPaymentCompleted returned an unknown status code 42"
// built from the status and the {code, message, path} body.
std::string describe_failure(std::string_view function_name, const host::CallResult& result);

// The text with its line breaks made spaces: an error is printed as a single diagnostic line.
std::string one_line(std::string text);

}  // namespace qbo_sync::host_stub
