#include "runtime/integration_card.h"

#include <boost/json.hpp>
#include <optional>
#include <variant>

#include "mapping/company_data.h"
#include "runtime/integration_card_connection.h"
#include "runtime/integration_card_fields.h"
#include "runtime/integration_card_records.h"

namespace qbo_sync::runtime {
namespace json = boost::json;
namespace {

// The settings object inside the stored settings.changed payload.
std::optional<json::object> stored_settings(store::Store& store, const std::string& account_id) {
  auto stored = store.account_settings(account_id);
  if (!stored) return std::nullopt;
  boost::system::error_code error;
  auto payload = json::parse(*stored, error);
  if (error || !payload.is_object()) return std::nullopt;
  const auto* settings = payload.as_object().if_contains("settings");
  if (settings && settings->is_object()) return settings->as_object();
  return payload.as_object();
}

int64_t revision_of(const std::optional<json::object>& settings) {
  if (!settings) return 0;
  const auto* revision = settings->if_contains("revision");
  return revision && revision->is_int64() ? revision->as_int64() : 0;
}

// What discovery stored about the connected company; nullopt before (or without) a connection.
std::optional<mapping::CompanyData> company_data(store::Store& store,
                                                 const std::string& account_id) {
  const auto row = store.connection(account_id);
  if (!row || row->sealed_tokens.empty() || row->company_json.empty()) return std::nullopt;
  auto parsed = mapping::parse_company_data(row->company_json);
  if (auto* data = std::get_if<mapping::CompanyData>(&parsed)) return std::move(*data);
  return std::nullopt;
}

}  // namespace

json::object integration_card(store::Store& store, const std::string& account_id,
                              json::object connection, std::string_view today) {
  const auto stored = stored_settings(store, account_id);
  const auto revision = revision_of(stored);
  const auto settings = card_settings(stored ? &*stored : nullptr);
  const auto company = company_data(store, account_id);

  json::object card;
  card["schema"] = "integration_card.v1";
  card["account_id"] = account_id;
  card["title"] = "QuickBooks Online";
  card["connection"] = card_connection(std::move(connection));
  auto sections = card_sections(settings, company ? &*company : nullptr, today);
  card["toggles"] = card_toggles(sections);
  card["sections"] = std::move(sections);
  card["settings"] = settings;
  card["settings_revision"] = revision;
  card["save"] = {{"hook", "onSettingsChanged"},
                  {"schema", "settings.changed.v1"},
                  {"next_revision", revision + 1}};
  card["records"] = card_records(store, account_id);
  return card;
}

}  // namespace qbo_sync::runtime
