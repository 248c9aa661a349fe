#include "qbo_sync/host_stub/http_server.h"

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <exception>
#include <thread>

namespace qbo_sync::host_stub {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;

constexpr std::size_t kMaxBodyBytes = 4 * 1024 * 1024;

void answer(tcp::socket socket, const HttpHandler& handler) {
  beast::flat_buffer buffer;
  http::request_parser<http::string_body> parser;
  parser.body_limit(kMaxBodyBytes);
  beast::error_code error;
  http::read(socket, buffer, parser, error);
  if (error) return;
  const auto& request = parser.get();
  HttpResponse reply;
  try {
    reply = handler(
        {std::string(request.method_string()), std::string(request.target()), request.body()});
  } catch (const std::exception& failure) {
    reply = {500, "text/plain; charset=utf-8", failure.what(), {}};
  }
  http::response<http::string_body> response{static_cast<http::status>(reply.status),
                                             request.version()};
  response.set(http::field::content_type, reply.content_type);
  response.set(http::field::cache_control, "no-store");
  if (!reply.location.empty()) response.set(http::field::location, reply.location);
  response.body() = std::move(reply.body);
  response.keep_alive(false);
  response.prepare_payload();
  http::write(socket, response, error);
  socket.shutdown(tcp::socket::shutdown_send, error);
}

}  // namespace

HttpServer::HttpServer(std::uint16_t port, HttpHandler handler)
    : acceptor_(io_, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port)),
      handler_(std::move(handler)) {}

std::uint16_t HttpServer::port() const {
  return acceptor_.local_endpoint().port();
}

void HttpServer::serve() {
  for (;;) {
    beast::error_code error;
    tcp::socket socket(io_);
    acceptor_.accept(socket, error);
    if (stopping_) break;
    if (error) continue;
    ++in_flight_;
    std::thread([this, connection = std::move(socket)]() mutable {
      answer(std::move(connection), handler_);
      --in_flight_;
    }).detach();
  }
  // The handler's state outlives every request: wait for those in flight.
  while (in_flight_ > 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

void HttpServer::stop() {
  stopping_ = true;
  // A blocking accept() wakes for a connection, not for a close from another thread.
  boost::asio::io_context waker;
  tcp::socket socket(waker);
  beast::error_code error;
  socket.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port()), error);
}

}  // namespace qbo_sync::host_stub
