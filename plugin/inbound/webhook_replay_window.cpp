#include "inbound/webhook_replay_window.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace qbo_sync::inbound {
namespace {

std::array<unsigned char, 32> delivery_digest(std::string_view raw_body) {
  std::array<unsigned char, 32> digest{};
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  const bool ok = context != nullptr && EVP_DigestInit_ex(context, EVP_sha256(), nullptr) == 1 &&
                  EVP_DigestUpdate(context, raw_body.data(), raw_body.size()) == 1 &&
                  EVP_DigestFinal_ex(context, digest.data(), nullptr) == 1;
  EVP_MD_CTX_free(context);
  if (!ok) throw std::runtime_error("SHA-256 is not available");
  return digest;
}

}  // namespace

WebhookReplayWindow::WebhookReplayWindow(int64_t window_ms, std::size_t capacity)
    : window_ms_(window_ms), capacity_(capacity) {}

bool WebhookReplayWindow::seen_before(std::string_view raw_body, int64_t now_ms) {
  const Digest digest = delivery_digest(raw_body);
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
