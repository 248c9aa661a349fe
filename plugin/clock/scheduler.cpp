#include "clock/scheduler.h"

#include <algorithm>

#include "clock/manual_clock.h"

namespace qbo_sync::clock {
namespace {

// A wait is never longer than this, so that a clock that jumps is noticed.
constexpr auto kLongestWait = std::chrono::seconds(1);

}  // namespace

Scheduler::Scheduler(Clock& clock) : clock_(clock), manual_(dynamic_cast<ManualClock*>(&clock)) {}

Scheduler::~Scheduler() {
  stop();
}

void Scheduler::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void Scheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

Scheduler::TaskId Scheduler::add(Task task) {
  std::lock_guard lock(mutex_);
  const TaskId id = next_id_++;
  tasks_[id].task = std::move(task);
  return id;
}

void Scheduler::wake_at(TaskId id, SteadyTime due) {
  {
    std::lock_guard lock(mutex_);
    auto found = tasks_.find(id);
    if (found == tasks_.end()) return;
    Entry& entry = found->second;
    if (entry.due && *entry.due <= due) return;
    entry.due = due;
    entry.order = next_order_++;
  }
  changed_.notify_all();
}

void Scheduler::wake_after(TaskId id, std::chrono::nanoseconds delay) {
  wake_at(id, clock_.steady_now() + std::max(delay, std::chrono::nanoseconds(0)));
}

void Scheduler::wake_now(TaskId id) {
  wake_at(id, clock_.steady_now());
}

void Scheduler::remove(TaskId id) {
  std::unique_lock lock(mutex_);
  if (std::this_thread::get_id() != thread_.get_id()) {
    changed_.wait(lock, [&] {
      auto found = tasks_.find(id);
      return found == tasks_.end() || !found->second.running;
    });
  }
  tasks_.erase(id);
}

std::map<Scheduler::TaskId, Scheduler::Entry>::iterator Scheduler::earliest() {
  auto first = tasks_.end();
  for (auto it = tasks_.begin(); it != tasks_.end(); ++it) {
    const Entry& entry = it->second;
    if (!entry.due || entry.running) continue;
    if (first == tasks_.end() || *entry.due < *first->second.due ||
        (*entry.due == *first->second.due && entry.order < first->second.order)) {
      first = it;
    }
  }
  return first;
}

bool Scheduler::busy() {
  for (const auto& [id, entry] : tasks_) {
    if (entry.running) return true;
  }
  const auto first = earliest();
  return first != tasks_.end() && *first->second.due <= clock_.steady_now();
}

void Scheduler::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    auto first = earliest();
    if (first == tasks_.end()) {
      changed_.wait(lock);
      continue;
    }
    const SteadyTime now = clock_.steady_now();
    const SteadyTime due = *first->second.due;
    if (due > now) {
      const auto real = clock_.real_time_for(due - now);
      if (!real) {
        changed_.wait(lock);
      } else {
        changed_.wait_for(lock, std::clamp<std::chrono::nanoseconds>(
                                    *real, std::chrono::microseconds(100), kLongestWait));
      }
      continue;
    }
    const TaskId id = first->first;
    Entry& entry = first->second;
    entry.due.reset();
    entry.running = true;
    Task task = entry.task;
    lock.unlock();
    task();
    lock.lock();
    if (auto found = tasks_.find(id); found != tasks_.end()) found->second.running = false;
    changed_.notify_all();
  }
}

bool Scheduler::advance(std::chrono::nanoseconds span) {
  if (manual_ == nullptr) return false;
  const SteadyTime target = clock_.steady_now() + std::max(span, std::chrono::nanoseconds(0));
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return stopping_ || !busy(); });
    if (stopping_) return true;
    auto first = earliest();
    const SteadyTime now = clock_.steady_now();
    if (first == tasks_.end() || *first->second.due > target) {
      manual_->advance(target - now);
      changed_.notify_all();
      changed_.wait(lock, [this] { return stopping_ || !busy(); });
      return true;
    }
    manual_->advance(*first->second.due - now);
    changed_.notify_all();
  }
}

}  // namespace qbo_sync::clock
