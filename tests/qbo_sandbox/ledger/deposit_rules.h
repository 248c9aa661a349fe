#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "company.h"
#include "entity_catalog.h"
#include "rules/fault.h"

// Bank deposits: a Deposit moves Sales Receipts and Payments out of Undeposited Funds into a bank
// account, each line linked to one of them for its whole amount. A deposited receipt or payment
// names its deposit in LinkedTxn and, as in QBO, cannot be voided, deleted or changed in amount
// until the deposit lets it go.
namespace qbo_sandbox {

// Checks a Deposit create or update and fills in what QBO fills in (TotalAmt, names, defaults).
std::optional<Fault> prepare_deposit(Company& company, boost::json::object& candidate,
                                     const boost::json::object* previous,
                                     std::chrono::system_clock::time_point now);

// The Id of the Deposit holding SalesReceipt or Payment `id`, or empty.
std::string deposit_holding(const Company& company, std::string_view entity, std::string_view id);

// Refuses to void or delete (`candidate` nullptr) a deposited receipt or payment, or to change its
// amount or deposit account.
std::optional<Fault> check_deposited(const Company& company, const EntityInfo& entity,
                                     const boost::json::object& stored,
                                     const boost::json::object* candidate);

// After a Deposit changed (either version may be nullptr): every receipt and payment it holds or
// held names its deposit in LinkedTxn, or no longer does.
void relink_deposit(Company& company, const boost::json::object* before,
                    const boost::json::object* after);
// After a receipt or payment changed: its LinkedTxn names the deposit holding it, if any.
void link_to_deposit(Company& company, std::string_view entity, std::string_view id);

}  // namespace qbo_sandbox
