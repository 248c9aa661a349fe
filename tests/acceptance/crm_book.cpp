#include "crm_book.h"

#include <cstdlib>
#include <stdexcept>

namespace qbo_sync::acceptance {
namespace {

// A percent text ("9.975") in thousandths of a percent (9975).
int64_t milli_percent(const std::string& rate) {
  const auto dot = rate.find('.');
  int64_t whole = std::atoll(rate.substr(0, dot).c_str()) * 1000;
  if (dot == std::string::npos) return whole;
  std::string fraction = rate.substr(dot + 1);
  fraction.resize(3, '0');
  return whole + std::atoll(fraction.c_str());
}

// cents × rate, half up to the cent (amounts here are never negative).
int64_t tax_on(int64_t cents, const std::string& rate) {
  return (cents * milli_percent(rate) * 2 + 100'000) / 200'000;
}

}  // namespace

std::string money_text(int64_t cents) {
  const bool negative = cents < 0;
  const int64_t magnitude = negative ? -cents : cents;
  std::string fraction = std::to_string(magnitude % 100);
  if (fraction.size() < 2) fraction.insert(0, "0");
  return (negative ? "-" : "") + std::to_string(magnitude / 100) + "." + fraction;
}

BookLine taxed_line(std::string name, int64_t cents,
                    const std::vector<std::pair<std::string, std::string>>& taxes,
                    int64_t discount_cents) {
  BookLine line{std::move(name), cents - discount_cents, discount_cents, Treatment::taxed, {}};
  for (const auto& [tax_name, rate] : taxes) {
    line.taxes.push_back({tax_name, rate, tax_on(line.cents, rate)});
  }
  return line;
}

BookLine untaxed_line(std::string name, int64_t cents, Treatment treatment) {
  BookLine line{std::move(name), cents, 0, treatment, {}};
  // The CRM charges a zero-rated sale at 0 %; an exempt or out-of-scope line has no tax line.
  if (treatment == Treatment::zero_rated) line.taxes.push_back({"GST/HST zero-rated", "0", 0});
  return line;
}

int64_t BookDocument::subtotal() const {
  int64_t sum = 0;
  for (const auto& line : lines) sum += line.cents;
  return sum;
}

int64_t BookDocument::tax_total() const {
  int64_t sum = 0;
  for (const auto& line : lines) {
    for (const auto& tax : line.taxes) sum += tax.cents;
  }
  return sum;
}

int64_t BookDocument::total() const {
  return subtotal() + tax_total() + stated_total_error;
}

bool BookDocument::adds_up() const {
  if (stated_total_error != 0) return false;
  for (const auto& line : lines) {
    for (const auto& tax : line.taxes) {
      if (tax.cents != tax_on(line.cents, tax.rate)) return false;
    }
  }
  return true;
}

BookPayment& CrmBook::payment(const std::string& id) {
  for (auto& payment : payments) {
    if (payment.id == id) return payment;
  }
  throw std::out_of_range("no CRM payment " + id);
}

BookInvoice& CrmBook::invoice(const std::string& id) {
  for (auto& invoice : invoices) {
    if (invoice.id == id) return invoice;
  }
  throw std::out_of_range("no CRM invoice " + id);
}

const BookInvoice* CrmBook::find_invoice(const std::string& id) const {
  for (const auto& invoice : invoices) {
    if (invoice.id == id) return &invoice;
  }
  return nullptr;
}

}  // namespace qbo_sync::acceptance
