// HttpTransport over libcurl: reused connections (a pool of easy handles, each keeping its
// connections alive), connect and total timeouts, TLS verification always on, no signals, no
// redirects, and plain http:// only to loopback hosts (the local sandbox).
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "qbo_client/http_transport.h"

namespace qbo_sync::qbo {

struct CurlTransportOptions {
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};
  std::string ca_file;  // empty: the system's CA store
  std::string user_agent = "qbo-sync/0.1";
};

// True for a URL that may be used: https://, or http:// to 127.0.0.0/8, ::1 or localhost.
bool is_allowed_url(std::string_view url);

class CurlTransport final : public HttpTransport {
 public:
  explicit CurlTransport(CurlTransportOptions options = {});
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  HttpResult send(const HttpRequest& request) override;

 private:
  struct Pool;
  CurlTransportOptions options_;
  std::unique_ptr<Pool> pool_;
};

}  // namespace qbo_sync::qbo
