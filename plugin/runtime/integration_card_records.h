// The records summary of the integration card: counts by status and by (status, reason), and the
// actions on records (retry all errored, skip the selected, export).
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "store/store.h"

namespace qbo_sync::runtime {

boost::json::object card_records(store::Store& store, const std::string& account_id);

}  // namespace qbo_sync::runtime
