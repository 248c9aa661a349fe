// What the four hook targets share: one hook payload through EventValidator::validate. A refusal
// must name a field of the payload; an accepted payload, re-serialized as the plugin stores it,
// must be accepted again with the same envelope (nothing accepted is lost or changed on replay).
#pragma once

#include <cstddef>
#include <cstdint>
#include <variant>

#include "events/event_validator.h"
#include "fuzz_checks.h"

namespace qbo_sync::fuzz {

inline void require_same_envelope(const events::Envelope& first, const events::Envelope& again,
                                  std::string_view payload) {
  require(first.kind == again.kind && first.account_id == again.account_id &&
              first.event_id == again.event_id && first.object_type == again.object_type &&
              first.object_id == again.object_id && first.revision == again.revision &&
              first.occurred_at == again.occurred_at,
          "a stored payload validates to the same envelope", payload);
}

inline int fuzz_hook(events::HookKind kind, const std::uint8_t* data, std::size_t size) {
  static const events::EventValidator validator;
  const auto input = as_text(data, size);
  const auto result = validator.validate(kind, input.data(), input.size());
  if (const auto* error = std::get_if<events::InputError>(&result)) {
    require_error_into(error->code, error->message, error->path, input);
    require_error_body(events::to_json(*error), input);
    return 0;
  }
  const auto& accepted = std::get<events::AcceptedEvent>(result);
  require(accepted.envelope.kind == kind, "an accepted event has the hook's kind", input);
  require(!accepted.envelope.account_id.empty() && !accepted.envelope.event_id.empty(),
          "an accepted event has an account and an event id", input);
  require_json_object(accepted.payload_json, "a stored payload is a JSON object");
  const auto again =
      validator.validate(kind, accepted.payload_json.data(), accepted.payload_json.size());
  const auto* replayed = std::get_if<events::AcceptedEvent>(&again);
  if (replayed == nullptr) {
    fail("a stored payload validates again",
         accepted.payload_json +
             "\n  refused: " + events::to_json(std::get<events::InputError>(again)));
  }
  require_same_envelope(accepted.envelope, replayed->envelope, accepted.payload_json);
  require(replayed->payload_json == accepted.payload_json,
          "re-serializing a stored payload is stable", accepted.payload_json);
  return 0;
}

}  // namespace qbo_sync::fuzz
