// Exact decimals in and out of Boost.JSON. Boost.JSON holds non-integer numbers as doubles; they
// are read through their shortest round-trip text (never by arithmetic on the double), and written
// back so that the text QBO receives is the exact decimal ("12.5", not "1.25E1").
#pragma once

#include <optional>
#include <string>

#include <boost/json/value.hpp>

#include "money/decimal.h"

namespace qbo_sync::money {

// A JSON number (integer or double) or a decimal string as an exact Decimal; nullopt for anything
// else or for a value Decimal cannot hold.
std::optional<Decimal> decimal_from_json(const boost::json::value& value);

// A JSON number holding `value`: an integer when it has no decimals, otherwise the double nearest
// to it (whose shortest text is the decimal itself for up to 15 significant digits).
boost::json::value json_number(const Decimal& value);

// Appends the JSON text of `number` to `out`.
using DoubleWriter = void (*)(double number, std::string& out);

// Appends the JSON text of `value` to `out`, compact, with every double written by `write_double`
// and everything else as boost::json::serialize writes it.
void write_json(const boost::json::value& value, std::string& out, DoubleWriter write_double);

// JSON text of `value` with every double written as its shortest round-trip decimal text, in
// plain notation.
std::string serialize_exact(const boost::json::value& value);

}  // namespace qbo_sync::money
