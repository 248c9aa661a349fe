#include "engine/sync_context.h"

#include <algorithm>

#include "clock/system_clock.h"
#include "engine/local_fault.h"
#include "qbo_client/query_builder.h"
#include "tax/plan_json.h"

namespace qbo_sync::engine {
namespace json = boost::json;
using store::AttemptOutcome;

AttemptOutcome run_guarded(const std::function<AttemptOutcome()>& attempt,
                           const std::function<AttemptOutcome(const qbo::Fault&)>& after_fault) {
  try {
    return attempt();
  } catch (const std::exception& error) {
    return after_fault(local_fault(qbo::FaultClass::transient, error.what()));
  }
}

SyncContext::SyncContext(store::Store& the_store, qbo::ApiClient& the_api,
                         ActiveConnection active_connection, Clock now, SyncOptions sync_options)
    : store(the_store),
      api(the_api),
      active(std::move(active_connection)),
      clock(std::move(now)),
      options(sync_options),
      faults(clock, options.time_scale, options.max_attempts, options.reconnect_pause_ms),
      // The creation intent covers a create and a link at QuickBooks, which take real time however
      // fast a test runs the plugin's clock; inbound ages it on the real clock too.
      customers(store, api, [] { return clock::SystemClock().now_ms(); }),
      items(store, api),
      crm_payments(store, api),
      receipts(api, CreateCoalescerOptions{30, 12, options.create_calls_in_flight}) {}

events::Settings SyncContext::settings(const std::string& account_id) const {
  return settings_of(store, account_id);
}

StepResult SyncContext::connect(const std::string& account_id,
                                std::optional<Connected>& connected) const {
  auto connection = active(account_id);
  auto row = store.connection(account_id);
  if (!connection || !row) return faults.without_connection(row);
  connected = Connected{std::move(*connection), std::move(*row)};
  return kContinue;
}

StepResult SyncContext::company_data(const store::ConnectionRow& row,
                                     mapping::SharedCompanyData& company,
                                     const std::string& qbo_id) {
  if (row.company_json.empty()) return faults.without_company_data();
  auto read = companies.company(row.account_id, row.company_json);
  if (auto* error = std::get_if<mapping::CompanyDataError>(&read)) {
    return errored("company_data", own_error("company_data", error->message), qbo_id);
  }
  company = std::move(std::get<mapping::SharedCompanyData>(read));
  return kContinue;
}

qbo::Outcome<std::vector<mapping::ItemRef>> SyncContext::resolve_items(
    const qbo::Connection& connection, const std::vector<events::Line>& lines,
    const events::Settings& settings, const mapping::CompanyData& company) {
  std::vector<mapping::ItemRef> resolved;
  for (const events::Line& line : lines) {
    auto item = items.resolve(connection, line, settings, company);
    if (!item) return std::move(item).fault();
    resolved.push_back(std::move(item).value());
  }
  return resolved;
}

qbo::Outcome<std::optional<qbo::Entity>> SyncContext::find_by_doc_number(
    const qbo::Connection& connection, std::string_view entity, const std::string& doc_number) {
  auto query = qbo::QueryBuilder::select_all(entity)
                   .where("DocNumber", qbo::QueryOperator::equal, doc_number)
                   .max_results(10);
  auto answer = api.query(connection, query);
  if (!answer) return std::move(answer).fault();
  return qbo::first_row(answer.value().entity, entity);
}

PostedDocument SyncContext::posted_or_found(const qbo::Outcome<qbo::ApiResponse>& created,
                                            const qbo::Connection& connection,
                                            std::string_view entity,
                                            const std::string& doc_number) {
  if (created) return {qbo::entity_of(created.value().entity, entity), true, {}, false};
  if (created.fault().fault_class == qbo::FaultClass::duplicate_document_number) {
    auto found = find_by_doc_number(connection, entity, doc_number);
    if (!found) return {{}, false, found.fault(), true};
    if (found.value()) return {std::move(*found.value()), false, {}, false};
  }
  return {{}, false, created.fault(), false};
}

std::string SyncContext::link_posted(const std::string& account_id, const std::string& crm_type,
                                     const std::string& crm_id, std::string_view qbo_type,
                                     const qbo::Entity& posted) {
  store.put_link(
      {account_id, crm_type, crm_id, std::string(qbo_type), posted.id, posted.sync_token, "crm"});
  return posted.id;
}

int64_t SyncContext::scaled(int64_t ms) const {
  return std::max<int64_t>(1, static_cast<int64_t>(static_cast<double>(ms) * options.time_scale));
}

StepResult totals_hold(const tax::DocumentPlan& plan, const json::object& posted,
                       const std::string& qbo_id, const json::object& extra,
                       const std::string& prefix) {
  const auto mismatch = tax::check_posted_totals(plan, posted);
  if (!mismatch) return kContinue;
  json::object details = extra;
  details["crm_total"] = mismatch->crm_total.to_string();
  details["qbo_total"] = mismatch->computed_total.to_string();
  details["difference_minor"] = mismatch->difference_minor;
  return errored("total_mismatch", own_error("total_mismatch", prefix + mismatch->message, details),
                 qbo_id);
}

AttemptOutcome refused(const mapping::ReceiptRefusal& refusal, const std::string& qbo_id) {
  return errored(refusal.reason, own_error(refusal.reason, refusal.message, refusal.details),
                 qbo_id);
}

}  // namespace qbo_sync::engine
