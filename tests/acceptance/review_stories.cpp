// Review requests: one per contact whose first invoice after the connection was paid in full;
// none for partly paid or later invoices, old QuickBooks history, or an account that turned them
// off.
#include "crm_story.h"
#include "story_lines.h"

namespace qbo_sync::acceptance {
namespace {

using ReviewStory = CrmStory;

TEST_F(ReviewStory, AFirstInvoicePaidInFullAsksForOneReview) {
  connect();
  const auto ada = contact("Ada", "Byrne", "ada@story.example");
  const auto first = send_invoice(ada, "S-4001", {hst_on("Package", 10000)});
  pay_invoice(first, 11300);
  const auto second = send_invoice(ada, "S-4002", {hst_on("Package", 10000)});
  pay_invoice(second, 11300);
  audit();
}

TEST_F(ReviewStory, APartlyPaidFirstInvoiceAsksForNone) {
  connect();
  const auto bo = contact("Bo", "Chen", "bo@story.example");
  const auto first = send_invoice(bo, "S-4003", {hst_on("Package", 10000)});
  pay_invoice(first, 5000);
  audit();
}

TEST_F(ReviewStory, ALaterInvoicePaidWhileTheFirstIsOpenAsksForNone) {
  connect();
  const auto cam = contact("Cam", "Diaz", "cam@story.example");
  send_invoice(cam, "S-4004", {hst_on("Package", 10000)});
  const auto second = send_invoice(cam, "S-4005", {hst_on("Package", 5000)});
  pay_invoice(second, 5650);
  audit();
}

// Old QuickBooks history, its invoices paid and entered a minute before the account connected,
// asks for no review at the connection.
TEST_F(ReviewStory, OldQuickBooksHistoryAsksForNoReview) {
  const auto customer = qbo_customer("Old Client", "old.client@story.example");
  qbo_invoice(customer, 10000, "2025-06-01", /*paid=*/true);
  const auto other = qbo_customer("Older Client", "older.client@story.example");
  qbo_invoice(other, 5000, "2025-01-10", /*paid=*/true);
  connect();
  contact_from_qbo(customer);
  contact_from_qbo(other);
  audit();
}

TEST_F(ReviewStory, AnAccountWithReviewsOffAsksForNone) {
  review_requests_off();
  connect();
  const auto dee = contact("Dee", "Evans", "dee@story.example");
  const auto invoice = send_invoice(dee, "S-4006", {hst_on("Package", 10000)});
  pay_invoice(invoice, 11300);
  audit();
}

TEST_F(ReviewStory, AnInvoiceFromBeforeTheConnectionPaidAfterItAsksForNone) {
  const auto eve = contact("Eve", "Ford", "eve@story.example");
  const auto old = send_invoice(eve, "S-4007", {hst_on("Old package", 10000)});
  connect();
  pay_invoice(old, 11300, Via::update_only);
  audit();
}

}  // namespace
}  // namespace qbo_sync::acceptance
