#include "qbo_client/retry_policy.h"

#include <gtest/gtest.h>

#include "qbo_client/fault_parser.h"
#include "qbo_client/http_transport.h"

namespace qbo_sync::qbo {
namespace {

using std::chrono::milliseconds;

RetryPolicy policy_with(double jitter, double scale = 1.0) {
  RetryPolicyOptions options;
  options.base_delay = milliseconds(1000);
  options.max_delay = milliseconds(60000);
  options.time_scale = scale;
  return RetryPolicy(options, [jitter] { return jitter; });
}

Fault fault_of(FaultClass fault_class, int status = 400) {
  Fault fault;
  fault.fault_class = fault_class;
  fault.http_status = status;
  return fault;
}

TEST(RetryPolicyTest, BackoffIsExponentialWithFullJitterAndCapped) {
  const auto top = policy_with(0.999999);
  EXPECT_EQ(top.backoff(1).count(), 999);
  EXPECT_EQ(top.backoff(2).count(), 1999);
  EXPECT_EQ(top.backoff(4).count(), 7999);
  EXPECT_EQ(top.backoff(30).count(), 59999);  // capped at max_delay
  EXPECT_EQ(policy_with(0.0).backoff(5).count(), 0);
  EXPECT_EQ(policy_with(0.5).backoff(3).count(), 2000);
  EXPECT_EQ(policy_with(0.5, 0.01).backoff(3).count(), 20);  // time scale
}

TEST(RetryPolicyTest, ThrottledWaitsThePauseOrALongerRetryAfter) {
  const auto policy = policy_with(0.5);
  auto decision = policy.decide(parse_fault(429, ""), {});
  EXPECT_EQ(decision.action, RetryAction::retry_after_delay);
  EXPECT_EQ(decision.delay, milliseconds(60000));
  AttemptContext context;
  context.retry_after = milliseconds(120000);
  EXPECT_EQ(policy.decide(parse_fault(429, ""), context).delay, milliseconds(120000));
  // Even for a write: a throttled request was never processed.
  context.is_write = true;
  EXPECT_EQ(policy.decide(parse_fault(429, ""), context).action, RetryAction::retry_after_delay);
}

TEST(RetryPolicyTest, TransientReadsRetryButUnknownWriteOutcomesSettleFirst) {
  const auto policy = policy_with(0.5);
  AttemptContext read;
  read.attempt = 2;
  auto decision = policy.decide(parse_fault(503, "<html>down</html>"), read);
  EXPECT_EQ(decision.action, RetryAction::retry_after_delay);
  EXPECT_EQ(decision.delay, milliseconds(1000));

  AttemptContext write;
  write.is_write = true;
  EXPECT_EQ(policy.decide(parse_fault(502, ""), write).action, RetryAction::settle_first);

  TransportError timeout{TransportErrorKind::timeout, true, "timed out"};
  EXPECT_EQ(policy.decide(to_fault(timeout), write).action, RetryAction::settle_first);
  TransportError refused{TransportErrorKind::connection_refused, false, "refused"};
  EXPECT_EQ(policy.decide(to_fault(refused), write).action, RetryAction::retry_after_delay);
  EXPECT_EQ(policy.decide(to_fault(timeout), read).action, RetryAction::retry_after_delay);
}

TEST(RetryPolicyTest, AnUnreadableAnswerToAWriteSettlesFirstAndToAReadRetries) {
  const auto policy = policy_with(0.5);
  Fault unreadable = fault_of(FaultClass::unknown, 200);
  unreadable.may_have_reached_server = true;
  AttemptContext write;
  write.is_write = true;
  EXPECT_EQ(policy.decide(unreadable, write).action, RetryAction::settle_first);
  EXPECT_EQ(policy.decide(unreadable, {}).action, RetryAction::retry_after_delay);
  EXPECT_EQ(policy.decide(fault_of(FaultClass::unknown, 302), write).action,
            RetryAction::permanent);
}

TEST(RetryPolicyTest, UnauthorizedRefreshesOnceThenNeedsReconnect) {
  const auto policy = policy_with(0.5);
  AttemptContext context;
  EXPECT_EQ(policy.decide(fault_of(FaultClass::unauthorized, 401), context).action,
            RetryAction::refresh_then_retry);
  context.already_refreshed = true;
  EXPECT_EQ(policy.decide(fault_of(FaultClass::unauthorized, 401), context).action,
            RetryAction::reconnect_needed);
  EXPECT_EQ(policy.decide(parse_fault(400, R"({"error":"invalid_grant"})"), {}).action,
            RetryAction::reconnect_needed);
}

TEST(RetryPolicyTest, DataFaultsArePermanentAndStaleObjectsAreReread) {
  const auto policy = policy_with(0.5);
  for (auto fault_class :
       {FaultClass::validation, FaultClass::duplicate_name, FaultClass::duplicate_document_number,
        FaultClass::not_found, FaultClass::permission, FaultClass::closed_period,
        FaultClass::business_rule, FaultClass::bad_client}) {
    EXPECT_EQ(policy.decide(fault_of(fault_class), {}).action, RetryAction::permanent)
        << to_string(fault_class);
  }
  EXPECT_EQ(policy.decide(fault_of(FaultClass::stale_object), {}).action,
            RetryAction::reread_then_retry);
}

}  // namespace
}  // namespace qbo_sync::qbo
