#include "qbo_sync/host/recording_host.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <sstream>
#include <thread>
#include <vector>

#include "abi_test_support.h"
#include "qbo_sync/host/string_sink.h"

namespace qbo_sync::host {
namespace {

using ::testing::HasSubstr;

qbo_sync_str view_of(std::string_view text) {
  return qbo_sync_str{text.data(), text.size()};
}

constexpr std::string_view kContact =
    R"({"account_id":"acc-1","qbo_customer_id":"58","display_name":"Amy","active":true})";

std::string upsert_contact(const RecordingHost& host, std::string_view request,
                           std::int32_t* status = nullptr) {
  StringSink response;
  const auto& table = host.table();
  const std::int32_t result = table.upsert_contact(table.ctx, view_of(request), response.sink());
  if (status != nullptr) {
    *status = result;
  }
  return response.text();
}

TEST(RecordingHostTest, TheTableDescribesItself) {
  RecordingHost host;
  const qbo_sync_host_api& table = host.table();
  EXPECT_EQ(table.struct_size, sizeof(qbo_sync_host_api));
  EXPECT_EQ(table.reserved, 0u);
  EXPECT_EQ(table.ctx, &host);
  EXPECT_NE(table.log, nullptr);
  EXPECT_NE(table.email_admins, nullptr);
  EXPECT_NE(table.send_review_request, nullptr);
  EXPECT_NE(table.upsert_contact, nullptr);
  EXPECT_NE(table.import_invoice, nullptr);
}

TEST(RecordingHostTest, KeepsEveryCallInOrder) {
  RecordingHost host;
  const auto& table = host.table();
  table.log(table.ctx, QBO_SYNC_LOG_WARNING, view_of("token refresh retried"));
  EXPECT_EQ(
      table.email_admins(table.ctx, view_of(R"({"account_id":"a","subject":"s","text":"t"})")),
      QBO_SYNC_OK);
  EXPECT_EQ(table.send_review_request(table.ctx, view_of(R"({"account_id":"a"})")), QBO_SYNC_OK);
  upsert_contact(host, kContact);
  const auto calls = host.calls();
  ASSERT_EQ(calls.size(), 4u);
  EXPECT_EQ(calls[0].service, "log");
  EXPECT_EQ(calls[0].log_level, QBO_SYNC_LOG_WARNING);
  EXPECT_EQ(calls[0].request, "token refresh retried");
  EXPECT_EQ(calls[1].service, "email_admins");
  EXPECT_EQ(calls[2].service, "send_review_request");
  EXPECT_EQ(calls[3].service, "upsert_contact");
  EXPECT_EQ(calls[3].request, kContact);
}

TEST(RecordingHostTest, EchoesLogLinesWithTheirLevel) {
  std::ostringstream echo;
  RecordingHost host(RecordingHostOptions{&echo, std::nullopt});
  const auto& table = host.table();
  table.log(table.ctx, QBO_SYNC_LOG_ERROR, view_of("QuickBooks refused the token"));
  table.log(table.ctx, QBO_SYNC_LOG_DEBUG, qbo_sync_str{nullptr, 0});
  EXPECT_EQ(echo.str(), "[plugin error] QuickBooks refused the token\n[plugin debug] \n");
}

TEST(RecordingHostTest, GivesTheSameQuickBooksCustomerTheSameContactIdEveryTime) {
  RecordingHost first_run;
  RecordingHost second_run;
  const std::string first = upsert_contact(first_run, kContact);
  EXPECT_THAT(first, HasSubstr(R"("crm_contact_id":"crm-contact-)"));
  EXPECT_THAT(first, HasSubstr(R"("created":true)"));
  const std::string again = upsert_contact(first_run, kContact);
  EXPECT_THAT(again, HasSubstr(R"("created":false)"));
  EXPECT_EQ(boost::json::parse(first).at("crm_contact_id"),
            boost::json::parse(again).at("crm_contact_id"));
  // Another process (another RecordingHost) hands out the same id.
  EXPECT_EQ(upsert_contact(second_run, kContact), first);
}

TEST(RecordingHostTest, DistinguishesAccountsAndCustomers) {
  const std::string base = RecordingHost::crm_contact_id_for(kContact);
  EXPECT_NE(base, RecordingHost::crm_contact_id_for(
                      R"({"account_id":"acc-2","qbo_customer_id":"58","display_name":"Amy"})"));
  EXPECT_NE(base, RecordingHost::crm_contact_id_for(
                      R"({"account_id":"acc-1","qbo_customer_id":"59","display_name":"Amy"})"));
  EXPECT_EQ(base, RecordingHost::crm_contact_id_for(
                      R"({"account_id":"acc-1","qbo_customer_id":"58","display_name":"Amy B"})"));
}

TEST(RecordingHostTest, KeepsTheCrmIdTheRequestAlreadyNames) {
  EXPECT_EQ(RecordingHost::crm_contact_id_for(
                R"({"account_id":"acc-1","qbo_customer_id":"58","crm_contact_id":"c-9"})"),
            "c-9");
  EXPECT_EQ(RecordingHost::crm_invoice_id_for(
                R"({"account_id":"acc-1","qbo_invoice_id":"130","crm_invoice_id":"i-4"})"),
            "i-4");
}

TEST(RecordingHostTest, ImportsInvoicesWithStableIds) {
  RecordingHost host;
  const auto& table = host.table();
  StringSink response;
  const std::string invoice = R"({"account_id":"acc-1","qbo_invoice_id":"130"})";
  EXPECT_EQ(table.import_invoice(table.ctx, view_of(invoice), response.sink()), QBO_SYNC_OK);
  EXPECT_EQ(boost::json::parse(response.text()).at("crm_invoice_id").as_string(),
            RecordingHost::crm_invoice_id_for(invoice));
  EXPECT_THAT(response.text(), HasSubstr("crm-invoice-"));
}

TEST(RecordingHostTest, RefusesARequestThatIsNotJson) {
  RecordingHost host;
  const auto& table = host.table();
  std::int32_t status = QBO_SYNC_OK;
  const std::string response = upsert_contact(host, "{not json", &status);
  EXPECT_EQ(status, QBO_SYNC_INVALID_INPUT);
  EXPECT_THAT(response, HasSubstr(R"("code":"invalid_json")"));
  EXPECT_EQ(table.email_admins(table.ctx, view_of("[1,2")), QBO_SYNC_INVALID_INPUT);
  EXPECT_EQ(table.send_review_request(table.ctx, qbo_sync_str{nullptr, 0}), QBO_SYNC_INVALID_INPUT);
  EXPECT_EQ(host.calls().size(), 3u);  // refused calls are recorded too
}

TEST(RecordingHostTest, AcceptsANullResponseSink) {
  RecordingHost host;
  const auto& table = host.table();
  EXPECT_EQ(table.upsert_contact(table.ctx, view_of(kContact), nullptr), QBO_SYNC_OK);
  ASSERT_EQ(host.calls().size(), 1u);
  EXPECT_THAT(host.calls()[0].response, HasSubstr("crm_contact_id"));
}

TEST(RecordingHostTest, WritesEveryCallAsAJsonLine) {
  qbo_sync::testing::TempDir directory;
  const auto log_path = directory.path() / "host.jsonl";
  {
    RecordingHost host(RecordingHostOptions{nullptr, log_path});
    const auto& table = host.table();
    table.log(table.ctx, QBO_SYNC_LOG_INFO, view_of("hello"));
    upsert_contact(host, kContact);
  }
  std::istringstream lines(abi_test::read_file(log_path));
  std::string line;
  ASSERT_TRUE(std::getline(lines, line));
  const auto log_line = boost::json::parse(line).as_object();
  EXPECT_EQ(log_line.at("service").as_string(), "log");
  EXPECT_EQ(log_line.at("level").as_string(), "info");
  EXPECT_EQ(log_line.at("message").as_string(), "hello");
  ASSERT_TRUE(std::getline(lines, line));
  const auto upsert_line = boost::json::parse(line).as_object();
  EXPECT_EQ(upsert_line.at("service").as_string(), "upsert_contact");
  EXPECT_EQ(upsert_line.at("status").as_int64(), QBO_SYNC_OK);
  EXPECT_EQ(upsert_line.at("request").at("qbo_customer_id").as_string(), "58");
  EXPECT_TRUE(upsert_line.at("response").as_object().contains("crm_contact_id"));
  EXPECT_FALSE(std::getline(lines, line));
}

TEST(RecordingHostTest, RecordsEveryCallFromManyThreads) {
  qbo_sync::testing::TempDir directory;
  const auto log_path = directory.path() / "host.jsonl";
  constexpr int kThreads = 8;
  constexpr int kCallsPerThread = 200;
  {
    RecordingHost host(RecordingHostOptions{nullptr, log_path});
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&host, t] {
        const auto& table = host.table();
        for (int i = 0; i < kCallsPerThread; ++i) {
          const std::string request = R"({"account_id":"acc-)" + std::to_string(t) +
                                      R"(","qbo_customer_id":")" + std::to_string(i) + "\"}";
          table.log(table.ctx, QBO_SYNC_LOG_DEBUG, view_of("call"));
          table.upsert_contact(table.ctx, view_of(request), nullptr);
        }
      });
    }
    for (auto& thread : threads) {
      thread.join();
    }
    EXPECT_EQ(host.calls().size(), static_cast<std::size_t>(2 * kThreads * kCallsPerThread));
    EXPECT_EQ(host.calls_to("upsert_contact").size(),
              static_cast<std::size_t>(kThreads * kCallsPerThread));
  }
  std::istringstream lines(abi_test::read_file(log_path));
  int parsed = 0;
  for (std::string line; std::getline(lines, line); ++parsed) {
    ASSERT_NO_THROW(boost::json::parse(line)) << line;
  }
  EXPECT_EQ(parsed, 2 * kThreads * kCallsPerThread);
}

}  // namespace
}  // namespace qbo_sync::host
