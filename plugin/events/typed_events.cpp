#include "events/typed_events.h"

#include <stdexcept>

#include <boost/json/parse.hpp>

#include "events/enum_descriptions.h"
#include "events/payload_reader.h"
#include "text/enum_names.h"

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
  return text::enum_name(source);
}

std::string_view to_string(PaymentMethod method) {
  return text::enum_name(method);
}

std::string_view to_string(InvoiceStatus status) {
  return text::enum_name(status);
}

std::string_view to_string(InvoiceOrigin origin) {
  return text::enum_name(origin);
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

Settings stored_settings(const std::optional<std::string>& saved_text) {
  if (!saved_text) return default_settings();
  boost::system::error_code error;
  const auto saved = boost::json::parse(*saved_text, error);
  if (error) return default_settings();
  try {
    return parse_settings(saved);
  } catch (const std::exception&) {
    return default_settings();
  }
}

}  // namespace qbo_sync::events
