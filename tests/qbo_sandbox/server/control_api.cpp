#include "control_api.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "qbo_time.h"
#include "rules/tax.h"

namespace qbo_sandbox {
namespace {

namespace json = boost::json;

HttpReply json_reply(int status, const json::value& body) {
  HttpReply reply;
  reply.status = status;
  reply.content_type = "application/json";
  reply.body = json::serialize(body);
  return reply;
}

HttpReply error_reply(int status, std::string message, std::string_view field = {}) {
  json::object body;
  body["error"] = std::move(message);
  if (!field.empty()) {
    body["field"] = field;
  }
  return json_reply(status, body);
}

HttpReply not_found(std::string_view method, std::string_view path) {
  return error_reply(404, "no control route " + std::string(method) + " /control" +
                              std::string(path) + "; GET /control lists them");
}

// The body as a JSON object ("" counts as {}), or the 400 naming the problem.
std::variant<json::object, HttpReply> object_body(std::string_view body) {
  if (body.empty()) {
    return json::object{};
  }
  boost::system::error_code error;
  json::value value = json::parse(body, error);
  if (error) {
    return error_reply(400, "the body is not valid JSON: " + error.message());
  }
  if (!value.is_object()) {
    return error_reply(400, "the body must be a JSON object");
  }
  return std::move(value.as_object());
}

// A string field; nullopt with `problem` set when present but not a string or required and absent.
std::optional<std::string> string_field(const json::object& object, std::string_view name,
                                        bool required, std::optional<HttpReply>& problem) {
  const json::value* value = object.if_contains(name);
  if (value == nullptr) {
    if (required) {
      problem = error_reply(400, std::string(name) + " is required", name);
    }
    return std::nullopt;
  }
  if (!value->is_string()) {
    problem = error_reply(400, std::string(name) + " must be a string", name);
    return std::nullopt;
  }
  return std::string(value->as_string());
}

// An integer field >= minimum; nullopt when absent, `problem` set when invalid.
std::optional<std::int64_t> integer_field(const json::object& object, std::string_view name,
                                          std::int64_t minimum, std::optional<HttpReply>& problem) {
  const json::value* value = object.if_contains(name);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (!value->is_int64() || value->as_int64() < minimum) {
    problem = error_reply(
        400, std::string(name) + " must be an integer >= " + std::to_string(minimum), name);
    return std::nullopt;
  }
  return value->as_int64();
}

const char* const kRoutes[] = {
    "GET /control (this list), GET /control/info (the start-up line)",
    "POST /control/companies {\"preset\":\"ca|ca-fresh|us\",\"name\":..} -> {\"realm_id\"}",
    "POST /control/companies/{realm}/tax-agencies {\"agency\":\"QST|PST BC|PST SK|RST MB\"}: "
    "sets up a provincial agency as an admin does in QuickBooks, adding its rate and codes",
    "GET /control/ledger, GET /control/ledger/{realm}: counts by entity and every object",
    "POST /control/ledger/{realm}/{entity}[/void|/delete]: a write as the company's own "
    "user makes it in QuickBooks (no token, no throttle); answers as the API would",
    "GET /control/clock, POST /control/clock/advance {\"seconds\":n}",
    "POST /control/time-scale {\"time_scale\":x}",
    "GET /control/closing-date/{realm}, POST /control/closing-date {\"realm_id\",\"closing_date\":"
    "\"YYYY-MM-DD\"|null}: the company's closing date (changes dated on or before it are refused)",
    "GET|POST /control/throttle {\"enabled\",\"requests_per_minute\",\"concurrent_requests\","
    "\"batch_requests_per_minute\"}, POST /control/throttle/reset",
    "GET|POST|DELETE /control/faults {\"kind\":\"http_500|http_503|timeout|drop|xml_fault|"
    "throttle|delay\",\"count\",\"realm_id\",\"method\",\"path_prefix\",\"entity\",\"delay_ms\","
    "\"after_ledger\",\"status\",\"type\",\"code\",\"message\",\"detail\"}",
    "POST /control/tokens/expire {\"realm_id\",\"which\":\"access|refresh|both\"}",
    "POST /control/tokens/revoke {\"realm_id\"}, POST /control/tokens/issue {\"realm_id\"}",
    "GET /control/oauth (grants, refreshes, revocations), POST /control/oauth/rotation "
    "{\"rotation_age_seconds\",\"rotated_token_grace_seconds\"}",
    "GET|POST /control/webhooks {\"url\",\"format\":\"legacy|cloudevents\",\"batch_window_ms\","
    "\"retry_delays_ms\":[..],\"max_attempts\",\"response_timeout_ms\"}",
    "GET /control/requests, GET /control/requests/{realm}: API calls received (total, admitted, "
    "throttled, unauthorized, admitted by kind); POST /control/requests/reset",
};

}  // namespace

ControlApi::ControlApi(Clock& clock, Ledger& ledger, OAuthService& oauth, Throttle& throttle,
                       FaultInjector& faults, WebhookDispatcher& webhooks, Hooks hooks)
    : clock_(clock),
      ledger_(ledger),
      oauth_(oauth),
      throttle_(throttle),
      faults_(faults),
      webhooks_(webhooks),
      hooks_(std::move(hooks)) {}

HttpReply ControlApi::handle(std::string_view method, std::string_view path,
                             std::string_view body) {
  auto starts_with = [&](std::string_view prefix) {
    return path == prefix || path.rfind(std::string(prefix) + "/", 0) == 0;
  };
  if ((path.empty() || path == "/") && method == "GET") {
    json::object help;
    json::array routes;
    for (const char* route : kRoutes) {
      routes.emplace_back(route);
    }
    help["routes"] = std::move(routes);
    help["info"] = hooks_.startup_info();
    return json_reply(200, help);
  }
  if (path == "/info" && method == "GET") {
    return json_reply(200, hooks_.startup_info());
  }
  if (path == "/companies") {
    return companies(method, body);
  }
  if (starts_with("/companies") && method == "POST") {
    return add_tax_agency(path.substr(11), body);
  }
  if (starts_with("/ledger") && method == "GET") {
    return ledger(path.size() > 8 ? path.substr(8) : std::string_view());
  }
  if (starts_with("/ledger") && method == "POST") {
    return ledger_write(path.size() > 8 ? path.substr(8) : std::string_view(), body);
  }
  if (starts_with("/clock")) {
    return clock(method, path.substr(6), body);
  }
  if (starts_with("/closing-date")) {
    return closing_date(method, path.substr(std::string_view("/closing-date").size()), body);
  }
  if (path == "/time-scale") {
    return time_scale(method, body);
  }
  if (starts_with("/throttle")) {
    return throttle(method, path.substr(9), body);
  }
  if (starts_with("/faults")) {
    return faults(method, path.substr(7), body);
  }
  if (starts_with("/tokens")) {
    return tokens(method, path.substr(7), body);
  }
  if (starts_with("/oauth")) {
    return oauth(method, path.substr(6), body);
  }
  if (path == "/webhooks") {
    return webhooks(method, body);
  }
  if (starts_with("/requests")) {
    return requests(method, path.substr(9));
  }
  return not_found(method, path);
}

HttpReply ControlApi::companies(std::string_view method, std::string_view body) {
  if (method == "GET") {
    json::object answer;
    json::array realm_ids;
    for (const auto& realm_id : ledger_.realm_ids()) {
      realm_ids.emplace_back(realm_id);
    }
    answer["realm_ids"] = std::move(realm_ids);
    return json_reply(200, answer);
  }
  if (method != "POST") {
    return not_found(method, "/companies");
  }
  auto parsed = object_body(body);
  if (auto* error = std::get_if<HttpReply>(&parsed)) {
    return *error;
  }
  const auto& request = std::get<json::object>(parsed);
  std::optional<HttpReply> problem;
  const auto preset = string_field(request, "preset", false, problem);
  const auto name = string_field(request, "name", false, problem);
  if (problem) {
    return *problem;
  }
  CompanyPreset chosen = CompanyPreset::canada;
  if (preset && *preset == "us") {
    chosen = CompanyPreset::united_states;
  } else if (preset && *preset == "ca-fresh") {
    chosen = CompanyPreset::canada_fresh;
  } else if (preset && *preset != "ca") {
    return error_reply(400, "preset must be \"ca\", \"ca-fresh\" or \"us\"", "preset");
  }
  json::object answer;
  answer["realm_id"] = hooks_.add_company(chosen, name.value_or(""));
  return json_reply(201, answer);
}

HttpReply ControlApi::add_tax_agency(std::string_view target, std::string_view body) {
  // "{realm}/tax-agencies"
  const auto slash = target.find('/');
  if (slash == std::string_view::npos || target.substr(slash) != "/tax-agencies") {
    return not_found("POST", "/companies/" + std::string(target));
  }
  const std::string realm_id(target.substr(0, slash));
  if (!ledger_.has_realm(realm_id)) {
    return error_reply(404, "no company with realm " + realm_id, "realm_id");
  }
  auto parsed = object_body(body);
  if (auto* error = std::get_if<HttpReply>(&parsed)) {
    return *error;
  }
  std::optional<HttpReply> problem;
  const auto agency = string_field(std::get<json::object>(parsed), "agency", true, problem);
  if (problem) {
    return *problem;
  }
  auto objects = tax::agency_tax_objects(*agency);
  if (!objects) {
    return error_reply(400, "agency must be \"QST\", \"PST BC\", \"PST SK\" or \"RST MB\"",
                       "agency");
  }
  json::array codes;
  for (auto& rate : objects->rates) {
    ledger_.seed(realm_id, "TaxRate", std::move(rate.as_object()));
  }
  for (auto& code : objects->codes) {
    codes.push_back(code.as_object().at("Id"));
    ledger_.seed(realm_id, "TaxCode", std::move(code.as_object()));
  }
  return json_reply(201, json::object{{"agency", *agency}, {"tax_code_ids", std::move(codes)}});
}

HttpReply ControlApi::ledger_write(std::string_view target, std::string_view body) {
  // "{realm}/{entity}[/void|/delete]": what a bookkeeper does in QuickBooks' own screens, so that
  // a demo or test can change the books without an OAuth connection of its own.
  ApiRequest request;
  request.method = "POST";
  const std::string_view route = target;
  const auto slash = route.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == route.size()) {
    return json_reply(400, json::object{{"error", "expected /control/ledger/{realm}/{entity}"},
                                        {"field", "path"}});
  }
  request.realm_id = std::string(route.substr(0, slash));
  if (!ledger_.has_realm(request.realm_id)) {
    return json_reply(
        404, json::object{{"error", "no company has that realm id"}, {"field", "realm_id"}});
  }
  std::string_view entity = route.substr(slash + 1);
  request.params["minorversion"] = "75";
  if (const auto operation = entity.find('/'); operation != std::string_view::npos) {
    request.params["operation"] = std::string(entity.substr(operation + 1));
    entity = entity.substr(0, operation);
  }
  request.path = std::string(entity);
  request.body = std::string(body);
  request.content_type = "application/json";
  const auto answer = ledger_.handle(request);
  HttpReply reply;
  reply.status = answer.status;
  reply.body = answer.body;
  reply.content_type = answer.content_type;
  return reply;
}

