// How many requests per second the ledger answers on one thread, with a company already holding
// `range(0)` customers and as many invoices, so that the sandbox never limits the plugin's
// benchmarks (the HTTP layer adds its own cost on top).
#include <benchmark/benchmark.h>

#include <boost/json.hpp>

#include "ledger/ledger.h"

namespace qbo_sandbox {
namespace {

namespace json = boost::json;

struct Company {
  explicit Company(std::int64_t size)
      : ledger(clock), realm(ledger.add_company(CompanyPreset::canada, "Bench")) {
    for (std::int64_t i = 0; i < size; ++i) {
      const auto customer =
          call("POST", "customer",
               json::serialize(json::object{{"DisplayName", "Customer " + std::to_string(i)}}));
      const auto id = json::parse(customer.body).at("Customer").at("Id");
      call("POST", "invoice", invoice_body(id));
      last_customer = id;
    }
  }

  static std::string invoice_body(const json::value& customer) {
    return json::serialize(json::object{
        {"CustomerRef", {{"value", customer}}},
        {"Line",
         json::array{{{"Amount", 100.0},
                      {"DetailType", "SalesItemLineDetail"},
                      {"SalesItemLineDetail",
                       {{"ItemRef", {{"value", "1"}}}, {"TaxCodeRef", {{"value", "5"}}}}}}}}});
  }

  ApiResponse call(std::string method, std::string path, std::string body = {},
                   std::map<std::string, std::string> params = {}) {
    return ledger.handle({.method = std::move(method),
                          .realm_id = realm,
                          .path = std::move(path),
                          .params = std::move(params),
                          .body = std::move(body),
                          .content_type = {}});
  }

  Clock clock;
  Ledger ledger;
  std::string realm;
  json::value last_customer;
};

void CreateCustomer(benchmark::State& state) {
  Company company(state.range(0));
  std::int64_t next = 0;
  for (auto _ : state) {
    const auto response = company.call(
        "POST", "customer",
        json::serialize(json::object{{"DisplayName", "New " + std::to_string(next++)}}));
    if (response.status != 200) state.SkipWithError("create failed");
  }
  state.SetItemsProcessed(state.iterations());
}

void CreateInvoice(benchmark::State& state) {
  Company company(state.range(0));
  const auto body = Company::invoice_body(company.last_customer);
  for (auto _ : state) {
    if (company.call("POST", "invoice", body).status != 200) state.SkipWithError("create failed");
  }
  state.SetItemsProcessed(state.iterations());
}

void ReadInvoice(benchmark::State& state) {
  Company company(state.range(0));
  for (auto _ : state) {
    if (company.call("GET", "invoice/1").status != 200) state.SkipWithError("read failed");
  }
  state.SetItemsProcessed(state.iterations());
}

void QueryCustomerByName(benchmark::State& state) {
  Company company(state.range(0));
  for (auto _ : state) {
    const auto response = company.call(
        "GET", "query", {}, {{"query", "SELECT * FROM Customer WHERE DisplayName = 'Customer 7'"}});
    if (response.status != 200) state.SkipWithError("query failed");
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(CreateCustomer)->Arg(10)->Arg(2000)->Unit(benchmark::kMicrosecond);
BENCHMARK(CreateInvoice)->Arg(10)->Arg(2000)->Unit(benchmark::kMicrosecond);
BENCHMARK(ReadInvoice)->Arg(10)->Arg(2000)->Unit(benchmark::kMicrosecond);
BENCHMARK(QueryCustomerByName)->Arg(10)->Arg(2000)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace qbo_sandbox

BENCHMARK_MAIN();
