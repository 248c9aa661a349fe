#include "inbound/inbound_service.h"

#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <random>
#include <utility>

#include "clock/system_clock.h"

namespace qbo_sync::inbound {
namespace {

// A replayed delivery is recognised for this long, and among this many recent deliveries.
constexpr int64_t kWebhookReplayWindowMs = 10 * 60 * 1000;
constexpr std::size_t kWebhookReplayCapacity = 10'000;

// A lease on an account outlives any single step; a process that dies mid-step frees the account
// after this long.
constexpr int64_t kLeaseMs = 10 * 60'000;
// How long to wait for an account another process is working on.
constexpr int64_t kBusyRetryMs = 1000;

std::string lease_name(const std::string& account_id) {
  return "inbound:" + account_id;
}

std::string owner_name() {
  std::random_device random;
  return "inbound-" + std::to_string(::getpid()) + "-" + std::to_string(random());
}

}  // namespace

InboundService::InboundService(store::Store& store, qbo::ApiClient& api,
                               ActiveConnection active_connection, InboundHost host,
                               InboundServiceOptions options, clock::Scheduler& scheduler)
    : store_(store),
      active_connection_(std::move(active_connection)),
      host_(host),
      options_(std::move(options)),
      scheduler_(scheduler),
      // Real time: the engine's creation intents it ages cover exchanges with QuickBooks, and
      // the times it shows the admin are dates.
      sync_(store, api, std::move(host), options_.sync,
            [] { return clock::SystemClock().now_ms(); }),
      owner_(owner_name()),
      replays_(kWebhookReplayWindowMs, kWebhookReplayCapacity) {}

InboundService::~InboundService() {
  stop();
}

int64_t InboundService::now() const {
  return scheduler_.clock().now_ms();
}

void InboundService::log(LogLevel level, const std::string& message) const {
  if (host_.log) host_.log(level, message);
}

void InboundService::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  wake_task_ = scheduler_.add([this] { notify(); });
  thread_ = std::thread([this] { run(); });
}

void InboundService::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (wake_task_ != 0) scheduler_.remove(std::exchange(wake_task_, 0));
}

void InboundService::notify() {
  {
    std::lock_guard lock(mutex_);
    notified_ = true;
  }
  wake_.notify_all();
}

std::variant<WebhookAcceptance, WebhookRefusal> InboundService::accept_webhook(
    const boost::json::object& headers, std::string_view raw_body) {
  auto result = read_webhook(headers, raw_body, options_.webhook_verifier_token);
  if (auto* refusal = std::get_if<WebhookRefusal>(&result)) {
    log(LogLevel::warning, "QuickBooks webhook refused: " + refusal->message);
    return std::move(*refusal);
  }
  WebhookAcceptance accepted{std::move(std::get<std::vector<std::string>>(result)), false};
  if (replays_.seen_before(raw_body, now())) {
    log(LogLevel::info,
        "QuickBooks webhook acknowledged as a replay of a delivery already taken in");
    accepted.replay = true;
    return accepted;
  }
  {
    std::lock_guard lock(mutex_);
    for (const auto& realm : accepted.realms) {
      realms_to_poll_.insert(realm);
    }
  }
  wake_.notify_all();
  return accepted;
}

boost::json::object InboundService::status(const std::string& account_id) {
  return sync_.status(account_id);
}

void InboundService::run() {
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      notified_ = false;
    }
    const int64_t started = now();
    int64_t next_wake = started + options_.poll_interval_ms;
    std::vector<store::ConnectionRow> accounts;
    try {
      accounts = store_.connected_accounts();
    } catch (const store::StoreError& error) {
      log(LogLevel::error,
          std::string("inbound: the store could not list accounts: ") + error.what());
    }
    for (const auto& account : accounts) {
      {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
      }
      if (account.reconnect_needed || account.sealed_tokens.empty()) continue;
      next_wake = std::min(next_wake, work(account, now()));
    }
    scheduler_.wake_after(wake_task_, std::chrono::milliseconds(next_wake - now()));
    std::unique_lock lock(mutex_);
    wake_.wait(lock, [this] { return stopping_ || notified_ || !realms_to_poll_.empty(); });
  }
}

int64_t InboundService::work(const store::ConnectionRow& account, int64_t at) {
  const std::string& account_id = account.account_id;
  if (auto until = backoff_until_.find(account_id);
      until != backoff_until_.end() && until->second > at)
    return until->second;
  const auto connection = active_connection_ ? active_connection_(account_id) : std::nullopt;
  if (!connection) return at + options_.poll_interval_ms;
  if (!store_.try_acquire_lease(lease_name(account_id), owner_, at, at + kLeaseMs))
    return at + kBusyRetryMs;

  int64_t next = at + options_.poll_interval_ms;
  auto fault = [&](const qbo::Fault& problem, std::string_view what) {
    backoff_until_[account_id] = at + options_.retry_after_fault_ms;
    log(LogLevel::warning, "QuickBooks " + std::string(what) + " for account " + account_id +
                               " paused: " + std::string(qbo::to_string(problem.fault_class)) +
                               (problem.message.empty() ? "" : " (" + problem.message + ")"));
    return backoff_until_[account_id];
  };
  try {
    bool realm_flagged = false;
    {
      std::lock_guard lock(mutex_);
      realm_flagged = realms_to_poll_.erase(account.realm_id) > 0;
    }
    if (!sync_.import_complete(account)) {
      auto step = sync_.import_step(*connection, account, at);
      next = step ? at : fault(step.fault(), "import");
    } else if (realm_flagged || next_poll_[account_id] <= at) {
      auto step = sync_.poll(*connection, account, at);
      if (step) {
        next_poll_[account_id] = step.value().more ? at : at + options_.poll_interval_ms;
        next = next_poll_[account_id];
      } else {
        next = fault(step.fault(), "change poll");
      }
    } else if (sync_.reconcile_due(account, at, options_.reconcile_interval_ms)) {
      auto step = sync_.reconcile_step(*connection, account, at);
      next = step ? (step.value().more ? at : next_poll_[account_id])
                  : fault(step.fault(), "reconcile");
    } else {
      next = next_poll_[account_id];
    }
  } catch (const store::StoreError& error) {
    backoff_until_[account_id] = at + options_.retry_after_fault_ms;
    log(LogLevel::error, "inbound: store error for account " + account_id + ": " + error.what());
    next = backoff_until_[account_id];
  }
  store_.release_lease(lease_name(account_id), owner_);
  return next;
}

}  // namespace qbo_sync::inbound
