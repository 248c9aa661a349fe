#include "engine/create_coalescer.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

#include "connected_sandbox.h"

namespace qbo_sync::engine {
namespace {
namespace json = boost::json;

class CreateCoalescerTest : public ::testing::Test {
 protected:
  void SetUp() override { sandbox_.connect(); }

  static json::object customer(const std::string& name) {
    return json::object{{"DisplayName", name}, {"GivenName", name}};
  }

  // Starts a create that holds the coalescer's only call slot until release_the_call_slot (at
  // most a minute), and returns once the sandbox has it, so that the creates made next queue up
  // behind it.
  std::thread hold_the_call_slot(CreateCoalescer& coalescer) {
    sandbox_.sandbox().control(
        "POST", "/faults",
        R"({"kind":"delay","delay_ms":60000,"count":1,"method":"POST","entity":"Customer"})");
    std::thread slow([this, &coalescer] {
      (void)coalescer.create(sandbox_.connection(), "Customer", customer("Slow First"), "key-slow");
    });
    while (delay_faults_left() > 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return slow;
  }

  // Once `creates` queued up behind the held call, lets it answer.
  void release_the_call_slot(const CreateCoalescer& coalescer, std::size_t creates) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (coalescer.queued(sandbox_.connection()) < creates &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    EXPECT_EQ(coalescer.queued(sandbox_.connection()), creates);
    sandbox_.sandbox().control("POST", "/faults/release");
  }

  std::size_t delay_faults_left() {
    const json::value faults = sandbox_.sandbox().control("GET", "/faults");
    std::size_t left = 0;
    for (const auto& rule : faults.as_object().at("faults").as_array()) {
      if (rule.as_object().at("kind").as_string() == "delay") ++left;
    }
    return left;
  }

  std::set<std::string> ledger_names() {
    std::set<std::string> names;
    for (const auto& customer : sandbox_.ledger_objects("Customer")) {
      names.insert(std::string(customer.as_object().at("DisplayName").as_string()));
    }
    return names;
  }

  testing::ConnectedSandbox sandbox_;
};

TEST_F(CreateCoalescerTest, ALoneCreateGoesOutAloneAtOnce) {
  CreateCoalescer coalescer(sandbox_.api());
  auto created =
      coalescer.create(sandbox_.connection(), "Customer", customer("Lone Live"), "key-lone");
  ASSERT_TRUE(created) << created.fault().summary();
  EXPECT_EQ(created.value().entity.as_object().at("DisplayName").as_string(), "Lone Live");
  EXPECT_EQ(coalescer.counts().single_calls, 1);
  EXPECT_EQ(coalescer.counts().batch_calls, 0);
  EXPECT_TRUE(ledger_names().contains("Lone Live"));
}

TEST_F(CreateCoalescerTest, CreatesThatQueueUpLeaveTogetherAndEachGetsItsOwnAnswer) {
  CreateCoalescer coalescer(sandbox_.api(), {30, 2, 1});
  constexpr int kCreates = 40;
  std::vector<std::string> answered(kCreates);
  std::vector<std::thread> workers;
  for (int i = 0; i < kCreates; ++i) {
    workers.emplace_back([&, i] {
      const std::string name = "Backlog Customer " + std::to_string(i);
      auto created = coalescer.create(sandbox_.connection(), "Customer", customer(name),
                                      "key-" + std::to_string(i));
      if (created) {
        answered[i] = std::string(created.value().entity.as_object().at("DisplayName").as_string());
      }
    });
  }
  for (auto& worker : workers) worker.join();
  for (int i = 0; i < kCreates; ++i) {
    EXPECT_EQ(answered[i], "Backlog Customer " + std::to_string(i)) << "create " << i;
  }
  const CoalescerCounts counts = coalescer.counts();
  EXPECT_EQ(counts.single_calls + counts.batched_items, kCreates);
  EXPECT_GE(counts.batch_calls, 1);
  EXPECT_LT(counts.single_calls + counts.batch_calls, kCreates);
  const auto names = ledger_names();
  for (int i = 0; i < kCreates; ++i) {
    EXPECT_TRUE(names.contains("Backlog Customer " + std::to_string(i)));
  }
}

TEST_F(CreateCoalescerTest, AQueueTooShortToBeWorthABatchGoesOutOneByOne) {
  CreateCoalescer coalescer(sandbox_.api(), {30, 10, 1});
  std::thread first = hold_the_call_slot(coalescer);
  std::vector<std::thread> queued;
  std::vector<int> created(3, 0);
  for (int i = 0; i < 3; ++i) {
    queued.emplace_back([&, i] {
      created[i] =
          coalescer
              .create(sandbox_.connection(), "Customer",
                      customer("Short Queue " + std::to_string(i)), "key-short" + std::to_string(i))
              .ok();
    });
  }
  release_the_call_slot(coalescer, 3);
  first.join();
  for (auto& thread : queued) thread.join();
  EXPECT_EQ(created, std::vector<int>({1, 1, 1}));
  EXPECT_EQ(coalescer.counts().batch_calls, 0);
  EXPECT_EQ(coalescer.counts().single_calls, 4);
}

TEST_F(CreateCoalescerTest, AnItemQboRefusesFailsAloneInsideItsBatch) {
  sandbox_.seed("Customer", customer("Taken Name"));
  CreateCoalescer coalescer(sandbox_.api(), {30, 2, 1});
  std::thread first = hold_the_call_slot(coalescer);
  std::vector<std::optional<qbo::Outcome<qbo::ApiResponse>>> answers(3);
  const std::vector<std::string> names{"Batch Good One", "Taken Name", "Batch Good Two"};
  std::vector<std::thread> queued;
  for (int i = 0; i < 3; ++i) {
    queued.emplace_back([&, i] {
      answers[i].emplace(coalescer.create(sandbox_.connection(), "Customer", customer(names[i]),
                                          "key-q" + std::to_string(i)));
    });
  }
  release_the_call_slot(coalescer, 3);
  first.join();
  for (auto& thread : queued) thread.join();
  ASSERT_TRUE(answers[0] && answers[1] && answers[2]);
  EXPECT_TRUE(*answers[0]);
  ASSERT_FALSE(*answers[1]);
  EXPECT_EQ(answers[1]->fault().code, "6240");
  EXPECT_TRUE(*answers[2]);
  EXPECT_EQ(coalescer.counts().batch_calls, 1);
  EXPECT_EQ(coalescer.counts().batched_items, 3);
}

TEST_F(CreateCoalescerTest, AFailedBatchCallGivesEveryItemItsFault) {
  CreateCoalescer coalescer(sandbox_.api(), {30, 2, 1});
  sandbox_.sandbox().control("POST", "/faults",
                             R"({"kind":"http_500","count":1,"path_prefix":"batch"})");
  std::thread first = hold_the_call_slot(coalescer);
  std::vector<std::optional<qbo::Outcome<qbo::ApiResponse>>> answers(2);
  std::vector<std::thread> queued;
  for (int i = 0; i < 2; ++i) {
    queued.emplace_back([&, i] {
      answers[i].emplace(coalescer.create(sandbox_.connection(), "Customer",
                                          customer("Unlucky " + std::to_string(i)),
                                          "key-u" + std::to_string(i)));
    });
  }
  release_the_call_slot(coalescer, 2);
  first.join();
  for (auto& thread : queued) thread.join();
  for (const auto& answer : answers) {
    ASSERT_TRUE(answer);
    ASSERT_FALSE(*answer);
    EXPECT_EQ(answer->fault().http_status, 500);
  }
  EXPECT_FALSE(ledger_names().contains("Unlucky 0"));
}

}  // namespace
}  // namespace qbo_sync::engine
