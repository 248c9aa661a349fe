#include "runtime/settings_check.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <functional>
#include <vector>

namespace qbo_sync::runtime {
namespace {

namespace json = boost::json;

mapping::CompanyData company() {
  mapping::CompanyData data;
  data.tax_codes = json::parse(R"([{"Id":"2","Name":"Exempt","Active":true},
    {"Id":"5","Name":"HST ON","Active":true},{"Id":"6","Name":"Old","Active":false}])")
                       .as_array();
  data.items = json::parse(R"([{"Id":"1","Name":"Services","Active":true},
    {"Id":"21","Name":"Yoga","Active":true}])")
                   .as_array();
  data.accounts = json::parse(R"([
    {"Id":"1","Name":"Services","AccountType":"Income","Active":true},
    {"Id":"3","Name":"Undeposited Funds","AccountType":"Other Current Asset","Active":true},
    {"Id":"4","Name":"Chequing","AccountType":"Bank","Active":true},
    {"Id":"9","Name":"Consulting","Active":true}])")
                      .as_array();
  data.payment_methods = json::parse(R"([{"Id":"1","Name":"Cash","Active":true},
    {"Id":"3","Name":"Visa","Active":true}])")
                             .as_array();
  return data;
}

json::object settings() {
  return json::parse(R"({"schema":"settings.changed.v1","account_id":"a","event_id":"e",
    "occurred_at":"2026-03-01T12:00:00Z","settings":{"revision":1,
    "tax_mappings":[{"crm_tax_name":"HST ON","crm_tax_rate":"13","qbo_tax_code_id":"5"},
                    {"crm_tax_name":"GST","crm_tax_rate":"5","qbo_tax_code_id":"5"}],
    "exempt_tax_code_id":"2",
    "item_mappings":[{"crm_product_id":"p1","qbo_item_id":"21"},
                     {"crm_product_id":"p2","qbo_item_id":"1"}],
    "default_item_id":"1","income_account_id":"1","deposit_account_id":"3",
    "payment_method_mappings":[{"crm_method":"card","qbo_payment_method_id":"3"}],
    "default_payment_method_id":"1"}})")
      .as_object();
}

json::object& inner(json::object& event) {
  return event["settings"].as_object();
}

TEST(SettingsCheck, SettingsNamingExistingObjectsPass) {
  EXPECT_FALSE(check_settings_references(settings(), company()));
  // Settings without any QuickBooks id pass too.
  json::object bare = settings();
  inner(bare) = json::object{{"revision", 2}};
  EXPECT_FALSE(check_settings_references(bare, company()));
}

struct Case {
  const char* what;
  std::function<void(json::object&)> change;
  const char* path;
  const char* id;
  const char* kind;
};

TEST(SettingsCheck, EachUnknownReferenceIsNamedWithItsPointerAndKind) {
  const std::vector<Case> cases{
      {"tax mapping",
       [](json::object& s) {
         s["tax_mappings"].as_array()[1].as_object()["qbo_tax_code_id"] = "99";
       },
       "/settings/tax_mappings/1/qbo_tax_code_id", "99", "TaxCode"},
      {"exempt code", [](json::object& s) { s["exempt_tax_code_id"] = "77"; },
       "/settings/exempt_tax_code_id", "77", "TaxCode"},
      {"item mapping",
       [](json::object& s) { s["item_mappings"].as_array()[0].as_object()["qbo_item_id"] = "22"; },
       "/settings/item_mappings/0/qbo_item_id", "22", "Item"},
      {"default item", [](json::object& s) { s["default_item_id"] = "8"; },
       "/settings/default_item_id", "8", "Item"},
      {"income account", [](json::object& s) { s["income_account_id"] = "79"; },
       "/settings/income_account_id", "79", "Account"},
      {"deposit account", [](json::object& s) { s["deposit_account_id"] = "80"; },
       "/settings/deposit_account_id", "80", "Account"},
      {"payment method mapping",
       [](json::object& s) {
         s["payment_method_mappings"].as_array()[0].as_object()["qbo_payment_method_id"] = "4";
       },
       "/settings/payment_method_mappings/0/qbo_payment_method_id", "4", "PaymentMethod"},
      {"default payment method", [](json::object& s) { s["default_payment_method_id"] = "5"; },
       "/settings/default_payment_method_id", "5", "PaymentMethod"},
  };
  for (const Case& test : cases) {
    json::object event = settings();
    test.change(inner(event));
    const auto unknown = check_settings_references(event, company());
    ASSERT_TRUE(unknown) << test.what;
    EXPECT_EQ(unknown->path, test.path) << test.what;
    EXPECT_EQ(unknown->id, test.id) << test.what;
    EXPECT_EQ(unknown->kind, test.kind) << test.what;
    EXPECT_NE(unknown->message.find(std::string("Id ") + test.id), std::string::npos)
        << unknown->message;
    EXPECT_NE(unknown->message.find(test.kind), std::string::npos) << unknown->message;
    EXPECT_NE(unknown->message.find(test.path), std::string::npos) << unknown->message;
  }
}

