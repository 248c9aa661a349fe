// A fixed number of PostgreSQL connections shared by the plugin's threads: a thread takes one for
// a unit of work and gives it back; a connection the server dropped is replaced on the next take.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "store/postgres/postgres_connection.h"

namespace qbo_sync::store {

class PostgresPool {
 public:
  // Opens the first connection now, so that a wrong URL or password is reported at start; the
  // others are opened when first needed.
  PostgresPool(PostgresUrl url, int size);

  class Lease {
   public:
    Lease(PostgresPool& pool, std::unique_ptr<PostgresConnection> connection)
        : pool_(&pool), connection_(std::move(connection)) {}
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    PostgresConnection& operator*() const { return *connection_; }
    PostgresConnection* operator->() const { return connection_.get(); }

   private:
    PostgresPool* pool_;
    std::unique_ptr<PostgresConnection> connection_;
  };

  // A connection for this thread's unit of work; waits while all are taken.
  Lease take();
  int size() const { return size_; }

 private:
  void give_back(std::unique_ptr<PostgresConnection> connection);

  const PostgresUrl url_;
  const int size_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<PostgresConnection>> idle_;
  int opened_ = 0;
};

}  // namespace qbo_sync::store
