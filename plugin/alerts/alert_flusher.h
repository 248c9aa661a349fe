// Sends the alert digests that are due, on a thread of its own, until stopped (the destructor
// stops it: destroy it before the store and the digest it uses).
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "alerts/alert_digest.h"

namespace qbo_sync::alerts {

class AlertFlusher {
 public:
  // Looks every `interval`; a fraction of the gathering delay keeps digests on time.
  AlertFlusher(AlertDigest& digest, std::chrono::milliseconds interval);
  ~AlertFlusher();
  AlertFlusher(const AlertFlusher&) = delete;
  AlertFlusher& operator=(const AlertFlusher&) = delete;

  void start();  // idempotent
  void stop();   // waits for a flush under way; idempotent

  // The interval for a digest's options: half the scaled gathering delay, within 5 ms .. 5 s.
  static std::chrono::milliseconds interval_for(const AlertDigest& digest);

 private:
  void loop();

  AlertDigest& digest_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace qbo_sync::alerts
