#include "throttle.h"

#include <future>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json/serialize.hpp>

#include "sandbox_fixture.h"

namespace qbo_sandbox {
namespace {

using Verdict = Throttle::Verdict;

TEST(Throttle, The501stRequestInAMinuteIsRefusedUntilTheWindowMoves) {
  Throttle throttle(ThrottleLimits{}, 1.0);
  for (int i = 0; i < 500; ++i) {
    ASSERT_EQ(throttle.admit("1", false).verdict, Verdict::admitted) << i;
  }
  EXPECT_EQ(throttle.admit("1", false).verdict, Verdict::rate_exceeded);
  EXPECT_EQ(throttle.admit("2", false).verdict, Verdict::admitted) << "limits are per realm";
  throttle.advance(std::chrono::seconds(61));
  EXPECT_EQ(throttle.admit("1", false).verdict, Verdict::admitted);
}

TEST(Throttle, TheEleventhConcurrentRequestIsRefused) {
  Throttle throttle(ThrottleLimits{}, 1.0);
  std::vector<std::shared_ptr<void>> slots;
  for (int i = 0; i < 10; ++i) {
    auto admission = throttle.admit("1", false);
    ASSERT_EQ(admission.verdict, Verdict::admitted);
    slots.push_back(admission.slot);
  }
  EXPECT_EQ(throttle.in_flight("1"), 10u);
  EXPECT_EQ(throttle.admit("1", false).verdict, Verdict::concurrency_exceeded);
  slots.pop_back();  // one answer written
  EXPECT_EQ(throttle.in_flight("1"), 9u);
  EXPECT_EQ(throttle.admit("1", false).verdict, Verdict::admitted);
}

TEST(Throttle, The41stBatchInAMinuteIsRefusedButSingleCallsGoOn) {
  Throttle throttle(ThrottleLimits{}, 1.0);
  for (int i = 0; i < 40; ++i) {
    ASSERT_EQ(throttle.admit("1", true).verdict, Verdict::admitted);
  }
  EXPECT_EQ(throttle.admit("1", true).verdict, Verdict::batch_rate_exceeded);
  EXPECT_EQ(throttle.admit("1", false).verdict, Verdict::admitted);
}

TEST(Throttle, TimeScaleShortensTheWindow) {
  // At scale 600 a minute lasts 100 ms.
  Throttle throttle(ThrottleLimits{true, 5, 10, 40}, 600.0);
  const auto window_opened = std::chrono::steady_clock::now();
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(throttle.admit("1", false).verdict, Verdict::admitted);
  }
  EXPECT_EQ(throttle.admit("1", false).verdict, Verdict::rate_exceeded);
  // Refused requests do not count against the window: ask until one is admitted.
  const auto deadline = window_opened + std::chrono::seconds(5);
  Verdict verdict = Verdict::rate_exceeded;
  while (verdict == Verdict::rate_exceeded && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::yield();
    verdict = throttle.admit("1", false).verdict;
  }
  const auto waited = std::chrono::steady_clock::now() - window_opened;
  EXPECT_EQ(verdict, Verdict::admitted);
  EXPECT_GE(waited, std::chrono::milliseconds(100)) << "admitted before the scaled minute ended";
}

TEST(Throttle, DisabledAdmitsEverything) {
  Throttle throttle(ThrottleLimits{false, 1, 1, 1}, 1.0);
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(throttle.admit("1", true).verdict, Verdict::admitted);
  }
}

class ThrottleOverHttp : public test::SandboxTest {};

TEST_F(ThrottleOverHttp, The501stCallGets429WithTheThrottleExceededFault) {
  const auto tokens = connect();
  const std::string url = api_url("companyinfo/" + realm_);
  const std::vector<std::string> headers{"Authorization: Bearer " + tokens.access_token};
  for (int i = 0; i < 500; ++i) {
    const auto answer = http_.get(url, headers);
    ASSERT_EQ(answer.status, 200) << i << ": " << answer.body;
  }
  const auto refused = http_.get(url, headers);
  EXPECT_EQ(refused.status, 429);
  EXPECT_NE(refused.body.find(R"(<Fault type="SERVICE"><Error code="3001">)"), std::string::npos)
      << refused.body;
  EXPECT_NE(refused.body.find("message=ThrottleExceeded; errorCode=003001; statusCode=429"),
            std::string::npos);
  EXPECT_FALSE(refused.header("intuit_tid").empty());

  // Advancing the sandbox clock by a minute opens the window again.
  control("POST", "/clock/advance", R"({"seconds":60})");
  EXPECT_EQ(http_.get(url, headers).status, 200);
}

TEST_F(ThrottleOverHttp, TheEleventhConcurrentCallGets429) {
  const auto tokens = connect();
  // Hold ten calls in the server until released (the minute is a limit, not a wait).
  ASSERT_EQ(control("POST", "/faults", R"({"kind":"delay","count":10,"delay_ms":60000})").status,
            201);
  const std::string url = api_url("companyinfo/" + realm_);
  std::vector<std::future<long>> held;
  for (int i = 0; i < 10; ++i) {
    held.push_back(std::async(std::launch::async, [&] {
      test::HttpClient client;
      return client.get(url, {"Authorization: Bearer " + tokens.access_token}).status;
    }));
  }
  // Wait until all ten are in flight.
  for (int i = 0; i < 250; ++i) {
    const auto state = control("GET", "/throttle").json();
    if (state.at("in_flight").at(realm_).as_int64() == 10) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const auto eleventh = http_.get(url, {"Authorization: Bearer " + tokens.access_token});
  EXPECT_EQ(eleventh.status, 429) << eleventh.body;
  ASSERT_EQ(control("POST", "/faults/release").status, 200);
  for (auto& call : held) {
    EXPECT_EQ(call.get(), 200);
  }
  EXPECT_EQ(http_.get(url, {"Authorization: Bearer " + tokens.access_token}).status, 200);
}

TEST_F(ThrottleOverHttp, ControlChangesTheLimits) {
  const auto tokens = connect();
  auto set = control("POST", "/throttle", R"({"requests_per_minute":2})");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.json().at("requests_per_minute"), 2);
  const std::string url = api_url("companyinfo/" + realm_);
  const std::vector<std::string> headers{"Authorization: Bearer " + tokens.access_token};
  EXPECT_EQ(http_.get(url, headers).status, 200);
  EXPECT_EQ(http_.get(url, headers).status, 200);
  EXPECT_EQ(http_.get(url, headers).status, 429);
  control("POST", "/throttle", R"({"enabled":false})");
  EXPECT_EQ(http_.get(url, headers).status, 200);

  auto refused = control("POST", "/throttle", R"({"requests_per_minute":0})");
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.json().at("field"), "requests_per_minute");
}

}  // namespace
}  // namespace qbo_sandbox
