// What every concern of the store is given: one connection for writes and one for reads, each used
// by one thread at a time, and the clock that stamps rows. Writes go through one connection so
// that the threads of a process queue for it here rather than in the engine's lock.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>

#include "store/database.h"

namespace qbo_sync::store {

class DatabaseAccess {
 public:
  using Clock = std::function<int64_t()>;  // milliseconds since the Unix epoch

  // A connection held, alone, for as long as this lives.
  class Held {
   public:
    Held(std::mutex& mutex, Database& database) : lock_(mutex), database_(database) {}
    Database* operator->() const { return &database_; }
    Database& operator*() const { return database_; }

   private:
    std::unique_lock<std::mutex> lock_;
    Database& database_;
  };

  // An empty clock reads the system clock.
  DatabaseAccess(std::unique_ptr<Database> writer, std::unique_ptr<Database> reader, Clock clock);

  Held write() { return Held(write_mutex_, *writer_); }
  Held read() { return Held(read_mutex_, *reader_); }
  int64_t now() const;

 private:
  std::unique_ptr<Database> writer_;
  std::unique_ptr<Database> reader_;
  Clock clock_;
  std::mutex write_mutex_;
  std::mutex read_mutex_;
};

}  // namespace qbo_sync::store
