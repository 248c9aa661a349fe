// Which store the plugin under test keeps its state in. A suite registered with ON_EVERY_STORE
// runs twice under CTest: once on the default SQLite store, once with
// QBO_SYNC_TEST_POSTGRES_URL_FILE naming the throw-away PostgreSQL cluster's URL, where each data
// directory gets a schema of its own (so a plugin restarted over a directory finds its state
// again).
#pragma once

#include <boost/json/object.hpp>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "store/store.h"

namespace qbo_sync::testing {

// The host configuration's `store` section for a plugin over `data_dir`; nullopt on SQLite.
std::optional<boost::json::object> store_section_for(const std::string& data_dir);

// The store the plugin over `data_dir` keeps its state in, opened beside it: for tests that look
// at what the plugin stored.
std::unique_ptr<store::Store> open_plugin_store(const std::filesystem::path& data_dir);

}  // namespace qbo_sync::testing
