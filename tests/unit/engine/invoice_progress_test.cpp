#include "engine/invoice_progress.h"

#include <gtest/gtest.h>

namespace qbo_sync::engine {
namespace {

TEST(InvoiceProgress, ReadsBackWhatItStored) {
  InvoiceProgress progress{"b2b344c2c9b60c02", 61870, true,  21,
                           1796326827201,      11,    70000, {"pay-1", "pay-2"}};
  const std::string stored = progress.to_json();
  const auto read = InvoiceProgress::from_json(stored);
  EXPECT_EQ(read.to_json(), stored);
  EXPECT_EQ(read.pending_since_ms, 1796326827201);
  EXPECT_EQ(read.crm_payments, progress.crm_payments);
  EXPECT_NE(stored.find(R"("applied_revision":21)"), std::string::npos) << stored;
}

TEST(InvoiceProgress, ProgressStoredBeforeTheNewerMembersReadsWithTheirDefaults) {
  const auto read =
      InvoiceProgress::from_json(R"({"fingerprint":"f1","paid_minor":500,"voided":false})");
  EXPECT_EQ(read.fingerprint, "f1");
  EXPECT_EQ(read.paid_minor, 500);
  EXPECT_EQ(read.applied_revision, 0);
  EXPECT_EQ(read.crm_paid_minor, 0);
  EXPECT_TRUE(read.crm_payments.empty());
}

TEST(InvoiceProgress, UnreadableTextStartsOver) {
  for (const char* text : {"", "{not json", "[1,2]", "42"}) {
    const auto read = InvoiceProgress::from_json(text);
    EXPECT_EQ(read.fingerprint, "") << text;
    EXPECT_EQ(read.applied_revision, 0) << text;
  }
}

}  // namespace
}  // namespace qbo_sync::engine
