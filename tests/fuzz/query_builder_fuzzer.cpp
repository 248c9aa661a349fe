// Differential: a query built by qbo::QueryBuilder with fuzzed values, read back by the QBO
// sandbox's own query parser (tests/qbo_sandbox/rules/query.h), must give exactly the values that
// went in: escaping round-trips, and no value can end its literal early or add a condition. The
// percent-encoded form must decode to the same text.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include <boost/url/decode_view.hpp>

#include "fuzz_checks.h"
#include "qbo_client/query_builder.h"
#include "rules/query.h"

namespace {

using namespace qbo_sync;
namespace sandbox = qbo_sandbox::query;

struct Expected {
  sandbox::Operator op;
  std::vector<sandbox::Literal> values;
};

std::pair<qbo::QueryOperator, sandbox::Operator> pick_operator(FuzzedDataProvider& input,
                                                               bool text) {
  switch (input.ConsumeIntegralInRange(0, text ? 1 : 5)) {
    case 1:
      return text ? std::pair{qbo::QueryOperator::like, sandbox::Operator::like}
                  : std::pair{qbo::QueryOperator::less, sandbox::Operator::less};
    case 2:
      return {qbo::QueryOperator::greater, sandbox::Operator::greater};
    case 3:
      return {qbo::QueryOperator::less_or_equal, sandbox::Operator::less_equal};
    case 4:
      return {qbo::QueryOperator::greater_or_equal, sandbox::Operator::greater_equal};
    default:
      return {qbo::QueryOperator::equal, sandbox::Operator::equal};
  }
}

sandbox::Literal text_literal(std::string text) {
  return {sandbox::Literal::Kind::string, std::move(text)};
}

void require_same(const sandbox::Statement& statement, const std::vector<Expected>& expected,
                  const std::string& query) {
  fuzz::require(statement.conditions.size() == expected.size(),
                "the sandbox reads as many conditions as were built", query);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& condition = statement.conditions[i];
    fuzz::require(condition.op == expected[i].op, "each condition keeps its operator", query);
    fuzz::require(condition.values.size() == expected[i].values.size(),
                  "each condition keeps its number of values", query);
    for (std::size_t j = 0; j < condition.values.size(); ++j) {
      fuzz::require(condition.values[j].kind == expected[i].values[j].kind &&
                        condition.values[j].text == expected[i].values[j].text,
                    "each value reads back exactly", query);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider input(data, size);
  auto builder = input.ConsumeBool() ? qbo::QueryBuilder::select_all("Customer")
                                     : qbo::QueryBuilder::count("Customer");
  std::vector<Expected> expected;
  const int conditions = input.ConsumeIntegralInRange(1, 4);
  for (int i = 0; i < conditions; ++i) {
    switch (input.ConsumeIntegralInRange(0, 3)) {
      case 0: {
        const auto [op, read_op] = pick_operator(input, true);
        auto value = input.ConsumeRandomLengthString(200);
        builder.where("DisplayName", op, value);
        expected.push_back({read_op, {text_literal(std::move(value))}});
        break;
      }
      case 1: {
        std::vector<std::string> values(input.ConsumeIntegralInRange(1, 4));
        std::vector<sandbox::Literal> literals;
        for (auto& value : values) {
          value = input.ConsumeRandomLengthString(60);
          literals.push_back(text_literal(value));
        }
        builder.where_in("FamilyName", values);
        expected.push_back({sandbox::Operator::in, std::move(literals)});
        break;
      }
      case 2: {
        const auto [op, read_op] = pick_operator(input, false);
        const auto number = input.ConsumeIntegral<std::int64_t>();
        builder.where("Balance", op, number);
        // Numbers are written quoted, as QBO's own examples do.
        expected.push_back({read_op, {text_literal(std::to_string(number))}});
        break;
      }
      default: {
        const bool active = input.ConsumeBool();
        builder.where("Active", active);
        expected.push_back({sandbox::Operator::equal,
                            {{sandbox::Literal::Kind::boolean, active ? "true" : "false"}}});
        break;
      }
    }
  }
  const std::string query = builder.str();
  const auto parsed = sandbox::parse(query);
  if (const auto* fault = std::get_if<qbo_sandbox::Fault>(&parsed)) {
    fuzz::fail("the sandbox parses every built query", query + "\n  " + fault->detail);
  }
  require_same(std::get<sandbox::Statement>(parsed), expected, query);

  const std::string encoded = builder.url_encoded();
  const boost::urls::decode_view decoded(encoded);
  fuzz::require(std::string(decoded.begin(), decoded.end()) == query,
                "the percent-encoded query decodes to the query", encoded);
  return 0;
}
