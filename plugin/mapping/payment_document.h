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
// the date (paid, or issued) and the CRM's totals.
tax::SalesDocument to_sales_document(const events::Payment& payment);
tax::SalesDocument to_sales_document(const events::Invoice& invoice);

// A line's tax treatment as the tax engine reads it: the CRM's own when it states one; otherwise
// exempt for a tax-exempt contact, zero-rated when every tax line charges 0 %, and taxed by its
// tax lines (or the account's default for untaxed lines) else.
tax::Exemption exemption_of(const events::Line& line, bool contact_tax_exempt);

// The settings' tax mappings as overrides, each entry with its position in the settings (the tax
// engine picks the entries for the customer's region), and the exempt and zero-rated codes.
tax::TaxMappingOverrides tax_overrides(const events::Settings& settings);

}  // namespace qbo_sync::mapping
