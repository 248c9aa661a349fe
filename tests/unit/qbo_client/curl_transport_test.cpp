#include "qbo_client/curl_transport.h"

#include <gtest/gtest.h>
#include <sys/socket.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

namespace qbo_sync::qbo {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using namespace std::chrono_literals;

// A tiny blocking HTTP/1.1 server on 127.0.0.1 for the transport's tests: one thread per
// connection, keep-alive, and three behaviours per request (answer, close without answering,
// never answer).
class LocalHttpServer {
 public:
  struct Received {
    std::string method;
    std::string target;
    std::string head;
    std::string body;
  };
  enum class Behaviour { answer, close_without_answer, stall };
  struct Reply {
    Behaviour behaviour = Behaviour::answer;
    int status = 200;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
  };
  using Handler = std::function<Reply(const Received&)>;

  explicit LocalHttpServer(Handler handler)
      : handler_(std::move(handler)),
        acceptor_(context_, tcp::endpoint(asio::ip::address_v4::loopback(), 0)) {
    port_ = acceptor_.local_endpoint().port();
    accept_thread_ = std::thread([this] { accept_loop(); });
  }

  ~LocalHttpServer() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
      for (int fd : open_fds_) {
        ::shutdown(fd, SHUT_RDWR);  // wakes connection threads blocked in a read
      }
    }
    stalled_.notify_all();
    {
      asio::io_context wake_context;  // wakes the blocking accept
      tcp::socket wake(wake_context);
      boost::system::error_code ignored;
      wake.connect(tcp::endpoint(asio::ip::address_v4::loopback(), port_), ignored);
    }
    accept_thread_.join();
    for (auto& thread : connection_threads_) {
      thread.join();
    }
  }

  std::string url(std::string_view path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
  }
  int connections_accepted() const { return accepted_.load(); }

 private:
  void accept_loop() {
    while (true) {
      tcp::socket socket(context_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      std::lock_guard lock(mutex_);
      if (stopping_ || ec) {
        return;
      }
      ++accepted_;
      open_fds_.push_back(socket.native_handle());
      connection_threads_.emplace_back(
          [this, s = std::make_shared<tcp::socket>(std::move(socket))] { serve(*s); });
    }
  }

  void serve(tcp::socket& socket) {
    asio::streambuf buffer;
    boost::system::error_code ec;
    while (true) {
      const std::size_t head_size = asio::read_until(socket, buffer, "\r\n\r\n", ec);
      if (ec) {
        return;
      }
      std::string head(asio::buffers_begin(buffer.data()),
                       asio::buffers_begin(buffer.data()) + static_cast<std::ptrdiff_t>(head_size));
      buffer.consume(head_size);
      Received received;
      received.head = head;
      received.method = head.substr(0, head.find(' '));
      received.target =
          head.substr(head.find(' ') + 1, head.find(' ', head.find(' ') + 1) - head.find(' ') - 1);
      std::size_t length = 0;
      if (auto pos = head.find("Content-Length: "); pos != std::string::npos) {
        length = std::stoul(head.substr(pos + 16));
      }
      if (buffer.size() < length) {
        asio::read(socket, buffer, asio::transfer_exactly(length - buffer.size()), ec);
        if (ec) {
          return;
        }
      }
      received.body.assign(
          asio::buffers_begin(buffer.data()),
          asio::buffers_begin(buffer.data()) + static_cast<std::ptrdiff_t>(length));
      buffer.consume(length);

      const Reply reply = handler_(received);
      if (reply.behaviour == Behaviour::close_without_answer) {
        socket.close(ec);
        return;
      }
      if (reply.behaviour == Behaviour::stall) {
        std::unique_lock lock(mutex_);
        stalled_.wait_for(lock, 5s, [this] { return stopping_; });
        return;
      }
      std::string response = "HTTP/1.1 " + std::to_string(reply.status) + " X\r\n";
      for (const auto& [name, value] : reply.headers) {
        response += name + ": " + value + "\r\n";
      }
      response += "Content-Length: " + std::to_string(reply.body.size()) + "\r\n\r\n" + reply.body;
      asio::write(socket, asio::buffer(response), ec);
      if (ec) {
        return;
      }
    }
  }

  Handler handler_;
  asio::io_context context_;
  tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  std::thread accept_thread_;
  std::mutex mutex_;
  std::condition_variable stalled_;
  bool stopping_ = false;
  std::vector<int> open_fds_;
  std::vector<std::thread> connection_threads_;
  std::atomic<int> accepted_{0};
};

