// The integration card a host renders as it is (schemas/host/integration_card.v1.schema.json):
// the connection with its warnings and actions, the settings as typed fields in sections with
// their current values, defaults, validation and picker options, and the records summary.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "store/store.h"

namespace qbo_sync::runtime {

// `connection` is the account's connection status (ConnectionService::status); `today`
// (YYYY-MM-DD) picks the tax rates the tax code pickers show.
boost::json::object integration_card(store::Store& store, const std::string& account_id,
                                     boost::json::object connection, std::string_view today);

}  // namespace qbo_sync::runtime
