#include "engine/payment_sync.h"

#include <algorithm>
#include <exception>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "engine/qbo_entities.h"
#include "mapping/company_data.h"
#include "mapping/plan_options.h"
#include "mapping/receipt_reference.h"
#include "mapping/refund_receipt.h"
#include "mapping/sales_receipt.h"
#include "qbo_client/fault_advice.h"
#include "tax/plan_json.h"

namespace qbo_sync::engine {
namespace json = boost::json;
namespace {

using store::AttemptOutcome;
using store::RecordStatus;

std::string audit(std::string_view outcome, const json::object& extra = {}) {
  json::object detail = extra;
  detail["outcome"] = outcome;
  return json::serialize(detail);
}

AttemptOutcome skipped(std::string reason) {
  AttemptOutcome outcome;
  outcome.status = RecordStatus::skipped;
  outcome.audit_detail = audit("skipped", {{"reason", reason}});
  outcome.reason = std::move(reason);
  return outcome;
}

AttemptOutcome errored(std::string reason, std::string error, std::string qbo_id = {}) {
  AttemptOutcome outcome;
  outcome.status = RecordStatus::errored;
  outcome.audit_detail = audit("errored", {{"reason", reason}, {"error", json::parse(error)}});
  outcome.reason = std::move(reason);
  outcome.error_json = std::move(error);
  outcome.qbo_id = std::move(qbo_id);
  return outcome;
}

// A refusal of the plugin's own (no QBO fault): what went wrong and what to do.
std::string own_error(std::string_view code, std::string_view message,
                      const json::object& details = {}) {
  json::object error{{"class", "mapping"}, {"code", code}, {"message", message}};
  if (!details.empty()) error["details"] = details;
  return json::serialize(error);
}

AttemptOutcome completed(std::string qbo_id, std::string_view how) {
  AttemptOutcome outcome;
  outcome.status = RecordStatus::completed;
  outcome.audit_detail = audit("completed", {{"qbo_id", qbo_id}, {"how", how}});
  outcome.qbo_id = std::move(qbo_id);
  return outcome;
}

events::Settings settings_of(store::Store& store, const std::string& account) {
  if (auto text = store.account_settings(account)) {
    try {
      return events::parse_settings(json::parse(*text));
    } catch (const std::exception&) {
      // Settings were validated when accepted; unreadable ones fall back to the defaults.
    }
  }
  return events::default_settings();
}

}  // namespace

std::string error_json(const qbo::Fault& fault) {
  json::object error{{"class", qbo::to_string(fault.fault_class)},
                     {"code", fault.code},
                     {"http_status", fault.http_status},
                     {"message", qbo::admin_advice(fault)},
                     {"intuit_tid", fault.intuit_tid}};
  if (fault.transport_error) error["transport"] = qbo::to_string(*fault.transport_error);
  return json::serialize(error);
}

PaymentSync::PaymentSync(store::Store& store, qbo::ApiClient& api, ActiveConnection active,
                         Clock clock, PaymentSyncOptions options)
    : store_(store),
      api_(api),
      active_(std::move(active)),
      clock_(std::move(clock)),
      options_(options),
      retry_policy_([&] {
        qbo::RetryPolicyOptions retry;
        retry.time_scale = options.time_scale;
        return retry;
      }()),
      customers_(store, api),
      items_(store, api),
      receipts_(api, CreateCoalescerOptions{30, 12, options.create_calls_in_flight}) {}

AttemptOutcome PaymentSync::run(const store::SyncRecord& record) {
  try {
    return attempt(record);
  } catch (const std::exception& error) {
    // Nothing was decided: try again later rather than lose the record.
    qbo::Fault fault = local_fault(qbo::FaultClass::transient, error.what());
    return after_fault(record, fault, false);
  }
}

AttemptOutcome PaymentSync::attempt(const store::SyncRecord& record) {
  const auto payload = store_.record_payload(record.id);
  if (!payload)
    return errored("invalid_payload",
                   own_error("invalid_payload", "the payment's data is missing from the store"));
  events::Payment payment;
  try {
    payment = events::parse_payment(json::parse(*payload));
  } catch (const std::exception& error) {
    return errored(
        "invalid_payload",
        own_error("invalid_payload",
                  std::string("the payment's stored data cannot be read: ") + error.what()));
  }

  const events::Settings settings = settings_of(store_, record.account_id);
  if (payment.test) return skipped("test_order");
  if (!settings.sync_payments) return skipped("sync_disabled");
  if (payment.total.minor == 0 && settings.skip_zero_total_orders) return skipped("zero_total");

  const auto connection = active_(record.account_id);
  const auto row = store_.connection(record.account_id);
  if (!connection || !row) {
    if (row && row->reconnect_needed && !row->sealed_tokens.empty()) {
      AttemptOutcome paused;
      paused.reason = "reconnect_needed";
      paused.next_attempt_at_ms =
          clock_() + std::max<int64_t>(1, static_cast<int64_t>(options_.reconnect_pause_ms *
                                                               options_.time_scale));
      paused.audit_detail = audit("paused", {{"reason", "reconnect_needed"}});
      return paused;
    }
    return skipped("not_connected");
  }

  const auto linked = store_.link(record.account_id, "payment", payment.id);
  // A later revision of a synced payment only matters for its refunds.
  if (linked && payment.refunds.empty()) return completed(linked->qbo_id, "already_linked");

  auto company = mapping::parse_company_data(row->company_json);
  if (auto* error = std::get_if<mapping::CompanyDataError>(&company)) {
    return errored("company_data", own_error("company_data", error->message),
                   linked ? linked->qbo_id : "");
  }
  const auto& company_data = std::get<mapping::CompanyData>(company);

  if (linked) {
    return sync_refunds(record, payment, settings, *connection, company_data,
                        completed(linked->qbo_id, "already_linked"), {});
  }

  const std::string doc_number = mapping::doc_number_for_payment(payment.id);
  auto find_posted = [&]() -> qbo::Outcome<std::optional<json::object>> {
    auto query = qbo::QueryBuilder::select_all("SalesReceipt")
                     .where("DocNumber", qbo::QueryOperator::equal, doc_number)
                     .max_results(10);
    auto answer = api_.query(*connection, query);
    if (!answer) return std::move(answer).fault();
    for (const json::value& row_value : query_rows(answer.value().entity, "SalesReceipt")) {
      if (row_value.is_object()) return std::optional<json::object>(row_value.as_object());
    }
    return std::optional<json::object>();
  };
  auto link_posted = [&](const json::object& receipt, std::string_view how) {
    const std::string id = string_member(receipt, "Id");
    store_.put_link({record.account_id, "payment", payment.id, "SalesReceipt", id,
                     string_member(receipt, "SyncToken"), "crm"});
    return completed(id, how);
  };

  // An earlier attempt may have reached QBO without an answer: settle it before posting again.
  if (record.attempts > 0) {
    auto posted = find_posted();
    if (!posted) return after_fault(record, posted.fault(), true);
    if (posted.value()) {
      return sync_refunds(record, payment, settings, *connection, company_data,
                          link_posted(*posted.value(), "found_by_doc_number"),
                          string_member(posted.value()->if_contains("CustomerRef")
                                            ? posted.value()->at("CustomerRef")
                                            : json::value(),
                                        "value"));
    }
  }

  auto customer = customers_.resolve(*connection, payment.contact);
  if (!customer) return after_fault(record, customer.fault(), false);
  std::vector<mapping::ItemRef> items;
  for (const events::Line& line : payment.lines) {
    auto item = items_.resolve(*connection, line, settings, company_data);
    if (!item) return after_fault(record, item.fault(), false);
    items.push_back(std::move(item).value());
  }

  mapping::ReceiptInput input;
  input.payment = &payment;
  input.settings = &settings;
  input.plan_options = mapping::plan_options_for(settings.tax_choices);
  input.company = &company_data;
  input.customer_id = customer.value();
  input.line_items = std::move(items);
  auto built = mapping::build_sales_receipt(input);
  if (auto* refusal = std::get_if<mapping::ReceiptRefusal>(&built)) {
    return errored(refusal->reason, own_error(refusal->reason, refusal->message, refusal->details));
  }
  const auto& receipt = std::get<mapping::SalesReceipt>(built);

  // A backlog's receipts leave in batches; a lone live one at once.
  auto created = receipts_.create(*connection, "SalesReceipt", receipt.body,
                                  record.account_id + ":" + std::to_string(record.id) + ":" +
                                      std::to_string(record.revision) + ":create");
  if (!created) {
    if (created.fault().fault_class == qbo::FaultClass::duplicate_document_number) {
      auto posted = find_posted();
      if (!posted) return after_fault(record, posted.fault(), true);
      if (posted.value()) {
        return sync_refunds(record, payment, settings, *connection, company_data,
                            link_posted(*posted.value(), "found_by_doc_number"), customer.value());
      }
    }
    return after_fault(record, created.fault(), false);
  }
  const json::object posted = unwrap_entity(created.value().entity, "SalesReceipt");
  AttemptOutcome outcome = link_posted(posted, "created");
  if (auto mismatch = tax::check_posted_totals(receipt.plan, posted)) {
    json::object details{{"crm_total", mismatch->crm_total.to_string()},
                         {"qbo_total", mismatch->computed_total.to_string()},
                         {"difference_minor", mismatch->difference_minor}};
    return errored("total_mismatch", own_error("total_mismatch", mismatch->message, details),
                   outcome.qbo_id);
  }
  return sync_refunds(record, payment, settings, *connection, company_data, std::move(outcome),
                      customer.value());
}

AttemptOutcome PaymentSync::sync_refunds(const store::SyncRecord& record,
                                         const events::Payment& payment,
                                         const events::Settings& settings,
                                         const qbo::Connection& connection,
                                         const mapping::CompanyData& company, AttemptOutcome done,
                                         std::string customer_id) {
  json::array posted_refunds;
  std::optional<std::vector<mapping::ItemRef>> items;
  for (const events::Refund& refund : payment.refunds) {
    if (refund.amount.minor == 0) continue;  // nothing to give back
    if (store_.link(record.account_id, "refund", refund.refund_id)) continue;

    // The refund goes to the receipt's customer, with the receipt's items.
    if (customer_id.empty()) {
      auto customer = customers_.resolve(connection, payment.contact);
      if (!customer) return after_fault(record, customer.fault(), false);
      customer_id = customer.value();
    }
    if (!items) {
      items.emplace();
      for (const events::Line& line : payment.lines) {
        auto item = items_.resolve(connection, line, settings, company);
        if (!item) return after_fault(record, item.fault(), false);
        items->push_back(std::move(item).value());
      }
    }
    mapping::RefundInput input;
    input.payment = &payment;
    input.refund = &refund;
    input.settings = &settings;
    input.plan_options = mapping::plan_options_for(settings.tax_choices);
    input.company = &company;
    input.customer_id = customer_id;
    input.line_items = *items;
    auto built = mapping::build_refund_receipt(input);
    if (auto* refusal = std::get_if<mapping::ReceiptRefusal>(&built)) {
      json::object details = refusal->details;
      details["refund_id"] = refund.refund_id;
      return errored(refusal->reason,
                     own_error(refusal->reason,
                               "refund " + refund.refund_id + ": " + refusal->message, details),
                     done.qbo_id);
    }
    const auto& receipt = std::get<mapping::RefundReceipt>(built);

    auto find_posted = [&]() -> qbo::Outcome<std::optional<json::object>> {
      auto query = qbo::QueryBuilder::select_all("RefundReceipt")
                       .where("DocNumber", qbo::QueryOperator::equal, receipt.doc_number)
                       .max_results(10);
      auto answer = api_.query(connection, query);
      if (!answer) return std::move(answer).fault();
      for (const json::value& row_value : query_rows(answer.value().entity, "RefundReceipt")) {
        if (row_value.is_object()) return std::optional<json::object>(row_value.as_object());
      }
      return std::optional<json::object>();
    };
    auto link_refund = [&](const json::object& posted, std::string_view how) {
      const std::string id = string_member(posted, "Id");
      store_.put_link({record.account_id, "refund", refund.refund_id, "RefundReceipt", id,
                       string_member(posted, "SyncToken"), "crm"});
      posted_refunds.push_back(
          json::object{{"refund_id", refund.refund_id}, {"qbo_id", id}, {"how", how}});
    };

    // An earlier attempt may have posted this refund without an answer: settle it first.
    if (record.attempts > 0) {
      auto found = find_posted();
      if (!found) return after_fault(record, found.fault(), true);
      if (found.value()) {
        link_refund(*found.value(), "found_by_doc_number");
        continue;
      }
    }
    auto created = api_.create(connection, "RefundReceipt", receipt.body,
                               record.account_id + ":" + std::to_string(record.id) +
                                   ":refund:" + refund.refund_id + ":create");
    if (!created) {
      if (created.fault().fault_class == qbo::FaultClass::duplicate_document_number) {
        auto found = find_posted();
        if (!found) return after_fault(record, found.fault(), true);
        if (found.value()) {
          link_refund(*found.value(), "found_by_doc_number");
          continue;
        }
      }
      return after_fault(record, created.fault(), false);
    }
    const json::object posted = unwrap_entity(created.value().entity, "RefundReceipt");
    link_refund(posted, "created");
    if (auto mismatch = tax::check_posted_totals(receipt.plan, posted)) {
      json::object details{{"refund_id", refund.refund_id},
                           {"crm_total", mismatch->crm_total.to_string()},
                           {"qbo_total", mismatch->computed_total.to_string()},
                           {"difference_minor", mismatch->difference_minor}};
      return errored("total_mismatch",
                     own_error("total_mismatch",
                               "refund " + refund.refund_id + ": " + mismatch->message, details),
                     done.qbo_id);
    }
  }
  if (!posted_refunds.empty()) {
    json::object detail = json::parse(done.audit_detail).as_object();
    detail["refunds"] = std::move(posted_refunds);
    done.audit_detail = json::serialize(detail);
  }
  return done;
}

AttemptOutcome PaymentSync::after_fault(const store::SyncRecord& record, const qbo::Fault& fault,
                                        bool settle) {
  // Retries are counted per revision: a refund arriving later gets its own full set.
  const int attempt = static_cast<int>(record.revision_attempts) + 1;
  const qbo::RetryDecision decision = retry_policy_.decide(fault, {attempt, true});
  AttemptOutcome outcome;
  outcome.error_json = error_json(fault);
  switch (decision.action) {
    case qbo::RetryAction::permanent:
      return errored(std::string(qbo::to_string(fault.fault_class)), outcome.error_json);
    case qbo::RetryAction::reconnect_needed:
      outcome.reason = "reconnect_needed";
      outcome.next_attempt_at_ms =
          clock_() + static_cast<int64_t>(options_.reconnect_pause_ms * options_.time_scale);
      outcome.audit_detail = audit("paused", {{"reason", "reconnect_needed"}});
      return outcome;
    default:
      break;
  }
  if (attempt >= options_.max_attempts) {
    return errored("retries_exhausted", outcome.error_json);
  }
  outcome.next_attempt_at_ms = clock_() + decision.delay.count();
  outcome.audit_detail =
      audit("retry", {{"action", qbo::to_string(decision.action)},
                      {"settle", settle || decision.action == qbo::RetryAction::settle_first},
                      {"delay_ms", decision.delay.count()},
                      {"error", json::parse(outcome.error_json)}});
  return outcome;
}

}  // namespace qbo_sync::engine
