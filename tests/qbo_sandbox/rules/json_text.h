#pragma once

#include <string>

#include <boost/json/fwd.hpp>

namespace qbo_sandbox {

// JSON text with numbers printed as QBO prints them: plain decimals in their shortest
// round-trip form (5.96, 0.5306667, 12.5), never exponent notation (Boost.JSON alone writes
// 5.96E0). A double with no fraction keeps a ".0" (50.0) so that the text reads back as the
// same JSON value, double and all. Everything else is as boost::json::serialize writes it.
std::string to_json_text(const boost::json::value& value);

}  // namespace qbo_sandbox
