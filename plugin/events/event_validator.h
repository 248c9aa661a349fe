// Validation at the boundary: every hook payload and the host configuration are checked here,
// before anything is stored.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "events/hook_kind.h"
#include "events/input_error.h"

namespace qbo_sync::events {

// What every accepted hook event says about itself.
struct Envelope {
  HookKind kind = HookKind::payment_completed;
  std::string account_id, event_id;
  std::string object_type;  // "payment", "invoice" or "settings"
  std::string object_id;    // the payment's or invoice's id; the account id for settings
  int64_t revision = 0;
  std::string occurred_at;
};

struct AcceptedEvent {
  Envelope envelope;
  std::string payload_json;  // the payload re-serialized compactly
};

// The service payloads the plugin sends to the host (schemas/host/).
enum class HostPayload {
  email_admins,
  send_review_request,
  upsert_contact,
  upsert_contact_response,
  import_invoice,
  import_invoice_response,
  integration_card  // the admin op integration_card's answer
};
// "host/email_admins.v1", ...
std::string_view schema_name(HostPayload payload);

class EventValidator {
 public:
  // Compiles every embedded schema once. Throws std::runtime_error if one is broken (a build
  // defect, never the caller's input).
  EventValidator();
  ~EventValidator();
  EventValidator(EventValidator&&) noexcept;
  EventValidator& operator=(EventValidator&&) noexcept;

  // Thread-safe: const, and may be called from many threads at once. Checks, in this order: a
  // null or empty view, the size limit (QBO_SYNC_MAX_PAYLOAD_BYTES), UTF-8, JSON syntax, that the
  // payload's `schema` names this hook's schema, the schema, then the rules a schema cannot say
  // (decimals per currency, known currency, real dates, quantities above zero, ...). Returns the
  // first error, with the JSON Pointer of the offending value.
  std::variant<AcceptedEvent, InputError> validate(HookKind kind, const char* data,
                                                   std::size_t size) const;

  // The host configuration given to create() (schemas/host_config.v1.schema.json). Plain http
  // URLs are accepted only for loopback hosts. Messages never repeat a secret's value.
  std::variant<boost::json::object, InputError> validate_host_config(std::string_view json) const;

  // A service payload the plugin is about to send to the host, or the host's answer.
  std::variant<boost::json::value, InputError> validate_host_payload(HostPayload payload,
                                                                     std::string_view json) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace qbo_sync::events
