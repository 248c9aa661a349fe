// Versioned schema migrations of the plugin's store. Each migration runs once, in order, inside its
// own transaction; a store written by a newer plugin is refused rather than misread.
#pragma once

#include "store/sqlite_connection.h"

namespace qbo_sync::store {

// The schema version this build writes.
int latest_schema_version();

// Brings the database to latest_schema_version(); returns the version found before.
int migrate(Connection& connection);

}  // namespace qbo_sync::store
