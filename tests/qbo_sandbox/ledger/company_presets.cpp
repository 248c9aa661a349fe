#include "company_presets.h"

#include "entity_catalog.h"
#include "time_format.h"

namespace qbo_sandbox {
namespace {

namespace json = boost::json;

void stamp(json::object& object, std::string id, std::chrono::system_clock::time_point now) {
  object["domain"] = "QBO";
  object["sparse"] = false;
  object["Id"] = id;
  object["SyncToken"] = "0";
  const auto time = format_metadata_time(now);
  object["MetaData"] = json::object{{"CreateTime", time}, {"LastUpdatedTime", time}};
}

struct AccountPreset {
  const char* name;
  const char* classification;
  const char* type;
  const char* sub_type;
};

}  // namespace

void seed_company_presets(Company& company, const std::string& company_name,
                          std::chrono::system_clock::time_point now) {
  const bool canada = company.region() == tax::Region::canada;
  const json::object currency{{"value", company.home_currency()},
                              {"name", company.home_currency_name()}};

  json::object info{
      {"CompanyName", company_name},
      {"LegalName", company_name},
      {"CompanyAddr", canada ? json::object{{"Id", "1"},
                                            {"Line1", "123 Main Street"},
                                            {"City", "Vancouver"},
                                            {"Country", "CA"},
                                            {"CountrySubDivisionCode", "BC"},
                                            {"PostalCode", "V6B 1A1"}}
                             : json::object{{"Id", "1"},
                                            {"Line1", "123 Sierra Way"},
                                            {"City", "San Pablo"},
                                            {"Country", "US"},
                                            {"CountrySubDivisionCode", "CA"},
                                            {"PostalCode", "87999"}}},
      {"Country", canada ? "CA" : "US"},
      {"Email", json::object{{"Address", "noreply@quickbooks.com"}}},
      {"WebAddr", json::object{}},
      {"FiscalYearStartMonth", "January"},
      {"SupportedLanguages", "en"},
      {"DefaultTimeZone", canada ? "America/Vancouver" : "America/Los_Angeles"},
      {"CompanyStartDate", format_local_date(now)},
      {"NameValue",
       json::array{json::object{{"Name", "OfferingSku"}, {"Value", "QuickBooks Online Plus"}},
                   json::object{{"Name", "NeoEnabled"}, {"Value", "true"}}}},
  };
  stamp(info, "1", now);
  company.put("CompanyInfo", std::move(info), now);

  json::object preferences{
      {"AccountingInfoPrefs", json::object{{"TrackDepartments", false},
                                           {"ClassTrackingPerTxn", false},
                                           {"CustomerTerminology", "Customers"}}},
      {"ProductAndServicesPrefs", json::object{{"ForSales", true},
                                               {"ForPurchase", true},
                                               {"QuantityWithPriceAndRate", true},
                                               {"QuantityOnHand", true}}},
      {"SalesFormsPrefs", json::object{{"CustomTxnNumbers", false},
                                       {"AllowDeposit", true},
                                       {"AllowDiscount", true},
                                       {"AllowEstimates", true},
                                       {"AllowShipping", false},
                                       {"AutoApplyCredit", true},
                                       {"DefaultTerms", json::object{{"value", "3"}}}}},
      {"VendorAndPurchasesPrefs",
       json::object{{"TrackingByCustomer", true}, {"BillableExpenseTracking", true}}},
      {"TaxPrefs", canada ? json::object{{"UsingSalesTax", true}}
                          : json::object{{"UsingSalesTax", true}, {"PartnerTaxEnabled", true}}},
      {"CurrencyPrefs",
       json::object{{"MultiCurrencyEnabled", false},
                    {"HomeCurrency", json::object{{"value", company.home_currency()}}}}},
      {"TimeTrackingPrefs", json::object{{"UseServices", true}, {"WorkWeekStartDate", "Monday"}}},
  };
  stamp(preferences, "1", now);
  company.put("Preferences", std::move(preferences), now);

  const AccountPreset accounts[] = {
      {"Services", "Revenue", "Income", "ServiceFeeIncome"},
      {"Sales of Product Income", "Revenue", "Income", "SalesOfProductIncome"},
      {"Undeposited Funds", "Asset", "Other Current Asset", "UndepositedFunds"},
      {canada ? "Chequing" : "Checking", "Asset", "Bank", "Checking"},
      {"Accounts Receivable (A/R)", "Asset", "Accounts Receivable", "AccountsReceivable"},
      {"Cost of Goods Sold", "Expense", "Cost of Goods Sold", "SuppliesMaterialsCogs"},
      {"Discounts given", "Revenue", "Income", "DiscountsRefundsGiven"},
      {canada ? "GST/HST Payable" : "Sales Tax Payable", "Liability", "Other Current Liability",
       canada ? "GlobalTaxPayable" : "SalesTaxPayable"},
  };
  for (const auto& preset : accounts) {
    json::object account{{"Name", preset.name},
                         {"SubAccount", false},
                         {"FullyQualifiedName", preset.name},
                         {"Active", true},
                         {"Classification", preset.classification},
                         {"AccountType", preset.type},
                         {"AccountSubType", preset.sub_type},
                         {"CurrentBalance", 0},
                         {"CurrentBalanceWithSubAccounts", 0},
                         {"CurrencyRef", currency}};
    stamp(account, company.next_id("Account"), now);
    company.put("Account", std::move(account), now);
  }

  // Account Ids: 1 Services, 2 Sales of Product Income.
  const std::pair<const char*, const char*> items[] = {{"Services", "1"}, {"Sales", "2"}};
  for (const auto& [name, income_account] : items) {
    json::object item{
        {"Name", name},
        {"Active", true},
        {"FullyQualifiedName", name},
        {"Taxable", !canada},
        {"UnitPrice", 0},
        {"Type", "Service"},
        {"IncomeAccountRef", json::object{{"value", income_account},
                                          {"name", std::string_view(income_account) == "1"
                                                       ? "Services"
                                                       : "Sales of Product Income"}}},
        {"PurchaseCost", 0},
        {"TrackQtyOnHand", false}};
    stamp(item, company.next_id("Item"), now);
    company.put("Item", std::move(item), now);
  }

  // The payment methods QBO gives every new company (Ids as in recorded traffic: 1 Cash, 2 Check).
  const std::pair<const char*, const char*> methods[] = {
      {"Cash", "NON_CREDIT_CARD"},   {canada ? "Cheque" : "Check", "NON_CREDIT_CARD"},
      {"Visa", "CREDIT_CARD"},       {"MasterCard", "CREDIT_CARD"},
      {"Discover", "CREDIT_CARD"},   {"American Express", "CREDIT_CARD"},
      {"Diners Club", "CREDIT_CARD"}};
  for (const auto& [name, type] : methods) {
    json::object method{{"Name", name}, {"Active", true}, {"Type", type}};
    stamp(method, company.next_id("PaymentMethod"), now);
    company.put("PaymentMethod", std::move(method), now);
  }

  for (const auto* entity : {"TaxCode", "TaxRate"}) {
    const bool fresh = company.preset() == CompanyPreset::canada_fresh;
    auto presets =
        std::string_view(entity) == "TaxCode"
            ? (fresh ? tax::fresh_canadian_tax_codes() : tax::preset_tax_codes(company.region()))
            : (fresh ? tax::fresh_canadian_tax_rates() : tax::preset_tax_rates(company.region()));
    for (auto& value : presets) {
      auto& object = value.as_object();
      const auto* id = object.if_contains("Id");
      const std::string id_text =
          id && id->is_string() ? std::string(id->get_string()) : company.next_id(entity);
      company.note_id(entity, id_text);
      if (!object.contains("MetaData")) {
        const auto time = format_metadata_time(now);
        object["MetaData"] = json::object{{"CreateTime", time}, {"LastUpdatedTime", time}};
      }
      if (!object.contains("domain")) object["domain"] = "QBO";
      if (!object.contains("sparse")) object["sparse"] = false;
      if (!object.contains("SyncToken")) object["SyncToken"] = "0";
      object["Id"] = id_text;
      company.put(entity, std::move(object), now);
    }
  }
}

}  // namespace qbo_sandbox
