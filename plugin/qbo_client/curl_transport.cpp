#include "qbo_client/curl_transport.h"

#include <arpa/inet.h>
#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <mutex>
#include <optional>
#include <vector>

#include "text/ascii.h"

namespace qbo_sync::qbo {
namespace {

constexpr std::size_t kMaxIdleHandles = 16;
constexpr std::size_t kMaxBodyBytes = 64U * 1024U * 1024U;

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

bool is_loopback_host(std::string host) {
  host = text::ascii_lower(host);
  if (host == "localhost") {
    return true;
  }
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
    in6_addr address{};
    return inet_pton(AF_INET6, host.c_str(), &address) == 1 &&
           std::memcmp(&address, &in6addr_loopback, sizeof address) == 0;
  }
  in_addr address{};
  if (inet_pton(AF_INET, host.c_str(), &address) != 1) {
    return false;
  }
  return (ntohl(address.s_addr) >> 24) == 127;
}

struct UrlHandle {
  CURLU* url = curl_url();
  ~UrlHandle() { curl_url_cleanup(url); }
  UrlHandle() = default;
  UrlHandle(const UrlHandle&) = delete;
  UrlHandle& operator=(const UrlHandle&) = delete;
};

std::optional<std::string> url_part(CURLU* url, CURLUPart part) {
  char* text = nullptr;
  if (curl_url_get(url, part, &text, 0) != CURLUE_OK || text == nullptr) {
    return std::nullopt;
  }
  std::string value(text);
  curl_free(text);
  return value;
}

struct Exchange {
  HttpResponse response;
  bool body_too_large = false;
};

// The POST body, handed to libcurl piece by piece. There is deliberately no seek callback: when
// a reused connection closes without an answer, libcurl would rewind the body and send the POST
// again on a fresh connection, unseen by the caller (a second write QBO may apply, and a request
// the rate governor never counted). Without a way to rewind, libcurl fails the transfer instead
// (CURLE_SEND_FAIL_REWIND), and the caller settles the unknown outcome.
struct PostBody {
  std::string_view rest;
};

std::size_t on_read_body(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* body = static_cast<PostBody*>(user);
  const std::size_t taken = std::min(size * count, body->rest.size());
  std::memcpy(buffer, body->rest.data(), taken);
  body->rest.remove_prefix(taken);
  return taken;
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* exchange = static_cast<Exchange*>(user);
  const std::size_t bytes = size * count;
  if (exchange->response.body.size() + bytes > kMaxBodyBytes) {
    exchange->body_too_large = true;
    return 0;
  }
  exchange->response.body.append(data, bytes);
  return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* exchange = static_cast<Exchange*>(user);
  const std::size_t bytes = size * count;
  std::string_view line(data, bytes);
  if (line.starts_with("HTTP/")) {
    exchange->response.headers.clear();  // a new response (after 100 Continue) starts over
    return bytes;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) {
    return bytes;
  }
  exchange->response.headers.emplace_back(std::string(text::trim(line.substr(0, colon))),
                                          std::string(text::trim(line.substr(colon + 1))));
  return bytes;
}

TransportErrorKind kind_of(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return TransportErrorKind::timeout;
    case CURLE_COULDNT_CONNECT:
      return TransportErrorKind::connection_refused;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return TransportErrorKind::resolve;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
      return TransportErrorKind::tls;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_FAIL_REWIND:  // a reused connection died: the POST is not sent again
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return TransportErrorKind::connection_dropped;
    default:
      return TransportErrorKind::other;
  }
}

// Whether the server may have received the request: never before a connection exists, only if
// bytes went out for a timeout or a TLS failure, and always once a connection has dropped.
bool may_have_reached_server(TransportErrorKind kind, bool sent_something) {
  switch (kind) {
    case TransportErrorKind::connection_refused:
    case TransportErrorKind::resolve:
      return false;
    case TransportErrorKind::timeout:
    case TransportErrorKind::tls:
      return sent_something;
    default:
      return true;
  }
}

TransportError classify_curl_error(CURLcode code, CURL* handle, const char* detail) {
  long request_bytes = 0;
  curl_easy_getinfo(handle, CURLINFO_REQUEST_SIZE, &request_bytes);
  TransportError error;
  error.message = std::string(curl_easy_strerror(code));
  if (detail != nullptr && detail[0] != '\0') {
    error.message += ": ";
    error.message += detail;
  }
  error.kind = kind_of(code);
  error.may_have_reached_server = may_have_reached_server(error.kind, request_bytes > 0);
  return error;
}

struct HeaderList {
  curl_slist* list = nullptr;
  ~HeaderList() { curl_slist_free_all(list); }
  HeaderList() = default;
  HeaderList(const HeaderList&) = delete;
  HeaderList& operator=(const HeaderList&) = delete;
  void add(const std::string& line) {
    if (auto* grown = curl_slist_append(list, line.c_str())) {
      list = grown;
    }
  }
};

