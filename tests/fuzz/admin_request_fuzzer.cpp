// The admin surface: runtime::AdminApi::handle over a real store in a temporary directory and a
// connection service whose QuickBooks URLs point at 127.0.0.1:9 (the discard port), so nothing
// leaves the machine. Every answer is a JSON object; a refusal (invalid input, unsupported
// operation) carries code/message/path with the path pointing into the request; the app's client
// secret never appears in an answer.
#include <string>
#include <string_view>

#include "fuzz_checks.h"
#include "qbo_sync/plugin_api.h"
#include "runtime/admin_api.h"
#include "runtime/qbo_stack.h"
#include "store/temp_dir.h"

namespace {

using namespace qbo_sync;

constexpr std::string_view kClientSecret = "client-secret-canary-7f3a";

runtime::HostConfig unreachable_qbo() {
  runtime::HostConfig config;
  config.qbo.environment = "custom";
  config.qbo.api_base_url = "http://127.0.0.1:9";
  config.qbo.authorize_url = "http://127.0.0.1:9/connect/oauth2";
  config.qbo.token_url = "http://127.0.0.1:9/oauth2/v1/tokens/bearer";
  config.qbo.revoke_url = "http://127.0.0.1:9/v2/oauth2/tokens/revoke";
  config.qbo.client_id = "client-id";
  config.qbo.client_secret = std::string(kClientSecret);
  config.qbo.redirect_uri = "http://127.0.0.1:9/callback";
  return config;
}

store::IncomingEvent payment(int number) {
  const std::string id = std::to_string(number);
  return {"acct-1",    "evt-" + id, "payment.completed",    "payment",
          "pay-" + id, 1,           "2026-11-21T10:00:00Z", "{}"};
}

// A store with a few records, and the admin surface over it; built once, removed at exit.
struct AdminUnderTest {
  AdminUnderTest() { store.commit_events({payment(1), payment(2), payment(3)}); }

  testing::TempDir dir;
  store::Store store{dir.path()};
  runtime::HostServices host{nullptr};
  runtime::QboStack qbo{unreachable_qbo(), store, host};
  runtime::AdminApi admin{store, qbo.connections()};
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static AdminUnderTest under_test;
  const auto request = fuzz::as_text(data, size);
  const auto response = under_test.admin.handle(request);
  fuzz::require_json_object(response.body, "an admin answer is a JSON object");
  if (response.status == QBO_SYNC_INVALID_INPUT || response.status == QBO_SYNC_UNSUPPORTED) {
    fuzz::require_error_body(response.body, request);
  }
  if (request.find("7f3a") == std::string_view::npos) {
    fuzz::require(response.body.find(kClientSecret) == std::string::npos,
                  "admin answers never show the client secret", response.body);
  }
  return 0;
}
