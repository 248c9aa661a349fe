#include "qbo_client/oauth_client.h"

#include <vector>

#include <boost/json.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "crypto/base64.h"
#include "crypto/random_id.h"
#include "qbo_client/fault_parser.h"

namespace qbo_sync::qbo {
namespace {

namespace json = boost::json;

std::string encode(std::string_view value) {
  return boost::urls::encode(value, boost::urls::unreserved_chars);
}

std::string intuit_tid_of(const HttpResponse& response) {
  if (auto tid = response.header("intuit_tid")) {
    return *tid;
  }
  return response.header("intuit-tid").value_or("");
}

Fault field_fault(std::string_view field, std::string_view problem) {
  Fault fault;
  fault.fault_class = FaultClass::transient;
  fault.http_status = 200;
  fault.code = "invalid_token_response";
  fault.message =
      "the token endpoint's answer " + std::string(problem) + ": '" + std::string(field) + "'";
  fault.element = std::string(field);
  return fault;
}

std::optional<std::int64_t> seconds_member(const json::object& object, std::string_view key) {
  const auto* member = object.if_contains(key);
  if (member == nullptr) {
    return std::nullopt;
  }
  if (member->is_int64()) {
    return member->get_int64();
  }
  if (member->is_uint64()) {
    return static_cast<std::int64_t>(member->get_uint64());
  }
  if (member->is_string()) {  // tolerate "3600"
    try {
      return std::stoll(std::string(member->get_string()));
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

// A POST to the token or revoke endpoint, authenticated with the app's client credentials.
HttpRequest endpoint_request(std::string url, std::string credentials,
                             std::chrono::milliseconds timeout, std::string content_type,
                             std::string body) {
  HttpRequest request;
  request.method = "POST";
  request.url = std::move(url);
  request.timeout = timeout;
  request.headers = {{"Authorization", std::move(credentials)},
                     {"Content-Type", std::move(content_type)},
                     {"Accept", "application/json"}};
  request.body = std::move(body);
  return request;
}

// Sends a request to the token or revoke endpoint: a fault comes back with `secrets` masked, and
// a 401 names the app's client credentials, the only thing these endpoints authenticate.
Outcome<HttpResponse> send_to_endpoint(HttpTransport& transport, const HttpRequest& request,
                                       const std::vector<std::string_view>& secrets) {
  HttpResult result = transport.send(request);
  if (auto* error = std::get_if<TransportError>(&result)) {
    Fault fault = to_fault(*error);
    redact(fault, secrets);
    return fault;
  }
  auto& response = std::get<HttpResponse>(result);
  if (response.status != 200) {
    Fault fault = parse_fault(response.status, response.body, intuit_tid_of(response));
    if (fault.fault_class == FaultClass::unauthorized) {
      fault.fault_class = FaultClass::bad_client;
    }
    redact(fault, secrets);
    return fault;
  }
  return std::move(response);
}

}  // namespace

std::string generate_oauth_state() {
  return crypto::random_token(32);
}

Outcome<TokenSet> parse_token_response(std::string_view body, WallTime now) {
  boost::system::error_code ec;
  const json::value parsed = json::parse(body, ec);
  if (ec || !parsed.is_object()) {
    return field_fault("body", "is not a JSON object");
  }
  const auto& object = parsed.get_object();
  TokenSet tokens;
  tokens.issued_at = now;
  for (auto [key, target] : {std::pair{"access_token", &tokens.access_token},
                             std::pair{"refresh_token", &tokens.refresh_token}}) {
    const auto* member = object.if_contains(key);
    if (member == nullptr || !member->is_string() || member->get_string().empty()) {
      return field_fault(key, "lacks a non-empty text field");
    }
    *target = std::string(member->get_string());
  }
  const auto expires_in = seconds_member(object, "expires_in");
  if (!expires_in || *expires_in <= 0) {
    return field_fault("expires_in", "lacks a positive number field");
  }
  tokens.access_expires_at = now + std::chrono::seconds(*expires_in);
  const auto refresh_expires_in = seconds_member(object, "x_refresh_token_expires_in");
  if (!refresh_expires_in || *refresh_expires_in <= 0) {
    return field_fault("x_refresh_token_expires_in", "lacks a positive number field");
  }
  tokens.refresh_expires_at = now + std::chrono::seconds(*refresh_expires_in);
  if (auto hard = seconds_member(object, "x_refresh_token_hard_expires_in")) {
    tokens.refresh_hard_expires_at = now + std::chrono::seconds(*hard);
  }
  return tokens;
}

OAuthClient::OAuthClient(HttpTransport& transport, OAuthConfig config, const clock::Clock* clock)
    : transport_(transport), config_(std::move(config)), clock_(clock ? *clock : real_time_) {}

std::string OAuthClient::authorization_url(std::string_view state) const {
  return config_.authorization_endpoint + "?client_id=" + encode(config_.client_id) +
         "&response_type=code&scope=" + encode(config_.scope) +
         "&redirect_uri=" + encode(config_.redirect_uri) + "&state=" + encode(state);
}

std::string OAuthClient::basic_authorization() const {
  return "Basic " + crypto::base64_encode(config_.client_id + ":" + config_.client_secret);
}

Outcome<TokenSet> OAuthClient::exchange_code(std::string_view code) const {
  return token_request("grant_type=authorization_code&code=" + encode(code) +
                           "&redirect_uri=" + encode(config_.redirect_uri),
                       code);
}

Outcome<TokenSet> OAuthClient::refresh(std::string_view refresh_token) const {
  return token_request("grant_type=refresh_token&refresh_token=" + encode(refresh_token),
                       refresh_token);
}

Outcome<TokenSet> OAuthClient::token_request(std::string body,
                                             std::string_view secret_in_body) const {
  const std::string credentials = basic_authorization();
  HttpRequest request = endpoint_request(config_.token_endpoint, credentials, config_.timeout,
                                         "application/x-www-form-urlencoded", std::move(body));
  request.headers.emplace_back("x-include-refresh-token-hard-expires-in", "true");
  const std::string encoded_secret = encode(secret_in_body);
  const std::vector<std::string_view> secrets = {secret_in_body, config_.client_secret,
                                                 encoded_secret,
                                                 std::string_view(credentials).substr(6)};
  auto sent = send_to_endpoint(transport_, request, secrets);
  if (!sent) {
    return std::move(sent).fault();
  }
  const HttpResponse& response = sent.value();
  auto tokens = parse_token_response(response.body, wall_time_on(clock_));
  if (!tokens) {
    Fault fault = std::move(tokens).fault();
    fault.intuit_tid = intuit_tid_of(response);
    return fault;
  }
  return tokens;
}

Outcome<std::monostate> OAuthClient::revoke(std::string_view token) const {
  const std::string credentials = basic_authorization();
  const HttpRequest request =
      endpoint_request(config_.revoke_endpoint, credentials, config_.timeout, "application/json",
                       json::serialize(json::object{{"token", token}}));
  const std::vector<std::string_view> secrets = {token, config_.client_secret,
                                                 std::string_view(credentials).substr(6)};
  auto sent = send_to_endpoint(transport_, request, secrets);
  if (!sent) {
    return std::move(sent).fault();
  }
  return std::monostate{};
}

}  // namespace qbo_sync::qbo
