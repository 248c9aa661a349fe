#include "runtime/integration_card.h"

#include <array>
#include <boost/json.hpp>
#include <string_view>

namespace qbo_sync::runtime {
namespace {

struct ToggleDescriptor {
  std::string_view key;
  std::string_view label;
  std::string_view help;
  bool default_value;
};

// The card's toggles, in the order the host shows them.
constexpr std::array<ToggleDescriptor, 5> kToggles = {{
    {"sync_payments", "Sync payments",
     "Send every completed payment to QuickBooks as a sales receipt.", true},
    {"sync_invoices", "Sync invoices",
     "Send invoices to QuickBooks when they are marked sent, and keep them up to date.", true},
    {"import_old_invoices", "Import existing QuickBooks invoices",
     "Bring the invoices that already exist in QuickBooks into the CRM. Imported invoices are "
     "never sent back to QuickBooks.",
     false},
    {"review_request_on_first_paid_invoice", "Ask for a review after the first paid invoice",
     "When a contact's first invoice is paid in full, the CRM sends them a review request, once.",
     false},
    {"skip_zero_total_orders", "Skip free orders",
     "Do not create sales receipts for complimentary orders whose total is zero.", true},
}};

// The settings object inside a stored settings.changed payload.
const boost::json::object* settings_object(const boost::json::value& payload) {
  if (!payload.is_object()) return nullptr;
  const auto* settings = payload.as_object().if_contains("settings");
  if (settings && settings->is_object()) return &settings->as_object();
  return &payload.as_object();
}

bool toggle_value(const boost::json::object* settings, const ToggleDescriptor& toggle) {
  if (!settings) return toggle.default_value;
  const auto* value = settings->if_contains(toggle.key);
  if (value && value->is_bool()) return value->as_bool();
  return toggle.default_value;
}

}  // namespace

boost::json::object integration_card(store::Store& store, const std::string& account_id,
                                     boost::json::object connection) {
  boost::json::value payload;
  int64_t settings_revision = 0;
  if (auto stored = store.account_settings(account_id)) {
    boost::system::error_code error;
    payload = boost::json::parse(*stored, error);
  }
  const auto* settings = settings_object(payload);
  if (settings) {
    if (const auto* revision = settings->if_contains("revision");
        revision && revision->is_int64()) {
      settings_revision = revision->as_int64();
    }
  }

  boost::json::object card;
  card["account_id"] = account_id;
  card["title"] = "QuickBooks Online";
  connection.erase("account_id");
  card["connection"] = std::move(connection);
  boost::json::array toggles;
  for (const auto& toggle : kToggles) {
    boost::json::object item;
    item["key"] = toggle.key;
    item["label"] = toggle.label;
    item["help"] = toggle.help;
    item["value"] = toggle_value(settings, toggle);
    item["default"] = toggle.default_value;
    toggles.push_back(std::move(item));
  }
  card["toggles"] = std::move(toggles);
  card["settings_revision"] = settings_revision;
  boost::json::object counts;
  for (auto status : {store::RecordStatus::todo, store::RecordStatus::completed,
                      store::RecordStatus::errored, store::RecordStatus::skipped}) {
    counts[store::to_string(status)] = store.count_records(account_id, status);
  }
  card["records"] = std::move(counts);
  return card;
}

}  // namespace qbo_sync::runtime
