#include "engine/crm_payment_poster.h"

#include <mutex>

#include "qbo_client/entity_refs.h"
#include "qbo_client/query_builder.h"

namespace qbo_sync::engine {
namespace json = boost::json;
namespace {

// Shared by every poster of the process: the payment's and the invoice's handler may reach the
// same CRM payment at once.
KeyedLocks& payment_locks() {
  static KeyedLocks locks;
  return locks;
}

}  // namespace

KeyedLocks& invoice_payment_locks() {
  static KeyedLocks locks;
  return locks;
}

CrmPaymentPoster::CrmPaymentPoster(store::Store& store, qbo::ApiClient& api)
    : store_(store), api_(api) {}

std::string CrmPaymentPoster::remember(const std::string& account_id,
                                       const std::string& crm_payment_id,
                                       const qbo::Entity& posted) {
  store_.put_link(
      {account_id, "payment", crm_payment_id, "Payment", posted.id, posted.sync_token, "crm"});
  return posted.id;
}

qbo::Outcome<std::optional<json::object>> CrmPaymentPoster::find(
    const qbo::Connection& connection, const std::string& account_id,
    const mapping::CrmPaymentInput& input) {
  if (const auto link = store_.link(account_id, "payment", input.crm_payment_id);
      link && link->qbo_type == "Payment") {
    auto answer = api_.read(connection, "Payment", link->qbo_id);
    if (!answer) return std::move(answer).fault();
    return std::optional<json::object>(qbo::unwrap_entity(answer.value().entity, "Payment"));
  }
  auto query = qbo::QueryBuilder::select_all("Payment")
                   .where("CustomerRef", qbo::QueryOperator::equal, input.customer_id)
                   .max_results(1000);
  auto answer = api_.query(connection, query);
  if (!answer) return std::move(answer).fault();
  return mapping::find_crm_payment(qbo::query_rows(answer.value().entity, "Payment"),
                                   input.crm_payment_id);
}

qbo::Outcome<std::string> CrmPaymentPoster::ensure(const qbo::Connection& connection,
                                                   const std::string& account_id,
                                                   const mapping::CrmPaymentInput& input) {
  std::lock_guard lock(payment_locks().for_key(account_id + ":" + input.crm_payment_id));
  const std::string key = account_id + ":crm-payment:" + input.crm_payment_id;
  auto found = find(connection, account_id, input);
  if (!found) return std::move(found).fault();
  if (!found.value()) {
    auto created =
        api_.create(connection, "Payment", mapping::build_crm_payment(input), key + ":create");
    if (!created) return std::move(created).fault();
    return remember(account_id, input.crm_payment_id,
                    qbo::entity_of(created.value().entity, "Payment"));
  }
  const qbo::Entity existing = qbo::Entity::from_json(*found.value());
  auto grown = mapping::add_missing_invoices(existing.json, input);
  if (!grown) return remember(account_id, input.crm_payment_id, existing);
  auto updated = api_.update(connection, "Payment", *grown, key + ":update:" + existing.sync_token);
  if (!updated) return std::move(updated).fault();
  return remember(account_id, input.crm_payment_id,
                  qbo::entity_of(updated.value().entity, "Payment"));
}

}  // namespace qbo_sync::engine
