#include "runtime/integration_card_records.h"

#include <boost/json.hpp>
#include <utility>

namespace qbo_sync::runtime {
namespace json = boost::json;
namespace {

constexpr store::RecordStatus kStatuses[] = {
    store::RecordStatus::todo, store::RecordStatus::completed, store::RecordStatus::errored,
    store::RecordStatus::skipped};

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
  for (const auto status : kStatuses) records[store::to_string(status)] = 0;
  json::array by_reason;
  for (const auto& counted : store.records().count_by_reason(account_id)) {
    const auto status = store::to_string(counted.status);
    records[status] = records[status].as_int64() + counted.count;
    // Completed records carry no reason worth counting.
    if (counted.status == store::RecordStatus::completed) continue;
    by_reason.push_back(
        json::object{{"status", status}, {"reason", counted.reason}, {"count", counted.count}});
  }
  records["by_reason"] = std::move(by_reason);
  records["actions"] = record_actions();
  return records;
}

}  // namespace qbo_sync::runtime
