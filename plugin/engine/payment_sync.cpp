#include "engine/payment_sync.h"

#include <algorithm>
#include <exception>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "engine/attempt_outcomes.h"
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
using store::AttemptOutcome;

PaymentSync::PaymentSync(store::Store& store, qbo::ApiClient& api, CustomerResolver& customers,
                         ActiveConnection active, Clock clock, PaymentSyncOptions options)
    : store_(store),
      api_(api),
      active_(std::move(active)),
      clock_(std::move(clock)),
      options_(options),
      faults_(clock_, options.time_scale, options.max_attempts, options.reconnect_pause_ms),
      customers_(customers),
      items_(store, api),
      receipts_(api, CreateCoalescerOptions{30, 12, options.create_calls_in_flight}),
      invoice_payments_(store, api, clock_, faults_, options.time_scale) {}

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
  auto read = stored_event(store_, record, "payment", events::parse_payment);
  if (auto* unreadable = std::get_if<AttemptOutcome>(&read)) return std::move(*unreadable);
  const events::Payment payment = std::move(std::get<events::Payment>(read));

  const events::Settings settings = settings_of(store_, record.account_id);
  if (payment.test) return skipped("test_order");
  // A payment of invoices is synced with the invoices, under their setting.
  const bool of_invoices = payment.source == events::PaymentSource::invoice;
  if (of_invoices ? !settings.sync_invoices : !settings.sync_payments) {
    return skipped("sync_disabled");
  }
  if (payment.total.minor == 0 && settings.skip_zero_total_orders) return skipped("zero_total");

  const auto connection = active_(record.account_id);
  const auto row = store_.connection(record.account_id);
  if (!connection || !row) return faults_.without_connection(row);
  if (of_invoices) return invoice_payments_.run(record, payment, settings, *connection, *row);

  const auto linked = store_.link(record.account_id, "payment", payment.id);
  // A later revision of a synced payment only matters for its refunds.
  if (linked && payment.refunds.empty()) return completed(linked->qbo_id, "already_linked");

  if (row->company_json.empty()) return faults_.without_company_data();
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
  if (record.attempts_started > 0) {
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
    if (record.attempts_started > 0) {
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
  return faults_.after_fault(fault, settle, record.revision_attempts);
}

}  // namespace qbo_sync::engine
