// Reads a schema-valid payload into the typed events, checking what a JSON Schema cannot say:
// money has no more decimals than its currency allows, the currency is a real ISO 4217 one, dates
// are real dates, quantities are above zero, an exempt line carries no tax, ...
#pragma once

#include <exception>

#include <boost/json/value.hpp>

#include "events/input_error.h"
#include "events/typed_events.h"

namespace qbo_sync::events::detail {

// Thrown by the readers with the first rule the payload breaks.
class RefusedPayload : public std::exception {
 public:
  explicit RefusedPayload(InputError error) : error_(std::move(error)) {}
  const InputError& error() const { return error_; }
  const char* what() const noexcept override { return error_.message.c_str(); }

 private:
  InputError error_;
};

Payment read_payment(const boost::json::value& payload);
Invoice read_invoice(const boost::json::value& payload);
Settings read_settings(const boost::json::value& payload);

}  // namespace qbo_sync::events::detail
