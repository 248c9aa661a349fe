#include "runtime/integration_card_records.h"

#include <boost/json.hpp>
#include <map>
#include <utility>

namespace qbo_sync::runtime {
namespace json = boost::json;
namespace {

constexpr int kPageSize = 500;
// The card answers quickly on a large account: past this many records of a status, by_reason is
// marked partial (the counts by status stay exact).
constexpr int kMaxRecordsCountedByReason = 10000;

constexpr store::RecordStatus kStatuses[] = {
    store::RecordStatus::todo, store::RecordStatus::completed, store::RecordStatus::errored,
    store::RecordStatus::skipped};

using ReasonCounts = std::map<std::pair<std::string, std::string>, int64_t>;

// Counts the status's records by reason; false when it stopped at the cap.
bool count_reasons(store::Store& store, const std::string& account_id, store::RecordStatus status,
                   ReasonCounts& counts) {
  store::RecordFilter filter;
  filter.account_id = account_id;
  filter.status = status;
  filter.limit = kPageSize;
  for (int counted = 0; counted < kMaxRecordsCountedByReason; counted += kPageSize) {
    const auto page = store.list_records(filter);
    for (const auto& record : page)
      ++counts[{std::string(store::to_string(status)), record.reason}];
    if (static_cast<int>(page.size()) < kPageSize) return true;
    filter.after_id = page.back().id;
  }
  return false;
}

json::object action(std::string_view key, std::string_view label, std::string_view op,
                    std::string_view scope) {
  return {{"key", key}, {"label", label}, {"op", op}, {"kind", "records"}, {"scope", scope}};
}

json::array record_actions() {
  auto retry_errored = action("retry_errored", "Retry all errored", "retry_records", "status");
  retry_errored["status"] = "errored";
  auto export_all = action("export", "Export (CSV)", "list_records", "all");
  export_all["format"] = "csv";
  return {std::move(retry_errored), action("retry", "Retry", "retry_records", "selected"),
          action("skip", "Skip", "skip_records", "selected"), std::move(export_all)};
}

}  // namespace

json::object card_records(store::Store& store, const std::string& account_id) {
  json::object records;
  ReasonCounts reasons;
  bool complete = true;
  for (const auto status : kStatuses) {
    const auto count = store.count_records(account_id, status);
    records[store::to_string(status)] = count;
    // Completed records carry no reason worth counting.
    if (count > 0 && status != store::RecordStatus::completed) {
      complete = count_reasons(store, account_id, status, reasons) && complete;
    }
  }
  json::array by_reason;
  for (const auto& [key, count] : reasons) {
    by_reason.push_back(
        json::object{{"status", key.first}, {"reason", key.second}, {"count", count}});
  }
  records["by_reason"] = std::move(by_reason);
  if (!complete) records["by_reason_partial"] = true;
  records["actions"] = record_actions();
  return records;
}

}  // namespace qbo_sync::runtime
