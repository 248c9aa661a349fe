// Sends the alert digests that are due: a task on the plugin's scheduler that looks every interval
// of its clock, until stopped (the destructor stops it: destroy it before the store and the
// digest it uses).
#pragma once

#include <chrono>

#include "alerts/alert_digest.h"
#include "clock/scheduler.h"

namespace qbo_sync::alerts {

class AlertFlusher {
 public:
  // Looks every `interval` of the scheduler's clock; a fraction of the gathering delay keeps
  // digests on time. The scheduler must outlive the flusher.
  AlertFlusher(AlertDigest& digest, clock::Scheduler& scheduler,
               std::chrono::milliseconds interval);
  ~AlertFlusher();
  AlertFlusher(const AlertFlusher&) = delete;
  AlertFlusher& operator=(const AlertFlusher&) = delete;

  void start();  // idempotent
  void stop();   // waits for a flush under way; idempotent

  // The interval for a digest's options: half the gathering delay, within 5 ms .. 5 s.
  static std::chrono::milliseconds interval_for(const AlertDigest& digest);

 private:
  void flush();

  AlertDigest& digest_;
  clock::Scheduler& scheduler_;
  std::chrono::milliseconds interval_;
  clock::Scheduler::TaskId task_ = 0;  // 0 while stopped; started and stopped by one thread
};

}  // namespace qbo_sync::alerts
