#include "request_router.h"

#include <boost/url/parse.hpp>

#include "gateway_faults.h"
#include "intuit_tid.h"

namespace qbo_sandbox {
namespace {

// The answer an injected fault gives; `normal` is the ledger's answer when it has one.
Outcome fault_outcome(const FaultRule& rule, std::chrono::system_clock::time_point now,
                      HttpReply normal) {
  Outcome outcome;
  auto overridden = [&](Fault fault) {
    if (rule.status != 0) {
      fault.http_status = rule.status;
    }
    for (const auto& [value, target] :
         {std::pair{&rule.type, &fault.type}, std::pair{&rule.code, &fault.code},
          std::pair{&rule.message, &fault.message}, std::pair{&rule.detail, &fault.detail}}) {
      if (!value->empty()) {
        *target = *value;
      }
    }
    return fault;
  };
  switch (rule.kind) {
    case FaultRule::Kind::http_500:
      outcome.reply = json_fault(overridden(system_failure_fault()), now);
      break;
    case FaultRule::Kind::http_503:
      outcome.reply = service_unavailable();
      break;
    case FaultRule::Kind::timeout:
      outcome.action = Outcome::Action::drop;
      outcome.delay = rule.delay;
      break;
    case FaultRule::Kind::drop:
      outcome.action = Outcome::Action::drop;
      break;
    case FaultRule::Kind::xml_fault:
      outcome.reply = xml_fault(overridden(system_failure_fault()), now);
      break;
    case FaultRule::Kind::throttle:
      outcome.reply = throttle_exceeded(now);
      break;
    case FaultRule::Kind::delay:
      outcome.reply = std::move(normal);
      outcome.delay = rule.delay;
      break;
  }
  return outcome;
}

}  // namespace

RequestRouter::RequestRouter(Clock& clock, Ledger& ledger, OAuthService& oauth, Throttle& throttle,
                             FaultInjector& faults, ControlApi& control)
    : clock_(clock),
      ledger_(ledger),
      oauth_(oauth),
      throttle_(throttle),
      faults_(faults),
      control_(control) {}

Outcome RequestRouter::route(const IncomingRequest& request) {
  const auto now = clock_.now();
  Outcome outcome;
  auto target = boost::urls::parse_origin_form(request.target);
  if (!target) {
    Fault fault;
    fault.code = "500";
    fault.message = "Unsupported Operation";
    fault.detail = "The request target is not a valid URL path: " + request.target;
    outcome.reply = json_fault(fault, now);
  } else {
    const std::string path = target->path();
    std::map<std::string, std::string> params;
    for (const auto& param : target->params()) {
      params.emplace(param.key, param.has_value ? param.value : std::string());
    }
    constexpr std::string_view kApi = "/v3/company/";
    if (path.rfind(kApi, 0) == 0) {
      const std::string rest = path.substr(kApi.size());
      const std::size_t slash = rest.find('/');
      std::string realm_id = rest.substr(0, slash);
      std::string api_path = slash == std::string::npos ? std::string() : rest.substr(slash + 1);
      outcome = api_call(request, std::move(realm_id), std::move(api_path), std::move(params));
    } else if (path == "/connect/oauth2") {
      outcome.reply = oauth_.authorize(params, ledger_.realm_ids());
    } else if (path == "/oauth2/v1/tokens/bearer") {
      outcome.reply = oauth_.token(request);
    } else if (path == "/v2/oauth2/tokens/revoke") {
      outcome.reply = oauth_.revoke(request);
    } else if (path == "/control" || path.rfind("/control/", 0) == 0) {
      outcome.reply =
          control_.handle(request.method, std::string_view(path).substr(8), request.body);
    } else {
      outcome.reply = not_found(path, now);
    }
  }
  // QBO's SDKs read `intuit_tid`; recordings show it as `Intuit-Tid`. Both are sent.
  const std::string tid = make_intuit_tid(now);
  outcome.reply.add_header("intuit_tid", tid);
  outcome.reply.add_header("Intuit-Tid", tid);
  return outcome;
}

Outcome RequestRouter::api_call(const IncomingRequest& request, std::string realm_id,
                                std::string path, std::map<std::string, std::string> params) {
  const auto now = clock_.now();
  Outcome outcome;
  auto bearer = oauth_.check_bearer(request.header("authorization"), realm_id);
  auto query_param = params.find("query");
  const std::string_view query_text_of_url =
      query_param == params.end() ? std::string_view() : std::string_view(query_param->second);
  const std::string_view logged_query =
      query_text_of_url.empty() ? request.body : query_text_of_url;
  if (!bearer.ok) {
    calls_.record(realm_id, request.method, path, logged_query, ApiCallLog::Fate::unauthorized);
    outcome.reply = std::move(bearer.rejection);
    return outcome;
  }
  const bool batch = path == "batch";
  auto admission = throttle_.admit(realm_id, batch);
  if (admission.verdict != Throttle::Verdict::admitted) {
    calls_.record(realm_id, request.method, path, logged_query, ApiCallLog::Fate::throttled);
    outcome.reply = throttle_exceeded(now);
    return outcome;
  }
  outcome.hold = std::move(admission.slot);
  calls_.record(realm_id, request.method, path, logged_query, ApiCallLog::Fate::admitted);

  ApiRequest api;
  api.method = request.method;
  api.realm_id = std::move(realm_id);
  api.path = std::move(path);
  api.params = std::move(params);
  api.body = request.body;
  api.content_type = request.header("content-type");

  std::string_view query_text = api.body;
  if (auto query = api.params.find("query"); query != api.params.end()) {
    query_text = query->second;
  }
  auto fault = faults_.take(api.realm_id, api.method, api.path, query_text);
  if (fault && !fault->after_ledger && fault->kind != FaultRule::Kind::delay) {
    auto hold = std::move(outcome.hold);
    outcome = fault_outcome(*fault, now, {});
    outcome.hold = std::move(hold);
    return outcome;
  }
  ApiResponse response = ledger_.handle(api);
  HttpReply normal;
  normal.status = response.status;
  normal.body = std::move(response.body);
  normal.content_type = std::move(response.content_type);
  if (fault) {
    auto hold = std::move(outcome.hold);
    outcome = fault_outcome(*fault, now, std::move(normal));
    if (fault->kind == FaultRule::Kind::delay) outcome.released = faults_.release_signal();
    outcome.hold = std::move(hold);
    return outcome;
  }
  outcome.reply = std::move(normal);
  return outcome;
}

}  // namespace qbo_sandbox
