// The connection block of the integration card: the connection status with the warnings an admin
// must see (reconnect needed, the authorization's hard expiry, throttling, discovery pending) and
// the actions the state allows (connect, test, disconnect).
#pragma once

#include <boost/json/object.hpp>

namespace qbo_sync::runtime {

// `status` is ConnectionService::status's answer; returns it with "warnings" and "actions".
boost::json::object card_connection(boost::json::object status);

}  // namespace qbo_sync::runtime
