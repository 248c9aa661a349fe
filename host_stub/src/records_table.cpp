#include "qbo_sync/host_stub/records_table.h"

#include <algorithm>
#include <boost/json.hpp>
#include <iomanip>
#include <ostream>

#include "qbo_sync/host/host_error.h"
#include "qbo_sync/host/status_names.h"

namespace qbo_sync::host_stub {

namespace {

// Page size for list_records; the table follows next_cursor until the plugin says there is no more.
constexpr int kPageSize = 200;
// A guard against a plugin whose cursor never ends.
constexpr int kMaxPages = 10000;

std::string text_of(const boost::json::object& record, std::string_view key) {
  const auto* value = record.if_contains(key);
  if (value == nullptr || value->is_null()) {
    return {};
  }
  if (value->is_string()) {
    return std::string(value->get_string());
  }
  return boost::json::serialize(*value);
}

}  // namespace

std::vector<SyncRecordRow> list_all_records(host::PluginInstance& instance,
                                            std::string_view account_id,
                                            const std::optional<std::string>& status) {
  std::vector<SyncRecordRow> rows;
  boost::json::value cursor;  // null: the first page
  for (int page = 0; page < kMaxPages; ++page) {
    boost::json::object request{
        {"op", "list_records"}, {"account_id", account_id}, {"limit", kPageSize}};
    if (status) {
      request["status"] = *status;
    }
    if (!cursor.is_null()) {
      request["cursor"] = cursor;
    }
    const host::CallResult result = instance.admin(boost::json::serialize(request));
    if (result.status != QBO_SYNC_OK) {
      throw host::HostError("list_records failed with " + host::status_name(result.status) + ": " +
                            result.body);
    }
    boost::system::error_code parse_error;
    boost::json::value response = boost::json::parse(result.body, parse_error);
    const boost::json::object* object = parse_error ? nullptr : response.if_object();
    const boost::json::array* records = object != nullptr && object->contains("records")
                                            ? object->at("records").if_array()
                                            : nullptr;
    if (records == nullptr) {
      throw host::HostError("list_records answered something that is not a record list: " +
                            result.body);
    }
    for (const auto& entry : *records) {
      if (!entry.is_object()) {
        throw host::HostError("list_records answered a record that is not an object");
      }
      const auto& record = entry.get_object();
      rows.push_back(SyncRecordRow{text_of(record, "record_id"), text_of(record, "object_type"),
                                   text_of(record, "object_id"), text_of(record, "revision"),
                                   text_of(record, "status"), text_of(record, "reason"),
                                   text_of(record, "attempts"), text_of(record, "qbo_id")});
    }
    const auto* next = object->if_contains("next_cursor");
    if (next == nullptr || next->is_null() || records->empty()) {
      return rows;
    }
    cursor = *next;
  }
  throw host::HostError("list_records kept answering a next_cursor after " +
                        std::to_string(kMaxPages) + " pages");
}

void print_records_table(std::ostream& out, const std::vector<SyncRecordRow>& rows) {
  static constexpr std::size_t kColumns = 8;
  static constexpr std::array<const char*, kColumns> kHeadings{
      "record_id", "object_type", "object_id", "revision",
      "status",    "attempts",    "qbo_id",    "reason"};
  std::array<std::size_t, kColumns> widths{};
  for (std::size_t column = 0; column < kHeadings.size(); ++column) {
    widths[column] = std::string_view(kHeadings[column]).size();
  }
  const auto cells = [](const SyncRecordRow& row) {
    return std::array<const std::string*, kColumns>{
        &row.record_id, &row.object_type, &row.object_id, &row.revision,
        &row.status,    &row.attempts,    &row.qbo_id,    &row.reason};
  };
  for (const auto& row : rows) {
    const auto values = cells(row);
    for (std::size_t column = 0; column < values.size(); ++column) {
      widths[column] = std::max(widths[column], values[column]->size());
    }
  }
  const auto print_line = [&](const std::array<std::string_view, kColumns>& values) {
    for (std::size_t column = 0; column < values.size(); ++column) {
      const bool last = column + 1 == values.size();
      out << values[column];
      if (!last) {
        out << std::string(widths[column] - values[column].size() + 2, ' ');
      }
    }
    out << '\n';
  };
  std::array<std::string_view, kColumns> heading_views{};
  for (std::size_t column = 0; column < kHeadings.size(); ++column) {
    heading_views[column] = kHeadings[column];
  }
  print_line(heading_views);
  for (const auto& row : rows) {
    const auto values = cells(row);
    std::array<std::string_view, kColumns> views{};
    for (std::size_t column = 0; column < values.size(); ++column) {
      views[column] = *values[column];
    }
    print_line(views);
  }
  out << "(" << rows.size() << (rows.size() == 1 ? " record" : " records") << ")\n";
}

}  // namespace qbo_sync::host_stub
