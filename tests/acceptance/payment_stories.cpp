// Orders, subscriptions and memberships paid by card, refunded, held, retried, and paid before
// the account connected QuickBooks: each story ends in the audit of the whole ledger.
#include "crm_story.h"
#include "story_lines.h"

namespace qbo_sync::acceptance {
namespace {

using PaymentStory = CrmStory;

TEST_F(PaymentStory, AnOntarioOrderPaidByCardIsOneSalesReceipt) {
  connect();
  const auto emilie = contact("Émilie", "Tremblay", "emilie@story.example");
  pay_order(emilie, {hst_on("10-class pass", 15000), hst_on("Yoga mat", 6998)});
  audit();
}

TEST_F(PaymentStory, ThreeSubscriptionRenewalsAreThreeReceiptsOfOneCustomer) {
  connect();
  const auto noah = contact("Noah", "Martin", "noah@story.example");
  for (int month = 0; month < 3; ++month)
    pay_order(noah, {hst_on("Monthly plan", 4900)}, "subscription");
  audit();
}

TEST_F(PaymentStory, AQuebecOrderChargesGstAndQst) {
  connect();
  const auto lea = contact("Léa", "Gagnon", "lea@story.example", "QC");
  pay_order(lea, {gst_qst("Atelier", 12000)});
  audit();
}

TEST_F(PaymentStory, ABritishColumbiaOrderChargesGstAndPst) {
  connect();
  const auto liam = contact("Liam", "Wong", "liam@story.example", "BC");
  pay_order(liam, {gst_pst_bc("Workshop", 20000)});
  audit();
}

TEST_F(PaymentStory, AnAlbertaMembershipChargesGstOnly) {
  connect();
  const auto ava = contact("Ava", "Smith", "ava@story.example", "AB");
  pay_order(ava, {gst_only("Annual membership", 36000)}, "membership");
  audit();
}

TEST_F(PaymentStory, AnOrderRefundedInFullIsOneRefundReceipt) {
  connect();
  const auto olivia = contact("Olivia", "Roy", "olivia@story.example");
  const auto paid = pay_order(olivia, {hst_on("Retreat", 50000)});
  refund(paid, 56500);
  audit();
}

TEST_F(PaymentStory, AnOrderRefundedInTwoPartsIsTwoRefundReceipts) {
  connect();
  const auto ethan = contact("Ethan", "Lee", "ethan@story.example");
  const auto paid = pay_order(ethan, {hst_on("Shaker", 2500), hst_on("Mat", 4000)});
  refund(paid, 2825);
  refund(paid, 1130);
  audit();
}

TEST_F(PaymentStory, AUsOrderFoldsItsTaxIntoThePrices) {
  us_company();
  connect();
  const auto marcus = contact("Marcus", "Johnson", "marcus@story.example", "NY");
  pay_order(marcus,
            {ny_sales_tax("Yoga mats", 29000), untaxed_line("Program", 120000, Treatment::exempt)});
  audit();
}

TEST_F(PaymentStory, AUsSubscriptionPartlyRefunded) {
  us_company();
  connect();
  const auto jade = contact("Jade", "Miller", "jade@story.example", "NY");
  pay_order(jade, {ny_sales_tax("Plan", 9900)}, "subscription");
  const auto second = pay_order(jade, {ny_sales_tax("Plan", 9900)}, "subscription");
  refund(second, 5000);
  audit();
}

TEST_F(PaymentStory, AnOrderThatDoesNotAddUpIsHeldAndNothingIsPosted) {
  connect();
  const auto mia = contact("Mia", "Clark", "mia@story.example");
  pay_order(mia, {hst_on("Class", 10000)}, "order_form", "", /*stated_total_error=*/500);
  pay_order(mia, {hst_on("Class", 10000)});
  audit();
}

TEST_F(PaymentStory, AReceiptRefusedByAServerFaultIsRetriedAndPostedOnce) {
  connect();
  fault("http_500", "SalesReceipt", 2);
  const auto zoe = contact("Zoé", "Côté", "zoe@story.example");
  pay_order(zoe, {hst_on("Private session", 9000)});
  audit();
}

TEST_F(PaymentStory, AReceiptWhoseAnswerWasLostIsPostedOnce) {
  connect();
  fault("http_500", "SalesReceipt", 1, /*after_ledger=*/true);
  const auto sam = contact("Sam", "Young", "sam@story.example");
  pay_order(sam, {hst_on("Workshop", 7500)});
  audit();
}

TEST_F(PaymentStory, PaymentsMadeBeforeConnectingAreSyncedOnceAfterConnecting) {
  const auto ben = contact("Ben", "Hall", "ben@story.example");
  pay_order(ben, {hst_on("Early bird", 8000)});
  connect();
  pay_order(ben, {hst_on("Class", 2000)});
  audit();
}

TEST_F(PaymentStory, AnOrderDatedInAClosedPeriodIsHeldAndLaterOnesPost) {
  connect();
  close_books("2026-06-30");
  const auto ruth = contact("Ruth", "Ames", "ruth@story.example");
  pay_order(ruth, {hst_on("Spring class", 3000)}, "order_form", "2026-05-01");
  pay_order(ruth, {hst_on("Class", 3000)});
  audit();
}

TEST_F(PaymentStory, ADepositedOrderRefundedInFullKeepsItsReceiptAndDeposit) {
  connect();
  const auto otto = contact("Otto", "Berg", "otto@story.example");
  const auto paid = pay_order(otto, {hst_on("Retreat", 40000)});
  pay_order(otto, {hst_on("Class", 2000)});
  deposit_undeposited_funds();
  refund(paid, 45200);
  audit();
}

}  // namespace
}  // namespace qbo_sync::acceptance
