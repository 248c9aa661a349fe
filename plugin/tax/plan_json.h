// A DocumentPlan in QBO's JSON shapes: the Line array (SalesItemLineDetail, SubTotalLineDetail,
// DiscountLineDetail), TxnTaxDetail and GlobalTaxCalculation, ready to be merged into a
// SalesReceipt or Invoice body; and the check of what QBO returned after posting.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "tax/document_plan.h"

namespace qbo_sync::tax {

// Gives the ItemRef ({"value":..,"name":..}) for a CRM line index; the mapping code supplies it.
using ItemRefLookup = std::function<boost::json::value(std::size_t crm_line_index)>;

// {"Line":[...], "TxnTaxDetail":{...} (only when the plan sends one),
//  "GlobalTaxCalculation":"TaxExcluded" (not for US companies)}. Amounts are JSON numbers holding
// the exact decimals; write the body with money::serialize_exact (money/json_numbers.h) to keep
// them exact.
boost::json::object to_json(const DocumentPlan& plan, const ItemRefLookup& item_ref = {});

// After posting: QBO's TotalAmt (and TxnTaxDetail.TotalTax) in the created document against the
// plan's. `qbo_document` is the SalesReceipt / Invoice object, or the response wrapping it.
std::optional<TotalMismatchHold> check_posted_totals(const DocumentPlan& plan,
                                                     const boost::json::object& qbo_document);

}  // namespace qbo_sync::tax
