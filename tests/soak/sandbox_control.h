// The soak's hand on the QBO sandbox (a separate process): its control endpoint for faults, token
// expiry, writes as the company's own user and call counts, and QuickBooks' webhook signature.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>

namespace qbo_sync::soak {

class SandboxControl {
 public:
  // `info`: the sandbox's start-up JSON line.
  explicit SandboxControl(const boost::json::object& info);

  std::string realm_for_preset(const std::string& preset) const;

  // API calls the sandbox has received so far, over every company.
  std::int64_t api_calls_so_far() const;
  // The next matching API call of the company answers with fault `kind` (http_500, drop, ...).
  void inject_fault(const std::string& realm, const std::string& kind) const;
  void expire_access_token(const std::string& realm) const;
  // Every refresh later than `seconds` after a token's issue hands out a new refresh token.
  void set_rotation_age(int seconds) const;
  // A write as the company's own user makes it in QuickBooks; the API's answer. Throws on refusal.
  boost::json::object write(const std::string& realm, const std::string& entity,
                            const boost::json::object& body) const;

  // The admin request that forwards QuickBooks' change notification for `realm`, signed with the
  // webhook verifier token as QuickBooks signs it.
  std::string signed_webhook_request(const std::string& realm) const;

 private:
  boost::json::object post(const std::string& route, const boost::json::object& body) const;

  boost::json::object info_;
  std::string control_;
};

}  // namespace qbo_sync::soak
