// The store the host configured: an SQLite file under data_dir, or the PostgreSQL database that
// every host process running the plugin shares.
#pragma once

#include <memory>
#include <string>

#include "runtime/host_config.h"
#include "store/store.h"

namespace qbo_sync::runtime {

// Opens and migrates it. Throws store::StoreError, whose text names the database without its
// password.
std::unique_ptr<store::Store> open_configured_store(const HostConfig& config,
                                                    store::Store::Clock clock);

// The configuration field to name when the store cannot be opened.
std::string store_field(const HostConfig& config);

}  // namespace qbo_sync::runtime
