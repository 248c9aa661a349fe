// How fast the sandbox's rules answer: query execution over a large name list, and totals
// for a typical Canadian invoice. Run: qbo_sandbox_rules_bench

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include <boost/json/parse.hpp>

#include "query.h"
#include "tax.h"

namespace {

using namespace qbo_sandbox;

std::vector<boost::json::object> make_customers(int count) {
  std::vector<boost::json::object> customers;
  for (int i = 0; i < count; ++i) {
    const std::string name = "Customer " + std::to_string((i * 7919) % count);
    customers.push_back(boost::json::object{
        {"Id", std::to_string(i + 1)},
        {"DisplayName", name},
        {"FullyQualifiedName", name},
        {"Active", i % 10 != 0},
        {"Balance", 12.5},
        {"MetaData",
         {{"CreateTime", "2024-01-10T09:00:00-08:00"},
          {"LastUpdatedTime", "2024-03-0" + std::to_string(1 + i % 9) + "T10:00:00-08:00"}}}});
  }
  return customers;
}

void run_query(benchmark::State& state, const char* text) {
  const auto customers = make_customers(static_cast<int>(state.range(0)));
  std::vector<const boost::json::object*> objects;
  for (const auto& customer : customers) {
    objects.push_back(&customer);
  }
  for (auto _ : state) {
    auto statement = std::get<query::Statement>(query::parse(text));
    auto result = query::execute(statement, objects);
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_QueryFirstPage(benchmark::State& state) {
  run_query(state, "SELECT * FROM Customer STARTPOSITION 1 MAXRESULTS 100");
}
void BM_QueryByDisplayName(benchmark::State& state) {
  run_query(state, "SELECT * FROM Customer WHERE DisplayName = 'Customer 17'");
}
void BM_QueryChangedSince(benchmark::State& state) {
  run_query(state,
            "SELECT * FROM Customer WHERE MetaData.LastUpdatedTime > '2024-03-05T00:00:00-08:00' "
            "ORDERBY MetaData.LastUpdatedTime DESC MAXRESULTS 10");
}
void BM_QueryCount(benchmark::State& state) {
  run_query(state, "SELECT COUNT(*) FROM Customer");
}

void BM_ComputeTotals(benchmark::State& state) {
  const auto codes = tax::preset_tax_codes(tax::Region::canada);
  const auto rates = tax::preset_tax_rates(tax::Region::canada);
  const auto invoice = boost::json::parse(R"({"Line":[
    {"DetailType":"SalesItemLineDetail","Amount":50,"SalesItemLineDetail":{"Qty":5,"UnitPrice":10,"TaxCodeRef":{"value":"5"}}},
    {"DetailType":"SalesItemLineDetail","Amount":70,"SalesItemLineDetail":{"TaxCodeRef":{"value":"16"}}},
    {"DetailType":"DiscountLineDetail","Amount":10,"DiscountLineDetail":{"PercentBased":false}}]})")
                           .as_object();
  for (auto _ : state) {
    auto document = invoice;
    auto fault = tax::compute_totals(document, "Invoice", tax::Region::canada, codes, rates);
    benchmark::DoNotOptimize(fault);
    benchmark::DoNotOptimize(document);
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_QueryFirstPage)->Arg(100)->Arg(5000);
BENCHMARK(BM_QueryByDisplayName)->Arg(100)->Arg(5000);
BENCHMARK(BM_QueryChangedSince)->Arg(5000);
BENCHMARK(BM_QueryCount)->Arg(5000);
BENCHMARK(BM_ComputeTotals);

}  // namespace

BENCHMARK_MAIN();
