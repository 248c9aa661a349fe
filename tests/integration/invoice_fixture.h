// What the invoice tests share: the examples' invoice INV-1001 as a story of events of its own per
// test, and a fixture with a plugin, a sandbox and readers of the sandbox's ledger.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "connected_plugin_fixture.h"
#include "money/amount.h"
#include "money/json_numbers.h"
#include "sandbox_faults.h"
#include "schema_example.h"
#include "utc_text.h"

namespace qbo_sync::testing {

namespace json = boost::json;
inline constexpr const char* kAccount = "acct-demo-ca";

// Minor units of a QBO amount (JSON number or text), read exactly.
inline int64_t cents(const json::value& value) {
  const auto decimal = money::decimal_from_json(value);
  if (!decimal) return -1;
  const auto amount = money::Amount::parse(decimal->to_string(), 2);
  return amount ? amount->minor : -1;
}

inline std::string money_text(int64_t minor) {
  return money::Amount{minor, 2}.to_string();
}

// The life of the examples' invoice INV-1001 (sent; discount added; partly paid; paid), renamed
// for one test so that every test's invoice is its own and created after the connection.
class InvoiceStory {
 public:
  explicit InvoiceStory(std::string tag)
      : tag_(std::move(tag)), created_at_(utc_text_in(std::chrono::seconds{2})) {}

  json::object sent() const {
    return adapt(valid_example("invoice.sent.v1", "01-ca-on-inv-1001.json"));
  }
  // The sent invoice with these of its fields replaced.
  json::object sent_with(const json::object& fields) const {
    json::object event = sent();
    auto& invoice = event["invoice"].as_object();
    for (const auto& field : fields) invoice[field.key()] = field.value();
    return event;
  }
  json::object discounted() const {
    return adapt(valid_example("invoice.updated.v1", "01-ca-on-inv-1001-discount-added.json"));
  }
  json::object partly_paid() const {
    return adapt(valid_example("invoice.updated.v1", "02-ca-on-inv-1001-partly-paid.json"));
  }
  json::object paid() const {
    return adapt(valid_example("invoice.updated.v1", "03-ca-on-inv-1001-paid.json"));
  }

  // The sent invoice as an update at `revision` with line 1's quantity `quantity` (8 as sent):
  // 125.00 each, HST 13 %, and the travel fee of 40.00 (+5.20).
  json::object with_quantity(int64_t revision, int quantity) const {
    json::object event = as_update(sent(), revision);
    auto& invoice = event["invoice"].as_object();
    auto& line = invoice["lines"].as_array()[0].as_object();
    const int64_t amount = 12500 * quantity;
    const int64_t tax = 1625 * quantity;
    line["quantity"] = std::to_string(quantity);
    line["amount"] = money_text(amount);
    line["tax_lines"].as_array()[0].as_object()["amount"] = money_text(tax);
    const int64_t subtotal = amount + 4000;
    const int64_t tax_total = tax + 520;
    invoice["subtotal"] = money_text(subtotal);
    invoice["tax_total"] = money_text(tax_total);
    invoice["total"] = money_text(subtotal + tax_total);
    invoice["amount_due"] = money_text(subtotal + tax_total);
    return event;
  }

  // `event` as an invoice.updated event at `revision`.
  json::object as_update(json::object event, int64_t revision) const {
    event["schema"] = "invoice.updated.v1";
    event["event_id"] = "evt-" + tag_ + "-r" + std::to_string(revision);
    event["invoice"].as_object()["revision"] = revision;
    return event;
  }

  std::string id() const { return "inv-" + tag_; }
  std::string number() const { return "T-" + tag_; }

 private:
  json::object adapt(json::object event) const {
    event["event_id"] = std::string(event["event_id"].as_string()) + "-" + tag_;
    auto& invoice = event["invoice"].as_object();
    invoice["id"] = id();
    invoice["number"] = number();
    invoice["created_at"] = created_at_;
    invoice["sent_at"] = created_at_;
    return event;
  }

