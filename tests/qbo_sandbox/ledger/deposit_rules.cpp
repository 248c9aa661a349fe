#include "deposit_rules.h"

#include <set>
#include <utility>
#include <vector>

#include "faults.h"
#include "money.h"
#include "time_format.h"

namespace qbo_sandbox {
namespace {

namespace json = boost::json;

using TxnKey = std::pair<std::string, std::string>;  // (TxnType, TxnId)

std::string text(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->get_string()) : std::string();
}

std::string ref(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_object() ? text(value->get_object(), "value") : std::string();
}

bool is_undeposited_funds(const Company& company, std::string_view account_id) {
  const auto* account = company.find("Account", account_id);
  return account && text(account->object, "AccountSubType") == "UndepositedFunds";
}

// The receipts and payments a deposit's lines link to.
std::vector<TxnKey> linked_transactions(const json::object* deposit) {
  std::vector<TxnKey> keys;
  if (!deposit) return keys;
  const auto* lines = deposit->if_contains("Line");
  if (!lines || !lines->is_array()) return keys;
  for (const auto& line : lines->get_array()) {
    const auto* links = line.is_object() ? line.get_object().if_contains("LinkedTxn") : nullptr;
    if (!links || !links->is_array()) continue;
    for (const auto& link : links->get_array()) {
      if (link.is_object())
        keys.emplace_back(text(link.get_object(), "TxnType"), text(link.get_object(), "TxnId"));
    }
  }
  return keys;
}

// One deposit line: its amount, and the receipt or payment it moves (whole, once).
std::optional<Fault> check_line(const Company& company, json::object& line,
                                const std::string& deposit_id, std::set<TxnKey>& seen,
                                std::int64_t& total) {
  const auto* amount_value = line.if_contains("Amount");
  const auto amount = amount_value ? to_cents(*amount_value) : std::nullopt;
  if (!amount) return faults::required_parameter("Line.Amount");
  line["DetailType"] = "DepositLineDetail";
  if (!line.contains("DepositLineDetail")) line["DepositLineDetail"] = json::object{};
  total += *amount;
  const auto* links = line.if_contains("LinkedTxn");
  if (!links) {
    if (ref(line.at("DepositLineDetail").as_object(), "AccountRef").empty())
      return faults::required_parameter("Line.DepositLineDetail.AccountRef");
    return std::nullopt;
  }
  if (!links->is_array() || links->get_array().size() != 1 || !links->get_array()[0].is_object())
    return faults::invalid_value("Line.LinkedTxn", "A deposit line links one transaction");
  const auto& link = links->get_array()[0].get_object();
  const TxnKey key{text(link, "TxnType"), text(link, "TxnId")};
  if (key.first != "SalesReceipt" && key.first != "Payment") {
    return faults::business_validation(
        "A deposit line links a SalesReceipt or a Payment, not " + key.first + ".",
        "Line.LinkedTxn.TxnType");
  }
  const auto* target = company.find(key.first, key.second);
  if (!target) return faults::invalid_reference(key.first, key.second, "Line.LinkedTxn.TxnId");
  if (!seen.insert(key).second) {
    return faults::business_validation(key.first + " " + key.second + " is on the deposit twice.",
                                       "Line.LinkedTxn.TxnId");
  }
  if (!is_undeposited_funds(company, ref(target->object, "DepositToAccountRef"))) {
    return faults::business_validation(
        key.first + " " + key.second + " was not received into Undeposited Funds.",
        "Line.LinkedTxn.TxnId");
  }
  const std::string holder = deposit_holding(company, key.first, key.second);
  if (!holder.empty() && holder != deposit_id) {
    return faults::business_validation(
        key.first + " " + key.second + " is already part of deposit " + holder + ".",
        "Line.LinkedTxn.TxnId");
  }
  const auto* target_total = target->object.if_contains("TotalAmt");
  if (!target_total || to_cents(*target_total) != amount) {
    return faults::business_validation(
        "A deposit line moves the whole " + key.first + " " + key.second + " (" +
            cents_to_text(target_total ? to_cents(*target_total).value_or(0) : 0) + "), not " +
            cents_to_text(*amount) + ".",
        "Line.Amount");
  }
  return std::nullopt;
}

}  // namespace

