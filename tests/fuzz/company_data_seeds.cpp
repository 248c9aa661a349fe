// Writes the seed corpus of company_data_fuzzer: the company documents of the tax tests' fixture
// companies (Canada, the US with and without automated sales tax, the UK), one file each, into the
// directory given as the only argument.
#include <boost/json.hpp>
#include <fstream>
#include <iostream>
#include <string>

#include "company_fixtures.h"

int main(int argc, char** argv) {
  using qbo_sync::tax::testing::Company;
  if (argc != 2) {
    std::cerr << "usage: company_data_seeds <output directory>\n";
    return 2;
  }
  int number = 0;
  for (auto company : {Company::canada, Company::united_states, Company::united_states_ast,
                       Company::united_kingdom}) {
    namespace fixtures = qbo_sync::tax::testing;
    const boost::json::object document{{"CompanyInfo", fixtures::company_info_json(company)},
                                       {"Preferences", fixtures::preferences_json(company)},
                                       {"TaxCode", fixtures::tax_codes_json(company)},
                                       {"TaxRate", fixtures::tax_rates_json(company)},
                                       {"Account", boost::json::array{}},
                                       {"Item", boost::json::array{}},
                                       {"PaymentMethod", boost::json::array{}}};
    std::ofstream(std::string(argv[1]) + "/company-" + std::to_string(++number) + ".json")
        << boost::json::serialize(document);
  }
  return 0;
}
