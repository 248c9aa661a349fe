#include "alerts/alert_flusher.h"

#include <algorithm>

namespace qbo_sync::alerts {

AlertFlusher::AlertFlusher(AlertDigest& digest, std::chrono::milliseconds interval)
    : digest_(digest), interval_(std::max(interval, std::chrono::milliseconds(1))) {}

AlertFlusher::~AlertFlusher() {
  stop();
}

std::chrono::milliseconds AlertFlusher::interval_for(const AlertDigest& digest) {
  const int64_t half = digest.scaled(digest.options().gather_ms) / 2;
  return std::chrono::milliseconds(std::clamp<int64_t>(half, 5, 5000));
}

void AlertFlusher::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void AlertFlusher::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void AlertFlusher::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    digest_.flush();  // logs and swallows its own errors
    lock.lock();
  }
}

}  // namespace qbo_sync::alerts
