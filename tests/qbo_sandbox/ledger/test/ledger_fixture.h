#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <string>
#include <utility>

#include "ledger/ledger.h"

namespace qbo_sandbox::testing {

// A ledger with one company, and short ways to call it as the HTTP layer would.
class LedgerTest : public ::testing::Test {
 protected:
  explicit LedgerTest(CompanyPreset preset = CompanyPreset::canada)
      : ledger(clock), realm(ledger.add_company(preset, "Sandbox Company")) {}

  struct Answer {
    int status = 0;
    boost::json::object body;
  };

  Answer call(std::string method, std::string path, std::string body = {},
              std::map<std::string, std::string> params = {}) {
    ApiRequest request;
    request.method = std::move(method);
    request.realm_id = realm;
    request.path = std::move(path);
    request.params = std::move(params);
    request.body = std::move(body);
    request.content_type = "application/json";
    const auto response = ledger.handle(request);
    last_text = response.body;
    Answer answer;
    answer.status = response.status;
    answer.body = boost::json::parse(response.body).as_object();
    return answer;
  }

  Answer post(std::string path, const boost::json::object& body,
              std::map<std::string, std::string> params = {}) {
    return call("POST", std::move(path), boost::json::serialize(body), std::move(params));
  }
  Answer get(std::string path, std::map<std::string, std::string> params = {}) {
    return call("GET", std::move(path), {}, std::move(params));
  }
  Answer query(const std::string& text) { return get("query", {{"query", text}}); }

  // The first error's code of a fault answer, or "" when the answer is no fault.
  static std::string fault_code(const Answer& answer) {
    const auto* fault = answer.body.if_contains("Fault");
    if (!fault) return {};
    return std::string(fault->at("Error").at(0).at("code").as_string());
  }

  boost::json::object create_customer(const std::string& name) {
    auto answer = post("customer", {{"DisplayName", name}});
    EXPECT_EQ(answer.status, 200) << last_text;
    return answer.body.at("Customer").as_object();
  }

  // A Canadian invoice line of `cents` with the HST ON code of the preset ("13" at 13 %).
  boost::json::object sales_line(double amount, const std::string& tax_code) {
    return {{"Amount", amount},
            {"DetailType", "SalesItemLineDetail"},
            {"SalesItemLineDetail",
             {{"ItemRef", {{"value", "1"}}}, {"TaxCodeRef", {{"value", tax_code}}}}}};
  }

  Clock clock;
  Ledger ledger;
  std::string realm;
  std::string last_text;
};

// A ledger whose company has one customer, `customer_id`, and its sales documents.
class OneCustomerLedgerTest : public LedgerTest {
 protected:
  explicit OneCustomerLedgerTest(std::string customer_name)
      : customer_name_(std::move(customer_name)) {}

  void SetUp() override {
    customer_id = std::string(create_customer(customer_name_).at("Id").as_string());
  }

  // An invoice or sales receipt of the customer: one line of `amount` under `tax_code`.
  boost::json::object sale_body(double amount, const std::string& tax_code = "5") {
    return {{"CustomerRef", {{"value", customer_id}}},
            {"Line", boost::json::array{sales_line(amount, tax_code)}}};
  }

  std::string customer_id;

 private:
  std::string customer_name_;
};

}  // namespace qbo_sandbox::testing