HttpReply ControlApi::ledger(std::string_view realm_id) {
  if (!realm_id.empty()) {
    if (!ledger_.has_realm(realm_id)) {
      return error_reply(404, "no company with realm id " + std::string(realm_id), "realm_id");
    }
    return json_reply(200, ledger_.snapshot(realm_id));
  }
  json::object realms;
  for (const auto& id : ledger_.realm_ids()) {
    realms[id] = ledger_.snapshot(id);
  }
  json::object answer;
  answer["realms"] = std::move(realms);
  return json_reply(200, answer);
}

HttpReply ControlApi::clock(std::string_view method, std::string_view path, std::string_view body) {
  auto describe = [&] {
    json::object answer;
    answer["now"] = pacific_timestamp(clock_.now());
    answer["now_utc"] = utc_timestamp_millis(clock_.now());
    answer["offset_seconds"] = clock_.offset().count();
    answer["time_scale"] = throttle_.time_scale();
    return json_reply(200, answer);
  };
  if (path.empty() && method == "GET") {
    return describe();
  }
  if (path != "/advance" || method != "POST") {
    return not_found(method, "/clock" + std::string(path));
  }
  auto parsed = object_body(body);
  if (auto* error = std::get_if<HttpReply>(&parsed)) {
    return *error;
  }
  std::optional<HttpReply> problem;
  const auto seconds = integer_field(std::get<json::object>(parsed), "seconds", 0, problem);
  if (problem) {
    return *problem;
  }
  if (!seconds) {
    return error_reply(400, "seconds is required (the clock only moves forward)", "seconds");
  }
  clock_.advance(std::chrono::seconds(*seconds));
  throttle_.advance(std::chrono::seconds(*seconds));
  return describe();
}