std::optional<Fault> prepare_deposit(Company& company, json::object& candidate,
                                     const json::object* previous,
                                     std::chrono::system_clock::time_point now) {
  const std::string account_id = ref(candidate, "DepositToAccountRef");
  if (account_id.empty()) return faults::required_parameter("DepositToAccountRef");
  const auto* account = company.find("Account", account_id);
  if (!account) return faults::invalid_reference("Account", account_id, "DepositToAccountRef");
  if (is_undeposited_funds(company, account_id)) {
    return faults::business_validation("A deposit goes to a bank account, not Undeposited Funds.",
                                       "DepositToAccountRef");
  }
  candidate["DepositToAccountRef"].as_object()["name"] = text(account->object, "Name");
  auto* lines = candidate.if_contains("Line");
  if (!lines || !lines->is_array() || lines->get_array().empty())
    return faults::required_parameter("Line");
  const std::string deposit_id = previous ? text(*previous, "Id") : std::string();
  std::set<TxnKey> seen;
  std::int64_t total = 0;
  std::int64_t line_id = 0;
  for (auto& line : lines->get_array()) {
    if (!line.is_object()) return faults::invalid_value("Line", "Each line must be an object");
    line.get_object()["Id"] = std::to_string(++line_id);
    line.get_object()["LineNum"] = line_id;
    if (auto fault = check_line(company, line.get_object(), deposit_id, seen, total)) return fault;
  }
  candidate["TotalAmt"] = cents_to_json(total);
  if (!candidate.contains("TxnDate")) candidate["TxnDate"] = format_local_date(now);
  candidate["CurrencyRef"] =
      json::object{{"value", company.home_currency()}, {"name", company.home_currency_name()}};
  return std::nullopt;
}

std::string deposit_holding(const Company& company, std::string_view entity, std::string_view id) {
  for (const auto* deposit : company.all("Deposit")) {
    for (const auto& [type, txn_id] : linked_transactions(deposit)) {
      if (type == entity && txn_id == id) return text(*deposit, "Id");
    }
  }
  return {};
}

std::optional<Fault> check_deposited(const Company& company, const EntityInfo& entity,
                                     const json::object& stored, const json::object* candidate) {
  if (entity.name != "SalesReceipt" && entity.name != "Payment") return std::nullopt;
  const std::string holder = deposit_holding(company, entity.name, text(stored, "Id"));
  if (holder.empty()) return std::nullopt;
  if (!candidate) return faults::deposited_transaction(entity.name, holder);
  const auto* before = stored.if_contains("TotalAmt");
  const auto* after = candidate->if_contains("TotalAmt");
  const bool same_amount = before && after && to_cents(*before) == to_cents(*after);
  if (!same_amount || ref(stored, "DepositToAccountRef") != ref(*candidate, "DepositToAccountRef"))
    return faults::deposited_transaction(entity.name, holder);
  return std::nullopt;
}

void link_to_deposit(Company& company, std::string_view entity, std::string_view id) {
  auto* record = company.find(entity, id);
  if (!record) return;
  json::array links;
  if (const auto* current = record->object.if_contains("LinkedTxn");
      current && current->is_array()) {
    for (const auto& link : current->get_array()) {
      if (!link.is_object() || text(link.get_object(), "TxnType") != "Deposit")
        links.push_back(link);
    }
  }
  const std::string holder = deposit_holding(company, entity, id);
  if (!holder.empty()) links.push_back(json::object{{"TxnId", holder}, {"TxnType", "Deposit"}});
  if (links.empty() && !record->object.contains("LinkedTxn")) return;
  record->object["LinkedTxn"] = std::move(links);
}

void relink_deposit(Company& company, const json::object* before, const json::object* after) {
  std::set<TxnKey> touched;
  for (const auto& key : linked_transactions(before)) touched.insert(key);
  for (const auto& key : linked_transactions(after)) touched.insert(key);
  for (const auto& [type, id] : touched) link_to_deposit(company, type, id);
}

}  // namespace qbo_sandbox
