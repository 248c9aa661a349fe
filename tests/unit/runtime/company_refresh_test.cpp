#include "runtime/company_refresh.h"

#include <gtest/gtest.h>

namespace qbo_sync::runtime {
namespace {

store::AttemptOutcome errored(std::string reason, std::string error_json) {
  store::AttemptOutcome outcome;
  outcome.status = store::RecordStatus::errored;
  outcome.reason = std::move(reason);
  outcome.error_json = std::move(error_json);
  return outcome;
}

TEST(MayBeStaleCompany, AMissingTaxCodeOrAnObjectQuickBooksCannotFindCallsForARead) {
  EXPECT_TRUE(may_be_stale_company(errored("missing_tax_mapping", "")));
  EXPECT_TRUE(may_be_stale_company(errored("qbo_rejected", R"({"code":"2500"})")));
  EXPECT_TRUE(may_be_stale_company(errored("qbo_rejected", R"({"code":"610"})")));
}

TEST(MayBeStaleCompany, OtherFailuresAndSuccessesDoNot) {
  EXPECT_FALSE(may_be_stale_company(errored("total_mismatch", "")));
  EXPECT_FALSE(may_be_stale_company(errored("qbo_rejected", R"({"code":"6000"})")));
  EXPECT_FALSE(may_be_stale_company(errored("qbo_rejected", "not json")));
  store::AttemptOutcome completed;
  completed.status = store::RecordStatus::completed;
  completed.reason = "missing_tax_mapping";
  EXPECT_FALSE(may_be_stale_company(completed));
}

}  // namespace
}  // namespace qbo_sync::runtime
