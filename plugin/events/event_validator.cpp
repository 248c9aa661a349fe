#include "events/event_validator.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

#include "events/json_object_reader.h"
#include "events/payload_reader.h"
#include "events/schema_set.h"
#include "qbo_sync/plugin_api.h"

namespace qbo_sync::events {
namespace {

using boost::json::value;

constexpr std::string_view kHostConfigSchema = "host_config.v1";

std::optional<InputError> check_schema_field(HookKind kind, const value& payload) {
  const value* schema = payload.get_object().if_contains("schema");
  if (schema == nullptr || !schema->is_string() || schema->get_string() == schema_name(kind)) {
    return std::nullopt;  // absent or not text: the schema check names the problem
  }
  const std::string_view named = schema->get_string();
  std::string message = std::string(hook_function_name(kind)) + " takes " +
                        std::string(schema_name(kind)) + " payloads; this one says \"" +
                        std::string(named) + "\"";
  if (const auto other = hook_for_schema(named); other) {
    message += ": send it through " + std::string(hook_function_name(*other));
  }
  return InputError{std::string(error_code::kWrongSchema), std::move(message), "/schema"};
}

// The host as written between "//" and the port, path, query or fragment. Taken from the text
// itself: Boost.URL 1.81 reads "http://127.0.0.1.evil.example" as host 127.0.0.1 with the path
// ".evil.example", which must not pass for loopback.
std::string_view written_host(std::string_view url) {
  const auto start = url.find("//");
  if (start == std::string_view::npos) {
    return {};
  }
  std::string_view authority = url.substr(start + 2);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (!authority.empty() && authority.front() == '[') {
    return authority.substr(0, authority.find(']') + 1);
  }
  return authority.substr(0, authority.find(':'));
}

bool is_loopback_host(std::string_view host) {
  if (host == "localhost" || host == "[::1]") {
    return true;
  }
  // 127.0.0.0/8, written as a dotted quad of decimal octets
  int octets = 0;
  std::size_t position = 0;
  while (position <= host.size()) {
    const auto dot = std::min(host.find('.', position), host.size());
    const std::string_view octet = host.substr(position, dot - position);
    if (octet.empty() || octet.size() > 3 ||
        octet.find_first_not_of("0123456789") != std::string_view::npos ||
        std::stoi(std::string(octet)) > 255 || (octets == 0 && octet != "127")) {
      return false;
    }
    ++octets;
    position = dot + 1;
  }
  return octets == 4;
}

std::optional<InputError> check_endpoint_schemes(const value& config) {
  const value* qbo = config.get_object().if_contains("qbo");
  if (qbo == nullptr || !qbo->is_object()) {
    return std::nullopt;
  }
  for (const char* key : {"api_base_url", "authorize_url", "token_url", "revoke_url"}) {
    const value* url = qbo->get_object().if_contains(key);
    if (url == nullptr || !url->is_string()) {
      continue;
    }
    const std::string pointer = std::string("/qbo/") + key;
    const std::string_view text = url->get_string();
    const auto parsed = boost::urls::parse_uri(text);
    if (!parsed || written_host(text).empty() || text.find('@') != std::string_view::npos ||
        (!parsed->encoded_path().empty() && !parsed->encoded_path().starts_with("/"))) {
      return InputError{
          std::string(error_code::kInvalidValue),
          std::string("qbo.") + key + " is not a valid absolute URL with a host (and no user name)",
          pointer};
    }
    if (parsed->scheme() == "http" && !is_loopback_host(written_host(text))) {
      return InputError{std::string(error_code::kInvalidValue),
                        std::string("qbo.") + key +
                            " uses plain http to a host that is not loopback; use https (plain "
                            "http is only for a local QBO sandbox on 127.0.0.1 or localhost)",
                        pointer};
    }
  }
  return std::nullopt;
}

// The envelope of a payment or an invoice: who sent it, when, and which revision of what.
template <typename Document>
void fill_envelope(Envelope& envelope, Document document) {
  envelope.account_id = std::move(document.account_id);
  envelope.event_id = std::move(document.event_id);
  envelope.occurred_at = std::move(document.occurred_at);
  envelope.object_id = std::move(document.id);
  envelope.revision = document.revision;
}

}  // namespace

std::string_view schema_name(HostPayload payload) {
  // In the order HostPayload declares them.
  constexpr std::array<std::string_view, 7> kSchemas{
      "host/email_admins.v1",    "host/send_review_request.v1",
      "host/upsert_contact.v1",  "host/upsert_contact.response.v1",
      "host/import_invoice.v1",  "host/import_invoice.response.v1",
      "host/integration_card.v1"};
  return kSchemas.at(static_cast<std::size_t>(payload));
}

struct EventValidator::Impl {
  detail::SchemaSet schemas;
};

EventValidator::EventValidator() : impl_(std::make_unique<Impl>()) {}
EventValidator::~EventValidator() = default;
EventValidator::EventValidator(EventValidator&&) noexcept = default;
EventValidator& EventValidator::operator=(EventValidator&&) noexcept = default;

std::variant<AcceptedEvent, InputError> EventValidator::validate(HookKind kind, const char* data,
                                                                 std::size_t size) const {
  auto parsed = read_json_object(data, size);
  if (auto* error = std::get_if<InputError>(&parsed)) {
    return std::move(*error);
  }
  const value& payload = std::get<value>(parsed);
  if (auto error = check_schema_field(kind, payload)) {
    return std::move(*error);
  }
  if (auto error = impl_->schemas.check(schema_name(kind), payload)) {
    return std::move(*error);
  }
  AcceptedEvent accepted;
  Envelope& envelope = accepted.envelope;
  envelope.kind = kind;
  envelope.object_type = std::string(object_type(kind));
  try {
    switch (kind) {
      case HookKind::payment_completed:
        fill_envelope(envelope, detail::read_payment(payload));
        break;
      case HookKind::invoice_sent:
      case HookKind::invoice_updated:
        fill_envelope(envelope, detail::read_invoice(payload));
        break;
      case HookKind::settings_changed: {
        Settings settings = detail::read_settings(payload);
        envelope.account_id = settings.account_id;
        envelope.object_id = std::move(settings.account_id);
        envelope.revision = settings.revision;
        const auto& root = payload.get_object();
        envelope.event_id = std::string(root.at("event_id").get_string());
        envelope.occurred_at = std::string(root.at("occurred_at").get_string());
        break;
      }
    }
  } catch (const detail::RefusedPayload& refused) {
    return refused.error();
  }
  accepted.payload_json = boost::json::serialize(payload);
  return accepted;
}

std::variant<boost::json::object, InputError> EventValidator::validate_host_config(
    std::string_view json) const {
  auto parsed = read_json_object(json.data(), json.size());
  if (auto* error = std::get_if<InputError>(&parsed)) {
    return std::move(*error);
  }
  value& config = std::get<value>(parsed);
  if (auto error = impl_->schemas.check(kHostConfigSchema, config)) {
    return std::move(*error);
  }
  if (auto error = check_endpoint_schemes(config)) {
    return std::move(*error);
  }
  return std::move(config.get_object());
}

std::variant<boost::json::value, InputError> EventValidator::validate_host_payload(
    HostPayload payload, std::string_view json) const {
  auto parsed = read_json_object(json.data(), json.size());
  if (auto* error = std::get_if<InputError>(&parsed)) {
    return std::move(*error);
  }
  if (auto error = impl_->schemas.check(schema_name(payload), std::get<value>(parsed))) {
    return std::move(*error);
  }
  return std::move(std::get<value>(parsed));
}

}  // namespace qbo_sync::events
