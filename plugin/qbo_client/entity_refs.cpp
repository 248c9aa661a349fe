#include "qbo_client/entity_refs.h"

#include "money/json_numbers.h"

namespace qbo_sync::qbo {
namespace json = boost::json;
namespace {

std::optional<money::Decimal> decimal_member(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr) return std::nullopt;
  return money::decimal_from_json(*value);
}

bool active_member(const json::object& object) {
  const json::value* active = object.if_contains("Active");
  return active == nullptr || !active->is_bool() || active->as_bool();
}

std::vector<LinkedTxn> linked_txn_member(const json::object& object) {
  std::vector<LinkedTxn> linked;
  const json::value* list = object.if_contains("LinkedTxn");
  if (list == nullptr || !list->is_array()) return linked;
  for (const json::value& txn : list->as_array()) {
    if (!txn.is_object()) continue;
    linked.push_back({string_member(txn, "TxnId"), string_member(txn, "TxnType"),
                      string_member(txn, "TxnLineId")});
  }
  return linked;
}

}  // namespace

Ref Ref::from_json(const json::value* ref) {
  if (ref == nullptr) return {};
  return {string_member(*ref, "value"), string_member(*ref, "name")};
}

json::object LinkedTxn::to_json() const {
  json::object txn{{"TxnId", txn_id}, {"TxnType", txn_type}};
  if (!txn_line_id.empty()) txn["TxnLineId"] = txn_line_id;
  return txn;
}

Entity Entity::from_json(const json::value& entity) {
  Entity read;
  if (!entity.is_object()) return read;
  const json::object& object = entity.as_object();
  read.id = string_member(object, "Id");
  read.sync_token = string_member(object, "SyncToken");
  read.doc_number = string_member(object, "DocNumber");
  read.private_note = string_member(object, "PrivateNote");
  read.display_name = string_member(object, "DisplayName");
  read.name = string_member(object, "Name");
  read.type = string_member(object, "Type");
  if (const json::value* email = object.if_contains("PrimaryEmailAddr")) {
    read.primary_email = string_member(*email, "Address");
  }
  read.active = active_member(object);
  read.customer_ref = Ref::from_json(object.if_contains("CustomerRef"));
  read.total_amt = decimal_member(object, "TotalAmt");
  read.balance = decimal_member(object, "Balance");
  read.linked_txn = linked_txn_member(object);
  read.json = object;
  return read;
}

int64_t Entity::total_minor(int digits) const {
  return minor_or_zero(total_amt, digits);
}

int64_t Entity::balance_minor(int digits) const {
  return minor_or_zero(balance, digits);
}

json::array Entity::linked_txn_json() const {
  json::array list;
  for (const LinkedTxn& txn : linked_txn) list.push_back(txn.to_json());
  return list;
}

Entity entity_of(const json::value& answer, std::string_view name) {
  return Entity::from_json(unwrap_entity(answer, name));
}

std::vector<Entity> entity_rows(const json::value& query_response, std::string_view name) {
  std::vector<Entity> rows;
  for (const json::value& row : query_rows(query_response, name)) {
    if (row.is_object()) rows.push_back(Entity::from_json(row));
  }
  return rows;
}

json::array query_rows(const json::value& query_response, std::string_view name) {
  if (!query_response.is_object()) return {};
  const json::value* rows = query_response.as_object().if_contains(name);
  if (rows == nullptr || !rows->is_array()) return {};
  return rows->as_array();
}

int64_t query_total_count(const json::value& query_response) {
  const json::value* count =
      query_response.is_object() ? query_response.get_object().if_contains("totalCount") : nullptr;
  return count != nullptr && count->is_int64() ? count->get_int64() : 0;
}

std::optional<Entity> first_row(const json::value& query_response, std::string_view name) {
  for (const json::value& row : query_rows(query_response, name)) {
    if (row.is_object()) return Entity::from_json(row);
  }
  return std::nullopt;
}

json::object unwrap_entity(const json::value& entity, std::string_view name) {
  if (!entity.is_object()) return {};
  const json::object& object = entity.as_object();
  if (const json::value* inner = object.if_contains(name); inner != nullptr && inner->is_object()) {
    return inner->as_object();
  }
  return object;
}

std::string string_member(const json::value& object, std::string_view key) {
  if (!object.is_object()) return {};
  const json::value* found = object.as_object().if_contains(key);
  if (found == nullptr || !found->is_string()) return {};
  return std::string(found->as_string());
}

int64_t minor_or_zero(const std::optional<money::Decimal>& amount, int digits) {
  if (!amount) return 0;
  const auto parsed = money::Amount::parse(amount->to_string(), digits);
  return parsed ? parsed->minor : 0;
}

}  // namespace qbo_sync::qbo
