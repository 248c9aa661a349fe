// The CRM's side of the soak's traffic for one account: events made from the schema examples with
// fresh ids, event ids and times, and contacts drawn from a pool of a few hundred.
#pragma once

#include <boost/json/value.hpp>
#include <cstddef>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "qbo_sync/host/plugin_instance.h"

namespace qbo_sync::soak {

struct HookEvent {
  host::Hook hook;
  std::string payload;
};

// One CRM invoice's life: sent, then the changes its example chain shows (lines edited, partly
// paid, paid, voided), with the payment of the invoice where the examples have one.
class InvoiceLife {
 public:
  InvoiceLife(std::vector<HookEvent> chain, std::string invoice_id, std::string number,
              boost::json::object contact, std::string suffix);
  bool done() const { return next_ >= chain_.size(); }
  // The next step's event, stamped now. Only while !done().
  HookEvent next_step();

 private:
  std::vector<HookEvent> chain_;  // the examples, as they are
  std::size_t next_ = 0;
  std::string invoice_id_, number_, suffix_;
  boost::json::object contact_;
};

class AccountTraffic {
 public:
  // Reads the valid examples of `account_id` under `examples`; `tag` ("ca", "us") goes into ids.
  AccountTraffic(const std::filesystem::path& examples, std::string account_id, std::string tag);

  const std::string& account_id() const { return account_id_; }
  // A payment.completed event from one of the account's payment examples.
  std::string next_payment();
  // A new invoice from one of the account's invoice example chains.
  InvoiceLife next_invoice_life();
  // The account's settings example with a higher revision, the review-request toggle flipped and
  // the card payment method mapped to another QuickBooks payment method than last time.
  std::string next_settings();

 private:
  boost::json::object pool_contact(const boost::json::object& example_contact);

  std::string account_id_, tag_;
  std::vector<boost::json::value> payments_;
  std::vector<std::vector<HookEvent>> invoice_chains_;
  boost::json::value settings_;
  std::mt19937 random_{20260314};
  std::size_t made_ = 0;
  std::int64_t settings_revision_ = 0;
};

// Now, as the events' timestamps write it: 2026-03-14T15:09:26Z.
std::string utc_now_text();

}  // namespace qbo_sync::soak
