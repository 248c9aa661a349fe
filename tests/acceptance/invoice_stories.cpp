// Invoices sent, edited, discounted, voided and paid (by card, through the invoice's payment
// link, partly, in full, several at once), in Canada and the US.
#include <cstdint>
#include <ostream>
#include <utility>
#include <vector>

#include "crm_story.h"
#include "story_lines.h"

namespace qbo_sync::acceptance {
namespace {

using InvoiceStory = CrmStory;

// An invoice of one HST line, then each payment in turn as the CRM reports it. However the money
// is reported, it is income once: a payment.completed of source "invoice" and the invoice's
// amount paid that reports it are one QBO Payment on the invoice, never a Sales Receipt as well.
struct InvoicePayments {
  const char* name;
  int64_t price;  // before HST
  std::vector<std::pair<int64_t, Via>> payments;

  friend void PrintTo(const InvoicePayments& story, std::ostream* out) { *out << story.name; }
};

class InvoicePaidStory : public CrmStory, public ::testing::WithParamInterface<InvoicePayments> {};

TEST_P(InvoicePaidStory, IsIncomeOnce) {
  connect();
  const auto anna = contact("Anna", "Bell", "anna@story.example");
  const auto invoice = send_invoice(anna, "S-1001", {hst_on("Sessions", GetParam().price)});
  for (const auto& [cents, via] : GetParam().payments) pay_invoice(invoice, cents, via);
  audit();
}

INSTANTIATE_TEST_SUITE_P(
    HowTheCrmReportsIt, InvoicePaidStory,
    ::testing::Values(
        InvoicePayments{"InFullByCard", 100000, {{113000, Via::payment_and_update}}},
        InvoicePayments{"ByBothHooks", 40000, {{45200, Via::payment_and_update}}},
        InvoicePayments{"HalfByCardThenTheRestThroughThePaymentLink",
                        20000,
                        {{11300, Via::payment_and_update}, {11300, Via::update_only}}},
        InvoicePayments{"OnlyAsPaymentCompleted", 30000, {{33900, Via::payment_only}}}),
    [](const ::testing::TestParamInfo<InvoicePayments>& payments) { return payments.param.name; });

TEST_F(InvoiceStory, AnInvoiceEditedThenPartlyPaidOwesTheRest) {
  connect();
  const auto finn = contact("Finn", "Hart", "finn@story.example");
  const auto invoice = send_invoice(finn, "S-1005", {hst_on("Sessions", 50000)});
  edit_invoice(invoice, {hst_on("Sessions", 60000), hst_on("Travel", 4000)});
  pay_invoice(invoice, 20000);
  audit();
}

TEST_F(InvoiceStory, ADiscountedInvoicePaidInFull) {
  connect();
  const auto gia = contact("Gia", "Ito", "gia@story.example");
  const auto invoice = send_invoice(
      gia, "S-1006", {hst_on("Retreat", 80000, /*discount=*/8000), hst_on("Mat", 3000)});
  pay_invoice(invoice, book_.invoice(invoice).document.total());
  audit();
}

TEST_F(InvoiceStory, AVoidedInvoiceOwesNothing) {
  connect();
  const auto hugo = contact("Hugo", "Jean", "hugo@story.example");
  const auto invoice = send_invoice(hugo, "S-1007", {hst_on("Event", 25000)});
  void_invoice(invoice);
  audit();
}

TEST_F(InvoiceStory, OnePaymentPaysTwoInvoices) {
  connect();
  const auto iris = contact("Iris", "Kent", "iris@story.example");
  const auto first = send_invoice(iris, "S-1008", {hst_on("January", 10000)});
  const auto second = send_invoice(iris, "S-1009", {hst_on("February", 10000)});
  pay_invoices({{first, 11300}, {second, 5000}});
  audit();
}

TEST_F(InvoiceStory, AUsInvoicePaidInTwoParts) {
  us_company();
  connect();
  const auto jon = contact("Jon", "Lake", "jon@story.example", "NY");
  const auto invoice = send_invoice(jon, "2001", {ny_sales_tax("Yoga mats", 29000)});
  pay_invoice(invoice, 10000);
  pay_invoice(invoice, book_.invoice(invoice).document.total() - 10000, Via::update_only);
  audit();
}

TEST_F(InvoiceStory, AnInvoiceMadeBeforeConnectingIsNotPosted) {
  const auto kim = contact("Kim", "Moss", "kim@story.example");
  send_invoice(kim, "S-0900", {hst_on("Old work", 10000)});
  connect();
  const auto fresh = send_invoice(kim, "S-1010", {hst_on("New work", 10000)});
  pay_invoice(fresh, 5000);
  audit();
}

TEST_F(InvoiceStory, AnInvoiceRefusedByAServerFaultIsRetriedAndPostedOnce) {
  connect();
  fault("http_500", "Invoice", 2);
  const auto lou = contact("Lou", "Nash", "lou@story.example");
  const auto invoice = send_invoice(lou, "S-1011", {hst_on("Design", 70000)});
  pay_invoice(invoice, 79100);
  audit();
}

}  // namespace
}  // namespace qbo_sync::acceptance
