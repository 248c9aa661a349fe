// The ApiClient's handling of QBO's answers: a fake transport answers every API request with the
// fuzz input as status and body (Intuit's token endpoint is simulated, so a 401 goes through a real
// refresh and retry). Each input runs one call (read, query, a paged query, batch, CDC or the
// connection test) on a fresh client, so no throttle pause carries over. A failed call gives a
// readable Fault; a successful one a JSON body.
#include <chrono>
#include <string>
#include <vector>

#include "clock/scaled_clock.h"
#include "fake_token_server.h"
#include "fuzz_checks.h"
#include "in_memory_token_repository.h"
#include "qbo_client/api_client.h"
#include "qbo_fault_checks.h"

namespace {

using namespace qbo_sync;
using namespace std::chrono_literals;

const qbo::Connection kConnection{"tenant-1", "realm-1"};

class FuzzedQbo final : public qbo::HttpTransport {
 public:
  FuzzedQbo(int status, std::string_view body) : status_(status), body_(body) {}

  qbo::HttpResult send(const qbo::HttpRequest& request) override {
    if (request.url.starts_with("https://oauth.test/")) return token_server.handle(request);
    return qbo::HttpResponse{
        status_, {{"Content-Type", "application/json"}, {"intuit_tid", "1-fuzz-tid"}}, body_};
  }

  qbo::testing::FakeTokenServer token_server;

 private:
  int status_;
  std::string body_;
};

qbo::TokenManagerOptions token_options() {
  qbo::TokenManagerOptions options;
  options.instance_id = "fuzz";
  options.lease_poll_interval = 1ms;
  return options;
}

// A 60 s throttle pause lasts 0.6 ms.
const clock::ScaledClock& fast_clock() {
  static const clock::ScaledClock clock(100'000);
  return clock;
}

void check(const qbo::Outcome<qbo::ApiResponse>& outcome, std::string_view body) {
  if (!outcome.ok()) {
    fuzz::require_readable_fault(outcome.fault(), body);
    return;
  }
  fuzz::require(!outcome.value().body.is_null() || body.empty(),
                "a successful answer has a JSON body", body);
}

void call(qbo::ApiClient& client, std::uint8_t operation, std::string_view body) {
  switch (operation % 7) {
    case 0:
      return check(client.read(kConnection, "Invoice", "42"), body);
    case 1:
      return check(client.query(kConnection, qbo::QueryBuilder::select_all("Customer")
                                                 .where("DisplayName", qbo::QueryOperator::equal,
                                                        "Amy's Bird Sanctuary")),
                   body);
    case 2: {
      const auto rows =
          client.query_all(kConnection, qbo::QueryBuilder::select_all("Customer"), 2, 10);
      if (!rows.ok()) fuzz::require_readable_fault(rows.fault(), body);
      return;
    }
    case 3: {
      const boost::json::array items{
          {{"bId", "1"}, {"operation", "create"}, {"Customer", {{"DisplayName", "A"}}}}};
      return check(client.batch(kConnection, items, "fuzz-batch"), body);
    }
    case 4:
      return check(client.change_data_capture(kConnection, {"Customer", "Invoice"},
                                              "2026-01-01T00:00:00.000Z"),
                   body);
    case 5: {
      const auto feed =
          client.changes_since(kConnection, {"Customer", "Invoice"}, "2026-01-01T00:00:00.000Z");
      if (!feed.ok()) fuzz::require_readable_fault(feed.fault(), body);
      return;
    }
    default: {
      const auto checked = client.test_connection(kConnection);
      if (checked.fault) fuzz::require_readable_fault(*checked.fault, body);
      fuzz::require_utf8(checked.explanation, "a connection check's explanation is UTF-8");
      return;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint8_t operation = data[0];
  const int status = fuzz::status_from(data + 1, size - 1);
  const auto body = fuzz::body_from(data + 1, size - 1);

  FuzzedQbo transport(status, body);
  qbo::OAuthClient oauth(transport, qbo::testing::test_oauth_config());
  qbo::testing::InMemoryTokenRepository repository;
  qbo::TokenManager tokens(repository, oauth, token_options());
  qbo::RateGovernor governor({}, &fast_clock());
  qbo::ApiClient client(transport, tokens, governor,
                        qbo::ApiClientConfig{"https://qbo.test", 75, 5s, 30});
  fuzz::require(
      static_cast<bool>(tokens.connect(kConnection.tenant, transport.token_server.issue_code())),
      "the simulated token server connects");
  call(client, operation, body);
  return 0;
}
