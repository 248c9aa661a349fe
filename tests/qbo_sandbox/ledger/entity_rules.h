#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "company.h"
#include "entity_catalog.h"
#include "rules/fault.h"

namespace qbo_sandbox {

struct PrepareOptions {
  bool allow_duplicate_doc_number = false;  // ?include=allowduplicatedocnum
};

// Checks a create or update candidate of one entity and fills in what QBO fills in (defaults,
// derived names, references' names, totals and tax through tax::compute_totals). `previous` is
// the stored version on update, nullptr on create. Id, SyncToken and MetaData are the caller's.
std::optional<Fault> prepare_entity(Company& company, const EntityInfo& entity,
                                    boost::json::object& candidate,
                                    const boost::json::object* previous,
                                    std::chrono::system_clock::time_point now,
                                    const PrepareOptions& options);

// Zeroes a transaction as QBO's void does (amounts, tax, balance; "Voided" note).
void void_transaction(boost::json::object& transaction, std::string_view entity);

// Refuses to void or delete an invoice that payments are applied to.
std::optional<Fault> check_removable(const Company& company, const EntityInfo& entity,
                                     const boost::json::object& stored);

// The invoices and customers whose balances a version of an Invoice or Payment touches.
void balance_scope(std::string_view entity, const boost::json::object* version,
                   std::set<std::string>& invoices, std::set<std::string>& customers);

// After a Payment or Invoice changed: recomputes the Balance and LinkedTxn of the given invoices
// and the Balance of the given customers (and of those invoices' customers). Returns the
// invoices whose Balance changed (their Ids), for change events.
std::vector<std::string> rebalance(Company& company, std::chrono::system_clock::time_point now,
                                   const std::set<std::string>& invoice_ids,
                                   std::set<std::string> customer_ids);

}  // namespace qbo_sandbox
