#include "qbo_client/token_manager.h"

#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <functional>
#include <future>
#include <thread>
#include <vector>

#include "clock/manual_clock.h"
#include "fake_token_server.h"
#include "fake_transport.h"
#include "in_memory_token_repository.h"

namespace qbo_sync::qbo {
namespace {

using namespace std::chrono_literals;
using namespace testing;  // the fake token server, transport and repository

// The plugin's manual clock, read as wall time: it moves only when the test moves it.
struct TestClock {
  WallTime now() const { return wall_time_on(manual); }
  void advance(std::chrono::nanoseconds by) { manual.advance(by); }

  clock::ManualClock manual{1'800'000'000'000};
};

// True once `condition` holds, false if it does not within a few seconds of real time.
bool eventually(const std::function<bool()>& condition) {
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::yield();
  }
  return true;
}

// `outcome` is a fault of class `expected`.
template <typename T>
void expect_fault(const Outcome<T>& outcome, FaultClass expected) {
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.fault().fault_class, expected) << outcome.fault().summary();
}

TokenManagerOptions fast_options(std::string instance) {
  TokenManagerOptions options;
  options.lease_poll_interval = 2ms;
  options.instance_id = std::move(instance);
  return options;
}

struct Fixture {
  explicit Fixture(FakeTokenServer::Options server_options = {})
      : server(server_options),
        transport([this](const HttpRequest& request) { return server.handle(request); }),
        oauth(transport, testing::test_oauth_config(), &clock.manual) {}

  void connect(TokenManager& manager) {
    ASSERT_TRUE(manager.connect("tenant-1", server.issue_code()));
  }

  TestClock clock;
  FakeTokenServer server;
  FakeTransport transport;
  OAuthClient oauth;
  InMemoryTokenRepository repository;
};

// A fixture whose tenant is connected through one token manager.
struct Connected : Fixture {
  Connected() { connect(manager); }

  TokenManager manager{repository, oauth, fast_options("a"), &clock.manual};
};

class ConnectedTokenManagerTest : public ::testing::Test, protected Connected {};

// The access token each of `threads` threads got from `manager_of(i)`, all asking at once (or the
// fault's summary).
std::vector<std::string> tokens_asked_at_once(int threads,
                                              const std::function<TokenManager&(int)>& manager_of) {
  std::barrier start(threads);
  std::vector<std::string> seen(static_cast<std::size_t>(threads));
  std::vector<std::thread> workers;
  for (int i = 0; i < threads; ++i) {
    workers.emplace_back([&, i] {
      TokenManager& manager = manager_of(i);
      start.arrive_and_wait();
      auto token = manager.access_token("tenant-1");
      seen[static_cast<std::size_t>(i)] =
          token ? token.value().value : "fault: " + token.fault().summary();
    });
  }
  for (auto& worker : workers) {
    worker.join();
  }
  return seen;
}

TEST_F(ConnectedTokenManagerTest, ConnectSavesTokensAndHandsOutTheAccessToken) {
  auto token = manager.access_token("tenant-1");
  ASSERT_TRUE(token);
  EXPECT_TRUE(server.is_access_token_valid(token.value().value));
  EXPECT_EQ(repository.load("tenant-1").tokens->refresh_token, server.current_refresh_token());
  EXPECT_EQ(server.refreshes(), 0);
}

TEST(TokenManagerTest, UnknownTenantIsNotConnected) {
  Fixture f;
  TokenManager manager(f.repository, f.oauth, fast_options("a"), &f.clock.manual);
  auto token = manager.access_token("nobody");
  expect_fault(token, FaultClass::not_connected);
}

TEST_F(ConnectedTokenManagerTest, RefreshesOnlyWithinFiveMinutesOfExpiry) {
  const std::string first = manager.access_token("tenant-1").value().value;
  clock.advance(3600s - 301s);
  EXPECT_EQ(manager.access_token("tenant-1").value().value, first);
  EXPECT_EQ(server.refreshes(), 0);
  clock.advance(2s);
  const std::string second = manager.access_token("tenant-1").value().value;
  EXPECT_NE(second, first);
  EXPECT_EQ(server.refreshes(), 1);
}

