// A small HTTP/1.1 server on Boost.Beast for the developer console: one thread accepts, each
// connection is answered on its own thread, one request per connection.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <functional>
#include <string>

namespace qbo_sync::host_stub {

struct HttpRequest {
  std::string method;  // "GET", "POST"
  std::string target;  // path and query, e.g. "/api/records?status=errored"
  std::string body;
};

struct HttpResponse {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::string location;  // for a redirect
};

using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

class HttpServer {
 public:
  // Listens on 127.0.0.1:`port` (0: any free port) at once; serve() answers.
  HttpServer(std::uint16_t port, HttpHandler handler);
  std::uint16_t port() const;
  // Accepts until stop(); returns once the requests in flight are answered.
  void serve();
  // Thread-safe: closes the listening socket so that serve() returns.
  void stop();

 private:
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  HttpHandler handler_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> in_flight_{0};
};

}  // namespace qbo_sync::host_stub