namespace {

// A date as QBO writes one: YYYY-MM-DD.
bool plain_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9')) return false;
  }
  return true;
}

}  // namespace

HttpReply ControlApi::closing_date(std::string_view method, std::string_view path,
                                   std::string_view body) {
  auto answer = [&](const std::string& realm_id) {
    const std::string date = ledger_.closing_date(realm_id);
    json::object reply{{"realm_id", realm_id}};
    reply["closing_date"] = date.empty() ? json::value(nullptr) : json::value(date);
    return json_reply(200, reply);
  };
  if (method == "GET" && path.size() > 1 && path[0] == '/') {
    const std::string realm_id(path.substr(1));
    if (!ledger_.has_realm(realm_id)) return error_reply(404, "no company " + realm_id, "realm_id");
    return answer(realm_id);
  }
  if (method != "POST" || !path.empty())
    return not_found(method, "/closing-date" + std::string(path));
  auto parsed = object_body(body);
  if (auto* error = std::get_if<HttpReply>(&parsed)) return *error;
  const auto& request = std::get<json::object>(parsed);
  std::optional<HttpReply> problem;
  const auto realm_id = string_field(request, "realm_id", true, problem);
  if (problem) return *problem;
  if (!ledger_.has_realm(*realm_id)) return error_reply(400, "no company " + *realm_id, "realm_id");
  const json::value* date = request.if_contains("closing_date");
  if (date == nullptr) return error_reply(400, "closing_date is required", "closing_date");
  std::string text;
  if (date->is_string()) text = std::string(date->as_string());
  if ((!date->is_null() && !date->is_string()) || (!text.empty() && !plain_date(text))) {
    return error_reply(400, "closing_date must be \"YYYY-MM-DD\", or null to open the books",
                       "closing_date");
  }
  ledger_.set_closing_date(*realm_id, text);
  return answer(*realm_id);
}

