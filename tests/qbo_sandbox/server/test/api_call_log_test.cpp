#include <gtest/gtest.h>

#include "api_call_log.h"
#include "sandbox_fixture.h"

namespace qbo_sandbox {
namespace {

TEST(ApiCallLog, CountsAdmittedCallsByKindAndTheRestByFate) {
  ApiCallLog log;
  log.record("r1", "POST", "salesreceipt", "", ApiCallLog::Fate::admitted);
  log.record("r1", "POST", "salesreceipt", "", ApiCallLog::Fate::admitted);
  log.record("r1", "GET", "query", "select * from Customer where Id = '1'",
             ApiCallLog::Fate::admitted);
  log.record("r1", "GET", "customer/7", "", ApiCallLog::Fate::admitted);
  log.record("r1", "POST", "salesreceipt", "", ApiCallLog::Fate::throttled);
  log.record("r1", "GET", "companyinfo/1", "", ApiCallLog::Fate::unauthorized);
  log.record("r2", "POST", "batch", "", ApiCallLog::Fate::admitted);

  const auto r1 = log.realm("r1");
  EXPECT_EQ(r1.at("total").as_uint64(), 6u);
  EXPECT_EQ(r1.at("admitted").as_uint64(), 4u);
  EXPECT_EQ(r1.at("throttled").as_uint64(), 1u);
  EXPECT_EQ(r1.at("unauthorized").as_uint64(), 1u);
  const auto& by_call = r1.at("by_call").as_object();
  EXPECT_EQ(by_call.at("POST salesreceipt").as_uint64(), 2u);
  EXPECT_EQ(by_call.at("GET query Customer").as_uint64(), 1u);
  EXPECT_EQ(by_call.at("GET customer").as_uint64(), 1u);
  EXPECT_EQ(by_call.size(), 3u);
  EXPECT_EQ(log.all().at("realms").as_object().size(), 2u);
  EXPECT_EQ(log.realm("unknown").at("total").as_uint64(), 0u);

  log.reset();
  EXPECT_EQ(log.realm("r1").at("total").as_uint64(), 0u);
}

class ControlRequests : public test::SandboxTest {};

TEST_F(ControlRequests, ShowsTheApiCallsTheServerReceived) {
  const auto tokens = connect();
  ASSERT_EQ(api_get("companyinfo/" + realm_, tokens.access_token).status, 200);
  EXPECT_EQ(api_get("companyinfo/" + realm_, "not-a-token").status, 401);
  const auto counted = control("GET", "/requests/" + realm_);
  ASSERT_EQ(counted.status, 200) << counted.body;
  EXPECT_EQ(counted.json().at("admitted").as_int64(), 1);
  EXPECT_EQ(counted.json().at("unauthorized").as_int64(), 1);
  EXPECT_EQ(counted.json().at("by_call").at("GET companyinfo").as_int64(), 1);
  ASSERT_EQ(control("POST", "/requests/reset").status, 200);
  EXPECT_EQ(control("GET", "/requests").json().at("realms").as_object().size(), 0);
  EXPECT_EQ(control("PUT", "/requests").status, 404);
}

}  // namespace
}  // namespace qbo_sandbox
