#include "engine/invoice_sync.h"

#include <algorithm>
#include <exception>
#include <mutex>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>

#include "engine/attempt_outcomes.h"
#include "engine/qbo_entities.h"
#include "mapping/company_data.h"
#include "mapping/invoice_document.h"
#include "mapping/payment_document.h"
#include "mapping/plan_options.h"
#include "mapping/qbo_payment_document.h"
#include "mapping/sales_receipt.h"
#include "qbo_client/fault_advice.h"
#include "tax/plan_json.h"

namespace qbo_sync::engine {
namespace json = boost::json;
namespace {

using store::AttemptOutcome;
using store::RecordStatus;

int64_t minor_or_zero(const json::object& object, std::string_view key, int digits) {
  const auto amount = mapping::qbo_amount(object, key, digits);
  return amount ? amount->minor : 0;
}

bool voided_in_qbo(const json::object& invoice) {
  return string_member(invoice, "PrivateNote").rfind("Voided", 0) == 0 &&
         minor_or_zero(invoice, "TotalAmt", 2) == 0;
}

// The error a refused void shows: QBO's fault, with what the admin must do in plain words.
std::string void_refusal_error(const qbo::Fault& fault, const std::string& number) {
  json::value error = json::parse(error_json(fault));
  std::string qbo_message = fault.message;
  if (!fault.detail.empty()) qbo_message += ": " + fault.detail;
  error.as_object()["qbo_message"] = qbo_message;
  error.as_object()["message"] =
      "QuickBooks refused to void invoice " + number +
      " because payments are applied to it. In QuickBooks, remove the invoice's payments "
      "(if a payment was deposited, first take it out of its bank deposit), or issue a credit "
      "memo instead of voiding; then click Retry.";
  return json::serialize(error);
}

// The error of an invoice whose CRM amount paid went down: QuickBooks keeps the payments, so the
// admin must make the change there.
std::string lower_amount_paid_error(const events::Invoice& invoice,
                                    const InvoiceProgress& progress) {
  const money::Amount before{progress.crm_paid_minor, invoice.total.digits};
  const money::Amount now = mapping::paid_target(invoice);
  return own_error(
      "unsupported_change",
      "The amount paid of invoice " + invoice.number + " went down from " + before.to_string() +
          " to " + now.to_string() +
          " (a refunded or removed payment). Refunds of invoice payments are not sent to "
          "QuickBooks yet, so QuickBooks still shows the invoice paid " +
          before.to_string() +
          ". In QuickBooks, refund or delete the payment for the difference, then click Skip on "
          "this record. The invoice's other changes were sent.",
      {{"crm_amount_paid_before", before.to_string()}, {"crm_amount_paid_now", now.to_string()}});
}

}  // namespace

std::string InvoiceProgress::to_json() const {
  return json::serialize(json::object{{"fingerprint", fingerprint},
                                      {"paid_minor", paid_minor},
                                      {"voided", voided},
                                      {"applied_revision", applied_revision},
                                      {"pending_since_ms", pending_since_ms},
                                      {"attempts_before_revision", attempts_before_revision},
                                      {"crm_paid_minor", crm_paid_minor},
                                      {"crm_payments", json::value_from(crm_payments)}});
}

InvoiceProgress InvoiceProgress::from_json(const std::string& text) {
  InvoiceProgress progress;
  try {
    const json::value value = json::parse(text);
    const auto& object = value.as_object();
    if (const auto* f = object.if_contains("fingerprint"); f && f->is_string())
      progress.fingerprint = std::string(f->as_string());
    if (const auto* p = object.if_contains("paid_minor"); p && p->is_int64())
      progress.paid_minor = p->as_int64();
    if (const auto* v = object.if_contains("voided"); v && v->is_bool())
      progress.voided = v->as_bool();
    if (const auto* r = object.if_contains("applied_revision"); r && r->is_int64())
      progress.applied_revision = r->as_int64();
    if (const auto* p = object.if_contains("pending_since_ms"); p && p->is_int64())
      progress.pending_since_ms = p->as_int64();
    if (const auto* a = object.if_contains("attempts_before_revision"); a && a->is_int64())
      progress.attempts_before_revision = a->as_int64();
    if (const auto* c = object.if_contains("crm_paid_minor"); c && c->is_int64())
      progress.crm_paid_minor = c->as_int64();
    if (const auto* l = object.if_contains("crm_payments"); l && l->is_array()) {
      for (const json::value& id : l->as_array()) {
        if (id.is_string()) progress.crm_payments.emplace_back(id.as_string());
      }
    }
  } catch (const std::exception&) {
    // Unreadable progress: start over; the look-ups before each write keep that safe.
  }
  return progress;
}

std::string InvoiceSync::progress_key(const std::string& realm_id,
                                      const std::string& crm_invoice_id) {
  return "invoice_progress:" + realm_id + ":" + crm_invoice_id;
}

InvoiceSync::InvoiceSync(store::Store& store, qbo::ApiClient& api, CustomerResolver& customers,
                         ActiveConnection active, Clock clock, PaymentSyncOptions options)
    : store_(store),
      api_(api),
      active_(std::move(active)),
      clock_(std::move(clock)),
      options_(options),
      faults_(clock_, options.time_scale, options.max_attempts, options.reconnect_pause_ms),
      customers_(customers),
      items_(store, api),
      payments_(store, api) {}

AttemptOutcome InvoiceSync::run(const store::SyncRecord& record) {
  try {
    return attempt(record);
  } catch (const std::exception& error) {
    // Nothing was decided: try again later rather than lose the record.
    qbo::Fault fault = local_fault(qbo::FaultClass::transient, error.what());
    int64_t attempts = record.attempts;
    try {
      attempts = attempts_at_revision(record);
    } catch (const std::exception&) {
      // The store failed too: count every attempt of the record.
    }
    return after_fault(fault, false, attempts);
  }
}

int64_t InvoiceSync::attempts_at_revision(const store::SyncRecord& record) {
  const auto row = store_.connection(record.account_id);
  if (!row) return record.attempts;
  const auto text = store_.state(record.account_id, progress_key(row->realm_id, record.object_id));
  if (!text) return record.attempts;
  const InvoiceProgress progress = InvoiceProgress::from_json(*text);
  if (progress.applied_revision != record.revision) return record.attempts;
  return std::max<int64_t>(0, record.attempts - progress.attempts_before_revision);
}

AttemptOutcome InvoiceSync::attempt(const store::SyncRecord& record) {
  auto read = stored_event(store_, record, "invoice", events::parse_invoice);
  if (auto* unreadable = std::get_if<AttemptOutcome>(&read)) return std::move(*unreadable);
  const events::Invoice invoice = std::move(std::get<events::Invoice>(read));

  const events::Settings settings = settings_of(store_, record.account_id);
  if (!settings.sync_invoices) return skipped("sync_disabled");
  // Invoices that came from QuickBooks are never pushed back.
  if (invoice.origin == events::InvoiceOrigin::quickbooks)
    return skipped("imported_from_quickbooks");
  const auto link = store_.link(record.account_id, "invoice", invoice.id);
  if (link && link->origin == "quickbooks") return skipped("imported_from_quickbooks");

  const auto connection = active_(record.account_id);
  const auto row = store_.connection(record.account_id);
  if (!connection || !row) return faults_.without_connection(row);
  if (!link) {
    if (mapping::predates(invoice.created_at, row->connected_at_ms))
      return skipped("predates_connection");
  }

  const std::string state_name = progress_key(connection->realm, invoice.id);
  const auto stored_progress = store_.state(record.account_id, state_name);
  InvoiceProgress progress =
      stored_progress ? InvoiceProgress::from_json(*stored_progress) : InvoiceProgress{};
  auto save = [&] { store_.put_state(record.account_id, state_name, progress.to_json()); };
  if (link && invoice.revision > progress.applied_revision) {
    const int64_t now = clock_();
    const int64_t quiet = std::max<int64_t>(
        kMinUpdateQuietMs, static_cast<int64_t>(kUpdateQuietMs * options_.time_scale));
    if (progress.pending_since_ms == 0) {
      progress.pending_since_ms = now;
      save();
    }
    if (now < progress.pending_since_ms + quiet) {
      AttemptOutcome waiting;
      waiting.reason = "collecting_updates";
      waiting.next_attempt_at_ms = progress.pending_since_ms + quiet;
      waiting.audit_detail = audit("deferred", {{"reason", "collecting_updates"}});
      return waiting;
    }
  }
  if (invoice.revision > progress.applied_revision) {
    // Later revisions wait again; a retry of this one does not.
    progress.applied_revision = invoice.revision;
    progress.pending_since_ms = 0;
    progress.attempts_before_revision = record.attempts;
    save();
  }
  const int64_t attempts_so_far =
      std::max<int64_t>(0, record.attempts - progress.attempts_before_revision);
  auto fail = [&](const qbo::Fault& fault, bool settle) {
    return after_fault(fault, settle, attempts_so_far);
  };

  if (row->company_json.empty()) return faults_.without_company_data();
  auto company = mapping::parse_company_data(row->company_json);
  if (auto* error = std::get_if<mapping::CompanyDataError>(&company)) {
    return errored("company_data", own_error("company_data", error->message));
  }
  const auto& company_data = std::get<mapping::CompanyData>(company);

  auto customer = customers_.resolve(*connection, invoice.contact);
  if (!customer) return fail(customer.fault(), false);
  const std::string customer_id = customer.value();
  std::vector<mapping::ItemRef> items;
  for (const events::Line& line : invoice.lines) {
    auto item = items_.resolve(*connection, line, settings, company_data);
    if (!item) return fail(item.fault(), false);
    items.push_back(std::move(item).value());
  }
  mapping::InvoiceInput input;
  input.invoice = &invoice;
  input.settings = &settings;
  input.plan_options = mapping::plan_options_for(settings.tax_choices);
  input.company = &company_data;
  input.customer_id = customer_id;
  input.line_items = std::move(items);
  auto built = mapping::build_invoice(input);
  if (auto* refusal = std::get_if<mapping::ReceiptRefusal>(&built)) {
    return errored(refusal->reason, own_error(refusal->reason, refusal->message, refusal->details));
  }
  const auto& document = std::get<mapping::InvoiceDocument>(built);

  const int digits = invoice.total.digits;
  const std::string key_base = record.account_id + ":invoice:" + invoice.id;
  const std::string revision_key = key_base + ":rev:" + std::to_string(invoice.revision);

  std::optional<json::object> current;  // the QBO invoice as last seen in this attempt
  std::string qbo_id;
  std::string how = "up_to_date";
  auto remember_link = [&](const json::object& qbo_invoice) {
    qbo_id = string_member(qbo_invoice, "Id");
    store_.put_link({record.account_id, "invoice", invoice.id, "Invoice", qbo_id,
                     string_member(qbo_invoice, "SyncToken"), "crm"});
  };
  auto read_current = [&]() -> std::optional<qbo::Fault> {
    auto answer = api_.read(*connection, "Invoice", qbo_id);
    if (!answer) return answer.fault();
    current = unwrap_entity(answer.value().entity, "Invoice");
    return std::nullopt;
  };
  auto totals_checked = [&](const json::object& posted) -> std::optional<AttemptOutcome> {
    if (auto mismatch = tax::check_posted_totals(document.plan, posted)) {
      json::object details{{"crm_total", mismatch->crm_total.to_string()},
                           {"qbo_total", mismatch->computed_total.to_string()},
                           {"difference_minor", mismatch->difference_minor}};
      return errored("total_mismatch", own_error("total_mismatch", mismatch->message, details),
                     qbo_id);
    }
    return std::nullopt;
  };

  if (!link) {
    // QBO may already hold an invoice under this number: one an earlier attempt created whose
    // answer was lost, or one entered in QuickBooks. Never a silent duplicate.
    auto find_by_number = [&]() -> qbo::Outcome<std::optional<json::object>> {
      auto query = qbo::QueryBuilder::select_all("Invoice")
                       .where("DocNumber", qbo::QueryOperator::equal, document.doc_number)
                       .max_results(10);
      auto answer = api_.query(*connection, query);
      if (!answer) return std::move(answer).fault();
      for (const json::value& row_value : query_rows(answer.value().entity, "Invoice")) {
        if (row_value.is_object()) return std::optional<json::object>(row_value.as_object());
      }
      return std::optional<json::object>();
    };
    auto adopt = [&](const json::object& existing) -> std::optional<AttemptOutcome> {
      const auto mirrored =
          store_.link_by_qbo(record.account_id, "Invoice", string_member(existing, "Id"));
      if (mirrored && mirrored->crm_id != invoice.id) {
        json::object details = mapping::describe_number_clash(invoice, customer_id, existing);
        details["quickbooks"].as_object()["crm_invoice_id"] = mirrored->crm_id;
        return errored("doc_number_in_use",
                       own_error("doc_number_in_use",
                                 "QuickBooks invoice " + invoice.number +
                                     " already mirrors another CRM invoice (" + mirrored->crm_id +
                                     "), so this invoice was not sent. Give this invoice its own "
                                     "number in the CRM, then click Retry.",
                                 details));
      }
      if (!mapping::is_same_invoice(existing, customer_id, invoice.total)) {
        return errored(
            "doc_number_in_use",
            own_error("doc_number_in_use",
                      "QuickBooks already has an invoice numbered " + invoice.number +
                          " for another customer or another total, so this invoice was not "
                          "sent. Renumber one of the two (in the CRM or in QuickBooks), or "
                          "correct the QuickBooks invoice so that customer and total match, "
                          "then click Retry.",
                      mapping::describe_number_clash(invoice, customer_id, existing)));
      }
      remember_link(existing);
      current = existing;
      // Same number, customer and total: this invoice's content, taken as applied.
      progress.fingerprint = document.fingerprint;
      save();
      how = "linked_existing";
      return std::nullopt;
    };

    auto found = find_by_number();
    if (!found) return fail(found.fault(), true);
    if (found.value()) {
      if (auto refused = adopt(*found.value())) return *refused;
    } else {
      auto created = api_.create(*connection, "Invoice", document.body, revision_key + ":create");
      if (!created) {
        if (created.fault().fault_class != qbo::FaultClass::duplicate_document_number)
          return fail(created.fault(), false);
        auto again = find_by_number();
        if (!again) return fail(again.fault(), true);
        if (!again.value()) return fail(created.fault(), false);
        if (auto refused = adopt(*again.value())) return *refused;
      } else {
        const json::object posted = unwrap_entity(created.value().entity, "Invoice");
        remember_link(posted);
        current = posted;
        progress.fingerprint = document.fingerprint;
        save();
        how = "created";
        if (auto mismatch = totals_checked(posted)) return *mismatch;
      }
    }
    // Payments of this invoice that waited for it go now.
    store_.wake_waiting_records(record.account_id, "waiting_for_invoice");
  } else {
    qbo_id = link->qbo_id;
  }

  if (invoice.status == events::InvoiceStatus::void_) {
    if (progress.voided) return completed(qbo_id, "already_voided");
    for (int round = 0;; ++round) {
      if (auto fault = read_current()) return fail(*fault, true);
      if (voided_in_qbo(*current)) break;
      auto voided = api_.void_transaction(
          *connection, "Invoice", qbo_id, string_member(*current, "SyncToken"),
          key_base + ":void:" + string_member(*current, "SyncToken"));
      if (voided) {
        remember_link(unwrap_entity(voided.value().entity, "Invoice"));
        break;
      }
      const auto fault_class = voided.fault().fault_class;
      if (fault_class == qbo::FaultClass::stale_object && round == 0) continue;
      if (fault_class == qbo::FaultClass::business_rule ||
          fault_class == qbo::FaultClass::validation) {
        return errored("void_refused", void_refusal_error(voided.fault(), invoice.number), qbo_id);
      }
      return fail(voided.fault(), false);
    }
    progress.voided = true;
    save();
    return completed(qbo_id, "voided");
  }
  if (progress.voided) {
    return errored("voided_in_quickbooks",
                   own_error("voided_in_quickbooks",
                             "invoice " + invoice.number +
                                 " was voided in QuickBooks and a voided invoice cannot be "
                                 "reopened; issue a new invoice in the CRM"),
                   qbo_id);
  }

  if (progress.fingerprint != document.fingerprint) {
    // The whole invoice is sent (lines removed in the CRM must go); the payments QBO links to it
    // are sent back as they are so that the update never unlinks them.
    for (int round = 0;; ++round) {
      if (auto fault = read_current()) return fail(*fault, true);
      json::object body = document.body;
      body["Id"] = qbo_id;
      body["SyncToken"] = string_member(*current, "SyncToken");
      if (const auto* linked = current->if_contains("LinkedTxn")) body["LinkedTxn"] = *linked;
      auto updated = api_.update(*connection, "Invoice", body,
                                 revision_key + ":update:" + string_member(*current, "SyncToken"));
      if (updated) {
        current = unwrap_entity(updated.value().entity, "Invoice");
        remember_link(*current);
        progress.fingerprint = document.fingerprint;
        save();
        how = "updated";
        if (auto mismatch = totals_checked(*current)) return *mismatch;
        break;
      }
      // Someone changed the invoice since it was read: read it again and apply once more.
      if (updated.fault().fault_class == qbo::FaultClass::stale_object && round == 0) continue;
      return fail(updated.fault(), false);
    }
  }

  const money::Amount paid_target = mapping::paid_target(invoice);
  if (paid_target.minor < progress.crm_paid_minor) {
    return errored("unsupported_change", lower_amount_paid_error(invoice, progress), qbo_id);
  }
  if (paid_target.minor > progress.paid_minor) {
    std::lock_guard paying(invoice_payment_locks().for_key(record.account_id + ":" + invoice.id));
    // Each CRM payment the invoice lists is its own QBO Payment, shared with its payment event.
    bool posted_listed = false;
    for (const events::InvoicePayment& listed : invoice.payments) {
      if (listed.amount.minor == 0 ||
          std::find(progress.crm_payments.begin(), progress.crm_payments.end(),
                    listed.payment_id) != progress.crm_payments.end()) {
        continue;
      }
      if (!current || posted_listed) {
        if (auto fault = read_current()) return fail(*fault, true);
      }
      mapping::CrmPaymentInput payment_input;
      payment_input.crm_payment_id = listed.payment_id;
      payment_input.customer_id = customer_id;
      payment_input.invoices = {{qbo_id,
                                 invoice.number,
                                 listed.amount,
                                 {minor_or_zero(*current, "Balance", digits), digits}}};
      payment_input.txn_date = mapping::date_part(listed.paid_at);
      payment_input.reference = listed.reference;
      payment_input.payment_method_id = listed.method
                                            ? mapping::payment_method_id(settings, *listed.method)
                                            : settings.default_payment_method_id;
      if (invoice.currency != company_data.home_currency() ||
          company_data.multicurrency_enabled()) {
        payment_input.currency = invoice.currency;
      }
      auto posted = payments_.ensure(*connection, record.account_id, payment_input);
      if (!posted) return fail(posted.fault(), true);
      progress.crm_payments.push_back(listed.payment_id);
      save();
      posted_listed = true;
    }
    if (!current || posted_listed) {
      if (auto fault = read_current()) return fail(*fault, true);
    }
    // Settle before paying the rest: what QBO already holds, by the plugin's notes on the
    // customer's payments and by what is applied to the invoice, whichever is more.
    auto query = qbo::QueryBuilder::select_all("Payment")
                     .where("CustomerRef", qbo::QueryOperator::equal, customer_id)
                     .max_results(1000);
    auto payments = api_.query(*connection, query);
    if (!payments) return fail(payments.fault(), true);
    const json::array rows = query_rows(payments.value().entity, "Payment");
    const int64_t by_notes = mapping::paid_by_plugin(rows, invoice.id, digits).minor +
                             mapping::paid_by_crm_payments(rows, qbo_id, digits).minor;
    const int64_t total = minor_or_zero(*current, "TotalAmt", digits);
    const int64_t balance = minor_or_zero(*current, "Balance", digits);
    progress.paid_minor = std::max({progress.paid_minor, by_notes, total - balance});
    save();
    const auto split =
        mapping::split_payment(paid_target, {progress.paid_minor, digits}, {balance, digits});
    if (split) {
      mapping::QboPaymentInput payment_input;
      payment_input.customer_id = customer_id;
      payment_input.qbo_invoice_id = qbo_id;
      payment_input.crm_invoice_id = invoice.id;
      payment_input.invoice_number = invoice.number;
      payment_input.split = *split;
      payment_input.paid_to = paid_target;
      payment_input.txn_date = mapping::date_part(invoice.occurred_at);
      if (const auto* latest = mapping::latest_payment(invoice)) {
        if (!latest->paid_at.empty()) payment_input.txn_date = mapping::date_part(latest->paid_at);
        payment_input.reference = latest->reference;
        payment_input.payment_method_id =
            latest->method ? mapping::payment_method_id(settings, *latest->method)
                           : settings.default_payment_method_id;
      } else {
        payment_input.payment_method_id = settings.default_payment_method_id;
      }
      if (invoice.currency != company_data.home_currency() ||
          company_data.multicurrency_enabled()) {
        payment_input.currency = invoice.currency;
      }
      // One requestid per amount paid reached: a repeat is QBO's replay, not a second payment.
      auto paid = api_.create(*connection, "Payment", mapping::build_qbo_payment(payment_input),
                              key_base + ":paid-to:" + std::to_string(paid_target.minor));
      if (!paid) return fail(paid.fault(), true);
      progress.paid_minor = paid_target.minor;
      save();
    }
    if (split || posted_listed) how = how == "up_to_date" ? "paid" : how + "_and_paid";
  }
  if (paid_target.minor > progress.crm_paid_minor) {
    progress.crm_paid_minor = paid_target.minor;
    save();
  }
  return completed(qbo_id, how);
}

AttemptOutcome InvoiceSync::after_fault(const qbo::Fault& fault, bool settle,
                                        int64_t attempts_so_far) {
  return faults_.after_fault(fault, settle, attempts_so_far);
}

}  // namespace qbo_sync::engine
