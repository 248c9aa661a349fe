#include "company_fixtures.h"

#include <cstdlib>
#include <iostream>
#include <string>

#include <boost/json/parse.hpp>

namespace qbo_sync::tax::testing {
namespace {

namespace json = boost::json;

json::value parsed(const char* text) {
  return json::parse(text);
}

// Sales rates (and the purchase rates the real sandbox has, which a sales line must never use).
const char* kCanadaRates = R"([
 {"Id":"1","Name":"GST EP","Active":true,"RateValue":0,"SpecialTaxType":"NONE"},
 {"Id":"2","Name":"GST ES","Active":true,"RateValue":0,"SpecialTaxType":"NONE"},
 {"Id":"3","Name":"GST/HST (ITC) ZR","Active":true,"RateValue":0,"SpecialTaxType":"ZERO_RATE"},
 {"Id":"4","Name":"GST/HST ZR","Active":true,"RateValue":0,"SpecialTaxType":"ZERO_RATE"},
 {"Id":"11","Name":"HST (ITC) ON","Active":true,"RateValue":13},
 {"Id":"12","Name":"HST ON","Active":true,"RateValue":13,
  "EffectiveTaxRate":[{"RateValue":13,"EffectiveDate":"2010-07-01T00:00:00-07:00"}]},
 {"Id":"13","Name":"NOTAXP","Active":true,"RateValue":0},
 {"Id":"14","Name":"NOTAXS","Active":true,"RateValue":0},
 {"Id":"20","Name":"GST","Active":true,"RateValue":5},
 {"Id":"21","Name":"QST QC - 9.975","Active":true,"RateValue":9.975},
 {"Id":"22","Name":"PST BC","Active":true,"RateValue":7},
 {"Id":"23","Name":"PST SK","Active":true,"RateValue":6},
 {"Id":"24","Name":"RST MB","Active":true,"RateValue":7},
 {"Id":"25","Name":"HST NB 2016","Active":true,"RateValue":15},
 {"Id":"26","Name":"HST NL 2016","Active":true,"RateValue":15},
 {"Id":"27","Name":"HST PE 2016","Active":true,"RateValue":15},
 {"Id":"28","Name":"HST NS","Active":true,"RateValue":15},
 {"Id":"29","Name":"HST NS 2025","Active":true,"RateValue":14,
  "EffectiveTaxRate":[{"RateValue":14,"EffectiveDate":"2025-04-01T00:00:00-07:00"}]}
])";

std::string sales_list(std::initializer_list<const char*> rate_ids) {
  std::string details;
  for (const char* id : rate_ids) {
    if (!details.empty()) details += ",";
    details += std::string(R"({"TaxRateRef":{"value":")") + id +
               R"("},"TaxTypeApplicable":"TaxOnAmount","TaxOrder":0})";
  }
  return R"("SalesTaxRateList":{"TaxRateDetail":[)" + details + "]}";
}

std::string code(const char* id, const char* name, std::initializer_list<const char*> rate_ids,
                 bool active = true) {
  return std::string(R"({"Id":")") + id + R"(","Name":")" + name + R"(","Active":)" +
         (active ? "true" : "false") + R"(,"Taxable":true,"TaxGroup":true,)" +
         sales_list(rate_ids) + R"(,"PurchaseTaxRateList":{"TaxRateDetail":[]}})";
}

std::string canada_codes() {
  return "[" + code("2", "Exempt", {"2"}) + "," + code("3", "Zero-rated", {"4"}) + "," +
         code("4", "GST/HST Adjustment", {}) + "," + code("5", "HST ON", {"12"}) + "," +
         code("6", "Out of Scope", {"14"}) + "," + code("7", "GST", {"20"}) + "," +
         code("8", "GST/QST QC - 9.975", {"20", "21"}) + "," +
         code("9", "GST/PST BC", {"20", "22"}) + "," + code("10", "GST/PST SK", {"20", "23"}) +
         "," + code("11", "GST/PST MB", {"20", "24"}) + "," + code("12", "HST NB 2016", {"25"}) +
         "," + code("13", "HST NL 2016", {"26"}) + "," + code("14", "HST PE 2016", {"27"}) + "," +
         code("15", "HST NS", {"28"}) + "," + code("16", "HST NS 2025", {"29"}) + "," +
         code("17", "PST BC", {"22"}) + "," + code("18", "HST ON (old)", {"12"}, false) + "]";
}

const char* kUnitedKingdomRates = R"([
 {"Id":"31","Name":"20.0% S","Active":true,"RateValue":20},
 {"Id":"32","Name":"5.0% R","Active":true,"RateValue":5},
 {"Id":"33","Name":"0.0% Z","Active":true,"RateValue":0},
 {"Id":"34","Name":"Exempt","Active":true,"RateValue":0}
])";

