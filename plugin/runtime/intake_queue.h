// Durable intake with group commit: every hook call waits until its event is committed, and calls
// that arrive while a commit is running are committed together in the next transaction, so one disk
// sync serves many host threads.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <vector>

#include "store/store.h"

namespace qbo_sync::runtime {

class IntakeQueue {
 public:
  explicit IntakeQueue(store::Store& store, std::size_t max_batch = 512);

  // Blocks the calling thread until `event` is committed; returns its outcome. Throws
  // store::StoreError when it could not be committed (nothing of it is stored then).
  // Thread-safe; the first waiting caller commits for everyone waiting (no extra thread).
  store::IntakeOutcome submit(store::IncomingEvent event);

  // Commits that have happened, and events they carried: for the benchmark and the admin status.
  std::size_t commits() const;
  std::size_t events_committed() const;

 private:
  struct Pending {
    store::IncomingEvent event;
    store::IntakeOutcome outcome;
    std::string error;
    bool done = false;
  };

  void commit_batch(std::vector<Pending*>& batch);

  store::Store& store_;
  const std::size_t max_batch_;
  mutable std::mutex mutex_;
  std::condition_variable done_;
  std::deque<Pending*> queue_;
  bool committing_ = false;
  std::size_t commits_ = 0;
  std::size_t events_committed_ = 0;
};

}  // namespace qbo_sync::runtime