TEST(SettingsCheck, AnInactiveObjectIsRefusedAsUnusable) {
  json::object event = settings();
  inner(event)["exempt_tax_code_id"] = "6";
  const auto unknown = check_settings_references(event, company());
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->path, "/settings/exempt_tax_code_id");
  EXPECT_NE(unknown->message.find("inactive"), std::string::npos) << unknown->message;
}

TEST(SettingsCheck, AnAccountOfTheWrongTypeIsRefused) {
  json::object event = settings();
  inner(event)["deposit_account_id"] = "1";  // an income account cannot take deposits
  auto unknown = check_settings_references(event, company());
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->path, "/settings/deposit_account_id");
  EXPECT_NE(unknown->message.find("type Income"), std::string::npos) << unknown->message;

  event = settings();
  inner(event)["income_account_id"] = "4";  // a bank account is no income account
  unknown = check_settings_references(event, company());
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->path, "/settings/income_account_id");

  // A bank account takes deposits; an account whose type discovery did not keep is not refused.
  event = settings();
  inner(event)["deposit_account_id"] = "4";
  inner(event)["income_account_id"] = "9";
  EXPECT_FALSE(check_settings_references(event, company()));
}

TEST(SettingsCheck, TheFirstProblemInTheDocumentIsReported) {
  json::object event = settings();
  inner(event)["default_payment_method_id"] = "5";
  inner(event)["item_mappings"].as_array()[1].as_object()["qbo_item_id"] = "404";
  inner(event)["tax_mappings"].as_array()[0].as_object()["qbo_tax_code_id"] = "403";
  const auto unknown = check_settings_references(event, company());
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->path, "/settings/tax_mappings/0/qbo_tax_code_id");
}

// A Canadian company whose codes carry their rates, as discovery stores them.
mapping::CompanyData taxed_company() {
  mapping::CompanyData data;
  data.company_info =
      json::parse(R"({"Country":"CA","CompanyAddr":{"CountrySubDivisionCode":"ON"}})").as_object();
  data.tax_rates = json::parse(R"([
    {"Id":"1","Name":"Exempt","RateValue":0},{"Id":"2","Name":"HST ON","RateValue":13},
    {"Id":"3","Name":"GST","RateValue":5},{"Id":"4","Name":"PST BC","RateValue":7},
    {"Id":"5","Name":"HST NS","RateValue":14,"EffectiveTaxRate":[
      {"RateValue":15,"EffectiveDate":"2010-07-01T00:00:00-07:00","EndDate":"2025-03-31T00:00:00-07:00"},
      {"RateValue":14,"EffectiveDate":"2025-04-01T00:00:00-07:00"}]},
    {"Id":"6","Name":"HST PE","RateValue":15}])")
                       .as_array();
  auto code = [](const char* id, const char* name, std::initializer_list<const char*> rates) {
    json::array details;
    for (const char* rate : rates)
      details.push_back(json::object{{"TaxRateRef", json::object{{"value", rate}}}});
    return json::object{{"Id", id},
                        {"Name", name},
                        {"Active", true},
                        {"SalesTaxRateList", {{"TaxRateDetail", details}}}};
  };
  data.tax_codes = {code("2", "Exempt", {"1"}),  code("5", "HST ON", {"2"}),
                    code("7", "GST", {"3"}),     code("9", "GST/PST BC", {"3", "4"}),
                    code("15", "HST NS", {"5"}), code("14", "HST PE", {"6"})};
  return data;
}

