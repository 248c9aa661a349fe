#include "runtime/intake_queue.h"

#include <utility>

namespace qbo_sync::runtime {

IntakeQueue::IntakeQueue(store::Store& store, std::size_t max_batch)
    : store_(store), max_batch_(max_batch == 0 ? 1 : max_batch) {}

store::IntakeOutcome IntakeQueue::submit(store::IncomingEvent event) {
  Pending pending{std::move(event), {}, {}, false};
  std::unique_lock lock(mutex_);
  queue_.push_back(&pending);
  while (!pending.done) {
    if (committing_) {
      done_.wait(lock);
      continue;
    }
    // Become the leader: take whatever is queued (our own event among it) and commit it.
    committing_ = true;
    std::vector<Pending*> batch;
    while (!queue_.empty() && batch.size() < max_batch_) {
      batch.push_back(queue_.front());
      queue_.pop_front();
    }
    lock.unlock();
    commit_batch(batch);
    lock.lock();
    for (Pending* item : batch) item->done = true;
    committing_ = false;
    done_.notify_all();
  }
  if (!pending.error.empty()) throw store::StoreError(pending.error);
  return pending.outcome;
}

void IntakeQueue::commit_batch(std::vector<Pending*>& batch) {
  std::vector<store::IncomingEvent> events;
  events.reserve(batch.size());
  for (Pending* item : batch) events.push_back(std::move(item->event));
  try {
    auto outcomes = store_.commit_events(events);
    for (std::size_t i = 0; i < batch.size(); ++i) batch[i]->outcome = outcomes[i];
    std::lock_guard counters(mutex_);
    ++commits_;
    events_committed_ += batch.size();
    return;
  } catch (const std::exception&) {
    // Retried below, one event per transaction.
  }
  // One bad event must not fail its neighbours: commit each alone so only it reports the error.
  for (std::size_t i = 0; i < batch.size(); ++i) {
    try {
      batch[i]->outcome = store_.commit_events({events[i]}).front();
      std::lock_guard counters(mutex_);
      ++commits_;
      ++events_committed_;
    } catch (const std::exception& error) {
      batch[i]->error = error.what();
    }
  }
}

std::size_t IntakeQueue::commits() const {
  std::lock_guard lock(mutex_);
  return commits_;
}

std::size_t IntakeQueue::events_committed() const {
  std::lock_guard lock(mutex_);
  return events_committed_;
}

}  // namespace qbo_sync::runtime
