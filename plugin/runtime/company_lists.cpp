#include "runtime/company_lists.h"

#include <boost/json/array.hpp>

#include "inbound/qbo_json.h"

namespace qbo_sync::runtime {
namespace json = boost::json;
using inbound::text_at;
namespace {

bool active(const json::object& object) {
  const json::value* found = object.if_contains("Active");
  return !found || !found->is_bool() || found->as_bool();
}

json::array periods_json(const std::vector<tax::RatePeriod>& periods) {
  json::array out;
  for (const auto& period : periods) {
    json::object entry{{"percent", period.percent.to_canonical_string()}};
    entry["effective_date"] = period.from.empty() ? json::value(nullptr) : json::value(period.from);
    entry["end_date"] = period.to.empty() ? json::value(nullptr) : json::value(period.to);
    out.push_back(std::move(entry));
  }
  return out;
}

json::object rate_json(const tax::SalesTaxRate& rate, bool in_force) {
  json::object entry{{"id", rate.id}, {"name", rate.name}};
  entry["percent"] = in_force ? json::value(rate.percent.to_canonical_string()) : nullptr;
  entry["effective"] = periods_json(rate.periods);
  return entry;
}

json::array tax_codes(const mapping::CompanyData& company, std::string_view today) {
  json::array out;
  auto built = company.tax_model(today);
  const auto* model = std::get_if<tax::TenantTaxModel>(&built);
  if (!model) return out;
  for (const auto& code : model->codes) {
    json::object entry{{"id", code.id}, {"name", code.name}, {"active", code.active}};
    entry["usable_on_sales"] = code.usable_on_sales();
    if (!code.unusable_reason.empty()) entry["unusable_reason"] = code.unusable_reason;
    entry["total_percent"] = code.total_percent().to_canonical_string();
    json::array rates;
    for (const auto& rate : code.sales_rates) rates.push_back(rate_json(rate, true));
    for (const auto& rate : code.ended_rates) rates.push_back(rate_json(rate, false));
    entry["sales_rates"] = std::move(rates);
    out.push_back(std::move(entry));
  }
  return out;
}

json::array plain_list(
    const json::array& source,
    std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
  json::array out;
  for (const json::value& value : source) {
    if (!value.is_object()) continue;
    const json::object& object = value.as_object();
    json::object entry{{"id", text_at(object, "Id")}, {"name", text_at(object, "Name")}};
    for (const auto& [qbo_name, name] : fields) entry[name] = text_at(object, qbo_name);
    entry["active"] = active(object);
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace

std::optional<json::object> company_list(std::string_view op, const mapping::CompanyData& company,
                                         std::string_view today) {
  json::object body;
  if (op == "list_tax_codes") {
    body["as_of"] = today;
    body["tax_codes"] = tax_codes(company, today);
  } else if (op == "list_items") {
    body["items"] = plain_list(company.items, {{"Type", "type"}, {"Sku", "sku"}});
  } else if (op == "list_accounts") {
    body["accounts"] = plain_list(company.accounts, {{"AccountType", "account_type"},
                                                     {"AccountSubType", "account_sub_type"}});
  } else if (op == "list_payment_methods") {
    body["payment_methods"] = plain_list(company.payment_methods, {{"Type", "type"}});
  } else {
    return std::nullopt;
  }
  return body;
}

}  // namespace qbo_sync::runtime