json::object tax_settings(const char* mappings, const char* extra = "") {
  return json::parse(std::string(R"({"schema":"settings.changed.v1","account_id":"a",
    "event_id":"e","occurred_at":"2026-03-01T12:00:00Z","settings":{"revision":1,)") +
                     extra + R"("tax_mappings":)" + mappings + "}}")
      .as_object();
}

TEST(SettingsTaxRates, CodesChargingTheMappedRatesPass) {
  const auto event = tax_settings(R"([
    {"crm_tax_name":"HST","crm_tax_rate":"13","qbo_tax_code_id":"5"},
    {"crm_tax_name":"GST","crm_tax_rate":"5","region":"BC","qbo_tax_code_id":"9"},
    {"crm_tax_name":"PST","crm_tax_rate":"7","region":"BC","qbo_tax_code_id":"9"},
    {"crm_tax_name":"GST + PST","crm_tax_rate":"12","qbo_tax_code_id":"9"},
    {"crm_tax_name":"GST","crm_tax_rate":"5","qbo_tax_code_id":"7"}])",
                                  R"("exempt_tax_code_id":"2",)");
  const auto problem = check_settings_references(event, taxed_company(), "2026-03-01");
  EXPECT_FALSE(problem) << problem->message;
}

TEST(SettingsTaxRates, ACodeChargingAnotherRateIsRefusedAtItsField) {
  const auto event = tax_settings(R"([
    {"crm_tax_name":"HST","crm_tax_rate":"13","qbo_tax_code_id":"5"},
    {"crm_tax_name":"GST","crm_tax_rate":"5","qbo_tax_code_id":"7"},
    {"crm_tax_name":"HST ON","crm_tax_rate":"13","qbo_tax_code_id":"14"}])");
  const auto problem = check_settings_references(event, taxed_company(), "2026-03-01");
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->code, "tax_rate_mismatch");
  EXPECT_EQ(problem->path, "/settings/tax_mappings/2/qbo_tax_code_id");
  EXPECT_EQ(problem->id, "14");
  EXPECT_NE(problem->message.find("charges 15 %"), std::string::npos) << problem->message;
  EXPECT_NE(problem->message.find("at 13 %"), std::string::npos) << problem->message;
}

TEST(SettingsTaxRates, ATaxMappedAloneToACombinedCodeIsRefused) {
  const auto event = tax_settings(R"([
    {"crm_tax_name":"GST","crm_tax_rate":"5","region":"BC","qbo_tax_code_id":"9"}])");
  const auto problem = check_settings_references(event, taxed_company(), "2026-03-01");
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->code, "tax_rate_mismatch");
  EXPECT_EQ(problem->path, "/settings/tax_mappings/0/qbo_tax_code_id");
  EXPECT_NE(problem->message.find("5 % + 7 %"), std::string::npos) << problem->message;
}

TEST(SettingsTaxRates, RatesAreTakenOnTheDayOfTheSave) {
  const auto event = tax_settings(R"([
    {"crm_tax_name":"HST","crm_tax_rate":"15","region":"NS","qbo_tax_code_id":"15"}])");
  EXPECT_FALSE(check_settings_references(event, taxed_company(), "2025-03-31"));
  const auto problem = check_settings_references(event, taxed_company(), "2025-04-01");
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->code, "tax_rate_mismatch");
  EXPECT_NE(problem->message.find("charges 14 % on 2025-04-01"), std::string::npos)
      << problem->message;
}

TEST(SettingsTaxRates, AnUntaxedCodeMustChargeNothing) {
  auto problem = check_settings_references(tax_settings("[]", R"("exempt_tax_code_id":"5",)"),
                                           taxed_company(), "2026-03-01");
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->code, "tax_rate_mismatch");
  EXPECT_EQ(problem->path, "/settings/exempt_tax_code_id");
  EXPECT_NE(problem->message.find("charges 13 %"), std::string::npos) << problem->message;
  problem = check_settings_references(tax_settings("[]", R"("zero_rated_tax_code_id":"7",)"),
                                      taxed_company(), "2026-03-01");
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->path, "/settings/zero_rated_tax_code_id");
  problem = check_settings_references(tax_settings("[]", R"("zero_rated_tax_code_id":"77",)"),
                                      taxed_company(), "2026-03-01");
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->code, "unknown_qbo_reference");
}

}  // namespace
}  // namespace qbo_sync::runtime
