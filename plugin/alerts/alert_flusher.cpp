#include "alerts/alert_flusher.h"

#include <algorithm>

namespace qbo_sync::alerts {

AlertFlusher::AlertFlusher(AlertDigest& digest, clock::Scheduler& scheduler,
                           std::chrono::milliseconds interval)
    : digest_(digest),
      scheduler_(scheduler),
      interval_(std::max(interval, std::chrono::milliseconds(1))) {}

AlertFlusher::~AlertFlusher() {
  stop();
}

std::chrono::milliseconds AlertFlusher::interval_for(const AlertDigest& digest) {
  const int64_t half = digest.options().gather_ms / 2;
  return std::chrono::milliseconds(std::clamp<int64_t>(half, 5, 5000));
}

void AlertFlusher::start() {
  if (task_ != 0) return;
  task_ = scheduler_.add([this] { flush(); });
  scheduler_.wake_after(task_, interval_);
}

void AlertFlusher::stop() {
  if (task_ == 0) return;
  scheduler_.remove(task_);
  task_ = 0;
}

void AlertFlusher::flush() {
  digest_.flush();  // logs and swallows its own errors
  scheduler_.wake_after(task_, interval_);
}

}  // namespace qbo_sync::alerts
