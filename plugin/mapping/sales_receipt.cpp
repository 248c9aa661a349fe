#include "mapping/sales_receipt.h"

#include "mapping/payment_document.h"
#include "mapping/receipt_reference.h"
#include "tax/plan_json.h"

namespace qbo_sync::mapping {
namespace json = boost::json;
namespace {

ReceiptRefusal refusal_for(const tax::TotalMismatchHold& hold) {
  ReceiptRefusal refusal{std::string(tax::TotalMismatchHold::reason), hold.message, {}};
  refusal.details["crm_total"] = hold.crm_total.to_string();
  refusal.details["qbo_total"] = hold.computed_total.to_string();
  refusal.details["difference_minor"] = hold.difference_minor;
  refusal.details["crm_total_tax"] = hold.crm_total_tax.to_string();
  refusal.details["qbo_total_tax"] = hold.computed_total_tax.to_string();
  return refusal;
}

ReceiptRefusal refusal_for(const tax::MissingTaxMapping& missing) {
  ReceiptRefusal refusal{"missing_tax_mapping", missing.message, {}};
  refusal.details["line_index"] = missing.line_index;
  refusal.details["line_name"] = missing.line_name;
  refusal.details["missing_mapping"] = missing.missing_mapping;
  return refusal;
}

ReceiptRefusal refusal_for(const tax::InvalidDocument& invalid) {
  ReceiptRefusal refusal{"invalid_document", invalid.message, {}};
  refusal.details["field"] = invalid.field;
  return refusal;
}

std::variant<tax::DocumentPlan, ReceiptRefusal> plan_for_company(const tax::SalesDocument& document,
                                                                 const CompanyData& company,
                                                                 const events::Settings& settings,
                                                                 const tax::PlanOptions& options) {
  auto model = company.tax_model(document.txn_date);
  if (auto* error = std::get_if<tax::TaxModelError>(&model)) {
    ReceiptRefusal refusal{"company_data",
                           "the QuickBooks company's tax settings could not be read (" +
                               error->message + "); reconnect QuickBooks",
                           {}};
    refusal.details["field"] = error->field;
    return refusal;
  }
  const auto& tax_model = std::get<tax::TenantTaxModel>(model);
  tax::PlanOutcome planned =
      tax::plan_document(document, tax_model, tax_overrides(settings), options);
  if (auto* hold = std::get_if<tax::TotalMismatchHold>(&planned)) return refusal_for(*hold);
  if (auto* missing = std::get_if<tax::MissingTaxMapping>(&planned)) return refusal_for(*missing);
  if (auto* invalid = std::get_if<tax::InvalidDocument>(&planned)) return refusal_for(*invalid);
  return std::move(std::get<tax::DocumentPlan>(planned));
}

json::object plan_body(const tax::DocumentPlan& plan, const std::vector<ItemRef>& items) {
  return tax::to_json(plan, [&items](std::size_t index) -> json::value {
    if (index >= items.size()) return nullptr;
    json::object ref{{"value", items[index].id}};
    if (!items[index].name.empty()) ref["name"] = items[index].name;
    return ref;
  });
}

}  // namespace

std::string payment_method_id(const events::Settings& settings, events::PaymentMethod method) {
  for (const events::PaymentMethodMapping& mapping : settings.payment_method_mappings) {
    if (mapping.crm_method == method) return mapping.qbo_payment_method_id;
  }
  return settings.default_payment_method_id;
}

std::variant<PlannedBody, ReceiptRefusal> plan_with_body(const tax::SalesDocument& document,
                                                         const DocumentInput& input) {
  auto planned = plan_for_company(document, *input.company, *input.settings, input.plan_options);
  if (auto* refusal = std::get_if<ReceiptRefusal>(&planned)) return std::move(*refusal);
  PlannedBody result{std::move(std::get<tax::DocumentPlan>(planned)), {}};
  result.body = plan_body(result.plan, input.line_items);
  result.body["CustomerRef"] = {{"value", input.customer_id}};
  return result;
}

std::variant<SalesReceipt, ReceiptRefusal> build_sales_receipt(const ReceiptInput& input) {
  const events::Payment& payment = *input.payment;
  const events::Settings& settings = *input.settings;
  const CompanyData& company = *input.company;
  if (input.line_items.size() != payment.lines.size()) {
    return ReceiptRefusal{"invalid_document", "every payment line needs a QuickBooks item", {}};
  }

  const tax::SalesDocument document = to_sales_document(payment);
  auto planned = plan_with_body(document, input);
  if (auto* refusal = std::get_if<ReceiptRefusal>(&planned)) return std::move(*refusal);

  auto& [plan, body] = std::get<PlannedBody>(planned);
  SalesReceipt receipt;
  receipt.plan = std::move(plan);
  receipt.doc_number = doc_number_for_payment(payment.id);
  body["TxnDate"] = document.txn_date;
  body["DocNumber"] = receipt.doc_number;
  body["PrivateNote"] = private_note_for_payment(payment);
  // A foreign currency needs multicurrency in QBO; the home currency is implied.
  if (payment.currency != company.home_currency() || company.multicurrency_enabled()) {
    body["CurrencyRef"] = {{"value", payment.currency}};
  }
  if (const std::string method = payment_method_id(settings, payment.method); !method.empty()) {
    body["PaymentMethodRef"] = {{"value", method}};
  }
  if (!payment.reference.empty())
    body["PaymentRefNum"] = payment_reference_number(payment.reference);
  std::string deposit = settings.deposit_account_id;
  if (deposit.empty()) deposit = company.undeposited_funds_account_id().value_or("");
  if (!deposit.empty()) body["DepositToAccountRef"] = {{"value", deposit}};
  receipt.body = std::move(body);
  return receipt;
}

}  // namespace qbo_sync::mapping
