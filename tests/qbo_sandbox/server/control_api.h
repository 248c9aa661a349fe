#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "api_call_log.h"
#include "fault_injector.h"
#include "http_types.h"
#include "ledger/clock.h"
#include "ledger/ledger.h"
#include "oauth_service.h"
#include "throttle.h"
#include "webhook_dispatcher.h"

namespace qbo_sandbox {

// The /control endpoint that tests and the demo drive: fault injection, token expiry and
// revocation, the clock, the time scale, throttle limits, webhook settings, companies, and the
// whole ledger to assert on. Not part of QBO; documented in docs/qbo-sandbox.md.
class ControlApi {
 public:
  struct Hooks {
    std::function<std::string(CompanyPreset, std::string)> add_company;
    std::function<boost::json::object()> startup_info;
  };

  ControlApi(Clock& clock, Ledger& ledger, OAuthService& oauth, Throttle& throttle,
             FaultInjector& faults, WebhookDispatcher& webhooks, Hooks hooks);

  // `path` is what follows "/control" ("" or "/faults", "/ledger/123", ...).
  HttpReply handle(std::string_view method, std::string_view path, std::string_view body);

  // Where /control/requests reads the API call counts (the router's log).
  void set_call_log(ApiCallLog* calls) { calls_ = calls; }

 private:
  HttpReply companies(std::string_view method, std::string_view body);
  HttpReply add_tax_agency(std::string_view target, std::string_view body);
  HttpReply ledger(std::string_view realm_id);
  HttpReply ledger_write(std::string_view target, std::string_view body);
  HttpReply clock(std::string_view method, std::string_view path, std::string_view body);
  HttpReply time_scale(std::string_view method, std::string_view body);
  HttpReply closing_date(std::string_view method, std::string_view path, std::string_view body);
  HttpReply throttle(std::string_view method, std::string_view path, std::string_view body);
  HttpReply faults(std::string_view method, std::string_view path, std::string_view body);
  HttpReply tokens(std::string_view method, std::string_view path, std::string_view body);
  HttpReply oauth(std::string_view method, std::string_view path, std::string_view body);
  HttpReply webhooks(std::string_view method, std::string_view body);
  void apply_time_scale(double time_scale);
  HttpReply requests(std::string_view method, std::string_view path);

  Clock& clock_;
  Ledger& ledger_;
  OAuthService& oauth_;
  Throttle& throttle_;
  FaultInjector& faults_;
  WebhookDispatcher& webhooks_;
  Hooks hooks_;
  ApiCallLog* calls_ = nullptr;
};

}  // namespace qbo_sandbox
