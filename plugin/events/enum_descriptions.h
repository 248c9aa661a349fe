// The enumerators of the typed events, described for text::enum_name and text::enum_from_name.
// Kept apart from typed_events.h so that only the units that read or write the names compile
// Boost.Describe.
#pragma once

#include <boost/describe/enum.hpp>

#include "events/typed_events.h"

namespace qbo_sync::events {

BOOST_DESCRIBE_ENUM(PaymentSource, order_form, subscription, membership, event, calendar, product,
                    invoice)
BOOST_DESCRIBE_ENUM(PaymentMethod, card, bank_transfer, ach, cash, check, paypal, wallet, gift_card,
                    other)
BOOST_DESCRIBE_ENUM(InvoiceStatus, sent, partially_paid, paid, void_)
BOOST_DESCRIBE_ENUM(InvoiceOrigin, crm, quickbooks)
BOOST_DESCRIBE_ENUM(DocumentDiscountChoice, discount_line, fold_into_lines)
BOOST_DESCRIBE_ENUM(TaxInclusivePriceChoice, send_net_amounts, send_tax_inclusive)

}  // namespace qbo_sync::events
