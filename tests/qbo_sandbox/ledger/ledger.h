#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api_types.h"
#include "clock.h"

namespace qbo_sandbox {

// The companies of the sandbox and their entities, in memory. Answers every
// /v3/company/{realm}/... call as QBO would (CRUD, sparse update, void/delete, query, batch, CDC,
// requestid replay). Thread-safe; performs no I/O.
class Ledger {
 public:
  explicit Ledger(Clock& clock);
  ~Ledger();
  Ledger(const Ledger&) = delete;
  Ledger& operator=(const Ledger&) = delete;

  // Creates a company with QBO's starting objects (CompanyInfo, Preferences, Accounts, Items,
  // TaxCodes, TaxRates); returns its realm id (a long number, as QBO's are).
  std::string add_company(CompanyPreset preset, std::string company_name);
  std::vector<std::string> realm_ids() const;
  bool has_realm(std::string_view realm_id) const;

  // Every /v3/company/{realm}/... call.
  ApiResponse handle(const ApiRequest& request);

  // Listeners are called after the change is committed, outside the ledger's lock, in order.
  void on_change(std::function<void(const ChangeEvent&)> listener);

  // {"counts":{"Customer":n,...},"objects":{"Customer":[...],...}} for the control endpoint.
  boost::json::object snapshot(std::string_view realm_id) const;

  // The company's closing date ("YYYY-MM-DD"; empty clears it), as its admin sets it in
  // QuickBooks: the API then refuses every change to a transaction dated on or before it (6210).
  // False if the realm is unknown.
  bool set_closing_date(std::string_view realm_id, std::string_view date);
  std::string closing_date(std::string_view realm_id) const;

  // How long a (realm, requestid) answer is replayed; QBO does not document it, 24 h by default.
  void set_request_id_ttl(std::chrono::seconds ttl);
  // Whether a DocNumber already used is refused with 6140, as in a company whose preferences ask
  // QBO to check numbers (the default); a company without that check accepts it again.
  void set_unique_doc_numbers(bool unique);
  // Largest number of BatchItemRequest items accepted (QBO's published limit: 30).
  void set_batch_limit(std::size_t max_items);

  // Places an object as it is (Id, SyncToken and MetaData kept), as if QBO already held it: for
  // tests that replay recorded traffic. False if the realm or entity is unknown or it has no Id.
  bool seed(std::string_view realm_id, std::string_view entity, boost::json::object object);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace qbo_sandbox
