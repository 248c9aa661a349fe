// Coalesces the creates that several engine workers make at the same moment for one QBO company
// into batch requests: a lone create (a live payment) goes out alone at once; creates that queue
// up behind calls in flight (a backlog after an outage, a bulk retry) leave together, up to 30 in
// one POST /batch, once enough have queued to be worth one of QBO's scarcer batch slots. A batch
// counts once against QBO's 500 requests a minute (and against its 40 batches a minute), so a
// backlog drains at up to 30 documents per request.
//
// Exactly once holds as for single creates: a batch carries a requestid derived from its items'
// keys, and an item whose outcome is unknown (the whole call failed) gets the call's fault, so the
// caller settles it by looking the document up before posting again.
//
// Blocking: call from engine workers. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "qbo_client/api_client.h"

namespace qbo_sync::engine {

struct CreateCoalescerOptions {
  std::size_t max_batch_items = 30;  // QBO's limit per batch request
  // Fewer queued creates than this go out one by one: QBO allows 40 batches but 500 requests a
  // minute, so a batch slot is only worth spending on a group about 500 / 40 strong.
  std::size_t min_batch_items = 12;
  // Calls (single or batch) in flight per company at once; further creates queue and coalesce.
  int max_calls_in_flight = 4;
};

struct CoalescerCounts {
  int64_t single_calls = 0;
  int64_t batch_calls = 0;
  int64_t batched_items = 0;
};

class CreateCoalescer {
 public:
  explicit CreateCoalescer(qbo::ApiClient& api, CreateCoalescerOptions options = {});

  // Creates `entity` from `document`; blocks until its call has answered. The answer is shaped
  // as ApiClient::create's: `entity` is the created object, `body` wraps it.
  qbo::Outcome<qbo::ApiResponse> create(const qbo::Connection& connection, std::string_view entity,
                                        const boost::json::object& document,
                                        std::string_view idempotency_key);

  CoalescerCounts counts() const;
  // Creates of the connection's company waiting behind the calls in flight (tests).
  std::size_t queued(const qbo::Connection& connection) const;

 private:
  struct Pending;
  struct CompanyQueue {
    std::deque<Pending*> waiting;
    int in_flight = 0;
  };

  void send(const qbo::Connection& connection, std::deque<Pending*>& group);

  qbo::ApiClient& api_;
  CreateCoalescerOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::string, CompanyQueue> companies_;  // by tenant and realm
  CoalescerCounts counts_;
};

}  // namespace qbo_sync::engine
