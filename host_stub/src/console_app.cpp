#include "qbo_sync/host_stub/console_app.h"

#include <algorithm>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <fstream>
#include <sstream>

#include "qbo_sync/host/status_names.h"
#include "qbo_sync/host_stub/console_assets.h"

namespace qbo_sync::host_stub {
namespace {

namespace json = boost::json;

HttpResponse json_response(const json::value& body, unsigned status = 200) {
  return {status, "application/json", json::serialize(body), {}};
}

HttpResponse redirect(std::string location) {
  return {302, "text/plain", "", std::move(location)};
}

HttpResponse not_found() {
  return {404, "text/plain; charset=utf-8", "not found", {}};
}

std::string path_of(const std::string& target) {
  return target.substr(0, target.find('?'));
}

std::string query_value(const std::string& target, std::string_view key) {
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return {};
  const auto found = parsed->params().find(key);
  return found == parsed->params().end() ? std::string() : std::string((*found).value);
}

json::value parse_or_text(const std::string& text) {
  boost::system::error_code error;
  auto value = json::parse(text, error);
  return error ? json::value(text) : value;
}

// A plugin call's answer as the page reads it: ok, the status's name and the plugin's JSON.
json::object call_answer(const host::CallResult& result) {
  return {{"ok", host::is_accepted_status(result.status)},
          {"status", host::status_name(result.status)},
          {"body", parse_or_text(result.body)}};
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// Whether `text` is well-formed UTF-8 (a JSON string can carry nothing else).
bool is_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    if (lead < 0x80)
      length = 1;
    else if ((lead >> 5) == 0x6)
      length = 2;
    else if ((lead >> 4) == 0xE)
      length = 3;
    else if ((lead >> 3) == 0x1E)
      length = 4;
    if (length == 0 || i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

std::string html_escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '&')
      out += "&amp;";
    else
      out += c;
  }
  return out;
}

}  // namespace

ConsoleApp::ConsoleApp(host::PluginInstance& plugin, host::RecordingHost& host,
                       std::vector<ConsoleAccount> accounts, std::filesystem::path examples)
    : plugin_(plugin),
      host_(host),
      accounts_(std::move(accounts)),
      examples_(std::move(examples)) {}

HttpResponse ConsoleApp::handle(const HttpRequest& request) {
  const std::string path = path_of(request.target);
  if (request.method == "GET") {
    if (path == "/api/accounts") return accounts();
    if (path == "/api/host-calls") return host_calls();
    if (path == "/api/examples") return examples();
    if (path == "/connect") return connect(request.target);
    if (path == "/oauth/callback") return oauth_callback(request.target);
    if (auto asset = console_asset(path)) {
      return {200, std::string(asset->content_type), std::string(asset->body), {}};
    }
    return not_found();
  }
  if (request.method == "POST") {
    if (path == "/api/admin") return admin(request.body);
    if (path == "/api/hook") return hook(request.target, request.body);
  }
  return not_found();
}

HttpResponse ConsoleApp::accounts() {
  json::array list;
  for (const auto& account : accounts_) {
    const auto status = plugin_.admin(
        json::serialize(json::object{{"op", "connection_status"}, {"account_id", account.id}}));
    list.push_back(json::object{
        {"id", account.id}, {"name", account.name}, {"connection", parse_or_text(status.body)}});
  }
  return json_response(json::object{{"accounts", std::move(list)}});
}

HttpResponse ConsoleApp::admin(const std::string& body) {
  return json_response(call_answer(plugin_.admin(body)));
}

HttpResponse ConsoleApp::hook(const std::string& target, const std::string& body) {
  const auto name = query_value(target, "hook");
  const auto hook = host::hook_from_cli_name(name);
  if (!hook) {
    return json_response(json::object{{"ok", false},
                                      {"status", "unknown_hook"},
                                      {"body", {{"message", "unknown hook '" + name + "'"}}}},
                         400);
  }
  return json_response(call_answer(plugin_.call_hook(*hook, body)));
}

HttpResponse ConsoleApp::host_calls() {
  json::object calls{{"email_admins", json::array{}},
                     {"send_review_request", json::array{}},
                     {"upsert_contact", json::array{}},
                     {"import_invoice", json::array{}}};
  for (const auto& call : host_.calls()) {
    if (auto* list = calls.if_contains(call.service)) {
      list->as_array().push_back(json::object{{"request", parse_or_text(call.request)},
                                              {"response", parse_or_text(call.response)}});
    }
  }
  return json_response(calls);
}

// Every example of every hook's schema: {name, hook, text}, valid ones first. An example that is
// not UTF-8 (it tests exactly that) cannot travel in JSON and is left out.
HttpResponse ConsoleApp::examples() {
  json::array list;
  for (const auto hook : host::kAllHooks) {
    for (const std::string_view kind : {"valid", "invalid"}) {
      const auto folder = examples_ / std::string(host::hook_schema_name(hook)) / kind;
      if (!std::filesystem::is_directory(folder)) continue;
      std::vector<std::filesystem::path> files;
      for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        const auto name = entry.path().filename().string();
        if (entry.path().extension() == ".json" && !name.ends_with(".expect.json")) {
          files.push_back(entry.path());
        }
      }
      std::sort(files.begin(), files.end());
      for (const auto& file : files) {
        auto text = read_file(file);
        if (!is_utf8(text)) continue;
        list.push_back(
            json::object{{"name", std::string(host::hook_schema_name(hook)) + "/" +
                                      std::string(kind) + "/" + file.filename().string()},
                         {"hook", host::hook_cli_name(hook)},
                         {"text", std::move(text)}});
      }
    }
  }
  return json_response(json::object{{"examples", std::move(list)}});
}

// Connect: the plugin's consent link, with the company this account's admin picks there.
HttpResponse ConsoleApp::connect(const std::string& target) {
  const auto account_id = query_value(target, "account");
  const auto account = std::find_if(accounts_.begin(), accounts_.end(),
                                    [&](const auto& known) { return known.id == account_id; });
  if (account == accounts_.end()) return not_found();
  const auto begun = plugin_.admin(
      json::serialize(json::object{{"op", "connect_begin"}, {"account_id", account_id}}));
  const auto body = parse_or_text(begun.body);
  if (begun.status != QBO_SYNC_OK || !body.is_object()) {
    return {502,
            "text/html; charset=utf-8",
            "<p>connect_begin failed: " + html_escape(begun.body) + "</p><a href=\"/\">back</a>",
            {}};
  }
  std::string url(body.at("authorization_url").as_string());
  if (!account->realm_id.empty()) url += "&realm_id=" + account->realm_id;
  return redirect(url);
}

HttpResponse ConsoleApp::oauth_callback(const std::string& target) {
  if (auto error = query_value(target, "error"); !error.empty()) {
    return redirect("/#error=" + error);
  }
  const json::object request{{"op", "connect_complete"},
                             {"code", query_value(target, "code")},
                             {"state", query_value(target, "state")},
                             {"realm_id", query_value(target, "realmId")}};
  const auto completed = plugin_.admin(json::serialize(request));
  const auto body = parse_or_text(completed.body);
  if (completed.status != QBO_SYNC_OK || !body.is_object()) {
    return {400,
            "text/html; charset=utf-8",
            "<p>The connection did not complete: " + html_escape(completed.body) +
                "</p><a href=\"/\">back</a>",
            {}};
  }
  const auto* account = body.as_object().if_contains("account_id");
  return redirect(account && account->is_string() ? "/#account=" + std::string(account->as_string())
                                                  : std::string("/"));
}

}  // namespace qbo_sync::host_stub