  std::string tag_;
  std::string created_at_;
};

// A plugin and a sandbox of its own per test, with the readers of what the ledger holds.
class InvoiceFixture : public ConnectedPluginFixture {
 protected:
  // Sends the event through its hook (sent or updated by its schema) and expects it accepted.
  Answer send(const json::object& event) {
    const std::string payload = json::serialize(event);
    Answer answer = event.at("schema") == "invoice.sent.v1" ? plugin_->invoice_sent(payload)
                                                            : plugin_->invoice_updated(payload);
    EXPECT_EQ(answer.status, QBO_SYNC_OK) << answer.text;
    return answer;
  }

  // Sends the event and waits until its invoice's record settles as completed.
  void send_synced(const json::object& event) {
    send(event);
    const auto record = settled(std::string(event.at("invoice").at("id").as_string()));
    EXPECT_EQ(record.at("status"), "completed") << json::serialize(record);
  }

  // Connects, then sends the invoice of a new story tagged `tag` and waits until it is in QBO.
  InvoiceStory connected_with_invoice(const std::string& tag) {
    connect();
    InvoiceStory story(tag);
    send_synced(story.sent());
    return story;
  }

  // The sandbox writes the next Payment but answers HTTP 500, as when the answer is lost.
  void lose_next_payment_answer() { inject(fault_after_write("http_500", "Payment")); }

  // Waits until no record is todo; returns the one invoice record of `crm_id`.
  json::object settled(const std::string& crm_id,
                       std::chrono::seconds limit = std::chrono::seconds(30)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    for (;;) {
      json::array now = records();
      bool pending = false;
      for (const auto& record : now) pending |= record.at("status") == "todo";
      if (!pending || std::chrono::steady_clock::now() > deadline) {
        for (const auto& record : now) {
          if (record.at("object_id") == crm_id.c_str()) return record.as_object();
        }
        ADD_FAILURE() << "no record for " << crm_id;
        return {};
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  // Waits until the records settle; expects the one of `crm_id` to be `status` for `reason`.
  json::object settled_as(const std::string& crm_id, const std::string& status,
                          const std::string& reason) {
    json::object record = settled(crm_id);
    EXPECT_EQ(record.at("status"), status.c_str()) << json::serialize(record);
    EXPECT_EQ(record.at("reason"), reason.c_str()) << json::serialize(record);
    return record;
  }

  // The QBO invoice numbered `number`; fails the test when there is not exactly one.
  json::object qbo_invoice(const std::string& number) {
    json::object found;
    int count = 0;
    for (const auto& invoice : ledger_objects("Invoice")) {
      if (invoice.at("DocNumber") == number.c_str()) {
        found = invoice.as_object();
        ++count;
      }
    }
    EXPECT_EQ(count, 1) << number;
    return found;
  }

  // The QBO payments applied to invoice `qbo_id` or naming it in their note.
  std::vector<json::object> payments_of(const std::string& qbo_id, const std::string& crm_id) {
    std::vector<json::object> found;
    for (const auto& value : ledger_objects("Payment")) {
      const auto& payment = value.as_object();
      bool linked = false;
      for (const auto& line : payment.at("Line").as_array()) {
        for (const auto& link : line.at("LinkedTxn").as_array()) {
          linked |= link.at("TxnId") == qbo_id.c_str();
        }
      }
      const auto* note = payment.if_contains("PrivateNote");
      if (note && std::string(note->as_string()).find(crm_id + ":") != std::string::npos)
        linked = true;
      if (linked) found.push_back(payment);
    }
    return found;
  }

  static std::vector<int64_t> item_line_amounts(const json::object& invoice) {
    std::vector<int64_t> amounts;
    for (const auto& line : invoice.at("Line").as_array()) {
      if (line.at("DetailType") == "SalesItemLineDetail")
        amounts.push_back(cents(line.at("Amount")));
    }
    return amounts;
  }
};

}  // namespace qbo_sync::testing
