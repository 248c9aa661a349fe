#include "money/currency.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace qbo_sync::money {
namespace {

// Currencies whose minor unit is not two digits (ISO 4217 list one); every other active code has
// two.
constexpr std::pair<std::string_view, int> kUnusualMinorUnits[] = {
    {"BHD", 3}, {"BIF", 0}, {"CLF", 4}, {"CLP", 0}, {"DJF", 0}, {"GNF", 0}, {"IQD", 3}, {"ISK", 0},
    {"JOD", 3}, {"JPY", 0}, {"KMF", 0}, {"KRW", 0}, {"KWD", 3}, {"LYD", 3}, {"OMR", 3}, {"PYG", 0},
    {"RWF", 0}, {"TND", 3}, {"UGX", 0}, {"UYI", 0}, {"UYW", 4}, {"VND", 0}, {"VUV", 0}, {"XAF", 0},
};

constexpr std::string_view kZeroDigitFunds[] = {"XOF", "XPF", "XAU", "XAG", "XPT", "XPD", "XDR"};

// Active ISO 4217 codes with two-digit minor units (the common case).
constexpr std::string_view kTwoDigitCurrencies[] = {
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD",
    "BDT", "BGN", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD",
    "CDF", "CHF", "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DKK", "DOP", "DZD", "EGP",
    "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GTQ", "GYD",
    "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IRR", "JMD", "KES", "KGS", "KHR",
    "KPW", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "MAD", "MDL", "MGA", "MKD",
    "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD", "NGN",
    "NIO", "NOK", "NPR", "NZD", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "QAR", "RON",
    "RSD", "RUB", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD",
    "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TOP", "TRY", "TTD", "TWD",
    "TZS", "UAH", "USD", "UYU", "UZS", "VES", "WST", "XCD", "YER", "ZAR", "ZMW", "ZWL",
};

}  // namespace

std::optional<int> minor_unit_digits(std::string_view iso_code) {
  for (const auto& [code, digits] : kUnusualMinorUnits) {
    if (code == iso_code) return digits;
  }
  if (std::find(std::begin(kZeroDigitFunds), std::end(kZeroDigitFunds), iso_code) !=
      std::end(kZeroDigitFunds)) {
    return 0;
  }
  if (std::find(std::begin(kTwoDigitCurrencies), std::end(kTwoDigitCurrencies), iso_code) !=
      std::end(kTwoDigitCurrencies)) {
    return 2;
  }
  return std::nullopt;
}

}  // namespace qbo_sync::money
