// A Store over PostgreSQL: what the host configures as `store: {"kind": "postgresql", "url": …}`.
#pragma once

#include <memory>

#include "store/postgres/postgres_url.h"
#include "store/store.h"

namespace qbo_sync::store {

// Connects (two connections: writes and reads), migrates under the cluster-wide write lock and
// returns the store. Throws StoreError naming the server by its printable URL.
std::unique_ptr<Store> open_postgres_store(const PostgresUrl& url, Store::Clock clock = {});

}  // namespace qbo_sync::store
