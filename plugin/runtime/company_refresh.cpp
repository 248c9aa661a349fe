#include "runtime/company_refresh.h"

#include <vector>

#include <boost/json/parse.hpp>

namespace qbo_sync::runtime {
namespace {

std::string error_code_of(const std::string& error_json) {
  if (error_json.empty()) return {};
  boost::system::error_code error;
  const auto parsed = boost::json::parse(error_json, error);
  if (error || !parsed.is_object()) return {};
  const auto* code = parsed.as_object().if_contains("code");
  return code && code->is_string() ? std::string(code->as_string()) : std::string();
}

bool stale_cause(const std::string& reason, const std::string& error_json) {
  if (reason == "missing_tax_mapping") return true;
  const std::string code = error_code_of(error_json);
  return code == "610" || code == "2500";
}

}  // namespace

bool may_be_stale_company(const store::AttemptOutcome& outcome) {
  return outcome.status == store::RecordStatus::errored &&
         stale_cause(outcome.reason, outcome.error_json);
}

CompanyRefresh::CompanyRefresh(store::Store& store, connection::ConnectionService& connections,
                               std::function<void()> records_due, Clock clock)
    : store_(store),
      connections_(connections),
      records_due_(std::move(records_due)),
      clock_(std::move(clock)) {}

void CompanyRefresh::on_finished(const store::SyncRecord& record,
                                 const store::AttemptOutcome& outcome) {
  if (outcome.reason == "discovering_company") {
    resume_discovery(record.account_id);
    return;
  }
  if (!may_be_stale_company(outcome) || !claim(record.account_id)) return;
  const auto before = store_.connection(record.account_id);
  const bool refreshed = connections_.refresh_company(record.account_id);
  const auto after = store_.connection(record.account_id);
  release(record.account_id);
  if (refreshed && before && after && before->company_json != after->company_json)
    retry_stale_records(record.account_id);
}

// The company could not be read at connect time: read it now, and let what waited for it go.
void CompanyRefresh::resume_discovery(const std::string& account_id) {
  if (!claim(account_id)) return;
  const bool read = connections_.refresh_company(account_id);
  release(account_id);
  if (read && store_.wake_waiting_records(account_id, "discovering_company") > 0 && records_due_)
    records_due_();
}

bool CompanyRefresh::claim(const std::string& account_id) {
  std::lock_guard lock(mutex_);
  const int64_t now = clock_();
  if (refreshing_.count(account_id)) return false;
  if (const auto last = last_refresh_ms_.find(account_id);
      last != last_refresh_ms_.end() && now - last->second < kMinimumIntervalMs)
    return false;
  refreshing_.insert(account_id);
  last_refresh_ms_[account_id] = now;
  return true;
}

void CompanyRefresh::release(const std::string& account_id) {
  std::lock_guard lock(mutex_);
  refreshing_.erase(account_id);
}

void CompanyRefresh::retry_stale_records(const std::string& account_id) {
  store::RecordFilter filter;
  filter.account_id = account_id;
  filter.status = store::RecordStatus::errored;
  filter.limit = 500;
  std::vector<int64_t> stale;
  for (;;) {
    const auto page = store_.list_records(filter);
    for (const auto& record : page) {
      if (stale_cause(record.reason, record.last_error_json)) stale.push_back(record.id);
    }
    if (page.size() < static_cast<std::size_t>(filter.limit)) break;
    filter.after_id = page.back().id;
  }
  if (!stale.empty() && store_.retry_records(account_id, stale) > 0 && records_due_) records_due_();
}

}  // namespace qbo_sync::runtime
