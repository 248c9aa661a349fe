#pragma once

#include <boost/json/value.hpp>
#include <string>

namespace qbo_sandbox {

// The text of a response body: like boost::json::serialize, but with doubles written the way QBO
// writes them (337.5, not 3.375E2), so that clients reading numbers as text see ordinary
// decimals. (rules/json_text.h's to_json_text keeps a ".0" on whole doubles; responses do not.)
std::string response_json_text(const boost::json::value& value);

}  // namespace qbo_sandbox
