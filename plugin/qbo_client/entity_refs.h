// The parts of QBO's entity JSON that the sync reads, typed: the Id and SyncToken every write
// needs, a transaction's DocNumber, CustomerRef, TotalAmt, Balance and LinkedTxn, a list entity's
// name, e-mail and Active flag. `json` keeps the whole entity as QBO sent it, for what is compared
// or sent back as it is.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "money/amount.h"
#include "money/decimal.h"

namespace qbo_sync::qbo {

// A reference to another entity: {"value": its Id, "name": its display text}.
struct Ref {
  std::string value;
  std::string name;

  static Ref from_json(const boost::json::value* ref);
};

// One transaction linked to another (a payment applied to an invoice, a deposit of a receipt).
struct LinkedTxn {
  std::string txn_id;
  std::string txn_type;
  std::string txn_line_id;  // empty when QBO gave none

  boost::json::object to_json() const;
};

// A SalesReceipt, RefundReceipt, Invoice, Payment, Customer or Item as the sync reads it; a field
// an entity does not have is empty.
struct Entity {
  std::string id;
  std::string sync_token;
  std::string doc_number;
  std::string private_note;
  std::string display_name;   // Customer
  std::string name;           // Item
  std::string type;           // Item: Service, Inventory, Category...
  std::string primary_email;  // Customer: PrimaryEmailAddr.Address
  bool active = true;         // absent means active
  Ref customer_ref;
  std::optional<money::Decimal> total_amt;
  std::optional<money::Decimal> balance;
  std::vector<LinkedTxn> linked_txn;
  boost::json::object json;

  // An entity object; an empty Entity for anything else.
  static Entity from_json(const boost::json::value& entity);

  // TotalAmt and Balance in minor units of a currency of `digits` decimals; 0 when absent or not
  // such an amount.
  int64_t total_minor(int digits) const;
  int64_t balance_minor(int digits) const;
  // LinkedTxn as QBO takes it back on an update.
  boost::json::array linked_txn_json() const;
};

// The entity of a create, read or update answer (ApiResponse::entity), wrapped ({"Invoice":{...}})
// or not.
Entity entity_of(const boost::json::value& answer, std::string_view name);

// The rows of a query answer (ApiResponse::entity of a query): QueryResponse[name], as entities.
std::vector<Entity> entity_rows(const boost::json::value& query_response, std::string_view name);
// The same rows as QBO sent them, for readers that take the list whole.
boost::json::array query_rows(const boost::json::value& query_response, std::string_view name);
// The totalCount of a COUNT query's answer; 0 when absent.
int64_t query_total_count(const boost::json::value& query_response);
// The first row of a query answer, if any.
std::optional<Entity> first_row(const boost::json::value& query_response, std::string_view name);

// The entity object of an answer, whether it is wrapped ({"Customer":{...}}) or not.
boost::json::object unwrap_entity(const boost::json::value& entity, std::string_view name);

// A string member of an object; empty when absent or not a string.
std::string string_member(const boost::json::value& object, std::string_view key);

// An exact decimal amount in minor units of `digits` decimals; 0 when absent or not such an amount.
int64_t minor_or_zero(const std::optional<money::Decimal>& amount, int digits);

}  // namespace qbo_sync::qbo
