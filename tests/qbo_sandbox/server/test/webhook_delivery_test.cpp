#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/parse.hpp>

#include "sandbox_fixture.h"
#include "webhook_payload.h"

namespace qbo_sandbox {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

// A local webhook endpoint that answers with scripted statuses and records what it got.
class WebhookReceiver {
 public:
  struct Delivery {
    std::string body;
    std::map<std::string, std::string> headers;
  };

  explicit WebhookReceiver(std::deque<int> statuses) : statuses_(std::move(statuses)) {
    acceptor_.open(tcp::v4());
    acceptor_.bind(tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    acceptor_.listen();
    accept();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~WebhookReceiver() {
    io_.stop();
    thread_.join();
  }

  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + "/hooks";
  }

  // Waits until `count` deliveries arrived (or 10 s passed); returns what arrived.
  std::vector<Delivery> wait_for(std::size_t count) {
    std::unique_lock lock(mutex_);
    arrived_.wait_for(lock, std::chrono::seconds(10), [&] { return received_.size() >= count; });
    return received_;
  }

 private:
  void accept() {
    acceptor_.async_accept([this](boost::system::error_code error, tcp::socket socket) {
      if (error) {
        return;
      }
      boost::beast::flat_buffer buffer;
      http::request<http::string_body> request;
      http::read(socket, buffer, request, error);
      if (!error) {
        int status = 200;
        Delivery delivery;
        delivery.body = request.body();
        for (const auto& field : request) {
          delivery.headers[std::string(field.name_string())] = std::string(field.value());
        }
        {
          std::lock_guard lock(mutex_);
          if (!statuses_.empty()) {
            status = statuses_.front();
            statuses_.pop_front();
          }
          received_.push_back(std::move(delivery));
        }
        arrived_.notify_all();
        http::response<http::string_body> response{static_cast<http::status>(status), 11};
        response.keep_alive(false);
        response.prepare_payload();
        http::write(socket, response, error);
      }
      accept();
    });
  }

  asio::io_context io_;
  tcp::acceptor acceptor_{io_};
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::deque<int> statuses_;
  std::vector<Delivery> received_;
};

class WebhookDelivery : public test::SandboxTest {
 protected:
  void configure(const std::string& url, const std::string& format) {
    const auto answer =
        control("POST", "/webhooks",
                R"({"url":")" + url + R"(","format":")" + format +
                    R"(","batch_window_ms":50,"retry_delays_ms":[50,50],"max_attempts":3})");
    ASSERT_EQ(answer.status, 200) << answer.body;
  }
  std::string create_customer(const std::string& name) {
    const auto tokens = connect();
    const auto created =
        http_.post_json(api_url("customer"), R"({"DisplayName":")" + name + R"("})",
                        {"Authorization: Bearer " + tokens.access_token});
    EXPECT_EQ(created.status, 200) << created.body;
    return std::string(created.json().at("Customer").at("Id").as_string());
  }
};

TEST_F(WebhookDelivery, LegacyNotificationIsSignedAndRetriedUntilAcknowledged) {
  WebhookReceiver receiver({500, 503});
  configure(receiver.url(), "legacy");
  const std::string id = create_customer("Hooked Ltd");

  const auto deliveries = receiver.wait_for(3);
  ASSERT_EQ(deliveries.size(), 3u) << "two failures, then the acknowledged attempt";
  const std::string verifier(server_->startup_info().at("webhook_verifier_token").as_string());
  for (const auto& delivery : deliveries) {
    EXPECT_EQ(delivery.body, deliveries[0].body) << "a retry sends the same notification";
    EXPECT_EQ(delivery.headers.at("intuit-signature"), webhook_signature(verifier, delivery.body));
    EXPECT_EQ(delivery.headers.at("Content-Type"), "application/json; charset=utf-8");
  }
  const auto body = boost::json::parse(deliveries[0].body);
  const auto& notification = body.at("eventNotifications").at(0);
  EXPECT_EQ(notification.at("realmId"), boost::json::value(std::string_view(realm_)));
  const auto& entity = notification.at("dataChangeEvent").at("entities").at(0);
  EXPECT_EQ(entity.at("name"), "Customer");
  EXPECT_EQ(entity.at("id"), boost::json::value(std::string_view(id)));
  EXPECT_EQ(entity.at("operation"), "Create");

  // The report shows the attempts.
  for (int i = 0; i < 100; ++i) {
    if (control("GET", "/webhooks").json().at("deliveries").as_array().size() == 3) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const auto report = control("GET", "/webhooks").json();
  const auto& attempts = report.at("deliveries").as_array();
  ASSERT_EQ(attempts.size(), 3u);
  EXPECT_EQ(attempts[0].at("status"), 500);
  EXPECT_EQ(attempts[0].at("delivered"), false);
  EXPECT_EQ(attempts[2].at("attempt"), 3);
  EXPECT_EQ(attempts[2].at("delivered"), true);
}

TEST_F(WebhookDelivery, CloudEventsNotificationBatchesChanges) {
  WebhookReceiver receiver({});
  configure(receiver.url(), "cloudevents");
  const auto tokens = connect();
  for (const std::string name : {"First Ltd", "Second Ltd"}) {
    http_.post_json(api_url("customer"), R"({"DisplayName":")" + name + R"("})",
                    {"Authorization: Bearer " + tokens.access_token});
  }
  const auto deliveries = receiver.wait_for(1);
  ASSERT_GE(deliveries.size(), 1u);
  const auto events = boost::json::parse(deliveries[0].body).as_array();
  ASSERT_EQ(events.size(), 2u) << deliveries[0].body;
  EXPECT_EQ(events[0].at("type"), "qbo.customer.created.v1");
  EXPECT_EQ(events[0].at("intuitaccountid"), boost::json::value(std::string_view(realm_)));
}

TEST_F(WebhookDelivery, GivesUpAfterMaxAttempts) {
  WebhookReceiver receiver({500, 500, 500, 500});
  configure(receiver.url(), "legacy");
  create_customer("Unlucky Ltd");
  ASSERT_EQ(receiver.wait_for(3).size(), 3u);
  // Once the realm's delivery loop has ended, no further attempt can come.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (control("GET", "/webhooks").json().at("delivering_realms") != 0 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const auto report = control("GET", "/webhooks").json();
  ASSERT_EQ(report.at("delivering_realms"), 0) << "the delivery gave up";
  EXPECT_EQ(report.at("deliveries").as_array().size(), 3u);
  EXPECT_EQ(receiver.wait_for(3).size(), 3u) << "no fourth attempt";
}

TEST_F(WebhookDelivery, UnreachableEndpointIsReportedNotFatal) {
  configure("http://127.0.0.1:1/hooks", "legacy");
  create_customer("Nobody Home Ltd");
  for (int i = 0; i < 200; ++i) {
    if (control("GET", "/webhooks").json().at("deliveries").as_array().size() == 3) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const auto report = control("GET", "/webhooks").json();
  ASSERT_EQ(report.at("deliveries").as_array().size(), 3u);
  EXPECT_EQ(report.at("deliveries").at(0).at("status"), 0);
  EXPECT_TRUE(report.at("deliveries").at(0).as_object().contains("error"));
}

}  // namespace
}  // namespace qbo_sandbox
