#include "inbound/webhook_replay_window.h"

#include "crypto/digest.h"

namespace qbo_sync::inbound {

WebhookReplayWindow::WebhookReplayWindow(int64_t window_ms, std::size_t capacity)
    : window_ms_(window_ms), capacity_(capacity) {}

bool WebhookReplayWindow::seen_before(std::string_view raw_body, int64_t now_ms) {
  const Digest digest = crypto::sha256(raw_body);
  std::lock_guard lock(mutex_);
  forget_older_than(now_ms - window_ms_);
  if (digests_.contains(digest)) return true;
  if (order_.size() >= capacity_) {
    digests_.erase(order_.front().digest);
    order_.pop_front();
  }
  order_.push_back({digest, now_ms});
  digests_.insert(digest);
  return false;
}

void WebhookReplayWindow::forget_older_than(int64_t cutoff_ms) {
  while (!order_.empty() && order_.front().at_ms < cutoff_ms) {
    digests_.erase(order_.front().digest);
    order_.pop_front();
  }
}

}  // namespace qbo_sync::inbound
