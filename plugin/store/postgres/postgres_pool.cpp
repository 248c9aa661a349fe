#include "store/postgres/postgres_pool.h"

#include <utility>

namespace qbo_sync::store {

PostgresPool::PostgresPool(PostgresUrl url, int size) : url_(std::move(url)), size_(size) {
  if (size_ < 1) throw PostgresError("a PostgreSQL pool needs at least one connection", "");
  idle_.push_back(std::make_unique<PostgresConnection>(url_));
  opened_ = 1;
}

PostgresPool::Lease::~Lease() {
  if (connection_) pool_->give_back(std::move(connection_));
}

PostgresPool::Lease PostgresPool::take() {
  std::unique_lock lock(mutex_);
  returned_.wait(lock, [&] { return !idle_.empty() || opened_ < size_; });
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    if (connection->healthy()) return Lease(*this, std::move(connection));
    --opened_;  // dropped by the server: replaced below
  }
  ++opened_;
  lock.unlock();
  try {
    return Lease(*this, std::make_unique<PostgresConnection>(url_));
  } catch (...) {
    const std::lock_guard relock(mutex_);
    --opened_;
    returned_.notify_one();
    throw;
  }
}

void PostgresPool::give_back(std::unique_ptr<PostgresConnection> connection) {
  {
    const std::lock_guard lock(mutex_);
    if (connection->healthy()) {
      idle_.push_back(std::move(connection));
    } else {
      --opened_;
    }
  }
  returned_.notify_one();
}

}  // namespace qbo_sync::store
