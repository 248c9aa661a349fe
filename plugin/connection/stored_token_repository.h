// The QBO client's token repository over the plugin's store: tokens sealed with AES-256-GCM (bound
// to the account), the refresh lease in the store's lease table so that every plugin instance over
// one store refreshes a tenant at most once at a time.
#pragma once

#include <functional>
#include <string>

#include "qbo_client/token_repository.h"
#include "store/secret_box.h"
#include "store/store.h"

namespace qbo_sync::connection {

class StoredTokenRepository final : public qbo::TokenRepository {
 public:
  // `on_reconnect_needed` runs once each time a tenant goes from usable to reconnect-needed (not
  // again while it stays so): the place to e-mail the admins.
  StoredTokenRepository(store::Store& store, const store::SecretBox& box,
                        std::function<void(const std::string& tenant, const std::string& reason)>
                            on_reconnect_needed = {});

  qbo::TokenRecord load(const std::string& tenant) override;
  void save_tokens(const std::string& tenant, const qbo::TokenSet& tokens) override;
  void mark_reconnect_needed(const std::string& tenant, const std::string& reason) override;
  void clear_tokens(const std::string& tenant) override;
  bool try_acquire_refresh_lease(const std::string& tenant, const std::string& owner,
                                 qbo::WallTime now, qbo::WallTime expires_at) override;
  void release_refresh_lease(const std::string& tenant, const std::string& owner) override;

 private:
  store::Store& store_;
  const store::SecretBox& box_;
  std::function<void(const std::string&, const std::string&)> on_reconnect_needed_;
};

}  // namespace qbo_sync::connection
