// The plugin's JSON Schemas, built once, for the tests that check what the plugin sends the host.
#pragma once

#include "events/schema_set.h"

namespace qbo_sync::inbound::testing {

inline const events::detail::SchemaSet& host_schemas() {
  static const events::detail::SchemaSet set;
  return set;
}

}  // namespace qbo_sync::inbound::testing
