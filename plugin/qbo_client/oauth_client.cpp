#include "qbo_client/oauth_client.h"

#include <array>
#include <vector>

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <boost/json.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "qbo_client/fault_parser.h"

namespace qbo_sync::qbo {
namespace {

namespace json = boost::json;

std::string encode(std::string_view value) {
  return boost::urls::encode(value, boost::urls::unreserved_chars);
}

std::string base64(std::string_view bytes) {
  std::string encoded(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                                     reinterpret_cast<const unsigned char*>(bytes.data()),
                                     static_cast<int>(bytes.size()));
  encoded.resize(static_cast<std::size_t>(length));
  return encoded;
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

}  // namespace

std::string generate_oauth_state() {
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw std::runtime_error("the system random generator failed to produce an OAuth state");
  }
  std::string state =
      base64(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  for (char& c : state) {
    c = c == '+' ? '-' : c == '/' ? '_' : c;
  }
  while (!state.empty() && state.back() == '=') {
    state.pop_back();
  }
  return state;
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

OAuthClient::OAuthClient(HttpTransport& transport, OAuthConfig config,
                         std::function<WallTime()> clock)
    : transport_(transport),
      config_(std::move(config)),
      clock_(clock ? std::move(clock) : [] { return WallClock::now(); }) {}

std::string OAuthClient::authorization_url(std::string_view state) const {
  return config_.authorization_endpoint + "?client_id=" + encode(config_.client_id) +
         "&response_type=code&scope=" + encode(config_.scope) +
         "&redirect_uri=" + encode(config_.redirect_uri) + "&state=" + encode(state);
}

std::string OAuthClient::basic_authorization() const {
  return "Basic " + base64(config_.client_id + ":" + config_.client_secret);
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
  HttpRequest request;
  request.method = "POST";
  request.url = config_.token_endpoint;
  request.timeout = config_.timeout;
  request.headers = {{"Authorization", credentials},
                     {"Content-Type", "application/x-www-form-urlencoded"},
                     {"Accept", "application/json"},
                     {"x-include-refresh-token-hard-expires-in", "true"}};
  request.body = std::move(body);
  const std::string encoded_secret = encode(secret_in_body);
  const std::vector<std::string_view> secrets = {secret_in_body, config_.client_secret,
                                                 encoded_secret,
                                                 std::string_view(credentials).substr(6)};
  HttpResult result = transport_.send(request);
  if (auto* error = std::get_if<TransportError>(&result)) {
    Fault fault = to_fault(*error);
    redact(fault, secrets);
    return fault;
  }
  const auto& response = std::get<HttpResponse>(result);
  if (response.status != 200) {
    Fault fault = parse_fault(response.status, response.body, intuit_tid_of(response));
    if (fault.fault_class == FaultClass::unauthorized) {
      // The token endpoint answers 401 when it does not accept the app's client credentials.
      fault.fault_class = FaultClass::bad_client;
    }
    redact(fault, secrets);
    return fault;
  }
  auto tokens = parse_token_response(response.body, clock_());
  if (!tokens) {
    Fault fault = std::move(tokens).fault();
    fault.intuit_tid = intuit_tid_of(response);
    return fault;
  }
  return tokens;
}

Outcome<std::monostate> OAuthClient::revoke(std::string_view token) const {
  const std::string credentials = basic_authorization();
  HttpRequest request;
  request.method = "POST";
  request.url = config_.revoke_endpoint;
  request.timeout = config_.timeout;
  request.headers = {{"Authorization", credentials},
                     {"Content-Type", "application/json"},
                     {"Accept", "application/json"}};
  json::object body;
  body["token"] = token;
  request.body = json::serialize(body);
  const std::vector<std::string_view> secrets = {token, config_.client_secret,
                                                 std::string_view(credentials).substr(6)};
  HttpResult result = transport_.send(request);
  if (auto* error = std::get_if<TransportError>(&result)) {
    Fault fault = to_fault(*error);
    redact(fault, secrets);
    return fault;
  }
  const auto& response = std::get<HttpResponse>(result);
  if (response.status != 200) {
    Fault fault = parse_fault(response.status, response.body, intuit_tid_of(response));
    if (fault.fault_class == FaultClass::unauthorized) {
      fault.fault_class = FaultClass::bad_client;
    }
    redact(fault, secrets);
    return fault;
  }
  return std::monostate{};
}

}  // namespace qbo_sync::qbo
