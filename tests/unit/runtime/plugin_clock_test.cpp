#include "runtime/plugin_clock.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "clock/manual_clock.h"
#include "clock/scaled_clock.h"
#include "clock/system_clock.h"
#include "qbo_sync/plugin_api.h"

namespace qbo_sync::runtime {
namespace {

namespace json = boost::json;

HostConfig read(const std::string& testing_and_engine) {
  const std::string text = R"({"data_dir":"/tmp/x","encryption_key":")" + std::string(64, 'a') +
                           "\"" + testing_and_engine + "}";
  HostConfig config;
  std::string path;
  EXPECT_FALSE(read_host_config(text, config, path).has_value());
  return config;
}

TEST(PluginClockTest, RealTimeUnlessTheTestingSectionSaysOtherwise) {
  auto clock = make_plugin_clock(read("").testing);
  EXPECT_NE(dynamic_cast<clock::SystemClock*>(clock.get()), nullptr);
}

TEST(PluginClockTest, ClockSpeedRunsTheClockThatManyTimesFaster) {
  const auto config = read(R"(,"testing":{"clock_speed":600})");
  auto clock = make_plugin_clock(config.testing);
  auto* scaled = dynamic_cast<clock::ScaledClock*>(clock.get());
  ASSERT_NE(scaled, nullptr);
  EXPECT_EQ(scaled->speed(), 600.0);
}

TEST(PluginClockTest, TheOlderEngineTimeScaleMeansTheSameAndTestingOverridesIt) {
  EXPECT_EQ(read(R"(,"engine":{"time_scale":100})").testing.clock_speed, 100);
  EXPECT_EQ(read(R"(,"engine":{"time_scale":100},"testing":{"clock_speed":7})").testing.clock_speed,
            7);
}

TEST(PluginClockTest, AManualClockIsMovedOnlyByAdvanceClock) {
  const auto config = read(R"(,"testing":{"clock":"manual","clock_speed":600})");
  auto clock = make_plugin_clock(config.testing);
  ASSERT_NE(dynamic_cast<clock::ManualClock*>(clock.get()), nullptr);
  clock::Scheduler scheduler(*clock);
  scheduler.start();
  int polls = 0;
  clock::Scheduler::TaskId poll = 0;
  poll = scheduler.add([&] {
    ++polls;
    scheduler.wake_after(poll, std::chrono::seconds(60));
  });
  scheduler.wake_after(poll, std::chrono::seconds(60));
  const int64_t before = clock->now_ms();
  const auto answer =
      advance_clock(scheduler, json::object{{"op", "advance_clock"}, {"ms", 180000}});
  ASSERT_EQ(answer.status, QBO_SYNC_OK) << answer.body;
  EXPECT_EQ(polls, 3);  // ran before the answer
  EXPECT_EQ(json::parse(answer.body).at("now_ms").as_int64(), before + 180000);
}

TEST(PluginClockTest, AdvanceClockIsRefusedUnlessTheClockIsManual) {
  clock::SystemClock real;
  clock::Scheduler scheduler(real);
  const auto answer = advance_clock(scheduler, json::object{{"op", "advance_clock"}, {"ms", 1000}});
  EXPECT_EQ(answer.status, QBO_SYNC_UNSUPPORTED);
  EXPECT_EQ(json::parse(answer.body).at("code"), "not_available");
}

TEST(PluginClockTest, AdvanceClockNamesAMissingOrNegativeMs) {
  clock::ManualClock manual;
  clock::Scheduler scheduler(manual);
  for (const auto& request :
       {json::object{{"op", "advance_clock"}}, json::object{{"op", "advance_clock"}, {"ms", -5}},
        json::object{{"op", "advance_clock"}, {"ms", "soon"}}}) {
    const auto answer = advance_clock(scheduler, request);
    EXPECT_EQ(answer.status, QBO_SYNC_INVALID_INPUT) << json::serialize(request);
    EXPECT_EQ(json::parse(answer.body).at("path"), "/ms");
  }
}

}  // namespace
}  // namespace qbo_sync::runtime
