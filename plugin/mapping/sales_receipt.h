// A CRM payment as a QBO SalesReceipt body: customer, date, currency, lines with items and tax
// from the tax engine's plan, payment method and reference, deposit account, and the CRM payment
// id in PrivateNote and DocNumber so that the receipt can be found again.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include <boost/json/object.hpp>

#include "events/typed_events.h"
#include "mapping/company_data.h"
#include "tax/document_plan.h"

namespace qbo_sync::mapping {

struct ItemRef {
  std::string id;
  std::string name;
};

// What building any sales document (receipt, invoice, refund) takes besides the CRM document.
struct DocumentInput {
  const events::Settings* settings = nullptr;
  const CompanyData* company = nullptr;
  std::string customer_id;
  std::vector<ItemRef> line_items;  // one per CRM line, in order
  tax::PlanOptions plan_options;
};

struct ReceiptInput : DocumentInput {
  const events::Payment* payment = nullptr;
};

struct SalesReceipt {
  boost::json::object body;  // write it with money::serialize_exact
  tax::DocumentPlan plan;    // for tax::check_posted_totals after posting
  std::string doc_number;
};

// Why no receipt can be sent: the record is errored with `reason` until an admin acts.
struct ReceiptRefusal {
  std::string reason;   // total_mismatch | missing_tax_mapping | invalid_document | company_data
  std::string message;  // plain language, with what to do
  boost::json::object details;  // e.g. {"crm_total":"10.00","qbo_total":"10.01"} or the line
};

std::variant<SalesReceipt, ReceiptRefusal> build_sales_receipt(const ReceiptInput& input);

// What every sales document (receipt, invoice, refund) shares: the tax plan for the company under
// the account's mapping, and the body it starts (the plan's QBO lines and tax detail, each line
// with its item, and the customer).
struct PlannedBody {
  tax::DocumentPlan plan;
  boost::json::object body;
};
// Or why no plan can be made (company_data, total_mismatch, missing_tax_mapping,
// invalid_document).
std::variant<PlannedBody, ReceiptRefusal> plan_with_body(const tax::SalesDocument& document,
                                                         const DocumentInput& input);

// The settings' QBO PaymentMethod for the CRM method, else the default one; empty when neither.
std::string payment_method_id(const events::Settings& settings, events::PaymentMethod method);

}  // namespace qbo_sync::mapping
