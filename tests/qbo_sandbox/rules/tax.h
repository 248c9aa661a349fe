#pragma once

#include <optional>
#include <string_view>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "fault.h"

namespace qbo_sandbox::tax {

enum class Region { canada, united_states };

// QBO TaxCode objects a new company starts with (Canada: the real sandbox codes with their Ids,
// plus GST, HST by province, GST/PST BC SK MB and GST/QST QC; US: TAX, NON and one tax group).
boost::json::array preset_tax_codes(Region region);
// QBO TaxRate objects those codes refer to.
boost::json::array preset_tax_rates(Region region);

// A new Canadian company as QBO sets it up: the GST/HST codes only (Exempt, Zero-rated, Out of
// Scope, GST, HST ON NB NL PE NS), no provincial sales tax until its agency is added. Its HST NS
// rate carries its history as QBO keeps it: 15 % until 2025-03-31, then 14 %.
boost::json::array fresh_canadian_tax_codes();
boost::json::array fresh_canadian_tax_rates();

// What setting up a provincial agency ("QST", "PST BC", "PST SK", "RST MB") adds to a Canadian
// company: its rate and the codes using it; nullopt for an agency QBO does not offer.
struct AgencyTaxObjects {
  boost::json::array codes;
  boost::json::array rates;
};
std::optional<AgencyTaxObjects> agency_tax_objects(std::string_view agency);

// Validates the lines of a SalesReceipt / Invoice / CreditMemo / RefundReceipt / Estimate (entity
// name as QBO spells it) and fills in what QBO computes: line Amounts checked (Qty x UnitPrice,
// 6070), SubTotalLine, DiscountLine, per-line tax half-up, TxnTaxDetail (TotalTax, TaxLine[]; a
// client's override kept), TotalAmt; for Invoice, Balance = TotalAmt - amount_applied. Returns a
// Fault instead when QBO would refuse the document (e.g. 6000 for a Canadian line without a tax
// code); the transaction is then left unchanged.
std::optional<Fault> compute_totals(boost::json::object& transaction, std::string_view entity,
                                    Region region, const boost::json::array& tax_codes,
                                    const boost::json::array& tax_rates,
                                    std::string_view amount_applied = "0");

}  // namespace qbo_sandbox::tax
