// The OAuth tokens the plugin stored for an account, read back from its store and decrypted with
// the tests' key (kTestEncryptionKey); empty when there are none.
#pragma once

#include <array>
#include <boost/json.hpp>
#include <cstdint>
#include <filesystem>
#include <string>

#include "plugin_harness.h"
#include "store/secret_box.h"
#include "store/store.h"
#include "store_backend.h"

namespace qbo_sync::testing {

inline boost::json::object stored_tokens(const std::filesystem::path& data_dir,
                                         const std::string& account) {
  auto store = open_plugin_store(data_dir);
  std::array<uint8_t, 32> key{};
  const std::string hex = kTestEncryptionKey;
  for (std::size_t i = 0; i < key.size(); ++i) {
    key[i] = static_cast<uint8_t>(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
  }
  store::SecretBox box(key);
  auto row = store->connection(account);
  if (!row || row->sealed_tokens.empty()) return {};
  auto plain = box.open(row->sealed_tokens, account);
  return plain ? boost::json::parse(*plain).as_object() : boost::json::object{};
}

}  // namespace qbo_sync::testing