void ControlApi::apply_time_scale(double time_scale) {
  throttle_.set_time_scale(time_scale);
  webhooks_.set_time_scale(time_scale);
}

HttpReply ControlApi::time_scale(std::string_view method, std::string_view body) {
  if (method != "POST") {
    return not_found(method, "/time-scale");
  }
  auto parsed = object_body(body);
  if (auto* error = std::get_if<HttpReply>(&parsed)) {
    return *error;
  }
  const json::value* value = std::get<json::object>(parsed).if_contains("time_scale");
  if (value == nullptr || !value->is_number() || value->to_number<double>() <= 0) {
    return error_reply(400, "time_scale must be a positive number", "time_scale");
  }
  apply_time_scale(value->to_number<double>());
  json::object answer;
  answer["time_scale"] = throttle_.time_scale();
  return json_reply(200, answer);
}

HttpReply ControlApi::throttle(std::string_view method, std::string_view path,
                               std::string_view body) {
  auto describe = [&] {
    const ThrottleLimits limits = throttle_.limits();
    json::object answer;
    answer["enabled"] = limits.enabled;
    answer["requests_per_minute"] = limits.requests_per_minute;
    answer["concurrent_requests"] = limits.concurrent_requests;
    answer["batch_requests_per_minute"] = limits.batch_requests_per_minute;
    answer["time_scale"] = throttle_.time_scale();
    json::object in_flight;
    for (const auto& realm_id : ledger_.realm_ids()) {
      in_flight[realm_id] = throttle_.in_flight(realm_id);
    }
    answer["in_flight"] = std::move(in_flight);
    return json_reply(200, answer);
  };
  if (path == "/reset" && method == "POST") {
    throttle_.reset();
    return describe();
  }
  if (!path.empty()) {
    return not_found(method, "/throttle" + std::string(path));
  }
  if (method == "GET") {
    return describe();
  }
  if (method != "POST") {
    return not_found(method, "/throttle");
  }
  auto parsed = object_body(body);
  if (auto* error = std::get_if<HttpReply>(&parsed)) {
    return *error;
  }
  const auto& request = std::get<json::object>(parsed);
  ThrottleLimits limits = throttle_.limits();
  if (const json::value* enabled = request.if_contains("enabled")) {
    if (!enabled->is_bool()) {
      return error_reply(400, "enabled must be true or false", "enabled");
    }
    limits.enabled = enabled->as_bool();
  }
  std::optional<HttpReply> problem;
  for (const auto& [name, target] :
       std::initializer_list<std::pair<std::string_view, std::size_t*>>{
           {"requests_per_minute", &limits.requests_per_minute},
           {"concurrent_requests", &limits.concurrent_requests},
           {"batch_requests_per_minute", &limits.batch_requests_per_minute}}) {
    if (auto value = integer_field(request, name, 1, problem)) {
      *target = static_cast<std::size_t>(*value);
    }
    if (problem) {
      return *problem;
    }
  }
  throttle_.set_limits(limits);
  return describe();
}

