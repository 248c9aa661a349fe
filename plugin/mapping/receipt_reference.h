// How a Sales Receipt can be found again from the CRM payment it came from: a deterministic
// DocNumber (QBO allows 21 characters) and a PrivateNote naming the CRM payment.
#pragma once

#include <string>
#include <string_view>

#include "events/typed_events.h"

namespace qbo_sync::mapping {

inline constexpr std::size_t kMaxDocNumberLength = 21;

// "P-" + the payment id when it fits and is plain ASCII without quotes or backslashes; otherwise
// "H-" + 16 hexadecimal digits of the id's 64-bit FNV-1a hash. Same id, same DocNumber.
std::string doc_number_for_payment(std::string_view crm_payment_id);

// "CRM payment pay-123 (order form: Spring promo)", at most 4000 characters.
std::string private_note_for_payment(const events::Payment& payment);

// QBO's PaymentRefNum holds 21 characters: longer processor references are cut.
std::string payment_reference_number(std::string_view reference);

}  // namespace qbo_sync::mapping
