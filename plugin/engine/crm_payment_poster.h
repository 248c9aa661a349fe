// The one QBO Payment of a CRM payment of invoices, shared by the payment and invoice handlers:
// whichever of the payment's event or an invoice revision listing it comes first creates it, and
// the other finds it and adds the invoices it does not pay yet. Looked up by its link, else by its
// PrivateNote among the customer's payments (an earlier attempt whose answer was lost, or another
// process), before anything is posted; creates carry one requestid per CRM payment, so that two
// handlers racing for it reach QBO's replay instead of a second payment.
//
// Blocking (QBO calls): run on an engine worker. Thread-safe.
#pragma once

#include <optional>
#include <string>

#include <boost/json/object.hpp>

#include "engine/keyed_locks.h"
#include "mapping/qbo_payment_document.h"
#include "qbo_client/api_client.h"
#include "qbo_client/entity_refs.h"
#include "store/store.h"

namespace qbo_sync::engine {

// Held while the payments of one CRM invoice (key: account id + ":" + CRM invoice id) are worked
// out and posted, by the invoice's handler and by a payment of that invoice alone, so that neither
// posts what the other is posting. Taken before CrmPaymentPoster::ensure's own lock, never after.
KeyedLocks& invoice_payment_locks();

class CrmPaymentPoster {
 public:
  CrmPaymentPoster(store::Store& store, qbo::ApiClient& api);

  // The QBO Payment's Id once it pays every invoice of `input`.
  qbo::Outcome<std::string> ensure(const qbo::Connection& connection, const std::string& account_id,
                                   const mapping::CrmPaymentInput& input);

 private:
  qbo::Outcome<std::optional<boost::json::object>> find(const qbo::Connection& connection,
                                                        const std::string& account_id,
                                                        const mapping::CrmPaymentInput& input);
  std::string remember(const std::string& account_id, const std::string& crm_payment_id,
                       const qbo::Entity& posted);

  store::Store& store_;
  qbo::ApiClient& api_;
};

}  // namespace qbo_sync::engine