TEST(TokenManagerTest, ManyThreadsAtOnceCauseExactlyOneRefresh) {
  FakeTokenServer::Options options;
  options.refresh_delay = 20ms;  // keep the refresh in flight while the others arrive
  Fixture f(options);
  TokenManager manager(f.repository, f.oauth, fast_options("a"), &f.clock.manual);
  f.connect(manager);
  f.clock.advance(3600s);
  const auto seen = tokens_asked_at_once(16, [&](int) -> TokenManager& { return manager; });
  EXPECT_EQ(f.server.refreshes(), 1);
  EXPECT_EQ(f.server.invalid_grants(), 0);
  for (const auto& token : seen) {
    EXPECT_EQ(token, seen.front());
    EXPECT_TRUE(f.server.is_access_token_valid(token)) << token;
  }
}

TEST(TokenManagerTest, TwoInstancesOverOneRepositoryRefreshOnceAndBothGetTheNewToken) {
  FakeTokenServer::Options options;
  options.refresh_delay = 30ms;
  Fixture f(options);
  TokenManager first(f.repository, f.oauth, fast_options("instance-1"), &f.clock.manual);
  TokenManager second(f.repository, f.oauth, fast_options("instance-2"), &f.clock.manual);
  f.connect(first);
  ASSERT_TRUE(second.access_token("tenant-1"));  // both have the token cached
  f.clock.advance(3600s);
  constexpr int kThreadsPerInstance = 6;
  const auto seen = tokens_asked_at_once(
      2 * kThreadsPerInstance, [&](int i) -> TokenManager& { return i % 2 == 0 ? first : second; });
  EXPECT_EQ(f.server.refreshes(), 1);
  EXPECT_EQ(f.server.invalid_grants(), 0);  // nobody used a rotated-out refresh token
  for (const auto& token : seen) {
    EXPECT_EQ(token, seen.front());
  }
  EXPECT_TRUE(f.server.is_access_token_valid(seen.front()));
  EXPECT_EQ(f.repository.load("tenant-1").tokens->refresh_token, f.server.current_refresh_token());
}

TEST(TokenManagerTest, ALongRunOfRotationsNeverLosesTheNewestRefreshToken) {
  Fixture f;
  TokenManager first(f.repository, f.oauth, fast_options("instance-1"), &f.clock.manual);
  TokenManager second(f.repository, f.oauth, fast_options("instance-2"), &f.clock.manual);
  f.connect(first);
  for (int round = 0; round < 200; ++round) {
    f.clock.advance(3600s);
    TokenManager& manager = round % 3 == 0 ? second : first;
    auto token = manager.access_token("tenant-1");
    ASSERT_TRUE(token) << round << ": " << token.fault().summary();
    ASSERT_TRUE(f.server.is_access_token_valid(token.value().value));
    ASSERT_EQ(f.repository.load("tenant-1").tokens->refresh_token,
              f.server.current_refresh_token());
  }
  EXPECT_EQ(f.server.refreshes(), 200);
  EXPECT_EQ(f.server.invalid_grants(), 0);
}

TEST(TokenManagerTest, NoTokenIsHandedOutUnlessItsRotationWasSaved) {
  FakeTokenServer::Options options;
  options.old_refresh_token_keeps_working = true;  // Intuit's grace period after a rotation
  Fixture f(options);
  TokenManager manager(f.repository, f.oauth, fast_options("a"), &f.clock.manual);
  f.connect(manager);
  const std::string saved_refresh = f.repository.load("tenant-1").tokens->refresh_token;
  f.clock.advance(3600s);
  f.repository.fail_next_saves(1);
  auto failed = manager.access_token("tenant-1");
  expect_fault(failed, FaultClass::transient);
  EXPECT_EQ(f.repository.load("tenant-1").tokens->refresh_token, saved_refresh);
  // The next call refreshes again from the saved token, saves, and only then hands out.
  auto token = manager.access_token("tenant-1");
  ASSERT_TRUE(token) << token.fault().summary();
  EXPECT_EQ(f.repository.load("tenant-1").tokens->access_token, token.value().value);
  EXPECT_EQ(f.repository.load("tenant-1").tokens->refresh_token, f.server.current_refresh_token());
}

