// The refunds of a payment whose Sales Receipt is in QBO: each refund not linked yet becomes one
// QBO RefundReceipt to the receipt's customer with the receipt's items, exactly once: a link per
// refund (crm_type "refund"), a requestid per refund, and a look-up by the refund's DocNumber
// before posting again after an unknown outcome.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/json/array.hpp>

#include "engine/payment_work.h"
#include "engine/sync_context.h"
#include "events/typed_events.h"
#include "mapping/refund_receipt.h"
#include "store/store.h"

namespace qbo_sync::engine {

class RefundSync {
 public:
  RefundSync(const PaymentWork& work, const mapping::CompanyData& company);

  // `receipt` (the receipt's outcome, its audit listing the refunds posted) when every refund is
  // in QBO, else the outcome of the first that could not be. `customer_id`: the receipt's
  // customer when known.
  store::AttemptOutcome run(store::AttemptOutcome receipt, std::string customer_id);

 private:
  // The steps of one refund (refund_).
  StepResult post_refund(const events::Refund& refund);
  // The receipt's customer and items, resolved once for all the refunds.
  StepResult resolve_customer_and_items();
  StepResult plan();
  StepResult settle_unknown_outcome();
  StepResult post();
  StepResult verify();

  qbo::Outcome<std::optional<qbo::Entity>> find_posted();
  void take_posted(const qbo::Entity& posted, std::string_view how);
  store::AttemptOutcome after_fault(const qbo::Fault& fault, bool settle) const;

  const PaymentWork work_;
  const qbo::Connection& connection_;
  const mapping::CompanyData& company_;
  std::string customer_id_;
  std::string receipt_id_;
  std::optional<std::vector<mapping::ItemRef>> items_;
  const events::Refund* refund_ = nullptr;          // the refund under way
  std::optional<mapping::RefundReceipt> document_;  // its RefundReceipt
  bool in_qbo_ = false;                             // QBO holds it
  std::optional<qbo::Entity> created_;              // when this attempt created it
  boost::json::array posted_;                       // the refunds this attempt put in QBO
};

}  // namespace qbo_sync::engine
