// The CRM's hook payloads (payment.completed.v1, invoice.sent.v1 / invoice.updated.v1,
// settings.changed.v1) for the objects of a story's CRM book, as a host sends them.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "crm_book.h"

namespace qbo_sync::acceptance {

boost::json::object settings_event(const CrmBook& book, const std::string& account, int revision,
                                   bool review_requests);

boost::json::object payment_event(const CrmBook& book, const BookPayment& payment,
                                  const std::string& account, const std::string& event_id,
                                  const std::string& now);

// `schema` is "invoice.sent.v1" or "invoice.updated.v1".
boost::json::object invoice_event(const CrmBook& book, const BookInvoice& invoice,
                                  const std::string& account, const std::string& schema,
                                  const std::string& event_id, const std::string& created_at,
                                  const std::string& now);

}  // namespace qbo_sync::acceptance
