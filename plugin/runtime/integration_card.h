// The integration card the host renders: the connection state, every toggle with its label, help
// text and current value, and the record counts.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "store/store.h"

namespace qbo_sync::runtime {

// `connection` is the account's connection status (ConnectionService::status).
boost::json::object integration_card(store::Store& store, const std::string& account_id,
                                     boost::json::object connection);

}  // namespace qbo_sync::runtime
