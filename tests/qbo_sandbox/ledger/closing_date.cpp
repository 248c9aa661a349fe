#include "closing_date.h"

#include "faults.h"

namespace qbo_sandbox {
namespace {

namespace json = boost::json;

std::string txn_date(const json::object* transaction) {
  if (!transaction) return {};
  const auto* date = transaction->if_contains("TxnDate");
  return date && date->is_string() ? std::string(date->get_string()) : std::string();
}

// On or before the closing date (dates compare as text: both are YYYY-MM-DD).
bool closed(const std::string& date, const std::string& closing) {
  return !date.empty() && !closing.empty() && date.substr(0, 10) <= closing;
}

}  // namespace

std::string closing_date(const Company& company) {
  const auto preferences = company.all("Preferences");
  if (preferences.empty()) return {};
  const auto* prefs = preferences.front()->if_contains("AccountingInfoPrefs");
  if (!prefs || !prefs->is_object()) return {};
  const auto* date = prefs->get_object().if_contains("BookCloseDate");
  return date && date->is_string() ? std::string(date->get_string()) : std::string();
}

void set_closing_date(Company& company, std::string_view date) {
  for (auto* record : company.all_records("Preferences")) {
    auto& prefs = record->object["AccountingInfoPrefs"];
    if (!prefs.is_object()) prefs = json::object{};
    if (date.empty()) {
      prefs.get_object().erase("BookCloseDate");
    } else {
      prefs.get_object()["BookCloseDate"] = date;
    }
  }
}

std::optional<Fault> check_closing_date(const Company& company, const EntityInfo& entity,
                                        const json::object* stored, const json::object* candidate) {
  if (entity.kind != EntityKind::transaction) return std::nullopt;
  const std::string closing = closing_date(company);
  if (closed(txn_date(stored), closing) || closed(txn_date(candidate), closing))
    return faults::account_period_closed();
  return std::nullopt;
}

}  // namespace qbo_sandbox
