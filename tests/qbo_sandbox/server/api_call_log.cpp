#include "api_call_log.h"

#include <algorithm>
#include <cctype>

#include "text/ascii.h"

namespace qbo_sandbox {
namespace {

// The entity a query reads: the word after FROM.
std::string queried_entity(std::string_view query) {
  const std::string folded = qbo_sync::text::ascii_lower(query);
  const std::size_t from = folded.find(" from ");
  if (from == std::string::npos) {
    return {};
  }
  std::size_t begin = from + 6;
  while (begin < query.size() && query[begin] == ' ') {
    ++begin;
  }
  std::size_t end = begin;
  while (end < query.size() && std::isalnum(static_cast<unsigned char>(query[end])) != 0) {
    ++end;
  }
  return std::string(query.substr(begin, end - begin));
}

// "POST salesreceipt", "GET query Customer", "GET customer" (reads by id fold together).
std::string call_kind(std::string_view method, std::string_view path, std::string_view query) {
  const std::string_view first = path.substr(0, path.find('/'));
  std::string kind = std::string(method) + " " + qbo_sync::text::ascii_lower(first);
  if (qbo_sync::text::ascii_lower(first) == "query") {
    const std::string entity = queried_entity(query);
    if (!entity.empty()) {
      kind += " " + entity;
    }
  }
  return kind;
}

}  // namespace

void ApiCallLog::record(std::string_view realm_id, std::string_view method, std::string_view path,
                        std::string_view query, Fate fate) {
  std::string kind = fate == Fate::admitted ? call_kind(method, path, query) : std::string();
  std::lock_guard lock(mutex_);
  auto it = realms_.find(realm_id);
  if (it == realms_.end()) {
    it = realms_.emplace(std::string(realm_id), RealmCounts{}).first;
  }
  RealmCounts& counts = it->second;
  switch (fate) {
    case Fate::admitted:
      ++counts.admitted;
      ++counts.by_call[kind];
      break;
    case Fate::throttled:
      ++counts.throttled;
      break;
    case Fate::unauthorized:
      ++counts.unauthorized;
      break;
  }
}

boost::json::object ApiCallLog::describe(const RealmCounts& counts) {
  boost::json::object answer;
  answer["total"] = counts.admitted + counts.throttled + counts.unauthorized;
  answer["admitted"] = counts.admitted;
  answer["throttled"] = counts.throttled;
  answer["unauthorized"] = counts.unauthorized;
  boost::json::object by_call;
  for (const auto& [kind, count] : counts.by_call) {
    by_call[kind] = count;
  }
  answer["by_call"] = std::move(by_call);
  return answer;
}

boost::json::object ApiCallLog::realm(std::string_view realm_id) const {
  std::lock_guard lock(mutex_);
  auto it = realms_.find(realm_id);
  return describe(it == realms_.end() ? RealmCounts{} : it->second);
}

boost::json::object ApiCallLog::all() const {
  std::lock_guard lock(mutex_);
  boost::json::object realms;
  for (const auto& [realm_id, counts] : realms_) {
    realms[realm_id] = describe(counts);
  }
  boost::json::object answer;
  answer["realms"] = std::move(realms);
  return answer;
}

void ApiCallLog::reset() {
  std::lock_guard lock(mutex_);
  realms_.clear();
}

}  // namespace qbo_sandbox
