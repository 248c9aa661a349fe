// A CRM payment or invoice as the tax engine sees it, and the account's tax mapping as the tax
// engine reads it.
#pragma once

#include <string>
#include <string_view>

#include "events/typed_events.h"
#include "tax/sales_document.h"
#include "tax/tax_mapping.h"

namespace qbo_sync::mapping {

// YYYY-MM-DD of an RFC 3339 time ("2026-03-02T14:05:09Z" → "2026-03-02").
std::string date_part(std::string_view rfc3339);

// Lines, their taxes and discounts, the document discounts, the customer's country and province,
// the date (paid, or issued) and the CRM's totals. A tax-exempt contact's lines are exempt
// supplies.
tax::SalesDocument to_sales_document(const events::Payment& payment);
tax::SalesDocument to_sales_document(const events::Invoice& invoice);

// The settings' tax mappings as overrides: a mapping bound to a region applies only to customers
// in that region; an exempt code, if set, is used for untaxed lines.
tax::TaxMappingOverrides tax_overrides(const events::Settings& settings, std::string_view region);

}  // namespace qbo_sync::mapping
