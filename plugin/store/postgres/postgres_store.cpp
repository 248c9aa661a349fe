#include "store/postgres/postgres_store.h"

#include "store/postgres/postgres_database.h"

namespace qbo_sync::store {

std::unique_ptr<Store> open_postgres_store(const PostgresUrl& url, Store::Clock clock) {
  return std::make_unique<Store>(std::make_unique<PostgresDatabase>(url),
                                 std::make_unique<PostgresDatabase>(url), url.printable(),
                                 std::move(clock));
}

}  // namespace qbo_sync::store
