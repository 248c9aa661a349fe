#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

namespace qbo_sandbox {

// Counts the API calls (/v3/company/{realm}/...) each realm received, by what became of them and
// by kind ("POST salesreceipt", "GET query Customer", "POST batch"), so that tests and benchmarks
// can measure a client's calls per document. Not part of QBO. Thread-safe.
class ApiCallLog {
 public:
  enum class Fate { admitted, throttled, unauthorized };

  // `path` is what follows /v3/company/{realm}/; `query` is the query text, if any.
  void record(std::string_view realm_id, std::string_view method, std::string_view path,
              std::string_view query, Fate fate);

  // {"total","admitted","throttled","unauthorized","by_call":{"POST salesreceipt":n,..}}; the
  // admitted calls by kind.
  boost::json::object realm(std::string_view realm_id) const;
  // {"realms":{realm: realm(realm)}}
  boost::json::object all() const;
  void reset();

 private:
  struct RealmCounts {
    std::size_t admitted = 0;
    std::size_t throttled = 0;
    std::size_t unauthorized = 0;
    std::map<std::string, std::size_t> by_call;
  };
  static boost::json::object describe(const RealmCounts& counts);

  mutable std::mutex mutex_;
  std::map<std::string, RealmCounts, std::less<>> realms_;
};

}  // namespace qbo_sandbox
