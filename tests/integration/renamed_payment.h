// Copies of a payment.completed event that the plugin must take for another payment.
#pragma once

#include <boost/json.hpp>
#include <string>

namespace qbo_sync::testing {

// `payload` with `suffix` appended to its event id and its payment's id.
inline std::string renamed_payment(const std::string& payload, const std::string& suffix) {
  boost::json::value event = boost::json::parse(payload);
  auto& object = event.as_object();
  object["event_id"] = std::string(object["event_id"].as_string()) + suffix;
  auto& payment = object["payment"].as_object();
  payment["id"] = std::string(payment["id"].as_string()) + suffix;
  return boost::json::serialize(event);
}

}  // namespace qbo_sync::testing
