#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "ledger/api_types.h"
#include "webhook_payload.h"

namespace boost::asio {
class io_context;
}

namespace qbo_sandbox {

struct WebhookSettings {
  std::string url;  // http://host:port/path; empty: webhooks off
  WebhookFormat format = WebhookFormat::legacy;
  // Changes of one realm that arrive within this window go out in one notification.
  std::chrono::milliseconds batch_window{200};
  // Waits before the 2nd, 3rd, ... attempt. Empty: QBO's schedule (10 s, 20 s, 30 s, 5 min,
  // 20 min, 2 h, 4 h, then 6 h) divided by the time scale.
  std::vector<std::chrono::milliseconds> retry_delays;
  std::size_t max_attempts = 9;
  std::chrono::milliseconds response_timeout{3000};  // QBO wants a 200 within 3 s
};

// Delivers the ledger's changes to the configured endpoint as QBO does: batched per realm, signed
// with `intuit-signature`, retried with backoff; a realm's next notification waits until the
// previous one is acknowledged. Runs on the server's io_context. Thread-safe.
class WebhookDispatcher {
 public:
  WebhookDispatcher(boost::asio::io_context& io, std::string verifier_token, std::string source);
  ~WebhookDispatcher();
  WebhookDispatcher(const WebhookDispatcher&) = delete;
  WebhookDispatcher& operator=(const WebhookDispatcher&) = delete;

  void configure(WebhookSettings settings);
  WebhookSettings settings() const;
  void set_time_scale(double time_scale);

  // A committed change; called from the ledger's listener on any thread.
  void notify(const ChangeEvent& event);

  // {"url","format",...,"deliveries":[{"realm_id","attempt","status","delivered","events",..}],
  //  "pending_events":n,"delivering_realms":n (realms whose delivery loop still runs)}
  boost::json::object report() const;

  // No delivery starts after this (the io_context is about to go).
  void stop();

  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace qbo_sandbox
