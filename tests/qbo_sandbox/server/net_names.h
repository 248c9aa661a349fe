// The short names the sandbox's HTTP code (and its load benchmark) gives Boost.Asio and
// Boost.Beast.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/message.hpp>

namespace qbo_sandbox::net_names {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::awaitable;
using asio::use_awaitable;
using tcp = asio::ip::tcp;

}  // namespace qbo_sandbox::net_names
