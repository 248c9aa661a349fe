// What every record handler works with, built once by the engine and shared by all of them: the
// store, the QBO client, the clock, what follows a fault, the account's settings and QBO company,
// and ONE customer resolver and ONE item resolver, so that a payment and an invoice of the same
// new contact (or product) are resolved one after the other and create it once.
//
// Thread-safe: handlers on several workers use one context at once.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/attempt_outcomes.h"
#include "engine/attempt_steps.h"
#include "engine/create_coalescer.h"
#include "engine/crm_payment_poster.h"
#include "engine/customer_resolver.h"
#include "engine/item_resolver.h"
#include "events/typed_events.h"
#include "mapping/company_data.h"
#include "mapping/company_data_cache.h"
#include "qbo_client/api_client.h"
#include "qbo_client/entity_refs.h"
#include "store/store.h"

namespace qbo_sync::engine {

struct SyncOptions {
  // Multiplies every delay (tests and the demo run faster).
  double time_scale = 1.0;
  // Receipt creates in flight per company; creates that queue behind them leave as one batch.
  int create_calls_in_flight = 4;
  // A record that keeps failing transiently is errored after this many attempts.
  int max_attempts = 12;
  // How long a record of a tenant that must reconnect waits before it is looked at again.
  int64_t reconnect_pause_ms = 15 * 60 * 1000;
};

// A record's tenant while it has usable tokens, with its connection row.
struct Connected {
  qbo::Connection connection;
  store::ConnectionRow row;
};

// What a create left in QBO: the document it created, or (when QBO refused the number as taken)
// the one QBO holds under that number, an earlier attempt's whose answer was lost; else the fault.
struct PostedDocument {
  std::optional<qbo::Entity> entity;
  bool created = false;
  std::optional<qbo::Fault> fault;
  bool settle = false;  // the fault leaves the create's outcome unknown

  // How the document got its link: "created" or "found_by_doc_number".
  std::string_view how() const { return created ? "created" : "found_by_doc_number"; }
};

class SyncContext {
 public:
  using ActiveConnection = std::function<std::optional<qbo::Connection>(const std::string&)>;
  using Clock = std::function<int64_t()>;  // ms since the Unix epoch

  SyncContext(store::Store& store, qbo::ApiClient& api, ActiveConnection active, Clock clock,
              SyncOptions options = {});
  SyncContext(const SyncContext&) = delete;
  SyncContext& operator=(const SyncContext&) = delete;

  // The account's newest settings (the defaults when it sent none).
  events::Settings settings(const std::string& account_id) const;
  // The account's QBO company; otherwise the record waits for a connect or a reconnect.
  StepResult connect(const std::string& account_id, std::optional<Connected>& connected) const;
  // The company's settings and lists (kContinue: `company` is set), parsed once per version of the
  // saved text; otherwise the record waits for them to be read or is errored (`qbo_id`: the
  // document already linked, shown with the error).
  StepResult company_data(const store::ConnectionRow& row, mapping::SharedCompanyData& company,
                          const std::string& qbo_id = {});
  // The QBO item of every line, in order.
  qbo::Outcome<std::vector<mapping::ItemRef>> resolve_items(const qbo::Connection& connection,
                                                            const std::vector<events::Line>& lines,
                                                            const events::Settings& settings,
                                                            const mapping::CompanyData& company);
  // The first `entity` whose DocNumber is `doc_number`, if QBO holds one.
  qbo::Outcome<std::optional<qbo::Entity>> find_by_doc_number(const qbo::Connection& connection,
                                                              std::string_view entity,
                                                              const std::string& doc_number);
  // The document `created` (a create's answer) left in QBO under `doc_number`.
  PostedDocument posted_or_found(const qbo::Outcome<qbo::ApiResponse>& created,
                                 const qbo::Connection& connection, std::string_view entity,
                                 const std::string& doc_number);
  // Links a posted document to its CRM object (account, crm_type, crm_id) and returns its Id.
  std::string link_posted(const std::string& account_id, const std::string& crm_type,
                          const std::string& crm_id, std::string_view qbo_type,
                          const qbo::Entity& posted);
  // `time_scale` times `ms`, at least 1.
  int64_t scaled(int64_t ms) const;

  store::Store& store;
  qbo::ApiClient& api;
  const ActiveConnection active;
  const Clock clock;
  const SyncOptions options;
  const FaultOutcomes faults;
  CustomerResolver customers;
  ItemResolver items;
  CrmPaymentPoster crm_payments;
  CreateCoalescer receipts;  // Sales Receipt creates, batched when they queue up
  mapping::CompanyDataCache companies;
};

// The hold of a posted document whose totals differ from the CRM's, if they do. `extra` details
// (e.g. the refund's id) come first; `prefix` opens the message.
StepResult totals_hold(const tax::DocumentPlan& plan, const boost::json::object& posted,
                       const std::string& qbo_id, const boost::json::object& extra = {},
                       const std::string& prefix = {});

// The refusal of a document the mapping would not build, as the record's outcome.
store::AttemptOutcome refused(const mapping::ReceiptRefusal& refusal,
                              const std::string& qbo_id = {});

}  // namespace qbo_sync::engine
