// The inbound side's own thread: for every connected account it runs the initial import (page by
// page, resumed after a restart), then polls QBO's change feed every poll interval (a webhook
// makes the poll of its realm due at once) and reconciles in full once a day. Its intervals are
// measured on the plugin's clock: a task on the plugin's scheduler wakes the thread when the next
// one is due, and the thread does the blocking HTTP work. It shares nothing
// with the payment engine's threads but the per-realm rate governor, so outbound payments are
// never held up by an import.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include <boost/json/object.hpp>

#include "clock/scheduler.h"
#include "inbound/inbound_host.h"
#include "inbound/inbound_sync.h"
#include "inbound/webhook_notification.h"
#include "inbound/webhook_replay_window.h"
#include "qbo_client/api_client.h"
#include "store/store.h"

namespace qbo_sync::inbound {

struct InboundServiceOptions {
  int64_t poll_interval_ms = 60'000;  // a QBO change reaches the CRM within about this (≤ 5 min)
  int64_t reconcile_interval_ms = 24LL * 3600 * 1000;
  int64_t retry_after_fault_ms = 60'000;  // after a QBO fault, the account waits this long
  InboundSyncOptions sync;
  std::string webhook_verifier_token;  // never logged
};

class InboundService {
 public:
  using ActiveConnection = std::function<std::optional<qbo::Connection>(const std::string&)>;

  // The scheduler (and its clock) must outlive the service.
  InboundService(store::Store& store, qbo::ApiClient& api, ActiveConnection active_connection,
                 InboundHost host, InboundServiceOptions options, clock::Scheduler& scheduler);
  ~InboundService();
  InboundService(const InboundService&) = delete;
  InboundService& operator=(const InboundService&) = delete;

  void start();
  // Joins the thread; the step under way finishes first (its progress is stored).
  void stop();
  // Something changed (an account connected): look at the accounts now.
  void notify();

  // A webhook delivery: signature checked before the body is read; a good one makes the poll of
  // every account connected to the realms it names due now, unless it is a replay of a delivery
  // taken in within the last few minutes. Thread-safe.
  std::variant<WebhookAcceptance, WebhookRefusal> accept_webhook(const boost::json::object& headers,
                                                                 std::string_view raw_body);

  // The account's import progress, last poll and reconcile. Thread-safe.
  boost::json::object status(const std::string& account_id);

 private:
  void run();
  // Works one account a little; returns the time (ms) it next needs attention.
  int64_t work(const store::ConnectionRow& account, int64_t now);
  int64_t now() const;
  void log(LogLevel level, const std::string& message) const;

  store::Store& store_;
  ActiveConnection active_connection_;
  InboundHost host_;
  InboundServiceOptions options_;
  clock::Scheduler& scheduler_;
  clock::Scheduler::TaskId wake_task_ = 0;  // wakes the thread when its next step is due
  InboundSync sync_;
  std::string owner_;  // this process's lease owner name
  WebhookReplayWindow replays_;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool notified_ = false;
  std::set<std::string> realms_to_poll_;
  std::map<std::string, int64_t> next_poll_;      // account → ms
  std::map<std::string, int64_t> backoff_until_;  // account → ms
  std::thread thread_;
};

}  // namespace qbo_sync::inbound