HttpReply ControlApi::faults(std::string_view method, std::string_view path,
                             std::string_view body) {
  if (path == "/clear" && method == "POST") {
    faults_.clear();
    return json_reply(200, json::object{{"faults", json::array{}}});
  }
  if (path == "/release" && method == "POST") {
    faults_.release_delays();
    return json_reply(200, json::object{{"released", true}});
  }
  if (!path.empty()) {
    return not_found(method, "/faults" + std::string(path));
  }
  if (method == "GET") {
    return json_reply(200, json::object{{"faults", faults_.list()}});
  }
  if (method == "DELETE") {
    faults_.clear();
    return json_reply(200, json::object{{"faults", json::array{}}});
  }
  if (method != "POST") {
    return not_found(method, "/faults");
  }
  boost::system::error_code error;
  json::value value = json::parse(body, error);
  if (error) {
    return error_reply(400, "the body is not valid JSON: " + error.message());
  }
  auto rule = fault_rule_from_json(value);
  if (auto* problem = std::get_if<std::string>(&rule)) {
    return error_reply(400, *problem);
  }
  FaultRule& accepted = std::get<FaultRule>(rule);
  if (!accepted.realm_id.empty() && !ledger_.has_realm(accepted.realm_id)) {
    return error_reply(400, "no company with realm id " + accepted.realm_id, "realm_id");
  }
  accepted.id = faults_.add(accepted);
  return json_reply(201, to_json(accepted));
}

HttpReply ControlApi::tokens(std::string_view method, std::string_view path,
                             std::string_view body) {
  if (method != "POST" || (path != "/expire" && path != "/revoke" && path != "/issue")) {
    return not_found(method, "/tokens" + std::string(path));
  }
  auto parsed = object_body(body);
  if (auto* error = std::get_if<HttpReply>(&parsed)) {
    return *error;
  }
  const auto& request = std::get<json::object>(parsed);
  std::optional<HttpReply> problem;
  const auto realm_id = string_field(request, "realm_id", true, problem);
  const auto which = string_field(request, "which", false, problem);
  if (problem) {
    return *problem;
  }
  if (!ledger_.has_realm(*realm_id)) {
    return error_reply(400, "no company with realm id " + *realm_id, "realm_id");
  }
  json::object answer;
  answer["realm_id"] = *realm_id;
  if (path == "/issue") {
    return json_reply(200, oauth_.issue_tokens(*realm_id));
  }
  if (path == "/revoke") {
    oauth_.revoke_realm(*realm_id);
    answer["revoked"] = true;
    return json_reply(200, answer);
  }
  const std::string kind = which.value_or("access");
  if (kind != "access" && kind != "refresh" && kind != "both") {
    return error_reply(400, "which must be \"access\", \"refresh\" or \"both\"", "which");
  }
  if (kind != "refresh") {
    oauth_.expire_access_tokens(*realm_id);
  }
  if (kind != "access") {
    oauth_.expire_refresh_tokens(*realm_id);
  }
  answer["expired"] = kind;
  return json_reply(200, answer);
}

