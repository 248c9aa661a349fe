#pragma once

#include <boost/json/value.hpp>
#include <string>

namespace qbo_sandbox {

// Serializes like boost::json::serialize, but writes doubles the way QBO does (337.5, not
// 3.375E2), so that clients reading numbers as text see ordinary decimals.
std::string to_json_text(const boost::json::value& value);

}  // namespace qbo_sandbox
