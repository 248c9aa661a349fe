// Decides what to do after a failed QBO call: retry after a delay (exponential backoff with full
// jitter), refresh the token and retry once, settle first (the outcome of a write is unknown), or
// give up (permanent, or the tenant must reconnect).
#pragma once

#include <chrono>
#include <functional>

#include "qbo_client/fault.h"

namespace qbo_sync::qbo {

enum class RetryAction {
  retry_after_delay,
  refresh_then_retry,  // 401: refresh the access token once, then retry at once
  reread_then_retry,   // 5010: read the object's current SyncToken, then retry
  // The write may have been applied (no answer, or a 5xx after sending): look the document up by
  // its requestid/DocNumber before posting anything again.
  settle_first,
  reconnect_needed,  // stop syncing the tenant until the admin reconnects
  permanent,         // the record needs a human: show the fault's advice
};

std::string_view to_string(RetryAction action);

struct RetryDecision {
  RetryAction action = RetryAction::permanent;
  std::chrono::milliseconds delay{0};  // for retry_after_delay and settle_first
};

struct RetryPolicyOptions {
  std::chrono::milliseconds base_delay{1000};
  std::chrono::milliseconds max_delay{std::chrono::minutes(15)};
  std::chrono::milliseconds throttle_pause{std::chrono::seconds(60)};
  // Multiplies every delay; tests and the demo run with a small scale.
  double time_scale = 1.0;
};

// What the caller knows about the attempt that failed.
struct AttemptContext {
  int attempt = 1;                 // 1 for the first failure
  bool is_write = false;           // create, update, delete, void, or batch
  bool already_refreshed = false;  // the token was already refreshed for this call
  // A Retry-After the server gave (honoured for throttling when longer than the pause).
  std::chrono::milliseconds retry_after{0};
};

class RetryPolicy {
 public:
  // `uniform` returns a number in [0, 1): the jitter source (injectable for tests).
  explicit RetryPolicy(RetryPolicyOptions options = {}, std::function<double()> uniform = {});

  RetryDecision decide(const Fault& fault, const AttemptContext& context) const;

  // Exponential backoff with full jitter: uniform in [0, min(max, base * 2^(attempt-1))], scaled.
  std::chrono::milliseconds backoff(int attempt) const;

 private:
  RetryPolicyOptions options_;
  std::function<double()> uniform_;
};

}  // namespace qbo_sync::qbo