TEST_F(ConnectedTokenManagerTest, InvalidGrantMarksReconnectNeededOnceAndReconnectResumes) {
  server.revoke_everything();
  clock.advance(3600s);
  auto token = manager.access_token("tenant-1");
  expect_fault(token, FaultClass::reconnect_needed);
  EXPECT_EQ(repository.reconnect_marks(), 1);
  EXPECT_TRUE(manager.status("tenant-1").reconnect_needed);
  EXPECT_FALSE(manager.status("tenant-1").connected);
  const int grants_refused = server.invalid_grants();
  for (int i = 0; i < 5; ++i) {
    auto again = manager.access_token("tenant-1");
    expect_fault(again, FaultClass::reconnect_needed);
  }
  EXPECT_EQ(server.invalid_grants(), grants_refused);  // no more calls to Intuit
  EXPECT_EQ(repository.reconnect_marks(), 1);
  connect(manager);
  EXPECT_TRUE(manager.access_token("tenant-1"));
  EXPECT_FALSE(manager.status("tenant-1").reconnect_needed);
}

TEST(TokenManagerTest, ATokenSavedByAnotherInstanceIsUsedInsteadOfDeclaringInvalidGrant) {
  Fixture f;
  TokenManager first(f.repository, f.oauth, fast_options("instance-1"), &f.clock.manual);
  TokenManager second(f.repository, f.oauth, fast_options("instance-2"), &f.clock.manual);
  f.connect(first);
  f.clock.advance(3600s);
  ASSERT_TRUE(second.access_token("tenant-1"));  // second rotates
  ASSERT_TRUE(first.access_token("tenant-1"));   // first reads the rotation from the repository
  EXPECT_EQ(f.server.refreshes(), 1);
  EXPECT_EQ(f.repository.reconnect_marks(), 0);
}

TEST_F(ConnectedTokenManagerTest, AFailedEarlyRefreshKeepsUsingTheStillValidToken) {
  const std::string first = manager.access_token("tenant-1").value().value;
  clock.advance(3600s - 120s);  // inside the refresh-ahead window, not yet expired
  transport.set_handler([](const HttpRequest&) -> HttpResult {
    return TransportError{TransportErrorKind::connection_refused, false, "refused"};
  });
  auto token = manager.access_token("tenant-1");
  ASSERT_TRUE(token);
  EXPECT_EQ(token.value().value, first);
  clock.advance(200s);  // now expired: the failure shows
  auto expired = manager.access_token("tenant-1");
  expect_fault(expired, FaultClass::transient);
}

TEST_F(ConnectedTokenManagerTest, ARejectedTokenIsRefreshedOnceForAllWhoReportIt) {
  const std::string rejected = manager.access_token("tenant-1").value().value;
  auto renewed = manager.refresh_after_rejection("tenant-1", rejected);
  ASSERT_TRUE(renewed);
  EXPECT_NE(renewed.value().value, rejected);
  auto again = manager.refresh_after_rejection("tenant-1", rejected);
  ASSERT_TRUE(again);
  EXPECT_EQ(again.value().value, renewed.value().value);
  EXPECT_EQ(server.refreshes(), 1);
}

TEST(TokenManagerTest, AnAbandonedLeaseOfACrashedInstanceExpiresOnTheClock) {
  Fixture f;
  auto options = fast_options("a");
  options.lease_duration = 60s;
  TokenManager manager(f.repository, f.oauth, options, &f.clock.manual);
  f.connect(manager);
  f.clock.advance(3600s);
  ASSERT_TRUE(f.repository.try_acquire_refresh_lease("tenant-1", "crashed", f.clock.now(),
                                                     f.clock.now() + 30s));
  auto token = std::async(std::launch::async, [&] { return manager.access_token("tenant-1"); });
  // While the clock stands still the crashed instance's lease holds, however long that is.
  ASSERT_TRUE(eventually([&] { return f.repository.refused_leases() >= 3; }));
  EXPECT_EQ(token.wait_for(0s), std::future_status::timeout);
  EXPECT_EQ(f.server.refreshes(), 0);
  f.clock.advance(31s);
  const auto renewed = token.get();
  ASSERT_TRUE(renewed) << renewed.fault().summary();
  EXPECT_EQ(f.server.refreshes(), 1);
}

