// Small readers for QBO's JSON documents, shared by the inbound units: fields that may be absent,
// exact amounts and bounded texts for the host's payloads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "money/decimal.h"

namespace qbo_sync::inbound {

// The string at `key` (or at `key`.`inner` for QBO's nested refs such as PrimaryEmailAddr.Address);
// empty when absent or not a string.
std::string text_at(const boost::json::object& object, std::string_view key);
std::string text_at(const boost::json::object& object, std::string_view key,
                    std::string_view inner);

// The exact amount at `key` (a JSON number or a decimal string); nullopt when absent or unusable.
std::optional<money::Decimal> amount_at(const boost::json::object& object, std::string_view key);

// An amount as the host's money text, with at least the two decimals of a QBO amount ("100.00").
std::string money_text(const money::Decimal& amount);

// At most `max_code_points` code points of the UTF-8 text, cut on a character boundary, with
// surrounding spaces trimmed (JSON Schema's maxLength counts code points).
std::string bounded(std::string_view text, std::size_t max_code_points);

// The first address of QBO's e-mail field (which may list several, separated by commas) when it
// has the shape the host's schemas accept; empty otherwise.
std::string usable_email(std::string_view qbo_email);

// QBO's date-time texts ("2015-07-24T10:33:39-07:00", "...Z", fractional seconds allowed) as
// milliseconds since the Unix epoch; nullopt for anything else.
std::optional<int64_t> parse_qbo_time(std::string_view text);
// Milliseconds since the Unix epoch as "2026-03-14T15:09:26.120Z", which QBO's changedSince
// accepts.
std::string format_qbo_time(int64_t epoch_ms);

}  // namespace qbo_sync::inbound