HttpReply ControlApi::oauth(std::string_view method, std::string_view path, std::string_view body) {
  if (path.empty() && method == "GET") {
    return json_reply(200, oauth_.activity());
  }
  if (path != "/rotation" || method != "POST") {
    return not_found(method, "/oauth" + std::string(path));
  }
  auto parsed = object_body(body);
  if (auto* error = std::get_if<HttpReply>(&parsed)) {
    return *error;
  }
  const auto& request = std::get<json::object>(parsed);
  const OAuthSettings current = oauth_.settings();
  std::optional<HttpReply> problem;
  const auto age = integer_field(request, "rotation_age_seconds", 0, problem);
  const auto grace = integer_field(request, "rotated_token_grace_seconds", 0, problem);
  if (problem) {
    return *problem;
  }
  oauth_.set_rotation(age ? std::chrono::seconds(*age) : current.rotation_age,
                      grace ? std::chrono::seconds(*grace) : current.rotated_token_grace);
  const OAuthSettings updated = oauth_.settings();
  json::object answer;
  answer["rotation_age_seconds"] = updated.rotation_age.count();
  answer["rotated_token_grace_seconds"] = updated.rotated_token_grace.count();
  return json_reply(200, answer);
}

HttpReply ControlApi::webhooks(std::string_view method, std::string_view body) {
  if (method == "GET") {
    return json_reply(200, webhooks_.report());
  }
  if (method != "POST") {
    return not_found(method, "/webhooks");
  }
  auto parsed = object_body(body);
  if (auto* error = std::get_if<HttpReply>(&parsed)) {
    return *error;
  }
  const auto& request = std::get<json::object>(parsed);
  WebhookSettings settings = webhooks_.settings();
  std::optional<HttpReply> problem;
  if (auto url = string_field(request, "url", false, problem)) {
    if (!url->empty() && url->rfind("http://", 0) != 0) {
      return error_reply(400, "url must be an http:// URL (or \"\" to turn webhooks off)", "url");
    }
    settings.url = *url;
  }
  if (auto format = string_field(request, "format", false, problem)) {
    auto known = webhook_format_from_string(*format);
    if (!known) {
      return error_reply(400, "format must be \"legacy\" or \"cloudevents\"", "format");
    }
    settings.format = *known;
  }
  if (auto window = integer_field(request, "batch_window_ms", 0, problem)) {
    settings.batch_window = std::chrono::milliseconds(*window);
  }
  if (auto attempts = integer_field(request, "max_attempts", 1, problem)) {
    settings.max_attempts = static_cast<std::size_t>(*attempts);
  }
  if (auto timeout = integer_field(request, "response_timeout_ms", 1, problem)) {
    settings.response_timeout = std::chrono::milliseconds(*timeout);
  }
  if (problem) {
    return *problem;
  }
  if (const json::value* delays = request.if_contains("retry_delays_ms")) {
    if (!delays->is_array()) {
      return error_reply(400, "retry_delays_ms must be an array of milliseconds",
                         "retry_delays_ms");
    }
    settings.retry_delays.clear();
    for (const auto& delay : delays->as_array()) {
      if (!delay.is_int64() || delay.as_int64() < 0) {
        return error_reply(400, "retry_delays_ms must hold non-negative integers",
                           "retry_delays_ms");
      }
      settings.retry_delays.emplace_back(delay.as_int64());
    }
  }
  webhooks_.configure(settings);
  return json_reply(200, webhooks_.report());
}

HttpReply ControlApi::requests(std::string_view method, std::string_view path) {
  if (calls_ == nullptr) {
    return error_reply(404, "this sandbox does not count API calls");
  }
  if (path == "/reset" && method == "POST") {
    calls_->reset();
    return json_reply(200, calls_->all());
  }
  if (method != "GET") {
    return not_found(method, "/requests" + std::string(path));
  }
  if (path.empty() || path == "/") {
    return json_reply(200, calls_->all());
  }
  return json_reply(200, calls_->realm(path.substr(1)));
}

}  // namespace qbo_sandbox