TEST(TokenManagerTest, ALiveRefresherIsAwaitedForTheLongestWaitOnTheClockThenItIsTransient) {
  Fixture f;
  auto options = fast_options("a");
  options.max_wait_for_other_refresher = 90s;
  TokenManager manager(f.repository, f.oauth, options, &f.clock.manual);
  f.connect(manager);
  f.clock.advance(3600s);
  ASSERT_TRUE(f.repository.try_acquire_refresh_lease("tenant-1", "busy", f.clock.now(),
                                                     f.clock.now() + 3600s));
  auto token = std::async(std::launch::async, [&] { return manager.access_token("tenant-1"); });
  ASSERT_TRUE(eventually([&] { return f.repository.refused_leases() >= 2; }));
  f.clock.advance(89s);
  const int refused_before = f.repository.refused_leases();
  ASSERT_TRUE(eventually([&] { return f.repository.refused_leases() >= refused_before + 2; }));
  EXPECT_EQ(token.wait_for(0s), std::future_status::timeout);  // 89 s: still waiting
  f.clock.advance(2s);
  expect_fault(token.get(), FaultClass::transient);
  EXPECT_EQ(f.server.refreshes(), 0);
}

TEST_F(ConnectedTokenManagerTest, AFailingStoreIsATransientFault) {
  clock.advance(3600s);
  repository.fail_next_loads(1);
  auto token = manager.access_token("tenant-1");
  expect_fault(token, FaultClass::transient);
  EXPECT_EQ(token.fault().summary().find("database"), std::string::npos);
  EXPECT_TRUE(manager.access_token("tenant-1"));
}

TEST_F(ConnectedTokenManagerTest, StatusWarnsThirtyDaysBeforeTheHardExpiry) {
  auto status = manager.status("tenant-1");
  EXPECT_TRUE(status.connected);
  EXPECT_FALSE(status.hard_expiry_warning);
  ASSERT_TRUE(status.refresh_hard_expires_at);
  const auto hard = *status.refresh_hard_expires_at;
  clock.advance(std::chrono::duration_cast<std::chrono::seconds>(hard - clock.now()) -
                std::chrono::hours(24 * 31));
  EXPECT_FALSE(manager.status("tenant-1").hard_expiry_warning);
  clock.advance(std::chrono::hours(48));
  EXPECT_TRUE(manager.status("tenant-1").hard_expiry_warning);
}

TEST_F(ConnectedTokenManagerTest, DisconnectRevokesAtQboAndForgetsTheTokens) {
  const std::string refresh = repository.load("tenant-1").tokens->refresh_token;
  auto result = manager.disconnect("tenant-1");
  EXPECT_TRUE(result.revoked_at_qbo);
  EXPECT_EQ(server.revokes(), 1);
  EXPECT_FALSE(repository.load("tenant-1").tokens);
  auto token = manager.access_token("tenant-1");
  expect_fault(token, FaultClass::not_connected);
  EXPECT_FALSE(oauth.refresh(refresh));  // revoked at Intuit too
  connect(manager);
  EXPECT_TRUE(manager.access_token("tenant-1"));
}

TEST_F(ConnectedTokenManagerTest, DisconnectStillForgetsTokensWhenQboIsUnreachable) {
  transport.set_handler([](const HttpRequest&) -> HttpResult {
    return TransportError{TransportErrorKind::timeout, true, "timed out"};
  });
  auto result = manager.disconnect("tenant-1");
  EXPECT_FALSE(result.revoked_at_qbo);
  ASSERT_TRUE(result.revoke_fault);
  EXPECT_EQ(result.revoke_fault->fault_class, FaultClass::transient);
  EXPECT_FALSE(repository.load("tenant-1").tokens);
}

}  // namespace
}  // namespace qbo_sync::qbo
