#include "connection/stored_token_repository.h"

#include <boost/json.hpp>
#include <chrono>

namespace qbo_sync::connection {
namespace {

int64_t to_ms(qbo::WallTime time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

qbo::WallTime from_ms(int64_t ms) {
  return qbo::WallTime(std::chrono::milliseconds(ms));
}

std::string lease_name(const std::string& tenant) {
  return "token-refresh:" + tenant;
}

std::string serialize(const qbo::TokenSet& tokens) {
  boost::json::object json;
  json["access_token"] = tokens.access_token;
  json["refresh_token"] = tokens.refresh_token;
  json["issued_at_ms"] = to_ms(tokens.issued_at);
  json["access_expires_at_ms"] = to_ms(tokens.access_expires_at);
  json["refresh_expires_at_ms"] = to_ms(tokens.refresh_expires_at);
  if (tokens.refresh_hard_expires_at) {
    json["refresh_hard_expires_at_ms"] = to_ms(*tokens.refresh_hard_expires_at);
  }
  return boost::json::serialize(json);
}

std::optional<qbo::TokenSet> deserialize(const std::string& text) {
  boost::system::error_code error;
  auto json = boost::json::parse(text, error);
  if (error || !json.is_object()) return std::nullopt;
  const auto& object = json.as_object();
  auto text_of = [&](std::string_view key) -> std::string {
    const auto* value = object.if_contains(key);
    return value && value->is_string() ? std::string(value->as_string()) : std::string();
  };
  auto time_of = [&](std::string_view key) -> std::optional<qbo::WallTime> {
    const auto* value = object.if_contains(key);
    if (!value || !value->is_int64()) return std::nullopt;
    return from_ms(value->as_int64());
  };
  qbo::TokenSet tokens;
  tokens.access_token = text_of("access_token");
  tokens.refresh_token = text_of("refresh_token");
  tokens.issued_at = time_of("issued_at_ms").value_or(qbo::WallTime{});
  tokens.access_expires_at = time_of("access_expires_at_ms").value_or(qbo::WallTime{});
  tokens.refresh_expires_at = time_of("refresh_expires_at_ms").value_or(qbo::WallTime{});
  tokens.refresh_hard_expires_at = time_of("refresh_hard_expires_at_ms");
  if (tokens.refresh_token.empty()) return std::nullopt;
  return tokens;
}

}  // namespace

StoredTokenRepository::StoredTokenRepository(
    store::Store& store, const store::SecretBox& box,
    std::function<void(const std::string&, const std::string&)> on_reconnect_needed)
    : store_(store), box_(box), on_reconnect_needed_(std::move(on_reconnect_needed)) {}

qbo::TokenRecord StoredTokenRepository::load(const std::string& tenant) {
  qbo::TokenRecord record;
  auto row = store_.connection(tenant);
  if (!row) return record;
  record.reconnect_needed = row->reconnect_needed;
  record.reconnect_reason = row->reconnect_reason;
  if (row->last_refresh_at_ms > 0) record.last_refresh = from_ms(row->last_refresh_at_ms);
  if (!row->sealed_tokens.empty()) {
    if (auto plain = box_.open(row->sealed_tokens, tenant)) {
      record.tokens = deserialize(*plain);
    } else {
      // Sealed with another key (the host's key changed): the tokens are unusable.
      record.reconnect_needed = true;
      record.reconnect_reason =
          "the stored QuickBooks tokens cannot be decrypted with the configured encryption key";
    }
  }
  return record;
}

void StoredTokenRepository::save_tokens(const std::string& tenant, const qbo::TokenSet& tokens) {
  store_.save_sealed_tokens(tenant, box_.seal(serialize(tokens), tenant), to_ms(tokens.issued_at));
}

void StoredTokenRepository::mark_reconnect_needed(const std::string& tenant,
                                                  const std::string& reason) {
  const bool newly = store_.mark_reconnect_needed(tenant, reason);
  if (newly && on_reconnect_needed_) on_reconnect_needed_(tenant, reason);
}

void StoredTokenRepository::clear_tokens(const std::string& tenant) {
  store_.clear_tokens(tenant);
}

bool StoredTokenRepository::try_acquire_refresh_lease(const std::string& tenant,
                                                      const std::string& owner, qbo::WallTime now,
                                                      qbo::WallTime expires_at) {
  return store_.try_acquire_lease(lease_name(tenant), owner, to_ms(now), to_ms(expires_at));
}

void StoredTokenRepository::release_refresh_lease(const std::string& tenant,
                                                  const std::string& owner) {
  store_.release_lease(lease_name(tenant), owner);
}

}  // namespace qbo_sync::connection
