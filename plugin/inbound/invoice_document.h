// A QBO Invoice as the host's import_invoice request (schemas/host/import_invoice.v1): lines,
// discount, tax, total, balance and the status they imply, marked as originating in QuickBooks.
// Also the facts the first-paid-invoice rule needs. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "money/decimal.h"

namespace qbo_sync::inbound {

// What the review-request rule and the import need to know about one QBO invoice.
struct InvoiceFacts {
  std::string id;
  std::string customer_id;
  std::string number;      // DocNumber, or the Id when QBO has none
  std::string txn_date;    // YYYY-MM-DD
  std::string created_at;  // MetaData.CreateTime
  std::string updated_at;  // MetaData.LastUpdatedTime
  std::string currency;    // CurrencyRef, else the company's
  money::Decimal total;    // TotalAmt
  money::Decimal balance;  // Balance
  bool voided = false;
};

// Reads the facts; nullopt when the document lacks an Id, TotalAmt or Balance.
std::optional<InvoiceFacts> invoice_facts(const boost::json::object& invoice,
                                          std::string_view company_currency);

// open | partially_paid | paid | void.
std::string_view invoice_status(const InvoiceFacts& facts);

struct ImportedContact {
  std::string crm_contact_id;  // may be empty
  std::string display_name;
  std::string email;
};

// The import_invoice request. `crm_invoice_id` is set when the invoice was imported before.
boost::json::object invoice_import_request(std::string_view account_id,
                                           const boost::json::object& invoice,
                                           const InvoiceFacts& facts,
                                           const ImportedContact& contact,
                                           std::string_view crm_invoice_id);

}  // namespace qbo_sync::inbound
