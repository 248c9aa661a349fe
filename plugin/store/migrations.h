// Versioned schema migrations of the plugin's store: one forward-only history for every engine
// (each translates the schema through Database::schema_sql). Each migration runs once, in order,
// inside its own transaction; a store written by a newer plugin is refused rather than misread.
#pragma once

#include "store/database.h"

namespace qbo_sync::store {

// The schema version this build writes.
int latest_schema_version();

// Brings the database to latest_schema_version(); returns the version found before.
int migrate(Database& database);

}  // namespace qbo_sync::store
