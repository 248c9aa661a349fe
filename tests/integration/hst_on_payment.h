// The synthetic payments of the load tests: one taxable line at HST ON 13 %, paid by card, in CAD.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <string>

#include "money/amount.h"

namespace qbo_sync::testing {

// Payment `n` of a run tagged `tag` (ids "pay-<tag>-<n>" and "evt-<tag>-<n>"), by `contact`, of one
// line of `product` (its product_id, name and any more line fields) at `price` cents: whole
// dollars, so that the 13 % tax is exact in cents. Callers add or change the payment's fields.
inline boost::json::object hst_on_payment(const std::string& tag, int n, int64_t price,
                                          const boost::json::object& product,
                                          boost::json::object contact) {
  namespace json = boost::json;
  const auto money = [](int64_t cents) { return money::Amount{cents, 2}.to_string(); };
  const int64_t tax = price * 13 / 100;
  json::object line{
      {"line_id", "li-1"},
      {"quantity", "1"},
      {"unit_price", money(price)},
      {"amount", money(price)},
      {"taxable", true},
      {"tax_lines",
       json::array{json::object{{"name", "HST ON"}, {"rate", "13"}, {"amount", money(tax)}}}}};
  for (const auto& field : product) line[field.key()] = field.value();
  json::object paid{{"id", "pay-" + tag + "-" + std::to_string(n)},
                    {"revision", 1},
                    {"source", "product"},
                    {"method", "card"},
                    {"paid_at", "2026-03-02T14:05:09Z"},
                    {"currency", "CAD"},
                    {"tax_inclusive", false},
                    {"contact", std::move(contact)},
                    {"lines", json::array{std::move(line)}},
                    {"subtotal", money(price)},
                    {"discount_total", "0.00"},
                    {"tax_total", money(tax)},
                    {"total", money(price + tax)}};
  return json::object{{"schema", "payment.completed.v1"},
                      {"account_id", "acct-demo-ca"},
                      {"event_id", "evt-" + tag + "-" + std::to_string(n)},
                      {"occurred_at", "2026-03-02T14:05:11Z"},
                      {"payment", std::move(paid)}};
}

}  // namespace qbo_sync::testing