// Why a request is not sent at all, if it is not.
std::optional<TransportError> refusal_of(const HttpRequest& request) {
  if (!is_allowed_url(request.url)) {
    return TransportError{TransportErrorKind::insecure_url, false,
                          "refused: only https, or plain http to a loopback host, is allowed"};
  }
  if (request.method != "GET" && request.method != "POST") {
    return TransportError{TransportErrorKind::other, false,
                          "unsupported HTTP method '" + request.method + "'"};
  }
  return std::nullopt;
}

void set_connection_options(CURL* handle, const HttpRequest& request,
                            const CurlTransportOptions& options) {
  curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!options.ca_file.empty()) {
    curl_easy_setopt(handle, CURLOPT_CAINFO, options.ca_file.c_str());
  }
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(std::min(options.connect_timeout, request.timeout).count()));
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
  curl_easy_setopt(handle, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(handle, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(handle, CURLOPT_USERAGENT, options.user_agent.c_str());
}

void set_exchange_options(CURL* handle, const HeaderList& headers, char* error_text,
                          Exchange& exchange) {
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.list);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_text);
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &exchange);
  curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(handle, CURLOPT_HEADERDATA, &exchange);
}

void set_method_options(CURL* handle, const HttpRequest& request, PostBody& post_body) {
  if (request.method == "POST") {
    curl_easy_setopt(handle, CURLOPT_POST, 1L);
    curl_easy_setopt(handle, CURLOPT_READFUNCTION, on_read_body);
    curl_easy_setopt(handle, CURLOPT_READDATA, &post_body);
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
  } else {
    curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
  }
}

HttpResult result_of(CURLcode code, CURL* handle, Exchange& exchange, const char* error_text) {
  if (code == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
    exchange.response.status = static_cast<int>(status);
    return std::move(exchange.response);
  }
  if (exchange.body_too_large) {
    return TransportError{TransportErrorKind::other, true, "response body exceeds 64 MiB"};
  }
  return classify_curl_error(code, handle, error_text);
}

}  // namespace

bool is_allowed_url(std::string_view url) {
  UrlHandle handle;
  if (handle.url == nullptr ||
      curl_url_set(handle.url, CURLUPART_URL, std::string(url).c_str(), 0) != CURLUE_OK) {
    return false;
  }
  const auto scheme = url_part(handle.url, CURLUPART_SCHEME);
  const auto host = url_part(handle.url, CURLUPART_HOST);
  if (!scheme || !host) {
    return false;
  }
  const std::string scheme_lower = text::ascii_lower(*scheme);
  if (scheme_lower == "https") {
    return true;
  }
  return scheme_lower == "http" && is_loopback_host(*host);
}

// Idle easy handles; each keeps its live connections across curl_easy_reset.
struct CurlTransport::Pool {
  std::mutex mutex;
  std::vector<CURL*> idle;

  CURL* take() {
    {
      std::lock_guard lock(mutex);
      if (!idle.empty()) {
        CURL* handle = idle.back();
        idle.pop_back();
        return handle;
      }
    }
    return curl_easy_init();
  }

  void give_back(CURL* handle) {
    curl_easy_reset(handle);
    {
      std::lock_guard lock(mutex);
      if (idle.size() < kMaxIdleHandles) {
        idle.push_back(handle);
        return;
      }
    }
    curl_easy_cleanup(handle);
  }

  ~Pool() {
    for (CURL* handle : idle) {
      curl_easy_cleanup(handle);
    }
  }
};

CurlTransport::CurlTransport(CurlTransportOptions options)
    : options_(std::move(options)), pool_(std::make_unique<Pool>()) {
  global_init_once();
}

CurlTransport::~CurlTransport() = default;

HttpResult CurlTransport::send(const HttpRequest& request) {
  if (auto refusal = refusal_of(request)) {
    return std::move(*refusal);
  }
  CURL* handle = pool_->take();
  if (handle == nullptr) {
    return TransportError{TransportErrorKind::other, false, "libcurl could not create a handle"};
  }
  Exchange exchange;
  HeaderList headers;
  for (const auto& [name, value] : request.headers) {
    headers.add(name + ": " + value);
  }
  headers.add("Expect:");  // no 100-continue round trip for POST bodies
  char error_text[CURL_ERROR_SIZE] = {};
  PostBody post_body{request.body};
  set_connection_options(handle, request, options_);
  set_exchange_options(handle, headers, error_text, exchange);
  set_method_options(handle, request, post_body);

  const CURLcode code = curl_easy_perform(handle);
  HttpResult result = result_of(code, handle, exchange, error_text);
  // The header list and error buffer die with this frame; unhook them before pooling the handle.
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, nullptr);
  pool_->give_back(handle);
  return result;
}

}  // namespace qbo_sync::qbo
