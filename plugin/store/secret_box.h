// Secrets at rest: AES-256-GCM with a fresh random nonce per seal. The associated data (the account
// id) binds a sealed secret to its row, so one account's tokens cannot be swapped into another's.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace qbo_sync::store {

class SecretBox {
 public:
  explicit SecretBox(const std::array<uint8_t, 32>& key);
  ~SecretBox();
  SecretBox(const SecretBox&) = delete;
  SecretBox& operator=(const SecretBox&) = delete;

  // nonce (12 bytes) | ciphertext | tag (16 bytes). Throws StoreError if the cipher fails.
  std::string seal(std::string_view plaintext, std::string_view associated_data) const;

  // The plaintext, or nullopt when the box was not sealed with this key and associated data, or
  // was altered.
  std::optional<std::string> open(std::string_view sealed, std::string_view associated_data) const;

 private:
  std::array<uint8_t, 32> key_;
};

}  // namespace qbo_sync::store
