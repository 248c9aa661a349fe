#include "mapping/receipt_reference.h"

#include <gtest/gtest.h>

namespace qbo_sync::mapping {
namespace {

TEST(DocNumberForPayment, ShortPlainIdsAreReadable) {
  EXPECT_EQ(doc_number_for_payment("pay-ca-0001"), "P-pay-ca-0001");
  EXPECT_EQ(doc_number_for_payment(std::string(19, 'x')).size(), kMaxDocNumberLength);
}

TEST(DocNumberForPayment, LongOrUnsafeIdsAreHashedDeterministically) {
  const std::string long_id = "pay_" + std::string(40, '7');
  const std::string doc = doc_number_for_payment(long_id);
  EXPECT_LE(doc.size(), kMaxDocNumberLength);
  EXPECT_EQ(doc.rfind("H-", 0), 0u);
  EXPECT_EQ(doc, doc_number_for_payment(long_id));
  EXPECT_NE(doc, doc_number_for_payment(long_id + "8"));
  EXPECT_EQ(doc_number_for_payment("o'neil").rfind("H-", 0), 0u);
  EXPECT_EQ(doc_number_for_payment("p ay").rfind("H-", 0), 0u);
}

TEST(PrivateNoteForPayment, NamesThePaymentAndWhereItCameFrom) {
  events::Payment payment;
  payment.id = "pay-9";
  payment.source = events::PaymentSource::order_form;
  payment.source_name = "Spring promo";
  EXPECT_EQ(private_note_for_payment(payment), "CRM payment pay-9 (order form: Spring promo)");
}

TEST(PaymentReferenceNumber, CutsToTwentyOneCharacters) {
  EXPECT_EQ(payment_reference_number("ch_3OqA1b2C3d4E5f6G"), "ch_3OqA1b2C3d4E5f6G");
  EXPECT_EQ(payment_reference_number("ch_3OqA1b2C3d4E5f6G7h8i9"), "ch_3OqA1b2C3d4E5f6G7h");
}

}  // namespace
}  // namespace qbo_sync::mapping