HttpRequest get(std::string url) {
  HttpRequest request;
  request.url = std::move(url);
  request.timeout = 5s;
  return request;
}

TEST(CurlTransportTest, GetReturnsStatusHeadersAndBodyAndSendsRequestHeaders) {
  LocalHttpServer server([](const LocalHttpServer::Received& received) {
    LocalHttpServer::Reply reply;
    reply.status = received.head.find("X-Probe: yes") != std::string::npos ? 200 : 400;
    reply.body = R"({"ok":true})";
    reply.headers = {{"intuit_tid", "1-abc"}, {"Content-Type", "application/json"}};
    return reply;
  });
  CurlTransport transport;
  auto request = get(server.url("/v3/company/1/customer/1"));
  request.headers = {{"X-Probe", "yes"}};
  auto result = transport.send(request);
  ASSERT_TRUE(std::holds_alternative<HttpResponse>(result))
      << std::get<TransportError>(result).message;
  const auto& response = std::get<HttpResponse>(result);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"ok":true})");
  EXPECT_EQ(response.header("INTUIT_TID"), "1-abc");
}

TEST(CurlTransportTest, PostSendsTheBodyAndErrorStatusesAreResponses) {
  LocalHttpServer server([](const LocalHttpServer::Received& received) {
    LocalHttpServer::Reply reply;
    reply.status = received.method == "POST" ? 400 : 405;
    reply.body = "echo:" + received.body;
    return reply;
  });
  CurlTransport transport;
  HttpRequest request = get(server.url("/invoice"));
  request.method = "POST";
  request.body = R"({"Line":[]})";
  auto result = transport.send(request);
  ASSERT_TRUE(std::holds_alternative<HttpResponse>(result));
  EXPECT_EQ(std::get<HttpResponse>(result).status, 400);
  EXPECT_EQ(std::get<HttpResponse>(result).body, R"(echo:{"Line":[]})");
}

TEST(CurlTransportTest, SequentialRequestsReuseOneConnection) {
  LocalHttpServer server([](const LocalHttpServer::Received&) { return LocalHttpServer::Reply{}; });
  CurlTransport transport;
  for (int i = 0; i < 5; ++i) {
    auto result = transport.send(get(server.url("/r" + std::to_string(i))));
    ASSERT_TRUE(std::holds_alternative<HttpResponse>(result));
  }
  EXPECT_EQ(server.connections_accepted(), 1);
}

