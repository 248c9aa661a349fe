#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace qbo_sandbox {

// One injected failure: the next `count` API requests that match answer this way instead of (or,
// with after_ledger, after) being handled.
struct FaultRule {
  enum class Kind {
    http_500,   // 500 SystemFault 10000 (JSON)
    http_503,   // 503 from the load balancer (HTML)
    timeout,    // no answer for `delay`, then the connection is closed
    drop,       // the connection is closed without an answer
    xml_fault,  // an XML IntuitResponse Fault (500 SystemFault unless overridden)
    throttle,   // 429 ThrottleExceeded
    delay,      // the normal answer, `delay` late
  };
  Kind kind = Kind::http_500;
  std::string realm_id;     // empty: any realm
  std::string method;       // empty: any method
  std::string path_prefix;  // empty: any path; "invoice" matches "invoice", "invoice/12"
  std::string entity;       // empty: any; else the entity named by the path, query or batch
  std::size_t remaining = 1;
  std::chrono::milliseconds delay{2000};
  // The ledger handles the request first, so the change is committed but the client never learns
  // the outcome: what an exactly-once client must survive.
  bool after_ledger = false;
  // Overrides of the fault's status and Fault fields (http_500 and xml_fault).
  int status = 0;
  std::string type, code, message, detail;
  std::uint64_t id = 0;
};

std::variant<FaultRule, std::string> fault_rule_from_json(const boost::json::value& value);
boost::json::object to_json(const FaultRule& rule);

// The queue of injected failures, consulted for every API request. Thread-safe.
class FaultInjector {
 public:
  std::uint64_t add(FaultRule rule);
  // The first rule matching this request, with its count taken; nullopt when none matches.
  // `query_text` is the SELECT (from the URL or the body) or the batch body, for entity matching.
  std::optional<FaultRule> take(std::string_view realm_id, std::string_view method,
                                std::string_view path, std::string_view query_text);
  boost::json::array list() const;
  void clear();
  // Ends the wait of every delayed answer under way now (a test no longer needs them held).
  void release_delays();
  // For a delayed answer: true once release_delays was called after this.
  std::function<bool()> release_signal() const;

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<std::atomic<std::uint64_t>> releases_ =
      std::make_shared<std::atomic<std::uint64_t>>(0);
  std::vector<FaultRule> rules_;
  std::uint64_t next_id_ = 1;
};

}  // namespace qbo_sandbox
