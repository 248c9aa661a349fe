#include "engine/create_coalescer.h"

#include <optional>
#include <utility>
#include <vector>

#include <boost/json/array.hpp>

#include "qbo_client/fault_parser.h"

namespace qbo_sync::engine {
namespace json = boost::json;

struct CreateCoalescer::Pending {
  std::string entity;
  const json::object* document = nullptr;
  std::string key;
  std::optional<qbo::Outcome<qbo::ApiResponse>> result;  // set under the mutex
};

namespace {

// The item of a batch answer whose bId is `bid`, or null.
const json::object* batch_item(const json::value& answer, std::string_view bid) {
  const json::array* items = answer.if_array();
  if (items == nullptr) return nullptr;
  for (const json::value& item : *items) {
    const json::object* object = item.if_object();
    if (object == nullptr) continue;
    const json::value* id = object->if_contains("bId");
    if (id != nullptr && id->is_string() && id->get_string() == bid) return object;
  }
  return nullptr;
}

// What one item of a batch answer means for its caller, shaped as a single create's answer.
qbo::Outcome<qbo::ApiResponse> item_outcome(const qbo::ApiResponse& answer, std::string_view bid,
                                            std::string_view entity) {
  const json::object* item = batch_item(answer.entity, bid);
  if (item == nullptr) {
    // QBO answered the batch without this item: its outcome is unknown, so the caller settles it.
    qbo::Fault fault;
    fault.fault_class = qbo::FaultClass::transient;
    fault.http_status = answer.http_status;
    fault.message = "the batch answer has no item " + std::string(bid);
    fault.may_have_reached_server = true;
    fault.intuit_tid = answer.intuit_tid;
    return fault;
  }
  if (auto fault = qbo::find_fault(*item, 400, answer.intuit_tid)) return std::move(*fault);
  const json::value* created = item->if_contains(entity);
  if (created == nullptr) {
    qbo::Fault fault;
    fault.fault_class = qbo::FaultClass::transient;
    fault.http_status = answer.http_status;
    fault.message = "the batch item " + std::string(bid) + " holds no " + std::string(entity);
    fault.intuit_tid = answer.intuit_tid;
    return fault;
  }
  qbo::ApiResponse single;
  single.http_status = answer.http_status;
  single.intuit_tid = answer.intuit_tid;
  single.body = json::object{{entity, *created}};
  single.entity = *created;
  return single;
}

}  // namespace

CreateCoalescer::CreateCoalescer(qbo::ApiClient& api, CreateCoalescerOptions options)
    : api_(api), options_(options) {
  if (options_.max_batch_items < 1) options_.max_batch_items = 1;
  if (options_.min_batch_items < 2) options_.min_batch_items = 2;
  if (options_.max_calls_in_flight < 1) options_.max_calls_in_flight = 1;
}

qbo::Outcome<qbo::ApiResponse> CreateCoalescer::create(const qbo::Connection& connection,
                                                       std::string_view entity,
                                                       const json::object& document,
                                                       std::string_view idempotency_key) {
  Pending pending{std::string(entity), &document, std::string(idempotency_key), std::nullopt};
  std::unique_lock lock(mutex_);
  // Map nodes are never erased, so the reference stays valid while other threads insert.
  CompanyQueue& queue = companies_[connection.tenant + '\n' + connection.realm];
  queue.waiting.push_back(&pending);
  while (!pending.result) {
    const bool may_lead = queue.in_flight < options_.max_calls_in_flight &&
                          !queue.waiting.empty() && queue.waiting.front() == &pending;
    if (!may_lead) {
      changed_.wait(lock);
      continue;
    }
    // Lead one call with everything that queued up behind the calls in flight.
    std::deque<Pending*> group;
    const std::size_t take =
        queue.waiting.size() >= options_.min_batch_items ? options_.max_batch_items : 1;
    while (!queue.waiting.empty() && group.size() < take) {
      group.push_back(queue.waiting.front());
      queue.waiting.pop_front();
    }
    ++queue.in_flight;
    lock.unlock();
    send(connection, group);
    lock.lock();
    --queue.in_flight;
    changed_.notify_all();
  }
  return std::move(*pending.result);
}

void CreateCoalescer::send(const qbo::Connection& connection, std::deque<Pending*>& group) {
  std::vector<qbo::Outcome<qbo::ApiResponse>> results;
  results.reserve(group.size());
  if (group.size() == 1) {
    Pending& only = *group.front();
    results.push_back(api_.create(connection, only.entity, *only.document, only.key));
  } else {
    json::array items;
    std::string batch_key = "batch";
    for (std::size_t i = 0; i < group.size(); ++i) {
      items.push_back(json::object{{"bId", std::to_string(i)},
                                   {"operation", "create"},
                                   {group[i]->entity, *group[i]->document}});
      batch_key += '\n' + group[i]->key;
    }
    auto answer = api_.batch(connection, items, batch_key);
    for (std::size_t i = 0; i < group.size(); ++i) {
      if (!answer) {
        results.push_back(answer.fault());
      } else {
        results.push_back(item_outcome(answer.value(), std::to_string(i), group[i]->entity));
      }
    }
  }
  std::lock_guard lock(mutex_);
  if (group.size() == 1) {
    ++counts_.single_calls;
  } else {
    ++counts_.batch_calls;
    counts_.batched_items += static_cast<int64_t>(group.size());
  }
  for (std::size_t i = 0; i < group.size(); ++i) group[i]->result.emplace(std::move(results[i]));
}

std::size_t CreateCoalescer::queued(const qbo::Connection& connection) const {
  std::lock_guard lock(mutex_);
  const auto company = companies_.find(connection.tenant + '\n' + connection.realm);
  return company == companies_.end() ? 0 : company->second.waiting.size();
}

CoalescerCounts CreateCoalescer::counts() const {
  std::lock_guard lock(mutex_);
  return counts_;
}

}  // namespace qbo_sync::engine