TEST(CurlTransportTest, ConcurrentRequestsFromManyThreadsAllSucceed) {
  std::atomic<int> served{0};
  LocalHttpServer server([&](const LocalHttpServer::Received&) {
    ++served;
    return LocalHttpServer::Reply{};
  });
  CurlTransport transport;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        auto result = transport.send(get(server.url("/x")));
        if (std::holds_alternative<HttpResponse>(result)) {
          ++ok;
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(ok.load(), 40);
  EXPECT_EQ(served.load(), 40);
  EXPECT_LE(server.connections_accepted(), 4);
}

TEST(CurlTransportTest, AStalledServerTimesOutAndTheRequestMayHaveArrived) {
  LocalHttpServer server([](const LocalHttpServer::Received&) {
    return LocalHttpServer::Reply{LocalHttpServer::Behaviour::stall, 200, "", {}};
  });
  CurlTransport transport;
  auto request = get(server.url("/slow"));
  request.method = "POST";
  request.body = "{}";
  request.timeout = 200ms;
  auto result = transport.send(request);
  ASSERT_TRUE(std::holds_alternative<TransportError>(result));
  EXPECT_EQ(std::get<TransportError>(result).kind, TransportErrorKind::timeout);
  EXPECT_TRUE(std::get<TransportError>(result).may_have_reached_server);
}

TEST(CurlTransportTest, AConnectionClosedWithoutAnAnswerIsDroppedAndMayHaveArrived) {
  LocalHttpServer server([](const LocalHttpServer::Received&) {
    return LocalHttpServer::Reply{LocalHttpServer::Behaviour::close_without_answer, 200, "", {}};
  });
  CurlTransport transport;
  auto result = transport.send(get(server.url("/drop")));
  ASSERT_TRUE(std::holds_alternative<TransportError>(result));
  EXPECT_EQ(std::get<TransportError>(result).kind, TransportErrorKind::connection_dropped);
  EXPECT_TRUE(std::get<TransportError>(result).may_have_reached_server);
}

// libcurl's own habit is to send a request again on a fresh connection when a reused one closes
// without an answer; for a POST that is a second write the caller never sees.
TEST(CurlTransportTest, APostOnAReusedConnectionThatDiesIsNotSentAgain) {
  std::atomic<int> posts{0};
  LocalHttpServer server([&](const LocalHttpServer::Received& received) {
    if (received.method != "POST") return LocalHttpServer::Reply{};
    ++posts;
    return LocalHttpServer::Reply{LocalHttpServer::Behaviour::close_without_answer, 200, "", {}};
  });
  CurlTransport transport;
  ASSERT_TRUE(std::holds_alternative<HttpResponse>(transport.send(get(server.url("/warm")))));
  auto request = get(server.url("/create"));
  request.method = "POST";
  request.body = R"({"Line":[]})";
  auto result = transport.send(request);
  ASSERT_TRUE(std::holds_alternative<TransportError>(result));
  EXPECT_EQ(std::get<TransportError>(result).kind, TransportErrorKind::connection_dropped);
  EXPECT_TRUE(std::get<TransportError>(result).may_have_reached_server);
  EXPECT_EQ(posts.load(), 1);
}

TEST(CurlTransportTest, ARefusedConnectionCertainlyNeverArrived) {
  unsigned short port = 0;
  {
    asio::io_context context;
    tcp::acceptor acceptor(context, tcp::endpoint(asio::ip::address_v4::loopback(), 0));
    port = acceptor.local_endpoint().port();
  }  // closed again: nothing listens there now
  CurlTransport transport;
  auto result = transport.send(get("http://127.0.0.1:" + std::to_string(port) + "/"));
  ASSERT_TRUE(std::holds_alternative<TransportError>(result));
  EXPECT_EQ(std::get<TransportError>(result).kind, TransportErrorKind::connection_refused);
  EXPECT_FALSE(std::get<TransportError>(result).may_have_reached_server);
}

TEST(CurlTransportTest, PlainHttpIsRefusedUnlessTheHostIsLoopback) {
  CurlTransport transport;
  auto result = transport.send(get("http://quickbooks.api.intuit.com/v3/company/1/query"));
  ASSERT_TRUE(std::holds_alternative<TransportError>(result));
  EXPECT_EQ(std::get<TransportError>(result).kind, TransportErrorKind::insecure_url);
  EXPECT_FALSE(std::get<TransportError>(result).may_have_reached_server);

  EXPECT_TRUE(is_allowed_url("https://quickbooks.api.intuit.com/v3/company/1"));
  EXPECT_TRUE(is_allowed_url("http://127.0.0.1:8080/v3"));
  EXPECT_TRUE(is_allowed_url("http://127.45.6.7/"));
  EXPECT_TRUE(is_allowed_url("http://[::1]:9000/"));
  EXPECT_TRUE(is_allowed_url("http://LOCALHOST:1/"));
  EXPECT_FALSE(is_allowed_url("http://10.0.0.1/"));
  EXPECT_FALSE(is_allowed_url("http://localhost.example.com/"));
  EXPECT_FALSE(is_allowed_url("http://127.0.0.1.nip.io/"));
  EXPECT_FALSE(is_allowed_url("http://[::2]/"));
  EXPECT_FALSE(is_allowed_url("ftp://127.0.0.1/"));
  EXPECT_FALSE(is_allowed_url("not a url"));
}

}  // namespace
}  // namespace qbo_sync::qbo
