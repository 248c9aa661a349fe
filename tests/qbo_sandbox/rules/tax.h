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