std::string united_kingdom_codes() {
  return "[" + code("40", "20.0% S", {"31"}) + "," + code("41", "5.0% R", {"32"}) + "," +
         code("42", "0.0% Z", {"33"}) + "," + code("43", "Exempt", {"34"}) + "]";
}

}  // namespace

json::object company_info_json(Company company) {
  switch (company) {
    case Company::canada:
      return parsed(R"({"CompanyInfo":{"Id":"1","CompanyName":"Maple Goods","Country":"CA",
        "CompanyAddr":{"Line1":"5100 Spectrum Way","City":"Mississauga",
                       "CountrySubDivisionCode":"ON","PostalCode":"L4W 5S2"}}})")
          .as_object();
    case Company::united_states:
    case Company::united_states_ast:
      return parsed(R"({"CompanyInfo":{"Id":"1","CompanyName":"Acme","Country":"US",
        "CompanyAddr":{"City":"Austin","CountrySubDivisionCode":"TX"}}})")
          .as_object();
    case Company::united_kingdom:
      return parsed(R"({"Id":"1","CompanyName":"Tea Ltd","Country":"GB"})").as_object();
  }
  return {};
}

json::object preferences_json(Company company) {
  if (company == Company::united_states_ast)
    return parsed(R"({"Preferences":{"TaxPrefs":{"UsingSalesTax":true,"PartnerTaxEnabled":true}}})")
        .as_object();
  return parsed(R"({"Preferences":{"TaxPrefs":{"UsingSalesTax":true}}})").as_object();
}

json::array tax_codes_json(Company company) {
  switch (company) {
    case Company::canada:
      return parsed(canada_codes().c_str()).as_array();
    case Company::united_kingdom:
      return parsed(united_kingdom_codes().c_str()).as_array();
    default:
      return {};
  }
}

json::array tax_rates_json(Company company) {
  switch (company) {
    case Company::canada:
      return parsed(kCanadaRates).as_array();
    case Company::united_kingdom:
      return parsed(kUnitedKingdomRates).as_array();
    default:
      return {};
  }
}

TenantTaxModel model_of(Company company) {
  auto built = build_tax_model(company_info_json(company), preferences_json(company),
                               tax_codes_json(company), tax_rates_json(company));
  if (auto* error = std::get_if<TaxModelError>(&built)) {
    std::cerr << "fixture company does not build: " << error->field << ": " << error->message
              << "\n";
    std::abort();
  }
  return std::get<TenantTaxModel>(built);
}

boost::json::array nova_scotia_hst_codes_json() {
  return boost::json::parse(R"([{"Id":"9","Name":"HST NS","SalesTaxRateList":
    {"TaxRateDetail":[{"TaxRateRef":{"value":"7"},"TaxTypeApplicable":"TaxOnAmount"}]}}])")
      .as_array();
}

boost::json::array nova_scotia_hst_rates_json() {
  return boost::json::parse(R"([{"Id":"7","Name":"HST NS","RateValue":14,
    "EffectiveTaxRate":[
      {"RateValue":15,"EffectiveDate":"2010-07-01T00:00:00-07:00","EndDate":"2025-03-31T00:00:00-07:00"},
      {"RateValue":14,"EffectiveDate":"2025-04-01T00:00:00-07:00"}]}])")
      .as_array();
}

}  // namespace qbo_sync::tax::testing
