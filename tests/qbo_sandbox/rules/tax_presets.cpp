// The TaxCode and TaxRate objects a new sandbox company starts with.
//
// Canada: Ids 2-6 (codes) and 1-4, 11-14 (rates) are those of Intuit's Canadian sandbox company
// (an Ontario company), with their real names. Intuit's sandbox has no other provinces; the codes
// from Id 7 up (GST, HST NB/NL/PE/NS, GST/PST BC SK MB, GST/QST QC) follow the names QBO gives
// them in real companies that have those provinces set up, at the rates in force in 2025-26.
// A fresh Canadian company has the federal and harmonized codes only; a provincial agency (QST,
// PST BC, PST SK, RST MB) brings its rate and codes when it is added.
// US: the pseudo codes TAX and NON that lines carry, and two tax groups (one rate, two rates)
// for TxnTaxCodeRef, as in a non-AST company.

#include <string>
#include <vector>

#include "tax.h"

namespace qbo_sandbox::tax {
namespace {

struct Period {
  const char* rate;
  const char* effective_date;
  const char* end_date;
};

struct RateSpec {
  const char* id;
  const char* name;
  const char* description;
  const char* rate;  // percent, exact text
  const char* agency_id;
  const char* special_tax_type;
  const char* effective_date;  // when the rate took effect
  const char* end_date;        // nullptr: still in force
  // Earlier rates, oldest first, when the rate changed in place (QBO keeps one TaxRate and lists
  // each period in EffectiveTaxRate); the current period is the fields above.
  std::vector<Period> history = {};
};

struct CodeSpec {
  const char* id;
  const char* name;
  const char* description;
  std::vector<const char*> sales_rates;
  std::vector<const char*> purchase_rates;
  bool taxable = true;
  bool tax_group = true;
};

const std::vector<RateSpec>& canadian_rates() {
  static const std::vector<RateSpec> rates = {
      {"1", "GST EP", "GST Exempt Purchases", "0", "1", "NONE", "2010-07-01", nullptr},
      {"2", "GST ES", "GST Exempt Sales", "0", "1", "NONE", "2010-07-01", nullptr},
      {"3", "GST/HST (ITC) ZR", "GST/HST Zero-rated Purchases", "0", "1", "ZERO_RATE", "2010-07-01",
       nullptr},
      {"4", "GST/HST ZR", "GST/HST Zero-rated Sales", "0", "1", "ZERO_RATE", "2010-07-01", nullptr},
      {"11", "HST (ITC) ON", "HST Ontario Purchases", "13", "1", "NONE", "2010-07-01", nullptr},
      {"12", "HST ON", "HST Ontario Sales", "13", "1", "NONE", "2010-07-01", nullptr},
      {"13", "NOTAXP", "No Tax Purchases", "0", "1", "NONE", "2010-07-01", nullptr},
      {"14", "NOTAXS", "No Tax Sales", "0", "1", "NONE", "2010-07-01", nullptr},
      {"15", "GST (ITC)", "GST Purchases", "5", "1", "NONE", "2008-01-01", nullptr},
      {"16", "GST", "GST Sales", "5", "1", "NONE", "2008-01-01", nullptr},
      {"17", "HST (ITC) NB 2016", "HST New Brunswick Purchases", "15", "1", "NONE", "2016-07-01",
       nullptr},
      {"18", "HST NB 2016", "HST New Brunswick Sales", "15", "1", "NONE", "2016-07-01", nullptr},
      {"19", "HST (ITC) NL 2016", "HST Newfoundland and Labrador Purchases", "15", "1", "NONE",
       "2016-07-01", nullptr},
      {"20", "HST NL 2016", "HST Newfoundland and Labrador Sales", "15", "1", "NONE", "2016-07-01",
       nullptr},
      {"21", "HST (ITC) PE 2016", "HST Prince Edward Island Purchases", "15", "1", "NONE",
       "2016-10-01", nullptr},
      {"22", "HST PE 2016", "HST Prince Edward Island Sales", "15", "1", "NONE", "2016-10-01",
       nullptr},
      {"23", "HST (ITC) NS", "HST Nova Scotia Purchases", "15", "1", "NONE", "2010-07-01",
       "2025-03-31"},
      {"24", "HST NS", "HST Nova Scotia Sales", "15", "1", "NONE", "2010-07-01", "2025-03-31"},
      {"25", "HST (ITC) NS 2025", "HST Nova Scotia Purchases", "14", "1", "NONE", "2025-04-01",
       nullptr},
      {"26", "HST NS 2025", "HST Nova Scotia Sales", "14", "1", "NONE", "2025-04-01", nullptr},
      {"27", "PST BC", "PST British Columbia Sales", "7", "2", "NONE", "2013-04-01", nullptr},
      {"28", "PST SK", "PST Saskatchewan Sales", "6", "3", "NONE", "2017-03-23", nullptr},
      {"29", "RST MB", "RST Manitoba Sales", "7", "4", "NONE", "2019-07-01", nullptr},
      {"30", "QST QC - 9.975", "QST Quebec Sales", "9.975", "5", "NONE", "2013-01-01", nullptr},
      {"31", "QST (ITR) QC - 9.975", "QST Quebec Purchases", "9.975", "5", "NONE", "2013-01-01",
       nullptr},
  };
  return rates;
}

const std::vector<CodeSpec>& canadian_codes() {
  static const std::vector<CodeSpec> codes = {
      {"2", "Exempt", "Tax-exempt", {"2"}, {"1"}},
      {"3", "Zero-rated", "Zero-rated", {"4"}, {"3"}},
      {"4", "GST/HST Adjustment", "Tax adjustment", {}, {}},
      {"5", "HST ON", "Harmonized federal and provincial tax (Ontario)", {"12"}, {"11"}},
      {"6", "Out of Scope", "Out of scope", {"14"}, {"13"}},
      {"7", "GST", "Goods and services tax", {"16"}, {"15"}},
      {"8", "HST NB 2016", "Harmonized federal and provincial tax (New Brunswick)", {"18"}, {"17"}},
      {"9",
       "HST NL 2016",
       "Harmonized federal and provincial tax (Newfoundland and Labrador)",
       {"20"},
       {"19"}},
      {"10",
       "HST PE 2016",
       "Harmonized federal and provincial tax (Prince Edward Island)",
       {"22"},
       {"21"}},
      {"11", "HST NS", "Harmonized federal and provincial tax (Nova Scotia)", {"24"}, {"23"}},
      {"12", "HST NS 2025", "Harmonized federal and provincial tax (Nova Scotia)", {"26"}, {"25"}},
      {"13", "GST/PST BC", "GST and PST (British Columbia)", {"16", "27"}, {"15"}},
      {"14", "GST/PST SK", "GST and PST (Saskatchewan)", {"16", "28"}, {"15"}},
      {"15", "GST/PST MB", "GST and RST (Manitoba)", {"16", "29"}, {"15"}},
      {"16", "GST/QST QC - 9.975", "GST and QST (Quebec)", {"16", "30"}, {"15", "31"}},
  };
  return codes;
}

// A new Canadian company: the federal codes and the harmonized provinces. Ids as in the full
// preset where the object is the same; Nova Scotia's HST is one rate whose value changed.
const std::vector<RateSpec>& fresh_canadian_rates() {
  static const std::vector<RateSpec> rates = [] {
    std::vector<RateSpec> kept;
    for (const auto& rate : canadian_rates()) {
      const std::string id = rate.id;
      if (id == "1" || id == "2" || id == "3" || id == "4" || id == "11" || id == "12" ||
          id == "13" || id == "14" || id == "15" || id == "16" || id == "17" || id == "18" ||
          id == "19" || id == "20" || id == "21" || id == "22")
        kept.push_back(rate);
    }
    kept.push_back({"23",
                    "HST (ITC) NS",
                    "HST Nova Scotia Purchases",
                    "14",
                    "1",
                    "NONE",
                    "2025-04-01",
                    nullptr,
                    {{"15", "2010-07-01", "2025-03-31"}}});
    kept.push_back({"24",
                    "HST NS",
                    "HST Nova Scotia Sales",
                    "14",
                    "1",
                    "NONE",
                    "2025-04-01",
                    nullptr,
                    {{"15", "2010-07-01", "2025-03-31"}}});
    return kept;
  }();
  return rates;
}

const std::vector<CodeSpec>& fresh_canadian_codes() {
  static const std::vector<CodeSpec> codes = [] {
    std::vector<CodeSpec> kept;
    for (const auto& code : canadian_codes()) {
      const int id = std::stoi(code.id);
      if (id <= 11) kept.push_back(code);
    }
    return kept;
  }();
  return codes;
}

struct AgencySpec {
  const char* agency;
  std::vector<const char*> rate_ids;
  std::vector<const char*> code_ids;
};

// The full preset's objects each provincial agency brings.
const std::vector<AgencySpec>& agencies() {
  static const std::vector<AgencySpec> list = {
      {"QST", {"30", "31"}, {"16"}},
      {"PST BC", {"27"}, {"13"}},
      {"PST SK", {"28"}, {"14"}},
      {"RST MB", {"29"}, {"15"}},
  };
  return list;
}

const std::vector<RateSpec>& us_rates() {
  static const std::vector<RateSpec> rates = {
      {"3", "California", "California state sales tax", "8", "1", "NONE", "2015-01-01", nullptr},
      {"4", "AZ State tax", "Arizona state sales tax", "7.1", "2", "NONE", "2015-01-01", nullptr},
      {"5", "Tucson City", "Tucson city sales tax", "2", "3", "NONE", "2015-01-01", nullptr},
  };
  return rates;
}

const std::vector<CodeSpec>& us_codes() {
  static const std::vector<CodeSpec> codes = {
      {"TAX", "TAX", "TAX", {}, {}, true, false},
      {"NON", "NON", "NON", {}, {}, false, false},
      {"2", "California", "California", {"3"}, {}, true, true},
      {"3", "Tucson", "Tucson", {"4", "5"}, {}, true, true},
  };
  return codes;
}

const RateSpec* find_rate(const std::vector<RateSpec>& rates, const char* id) {
  for (const auto& rate : rates) {
    if (std::string(rate.id) == id) {
      return &rate;
    }
  }
  return nullptr;
}

boost::json::value number(const char* text) {
  // Rates are written as QBO writes them: 13, 9.975.
  const std::string value(text);
  if (value.find('.') == std::string::npos) {
    return std::stoll(value);
  }
  return std::stod(value);
}

boost::json::object rate_list(const std::vector<RateSpec>& rates,
                              const std::vector<const char*>& ids) {
  boost::json::array details;
  for (const char* id : ids) {
    const RateSpec* rate = find_rate(rates, id);
    details.push_back(boost::json::object{
        {"TaxRateRef", {{"value", id}, {"name", rate != nullptr ? rate->name : ""}}},
        {"TaxTypeApplicable", "TaxOnAmount"},
        {"TaxOrder", 0}});
  }
  return {{"TaxRateDetail", std::move(details)}};
}

boost::json::array build_codes(const std::vector<CodeSpec>& codes,
                               const std::vector<RateSpec>& rates) {
  boost::json::array result;
  for (const auto& code : codes) {
    result.push_back(
        boost::json::object{{"Name", code.name},
                            {"Description", code.description},
                            {"Active", true},
                            {"Hidden", false},
                            {"Taxable", code.taxable},
                            {"TaxGroup", code.tax_group},
                            {"SalesTaxRateList", rate_list(rates, code.sales_rates)},
                            {"PurchaseTaxRateList", rate_list(rates, code.purchase_rates)},
                            {"domain", "QBO"},
                            {"sparse", false},
                            {"Id", code.id},
                            {"SyncToken", "0"}});
  }
  return result;
}

boost::json::array build_rates(const std::vector<RateSpec>& rates) {
  boost::json::array result;
  for (const auto& rate : rates) {
    boost::json::array periods;
    auto add_period = [&periods](const char* value, const char* from, const char* to) {
      boost::json::object effective{{"RateValue", number(value)},
                                    {"EffectiveDate", std::string(from) + "T00:00:00-08:00"}};
      if (to != nullptr) effective["EndDate"] = std::string(to) + "T00:00:00-08:00";
      periods.push_back(std::move(effective));
    };
    for (const auto& period : rate.history)
      add_period(period.rate, period.effective_date, period.end_date);
    add_period(rate.rate, rate.effective_date, rate.end_date);
    result.push_back(boost::json::object{{"Name", rate.name},
                                         {"Description", rate.description},
                                         {"Active", true},
                                         {"RateValue", number(rate.rate)},
                                         {"AgencyRef", {{"value", rate.agency_id}}},
                                         {"SpecialTaxType", rate.special_tax_type},
                                         {"DisplayType", "ReadOnly"},
                                         {"EffectiveTaxRate", std::move(periods)},
                                         {"domain", "QBO"},
                                         {"sparse", false},
                                         {"Id", rate.id},
                                         {"SyncToken", "0"}});
  }
  return result;
}

}  // namespace

boost::json::array preset_tax_codes(Region region) {
  return region == Region::canada ? build_codes(canadian_codes(), canadian_rates())
                                  : build_codes(us_codes(), us_rates());
}

boost::json::array preset_tax_rates(Region region) {
  return build_rates(region == Region::canada ? canadian_rates() : us_rates());
}

boost::json::array fresh_canadian_tax_codes() {
  return build_codes(fresh_canadian_codes(), fresh_canadian_rates());
}

boost::json::array fresh_canadian_tax_rates() {
  return build_rates(fresh_canadian_rates());
}

std::optional<AgencyTaxObjects> agency_tax_objects(std::string_view agency) {
  for (const auto& spec : agencies()) {
    if (agency != spec.agency) continue;
    std::vector<RateSpec> rates;
    for (const char* id : spec.rate_ids) rates.push_back(*find_rate(canadian_rates(), id));
    std::vector<CodeSpec> codes;
    for (const auto& code : canadian_codes()) {
      for (const char* id : spec.code_ids) {
        if (std::string(code.id) == id) codes.push_back(code);
      }
    }
    // The codes name GST's rate too, which every Canadian company has.
    return AgencyTaxObjects{build_codes(codes, canadian_rates()), build_rates(rates)};
  }
  return std::nullopt;
}

}  // namespace qbo_sandbox::tax
