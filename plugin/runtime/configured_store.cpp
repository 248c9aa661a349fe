#include "runtime/configured_store.h"

#include "store/postgres/postgres_store.h"

namespace qbo_sync::runtime {

std::unique_ptr<store::Store> open_configured_store(const HostConfig& config,
                                                    store::Store::Clock clock) {
  if (config.store.kind == StoreKind::postgresql) {
    return store::open_postgres_store(*config.store.postgres_url, std::move(clock));
  }
  const auto durability = config.store.durability == StoreDurability::power_loss
                              ? store::Store::Durability::power_loss
                              : store::Store::Durability::process_crash;
  return std::make_unique<store::Store>(config.data_dir, std::move(clock), durability);
}

std::string store_field(const HostConfig& config) {
  return config.store.kind == StoreKind::postgresql ? "/store/url" : "/data_dir";
}

}  // namespace qbo_sync::runtime
