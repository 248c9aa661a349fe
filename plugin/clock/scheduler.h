// The plugin's one timer queue: every component that waits for time (engine polls, inbound polls,
// alert digests) registers a task here and says when it is next due; one thread runs the tasks as
// they fall due on the plugin's Clock. Tasks must be short: work that blocks on the network stays
// on its component's own threads, which a task only wakes.
//
// On a ManualClock nothing falls due by itself: advance() moves the clock and runs, in order, every
// task that falls due on the way (tests).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "clock/clock.h"

namespace qbo_sync::clock {

class ManualClock;

class Scheduler {
 public:
  using Task = std::function<void()>;
  using TaskId = uint64_t;

  explicit Scheduler(Clock& clock);
  ~Scheduler();  // stops
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Starts the thread that runs due tasks. Idempotent.
  void start();
  // Joins the thread; a task under way finishes first, nothing runs afterwards. Idempotent.
  void stop();

  Clock& clock() const { return clock_; }

  // Registers a task; it is not due until woken. Thread-safe.
  TaskId add(Task task);
  // Makes the task due at `due` on the clock, or keeps its earlier due time. A task runs once per
  // wake-up; to repeat, it wakes itself again. Thread-safe, never blocks; unknown ids are ignored.
  void wake_at(TaskId id, SteadyTime due);
  void wake_after(TaskId id, std::chrono::nanoseconds delay);
  void wake_now(TaskId id);
  // Unregisters the task. Waits for a run under way, unless called from that run itself.
  void remove(TaskId id);

  // On a ManualClock: moves the clock forward by `span`, running every task due on the way in
  // order of due time, the clock standing at each one's due time, and returns once none is due.
  // Returns false (and moves nothing) on any other clock. Needs the scheduler started.
  bool advance(std::chrono::nanoseconds span);

 private:
  struct Entry {
    Task task;
    std::optional<SteadyTime> due;
    uint64_t order = 0;  // ties between equal due times go first-woken first
    bool running = false;
  };

  void run();
  // The registered task due first, or end() when none is due at all. Under the mutex.
  std::map<TaskId, Entry>::iterator earliest();
  // True while a task runs or one is due at the clock's present time. Under the mutex.
  bool busy();

  Clock& clock_;
  ManualClock* manual_;  // the same clock when it is manual
  std::mutex mutex_;
  std::condition_variable changed_;
  std::map<TaskId, Entry> tasks_;
  TaskId next_id_ = 1;
  uint64_t next_order_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace qbo_sync::clock
