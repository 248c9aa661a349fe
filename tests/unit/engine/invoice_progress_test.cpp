#include "engine/invoice_progress.h"

#include <gtest/gtest.h>

namespace qbo_sync::engine {
namespace {

TEST(InvoiceProgress, ReadsBackWhatItStored) {
  InvoiceProgress progress;
  progress.fingerprint = "b2b344c2c9b60c02";
  progress.paid_minor = 61870;
  progress.voided = true;
  progress.applied_revision = 21;
  progress.pending_since_ms = 1796326827201;
  progress.attempts_before_revision = 11;
  progress.crm_paid_minor = 70000;
  progress.crm_payments = {"pay-1", "pay-2"};
  const auto read = InvoiceProgress::from_json(progress.to_json());
  EXPECT_EQ(read.fingerprint, progress.fingerprint);
  EXPECT_EQ(read.paid_minor, progress.paid_minor);
  EXPECT_TRUE(read.voided);
  EXPECT_EQ(read.applied_revision, 21);
  EXPECT_EQ(read.pending_since_ms, progress.pending_since_ms);
  EXPECT_EQ(read.attempts_before_revision, 11);
  EXPECT_EQ(read.crm_paid_minor, 70000);
  EXPECT_EQ(read.crm_payments, progress.crm_payments);
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
