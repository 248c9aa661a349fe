// A record that fails on something the QuickBooks company may have gained since it was last read
// (a tax code for a rate, an object an id names) has the company's lists read again; when they
// changed, the account's records that failed that way are retried at once. An item or tax code
// created in QuickBooks after connecting then needs no reconnect. A record that waits because the
// company could not be read at connect time (discovering_company) has the reading resumed.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>

#include "connection/connection_service.h"
#include "store/store.h"

namespace qbo_sync::runtime {

// True for an errored attempt whose cause a fresher copy of the company may remove: no tax code
// for a line (missing_tax_mapping), or QuickBooks not finding an object an id names (610, 2500).
bool may_be_stale_company(const store::AttemptOutcome& outcome);

class CompanyRefresh {
 public:
  using Clock = std::function<int64_t()>;  // ms since the Unix epoch

  // `records_due` wakes the sync engine after records were retried.
  CompanyRefresh(store::Store& store, connection::ConnectionService& connections,
                 std::function<void()> records_due, Clock clock);

  // The sync engine's after-attempt hook; thread-safe.
  void on_finished(const store::SyncRecord& record, const store::AttemptOutcome& outcome);

 private:
  // One refresh per account at a time, and none within kMinimumInterval of the last: a burst of
  // failing records costs one read of the company.
  static constexpr int64_t kMinimumIntervalMs = 2000;
  bool claim(const std::string& account_id);
  void release(const std::string& account_id);
  void retry_stale_records(const std::string& account_id);
  void resume_discovery(const std::string& account_id);

  store::Store& store_;
  connection::ConnectionService& connections_;
  std::function<void()> records_due_;
  Clock clock_;
  std::mutex mutex_;
  std::set<std::string> refreshing_;
  std::map<std::string, int64_t> last_refresh_ms_;
};

}  // namespace qbo_sync::runtime
