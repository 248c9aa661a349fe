#include "events/typed_events.h"

#include <stdexcept>

#include "events/payload_reader.h"

namespace qbo_sync::events {
namespace {

template <typename Reader>
auto parse_accepted(const boost::json::value& accepted, Reader reader, const char* what) {
  try {
    return reader(accepted);
  } catch (const detail::RefusedPayload& refused) {
    throw std::invalid_argument(std::string("not an accepted ") + what + " payload: " +
                                refused.error().message + " (at " + refused.error().path + ")");
  }
}

}  // namespace

std::string_view to_string(PaymentSource source) {
  switch (source) {
    case PaymentSource::order_form:
      return "order_form";
    case PaymentSource::subscription:
      return "subscription";
    case PaymentSource::membership:
      return "membership";
    case PaymentSource::event:
      return "event";
    case PaymentSource::calendar:
      return "calendar";
    case PaymentSource::product:
      return "product";
    case PaymentSource::invoice:
      return "invoice";
  }
  return "unknown";
}

std::string_view to_string(PaymentMethod method) {
  switch (method) {
    case PaymentMethod::card:
      return "card";
    case PaymentMethod::bank_transfer:
      return "bank_transfer";
    case PaymentMethod::ach:
      return "ach";
    case PaymentMethod::cash:
      return "cash";
    case PaymentMethod::check:
      return "check";
    case PaymentMethod::paypal:
      return "paypal";
    case PaymentMethod::wallet:
      return "wallet";
    case PaymentMethod::gift_card:
      return "gift_card";
    case PaymentMethod::other:
      return "other";
  }
  return "unknown";
}

std::string_view to_string(InvoiceStatus status) {
  switch (status) {
    case InvoiceStatus::sent:
      return "sent";
    case InvoiceStatus::partially_paid:
      return "partially_paid";
    case InvoiceStatus::paid:
      return "paid";
    case InvoiceStatus::void_:
      return "void";
  }
  return "unknown";
}

std::string_view to_string(InvoiceOrigin origin) {
  return origin == InvoiceOrigin::quickbooks ? "quickbooks" : "crm";
}

Payment parse_payment(const boost::json::value& accepted) {
  return parse_accepted(accepted, detail::read_payment, "payment.completed");
}

Invoice parse_invoice(const boost::json::value& accepted) {
  return parse_accepted(accepted, detail::read_invoice, "invoice");
}

Settings parse_settings(const boost::json::value& accepted) {
  return parse_accepted(accepted, detail::read_settings, "settings.changed");
}

Settings default_settings() {
  return Settings{};
}

}  // namespace qbo_sync::events
