// Deliveries of a QuickBooks webhook seen lately, so that a replay of the same signed delivery is
// acknowledged without acting on it again. The signature is a function of the body, so the body
// identifies the delivery; QBO re-delivers only what was not acknowledged, so a second copy within
// the window is a replay. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <mutex>
#include <set>
#include <string_view>

namespace qbo_sync::inbound {

class WebhookReplayWindow {
 public:
  // Remembers each delivery for `window_ms`, and at most `capacity` deliveries.
  WebhookReplayWindow(int64_t window_ms, std::size_t capacity);

  // True when this delivery was seen within the window; otherwise remembers it and says false.
  bool seen_before(std::string_view raw_body, int64_t now_ms);

 private:
  using Digest = std::array<unsigned char, 32>;
  struct Seen {
    Digest digest;
    int64_t at_ms;
  };
  void forget_older_than(int64_t cutoff_ms);

  const int64_t window_ms_;
  const std::size_t capacity_;
  std::mutex mutex_;
  std::deque<Seen> order_;  // oldest first
  std::set<Digest> digests_;
};

}  // namespace qbo_sync::inbound
