#pragma once

#include "api_call_log.h"
#include "control_api.h"
#include "fault_injector.h"
#include "http_types.h"
#include "ledger/clock.h"
#include "ledger/ledger.h"
#include "oauth_service.h"
#include "throttle.h"

namespace qbo_sandbox {

// Decides what every HTTP request gets: the OAuth endpoints, /control, or an API call to
// /v3/company/{realm}/... (bearer check, throttle, injected fault, then the ledger). Adds the
// intuit_tid header to every answer. Knows no socket; thread-safe.
class RequestRouter {
 public:
  RequestRouter(Clock& clock, Ledger& ledger, OAuthService& oauth, Throttle& throttle,
                FaultInjector& faults, ControlApi& control);

  Outcome route(const IncomingRequest& request);

  // Every API call received, for /control/requests.
  ApiCallLog& calls() { return calls_; }

 private:
  Outcome api_call(const IncomingRequest& request, std::string realm_id, std::string path,
                   std::map<std::string, std::string> params);

  Clock& clock_;
  Ledger& ledger_;
  OAuthService& oauth_;
  Throttle& throttle_;
  FaultInjector& faults_;
  ControlApi& control_;
  ApiCallLog calls_;
};

}  // namespace qbo_sandbox
