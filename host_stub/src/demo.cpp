#include "qbo_sync/host_stub/demo.h"
#include "qbo_sync/host_stub/card_text.h"
#include "qbo_sync/host_stub/sandbox_config.h"
#include "qbo_sync/host_stub/text_file.h"

#include <stdlib.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "qbo_sync/host/host_error.h"
#include "qbo_sync/host/plugin_instance.h"
#include "qbo_sync/host/plugin_loader.h"
#include "qbo_sync/host/recording_host.h"
#include "qbo_sync/host/status_names.h"
#include "qbo_sync/host_stub/commands.h"
#include "qbo_sync/host_stub/failure_text.h"
#include "qbo_sync/host_stub/host_config.h"
#include "qbo_sync/host_stub/http_get.h"
#include "qbo_sync/host_stub/records_table.h"
#include "qbo_sync/host_stub/sandbox_process.h"

namespace qbo_sync::host_stub {

namespace {

// Time runs this many times faster in the sandbox's throttle windows and in the plugin's delays
// (backoff, the gathering of alert e-mails), so that the demo never waits long.
constexpr int kSandboxTimeScale = 60;

// Settings first: a CRM account configures the integration before its events flow.
constexpr host::Hook kDemoHookOrder[] = {host::Hook::settings_changed,
                                         host::Hook::payment_completed, host::Hook::invoice_sent,
                                         host::Hook::invoice_updated};

// An invalid example `x.json` may come with `x.expect.json`: {"code", "path"} it must be refused
// with.
constexpr std::string_view kExpectationSuffix = ".expect.json";

struct SentEvent {
  host::Hook hook;
  std::filesystem::path file;
  std::string payload;
  host::CallResult result;
};

// Everything the steps share. Later stages (the QBO sandbox, watching records complete) add
// their state here and their steps to kDemoSteps.
struct DemoContext {
  const DemoOptions& options;
  std::ostream& out;
  std::ostream& err;
  std::filesystem::path data_dir;
  std::unique_ptr<SandboxProcess> sandbox;
  std::shared_ptr<const host::LoadedPlugin> plugin;
  std::unique_ptr<host::RecordingHost> host;
  std::unique_ptr<host::PluginInstance> instance;
  std::vector<SentEvent> sent;
  std::vector<std::string> account_ids;  // in the order the events named them
  std::vector<std::string> problems;     // what did not behave as the demo expects
};

std::vector<std::filesystem::path> example_files(const std::filesystem::path& examples,
                                                 host::Hook hook, std::string_view kind) {
  const std::filesystem::path folder = examples / std::string(host::hook_schema_name(hook)) / kind;
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    const std::string name = entry.path().filename().string();
    const bool is_expectation = name.ends_with(kExpectationSuffix);
    if (entry.is_regular_file() && entry.path().extension() == ".json" && !is_expectation) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string display_name(const std::filesystem::path& file, host::Hook hook) {
  return std::string(host::hook_schema_name(hook)) + "/" + file.parent_path().filename().string() +
         "/" + file.filename().string();
}

void remember_account(DemoContext& context, std::string_view payload) {
  boost::system::error_code parse_error;
  const boost::json::value document = boost::json::parse(payload, parse_error);
  if (parse_error || !document.is_object()) {
    return;
  }
  const auto* account = document.get_object().if_contains("account_id");
  if (account == nullptr || !account->is_string()) {
    return;
  }
  const std::string id(account->get_string());
  if (std::find(context.account_ids.begin(), context.account_ids.end(), id) ==
      context.account_ids.end()) {
    context.account_ids.push_back(id);
  }
}

// The first line of `path`, without its line end.
std::string first_line_of(const std::filesystem::path& path) {
  const std::string text = read_text_file(path, "store URL file");
  return text.substr(0, text.find_first_of("\r\n"));
}

void print_call(DemoContext& context, const std::string& name, const host::CallResult& result) {
  context.out << "  " << name << "  ->  " << host::status_name(result.status) << "  " << result.body
              << '\n';
}

void load_plugin(DemoContext& context) {
  context.plugin = host::LoadedPlugin::load(context.options.plugin);
  const host::PluginIdentity& identity = context.plugin->identity();
  context.out << "  " << identity.name << ' ' << identity.version << ", plugin ABI "
              << identity.abi_major << '.' << identity.abi_minor << ", host ABI "
              << QBO_SYNC_ABI_MAJOR << '.' << QBO_SYNC_ABI_MINOR << "\n  from "
              << context.plugin->path().string() << '\n';
}

// The demo's CRM accounts and the QuickBooks company each one connects to.
struct DemoAccount {
  const char* account_id;
  const char* preset;  // the sandbox company preset: ca | us
};
constexpr DemoAccount kDemoAccounts[] = {{"acct-demo-ca", "ca"}, {"acct-demo-us", "us"}};

void start_sandbox(DemoContext& context) {
  if (!context.options.sandbox) {
    context.out << "  (no --sandbox given: the plugin runs without QuickBooks)\n";
    return;
  }
  context.sandbox = std::make_unique<SandboxProcess>(
      *context.options.sandbox,
      std::vector<std::string>{"--port", "0", "--company", "ca", "--company", "us", "--time-scale",
                               std::to_string(kSandboxTimeScale)});
  const auto& info = context.sandbox->info();
  context.out << "  QBO sandbox at " << std::string_view(info.at("api").as_string()) << '\n';
  for (const auto& company : info.at("companies").as_array()) {
    context.out << "    company " << std::string_view(company.at("name").as_string()) << " (realm "
                << std::string_view(company.at("realm_id").as_string()) << ", "
                << std::string_view(company.at("preset").as_string()) << ")\n";
  }
}

std::string query_value(const std::string& url, const std::string& key) {
  const auto query = url.find('?');
  if (query == std::string::npos) return {};
  std::string::size_type at = query + 1;
  while (at < url.size()) {
    const auto end = std::min(url.find('&', at), url.size());
    const std::string pair = url.substr(at, end - at);
    if (pair.rfind(key + "=", 0) == 0) return pair.substr(key.size() + 1);
    at = end + 1;
  }
  return {};
}

// What the admin does on the integration card: Connect, consent at QuickBooks, come back.
void connect_accounts(DemoContext& context) {
  for (const auto& account : kDemoAccounts) {
    const std::string realm = realm_for_preset(context.sandbox->info(), account.preset);
    const host::CallResult begun = context.instance->admin(
        R"({"op":"connect_begin","account_id":")" + std::string(account.account_id) + R"("})");
    boost::system::error_code error;
    const auto begun_body = boost::json::parse(begun.body, error);
    if (begun.status != QBO_SYNC_OK || error) {
      context.problems.push_back("connect_begin failed: " + begun.body);
      continue;
    }
    const std::string authorize_url(begun_body.at("authorization_url").as_string());
    context.out << "  " << account.account_id << ": the admin opens "
                << authorize_url.substr(0, authorize_url.find('?')) << "?…\n";
    // The consent page redirects back to the CRM with code, state and realmId.
    const HttpAnswer consent = http_request(authorize_url + "&realm_id=" + realm);
    if (consent.status != 302 || consent.location.empty()) {
      context.problems.push_back("the sandbox's consent did not redirect: " + consent.body);
      continue;
    }
    boost::json::object complete;
    complete["op"] = "connect_complete";
    complete["code"] = query_value(consent.location, "code");
    complete["state"] = query_value(consent.location, "state");
    complete["realm_id"] = query_value(consent.location, "realmId");
    const host::CallResult completed = context.instance->admin(boost::json::serialize(complete));
    const auto status = boost::json::parse(completed.body, error);
    if (completed.status != QBO_SYNC_OK || error || !status.is_object() ||
        !status.as_object().contains("label")) {
      context.problems.push_back(std::string(account.account_id) +
                                 ": connect_complete failed: " + completed.body);
      continue;
    }
    context.out << "  " << account.account_id << ": "
                << std::string_view(status.at("label").as_string()) << " (realm "
                << std::string_view(status.at("realm_id").as_string()) << ")\n";
  }
}

void create_instance(DemoContext& context) {
  host::RecordingHostOptions host_options;
  host_options.log_echo = &context.err;
  host_options.call_log_path = context.options.host_log;
  context.host = std::make_unique<host::RecordingHost>(host_options);
  HostConfig config = host_config_for(context.data_dir);
  if (context.sandbox) {
    config.qbo_json = qbo_config_for_sandbox(context.sandbox->info());
    config.time_scale = kSandboxTimeScale;
  }
  if (context.options.store_url_file) {
    config.store_url = first_line_of(*context.options.store_url_file);
  }
  context.instance = std::make_unique<host::PluginInstance>(context.plugin, context.host->table(),
                                                            host_config_json(config));
  context.out << "  data directory: " << context.data_dir.string() << '\n';
  if (context.options.store_url_file) {
    context.out << "  store: the PostgreSQL database named in "
                << context.options.store_url_file->string() << '\n';
  }
}

// Now, a second ahead, as RFC 3339 UTC: a time after the accounts connected.
std::string moment_after_connection() {
  const std::time_t now = std::time(nullptr) + 1;
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// The invoice examples were written in March; an invoice created before its account connected
// QuickBooks is not synced, so the demo dates them now (created, sent, voided), as a CRM would
// that creates them today. The example named "-old" keeps its date: it shows that skip.
std::string dated_after_connection(const std::filesystem::path& file, host::Hook hook,
                                   std::string payload, const std::string& now) {
  if (hook != host::Hook::invoice_sent && hook != host::Hook::invoice_updated) return payload;
  if (file.stem().string().ends_with("-old")) return payload;
  boost::system::error_code error;
  auto event = boost::json::parse(payload, error);
  auto* invoice = error || !event.is_object() ? nullptr : event.as_object().if_contains("invoice");
  if (invoice == nullptr || !invoice->is_object()) return payload;
  auto& fields = invoice->as_object();
  if (fields.contains("origin") && fields.at("origin") == "quickbooks") return payload;
  for (const char* moment : {"created_at", "sent_at", "voided_at"}) {
    if (fields.contains(moment)) fields[moment] = now;
  }
  return boost::json::serialize(event);
}

void push_valid_examples(DemoContext& context) {
  const std::string now = moment_after_connection();
  context.out << "  (the invoice examples are dated " << now
              << ", after the connection, except the one named \"-old\")\n";
  for (const host::Hook hook : kDemoHookOrder) {
    const auto files = example_files(context.options.examples, hook, "valid");
    context.out << "  " << host::hook_function_name(hook) << " (" << files.size() << " example"
                << (files.size() == 1 ? "" : "s") << ")\n";
    for (const auto& file : files) {
      SentEvent event{hook,
                      file,
                      dated_after_connection(file, hook, read_text_file(file, "example file"), now),
                      {}};
      event.result = context.instance->call_hook(hook, event.payload);
      print_call(context, "  " + display_name(file, hook), event.result);
      if (event.result.status != QBO_SYNC_OK) {
        context.problems.push_back(display_name(file, hook) + ": " +
                                   describe_failure(host::hook_function_name(hook), event.result));
      }
      remember_account(context, event.payload);
      context.sent.push_back(std::move(event));
    }
  }
  if (context.sent.empty()) {
    throw host::HostError("no valid example events under " + context.options.examples.string());
  }
}

void redeliver_one(DemoContext& context) {
  const auto first_accepted =
      std::find_if(context.sent.begin(), context.sent.end(), [](const SentEvent& event) {
        return event.hook != host::Hook::settings_changed && event.result.status == QBO_SYNC_OK;
      });
  if (first_accepted == context.sent.end()) {
    context.problems.push_back("no accepted event to redeliver");
    return;
  }
  const host::CallResult again =
      context.instance->call_hook(first_accepted->hook, first_accepted->payload);
  print_call(context, display_name(first_accepted->file, first_accepted->hook) + " (again)", again);
  if (again.status != QBO_SYNC_DUPLICATE) {
    context.problems.push_back("the redelivered event answered " + host::status_name(again.status) +
                               " instead of DUPLICATE");
  }
}

// Compares the refusal's JSON Pointer with the one the example's .expect.json names, if any.
void check_expected_path(DemoContext& context, const std::filesystem::path& file,
                         const host::CallResult& result) {
  std::filesystem::path expectation = file;
  expectation.replace_extension();
  expectation += kExpectationSuffix;
  if (!std::filesystem::exists(expectation)) {
    return;
  }
  const auto path_of = [](std::string_view json) -> std::string {
    boost::system::error_code parse_error;
    const boost::json::value document = boost::json::parse(json, parse_error);
    const auto* object = parse_error ? nullptr : document.if_object();
    const auto* path = object != nullptr ? object->if_contains("path") : nullptr;
    return path != nullptr && path->is_string() ? std::string(path->get_string()) : "(none)";
  };
  const std::string expected_path = path_of(read_text_file(expectation, "expectation file"));
  const std::string actual_path = path_of(result.body);
  context.out << "  expected at " << expected_path << ", refused at " << actual_path << '\n';
  if (actual_path != expected_path) {
    context.problems.push_back("the invalid example was refused at " + actual_path +
                               " instead of " + expected_path);
  }
}

void send_invalid(DemoContext& context) {
  // A payment shows the most telling refusals (money, tax, addresses), so it is tried first.
  for (const host::Hook hook : host::kAllHooks) {
    const auto files = example_files(context.options.examples, hook, "invalid");
    if (files.empty()) {
      continue;
    }
    const std::filesystem::path& file = files.front();
    const host::CallResult result =
        context.instance->call_hook(hook, read_text_file(file, "example file"));
    print_call(context, display_name(file, hook), result);
    context.out << "  which the host shows as: "
                << describe_failure(host::hook_function_name(hook), result) << '\n';
    if (result.status != QBO_SYNC_INVALID_INPUT) {
      context.problems.push_back("the invalid example answered " +
                                 host::status_name(result.status) + " instead of INVALID_INPUT");
    }
    check_expected_path(context, file, result);
    return;
  }
  context.problems.push_back("no invalid example event under " + context.options.examples.string());
}

void show_records(DemoContext& context) {
  for (const auto& account : context.account_ids) {
    context.out << "  account " << account << ":\n";
    std::ostringstream table;
    print_records_table(table, list_all_records(*context.instance, account));
    std::istringstream lines(table.str());
    for (std::string row; std::getline(lines, row);) {
      context.out << "    " << row << '\n';
    }
  }
}

// One line that says what a host service call asked of the CRM.
std::string call_summary(const host::RecordedCall& call) {
  boost::system::error_code error;
  const auto request = boost::json::parse(call.request, error);
  if (error || !request.is_object()) return call.request.substr(0, 100);
  const auto text = [&](const boost::json::value& object, std::string_view key) {
    const auto* value = object.is_object() ? object.as_object().if_contains(key) : nullptr;
    return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
  };
  if (call.service == "upsert_contact") {
    const std::string known = text(request, "crm_contact_id");
    return "QuickBooks customer " + text(request, "qbo_customer_id") + " \"" +
           text(request, "display_name") + "\" " +
           (known.empty() ? "as a new CRM contact" : "onto CRM contact " + known);
  }
  if (call.service == "send_review_request") {
    const auto* contact = request.as_object().if_contains("contact");
    const auto* invoice = request.as_object().if_contains("invoice");
    return "ask " + (contact ? text(*contact, "email") : std::string()) +
           " for a review (invoice " + (invoice ? text(*invoice, "number") : std::string()) + ")";
  }
  if (call.service == "import_invoice") {
    return "QuickBooks invoice " + text(request, "qbo_invoice_id") + " into the CRM";
  }
  if (call.service == "email_admins") return "\"" + text(request, "subject") + "\"";
  return {};
}

// Every host service the plugin called, counted as recorded, each request in one line (the log
// lines were echoed as they came).
void show_host_calls(DemoContext& context) {
  std::map<std::string, std::vector<std::string>> calls;
  for (const auto& call : context.host->calls()) {
    calls[call.service].push_back(call.service == "log" ? std::string() : call_summary(call));
  }
  if (calls.empty()) {
    context.out << "  (none)\n";
  }
  for (const auto& [service, summaries] : calls) {
    context.out << "  " << service << ": " << summaries.size() << '\n';
    if (service == "log") continue;
    for (const auto& summary : summaries) context.out << "    " << summary << '\n';
  }
}

// How long the demo waits for the payments to sync before it calls the rest a problem.
constexpr auto kPaymentSyncLimit = std::chrono::seconds(60);

// Watches the payment records of the connected accounts until none is left to do (bounded), then
// prints them with the QuickBooks object each produced.
void watch_payments(DemoContext& context) {
  const auto started = std::chrono::steady_clock::now();
  std::vector<SyncRecordRow> payments;
  for (;;) {
    payments.clear();
    std::size_t waiting = 0;
    for (const auto& account : context.account_ids) {
      for (auto& row : list_all_records(*context.instance, account)) {
        if (row.object_type != "payment") continue;
        // A payment of an invoice the demo never sends to QuickBooks (the examples' invoices
        // predate the connection) waits for it by design.
        if (row.status == "todo" && row.reason != "waiting_for_invoice") ++waiting;
        payments.push_back(std::move(row));
      }
    }
    const auto elapsed = std::chrono::steady_clock::now() - started;
    if (waiting == 0 || elapsed > kPaymentSyncLimit) {
      const auto seconds = std::chrono::duration<double>(elapsed).count();
      char took[32];
      std::snprintf(took, sizeof took, "%.1f", seconds);
      context.out << "  " << payments.size() << " payment records, " << waiting
                  << " still to do after " << took << " s\n";
      if (waiting > 0) {
        context.problems.push_back(std::to_string(waiting) +
                                   " payment records were still to do after " + took + " s");
      }
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::ostringstream table;
  print_records_table(table, payments);
  std::istringstream lines(table.str());
  for (std::string row; std::getline(lines, row);) context.out << "    " << row << '\n';
  for (const auto& row : payments) {
    if (row.status == "errored") {
      context.problems.push_back("payment " + row.object_id + " errored");
    }
  }
}

// A QBO amount for display, with two decimals (the ledger's JSON holds it as a number).
std::string money_text(const boost::json::value& amount) {
  char text[48];
  std::snprintf(text, sizeof text, "%.2f", amount.to_number<double>());
  return text;
}

// A reference's name (the ledger names them) or its id, as `prefer` says; "" when absent.
std::string reference_text(const boost::json::value& object, std::string_view key,
                           bool prefer_name = true) {
  const auto* reference = object.as_object().if_contains(key);
  if (reference == nullptr || !reference->is_object()) return {};
  for (const char* field :
       prefer_name ? std::array{"name", "value"} : std::array{"value", "name"}) {
    const auto* text = reference->as_object().if_contains(field);
    if (text != nullptr && text->is_string() && !text->as_string().empty()) {
      return std::string(text->as_string());
    }
  }
  return {};
}

// Characters a terminal shows for UTF-8 text (one per code point, as for the names here).
std::size_t shown_width(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char byte) {
    return (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
  }));
}

// A company's ledger, read from the sandbox's control endpoint.
boost::json::object company_ledger(DemoContext& context, const std::string& realm) {
  const std::string control(context.sandbox->info().at("control").as_string());
  const auto ledger = boost::json::parse(http_request(control + "/ledger/" + realm).body);
  return ledger.at("objects").as_object();
}

const boost::json::array& objects_of(const boost::json::object& objects, std::string_view entity) {
  static const boost::json::array none;
  const auto* list = objects.if_contains(entity);
  return list != nullptr && list->is_array() ? list->as_array() : none;
}

std::string text_member(const boost::json::value& object, std::string_view key) {
  const auto* value = object.as_object().if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
}

// Prints `rows` under `headers` in columns as wide as their widest cell.
void print_columns(std::ostream& out, const std::vector<std::string>& headers,
                   const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& header : headers) widths.push_back(shown_width(header));
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i)
      widths[i] = std::max(widths[i], shown_width(row[i]));
  }
  const auto print_row = [&](const std::vector<std::string>& cells) {
    out << "    ";
    for (std::size_t i = 0; i < cells.size(); ++i) {
      out << cells[i];
      if (i + 1 < cells.size()) out << std::string(widths[i] - shown_width(cells[i]) + 2, ' ');
    }
    out << '\n';
  };
  print_row(headers);
  for (const auto& row : rows) print_row(row);
}

// The Sales Receipts (each CRM payment's money) and Refund Receipts (its refunds) each connected
// QuickBooks company now holds, read from the sandbox's ledger.
void show_receipts(DemoContext& context) {
  for (const auto& account : kDemoAccounts) {
    const std::string realm = realm_for_preset(context.sandbox->info(), account.preset);
    const auto objects = company_ledger(context, realm);
    const auto& receipts = objects_of(objects, "SalesReceipt");
    const auto& refunds = objects_of(objects, "RefundReceipt");
    context.out << "  " << account.account_id << " (realm " << realm << "): " << receipts.size()
                << " Sales Receipt" << (receipts.size() == 1 ? "" : "s") << ", " << refunds.size()
                << " Refund Receipt" << (refunds.size() == 1 ? "" : "s") << '\n';
    std::vector<std::vector<std::string>> rows;
    for (const auto* list : {&receipts, &refunds}) {
      const bool refund = list == &refunds;
      for (const auto& receipt : *list) {
        rows.push_back({refund ? "refund" : "sale", text_member(receipt, "Id"),
                        text_member(receipt, "DocNumber"), reference_text(receipt, "CustomerRef"),
                        (refund ? "-" : "") + money_text(receipt.at("TotalAmt")) + ' ' +
                            reference_text(receipt, "CurrencyRef", false),
                        text_member(receipt, "PrivateNote")});
      }
    }
    if (!rows.empty())
      print_columns(context.out, {"kind", "id", "number", "customer", "total", "note"}, rows);
  }
}

// How many QBO Payments are applied to invoice `invoice_id`.
int payments_applied_to(const boost::json::object& objects, const boost::json::value& invoice_id) {
  int count = 0;
  for (const auto& payment : objects_of(objects, "Payment")) {
    bool applied = false;
    for (const auto& line : payment.at("Line").as_array()) {
      const auto* links = line.as_object().if_contains("LinkedTxn");
      if (links == nullptr || !links->is_array()) continue;
      for (const auto& link : links->as_array()) applied |= link.at("TxnId") == invoice_id;
    }
    count += applied ? 1 : 0;
  }
  return count;
}

// The invoices each connected QuickBooks company now holds, after the examples' updates: total,
// balance, the QBO Payments applied, void.
void show_invoices(DemoContext& context) {
  // An invoice's changes wait a moment before they go out, so that a burst of edits becomes one
  // QuickBooks update: wait until no invoice record is left to do.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  for (bool waiting = true; waiting && std::chrono::steady_clock::now() < deadline;) {
    waiting = false;
    for (const auto& account : context.account_ids) {
      for (const auto& row : list_all_records(*context.instance, account))
        waiting |= row.object_type == "invoice" && row.status == "todo";
    }
    if (waiting) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  for (const auto& account : kDemoAccounts) {
    const std::string realm = realm_for_preset(context.sandbox->info(), account.preset);
    const auto objects = company_ledger(context, realm);
    const auto& invoices = objects_of(objects, "Invoice");
    context.out << "  " << account.account_id << " (realm " << realm << "): " << invoices.size()
                << " invoice" << (invoices.size() == 1 ? "" : "s") << '\n';
    std::vector<std::vector<std::string>> rows;
    for (const auto& invoice : invoices) {
      const bool voided = text_member(invoice, "PrivateNote").rfind("Voided", 0) == 0;
      rows.push_back({text_member(invoice, "DocNumber"), reference_text(invoice, "CustomerRef"),
                      money_text(invoice.at("TotalAmt")), money_text(invoice.at("Balance")),
                      std::to_string(payments_applied_to(objects, invoice.at("Id"))),
                      voided ? "void" : ""});
    }
    if (!rows.empty())
      print_columns(context.out, {"number", "customer", "total", "balance", "payments", ""}, rows);
  }
}

// QuickBooks → CRM: the customers came in when the account connected; now a bookkeeper adds a
// customer in QuickBooks, QuickBooks' webhook (which the CRM forwards to the admin surface) brings
// it into the CRM at once, and when its first invoice is paid in QuickBooks the CRM is asked to
// send a review request.
void quickbooks_to_crm(DemoContext& context) {
  const auto& info = context.sandbox->info();
  const std::string account = "acct-demo-ca";
  const std::string realm = realm_for_preset(info, "ca");
  const std::string ledger = std::string(info.at("control").as_string()) + "/ledger/" + realm;
  const std::string verifier(info.at("webhook_verifier_token").as_string());
  const auto admin = [&](const boost::json::object& request) {
    boost::system::error_code error;
    auto body =
        boost::json::parse(context.instance->admin(boost::json::serialize(request)).body, error);
    return error || !body.is_object() ? boost::json::object{} : body.as_object();
  };
  const auto eventually = [](const auto& done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!done()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return true;
  };
  const auto status = [&] { return admin({{"op", "inbound_status"}, {"account_id", account}}); };
  if (!eventually([&] {
        const auto current = status();
        const auto* import = current.if_contains("import");
        return import && import->at("state") == "complete";
      })) {
    context.problems.push_back("the QuickBooks customer import did not finish");
    return;
  }
  const auto import = status().at("import");
  context.out << "  import at connection: " << import.at("customers").at("done").as_int64()
              << " QuickBooks customers brought into the CRM\n";
  // A write in QuickBooks, as its own user makes it (the sandbox's control endpoint).
  const auto write = [&](const std::string& entity, const boost::json::object& body) {
    const HttpAnswer answer = http_request(ledger + "/" + entity, boost::json::serialize(body));
    boost::system::error_code error;
    const auto parsed = boost::json::parse(answer.body, error);
    if (answer.status != 200 || error || !parsed.is_object()) {
      throw host::HostError("the sandbox refused a " + entity + ": " + answer.body);
    }
    return parsed.as_object();
  };
  // QuickBooks' notification of what changed, signed with the verifier token as QuickBooks signs
  // it. Each names its entity, so no two are the same delivery.
  const auto forward_webhook = [&](const boost::json::object& changed, std::string_view entity) {
    const boost::json::object& object = changed.at(entity).as_object();
    const boost::json::object notification{
        {"realmId", realm},
        {"dataChangeEvent",
         {{"entities",
           boost::json::array{{{"name", entity},
                               {"id", object.at("Id")},
                               {"operation", "Create"},
                               {"lastUpdated", object.at("MetaData").at("LastUpdatedTime")}}}}}}};
    const std::string body = boost::json::serialize(
        boost::json::object{{"eventNotifications", boost::json::array{notification}}});
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_size = 0;
    HMAC(EVP_sha256(), verifier.data(), static_cast<int>(verifier.size()),
         reinterpret_cast<const unsigned char*>(body.data()), body.size(), digest, &digest_size);
    std::string signature(4 * ((digest_size + 2) / 3) + 1, '\0');
    signature.resize(
        static_cast<std::size_t>(EVP_EncodeBlock(reinterpret_cast<unsigned char*>(signature.data()),
                                                 digest, static_cast<int>(digest_size))));
    const auto answer = admin(
        {{"op", "qbo_webhook"}, {"headers", {{"intuit-signature", signature}}}, {"body", body}});
    if (!answer.contains("accepted")) {
      context.problems.push_back("the plugin refused a signed webhook: " +
                                 boost::json::serialize(answer));
    }
  };
  const auto called = [&](std::string_view service, const std::string& needle) {
    for (const auto& call : context.host->calls_to(service)) {
      if (call.request.find(needle) != std::string::npos) return true;
    }
    return false;
  };

  // The admin turns "review request on the first paid invoice" on (settings of its own: the
  // examples' mappings name objects the sandbox company lacks).
  const boost::json::object settings{
      {"schema", "settings.changed.v1"},
      {"account_id", account},
      {"event_id", "evt-demo-review-toggle"},
      {"occurred_at", "2026-03-14T12:00:00Z"},
      {"settings",
       {{"revision", 90},
        {"sync_payments", true},
        {"sync_invoices", true},
        {"import_old_invoices", false},
        {"review_request_on_first_paid_invoice", true},
        {"skip_zero_total_orders", true},
        {"admin_emails", boost::json::array{"owner@mapleleafyoga.example"}}}}};
  const auto toggled =
      context.instance->call_hook(host::Hook::settings_changed, boost::json::serialize(settings));
  if (toggled.status != QBO_SYNC_OK) {
    context.problems.push_back("the review request toggle was refused: " + toggled.body);
    return;
  }

  const std::string email = "hello@harbourbooks.example";
  const auto customer =
      write("customer", {{"DisplayName", "Harbour Books Cafe"},
                         {"GivenName", "Noor"},
                         {"FamilyName", "Haddad"},
                         {"PrimaryEmailAddr", {{"Address", email}}},
                         {"BillAddr", {{"City", "Halifax"}, {"CountrySubDivisionCode", "NS"}}}});
  const std::string customer_id(customer.at("Customer").at("Id").as_string());
  context.out << "  the bookkeeper adds customer " << customer_id
              << " \"Harbour Books Cafe\" in QuickBooks; QuickBooks' webhook is forwarded\n";
  forward_webhook(customer, "Customer");
  if (!eventually(
          [&] { return called("upsert_contact", R"("qbo_customer_id":")" + customer_id); })) {
    context.problems.push_back("the customer made in QuickBooks never reached the CRM");
    return;
  }
  context.out << "  upsert_contact: Noor Haddad <" << email << "> arrived in the CRM\n";

  const auto invoice =
      write("invoice", {{"CustomerRef", {{"value", customer_id}}},
                        {"Line", boost::json::array{{{"Amount", 80},
                                                     {"DetailType", "SalesItemLineDetail"},
                                                     {"SalesItemLineDetail",
                                                      {{"ItemRef", {{"value", "1"}}},
                                                       {"TaxCodeRef", {{"value", "5"}}}}}}}}});
  const auto& created = invoice.at("Invoice");
  const auto payment =
      write("payment",
            {{"CustomerRef", {{"value", customer_id}}},
             {"TotalAmt", created.at("TotalAmt")},
             {"Line",
              boost::json::array{{{"Amount", created.at("TotalAmt")},
                                  {"LinkedTxn", boost::json::array{{{"TxnId", created.at("Id")},
                                                                    {"TxnType", "Invoice"}}}}}}}});
  context.out << "  its first invoice " << std::string_view(created.at("DocNumber").as_string())
              << " is paid in full in QuickBooks\n";
  forward_webhook(payment, "Payment");
  if (!eventually([&] { return called("send_review_request", email); })) {
    context.problems.push_back("no review request after the first invoice was paid");
    return;
  }
  context.out << "  send_review_request: the CRM is asked to send " << email
              << " a review request\n";
}

// An admin call's answer as an object (empty when the plugin answered something else).
boost::json::object admin_object(DemoContext& context, const boost::json::object& request) {
  boost::system::error_code error;
  auto body =
      boost::json::parse(context.instance->admin(boost::json::serialize(request)).body, error);
  return error || !body.is_object() ? boost::json::object{} : std::move(body.as_object());
}

template <typename Done>
bool within(std::chrono::seconds limit, const Done& done) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

constexpr const char* kCardAccount = "acct-demo-ca";

void show_card(DemoContext& context) {
  const auto card =
      admin_object(context, {{"op", "integration_card"}, {"account_id", kCardAccount}});
  if (!card.contains("sections")) {
    context.out << "  (the plugin answered no integration card)\n";
    // Against QuickBooks the real plugin is loaded, and it always has one.
    if (context.sandbox) context.problems.push_back("the plugin answered no integration card");
    return;
  }
  print_card(context.out, card);
}

std::optional<SyncRecordRow> record_of(DemoContext& context, std::string_view object_id) {
  for (auto& row : list_all_records(*context.instance, kCardAccount)) {
    if (row.object_id == object_id) return row;
  }
  return std::nullopt;
}

bool wait_for_status(DemoContext& context, std::string_view object_id, std::string_view status) {
  return within(std::chrono::seconds(30), [&] {
    const auto row = record_of(context, object_id);
    return row && row->status == status;
  });
}

// The sandbox refuses the next sales receipt, as QuickBooks does when a business rule fails.
void refuse_next_sales_receipt(DemoContext& context) {
  const auto& info = context.sandbox->info();
  const boost::json::object rule{
      {"kind", "xml_fault"},
      {"count", 1},
      {"entity", "SalesReceipt"},
      {"method", "POST"},
      {"status", 400},
      {"code", "6000"},
      {"realm_id", realm_for_preset(info, "ca")},
      {"message", "A business validation error has occurred while processing your request"},
      {"detail", "Business Validation Error: the books are closed for that date"}};
  http_request(std::string(info.at("control").as_string()) + "/faults",
               boost::json::serialize(rule));
}

std::string refused_payment(DemoContext& context) {
  const auto file =
      context.options.examples / "payment.completed.v1" / "valid" / "01-ca-on-order-form.json";
  auto event = boost::json::parse(read_text_file(file, "example file")).as_object();
  event["event_id"] = "evt-demo-refused";
  event["payment"].as_object()["id"] = "pay-demo-refused";
  return boost::json::serialize(event);
}

void print_audit(DemoContext& context, const std::string& record_id) {
  const auto record = admin_object(
      context, {{"op", "get_record"}, {"account_id", kCardAccount}, {"record_id", record_id}});
  context.out << "  audit trail of record " << record_id << ":\n";
  for (const auto& entry : record.at("audit").as_array()) {
    const auto* outcome = entry.at("detail").is_object()
                              ? entry.at("detail").as_object().if_contains("outcome")
                              : nullptr;
    context.out << "    " << std::string_view(entry.at("action").as_string())
                << (outcome && outcome->is_string() ? " -> " + std::string(outcome->as_string())
                                                    : std::string())
                << '\n';
  }
}

void print_alert_email(DemoContext& context) {
  const auto emails = [&] { return context.host->calls_to("email_admins"); };
  if (!within(std::chrono::seconds(10), [&] { return !emails().empty(); })) {
    context.out << "  (the alert e-mail is still being gathered with other failures)\n";
    return;
  }
  const auto email = boost::json::parse(emails().back().request).as_object();
  context.out << "  email_admins: \"" << std::string_view(email.at("subject").as_string())
              << "\"\n";
  std::istringstream lines(std::string(email.at("text").as_string()));
  int shown = 0;
  for (std::string line; std::getline(lines, line) && shown < 6; ++shown) {
    context.out << "    | " << line << '\n';
  }
}

void fix_an_errored_payment(DemoContext& context) {
  refuse_next_sales_receipt(context);
  print_call(context, "pay-demo-refused",
             context.instance->call_hook(host::Hook::payment_completed, refused_payment(context)));
  if (!wait_for_status(context, "pay-demo-refused", "errored")) {
    context.problems.push_back("the refused payment did not show as errored");
    return;
  }
  const auto row = *record_of(context, "pay-demo-refused");
  const auto record = admin_object(
      context, {{"op", "get_record"}, {"account_id", kCardAccount}, {"record_id", row.record_id}});
  context.out << "  record " << row.record_id << " errored (" << row.reason << "); advice:\n    "
              << std::string_view(record.at("last_error").at("message").as_string()) << '\n';
  print_alert_email(context);
  admin_object(context, {{"op", "retry_records"},
                         {"account_id", kCardAccount},
                         {"record_ids", boost::json::array{boost::json::value(row.record_id)}}});
  context.out << "  the admin clicks Retry\n";
  if (!wait_for_status(context, "pay-demo-refused", "completed")) {
    context.problems.push_back("the retried payment did not complete");
    return;
  }
  context.out << "  record " << row.record_id << " completed\n";
  print_audit(context, row.record_id);
}

void test_and_disconnect(DemoContext& context) {
  const std::string account = "acct-demo-us";
  const auto tested = admin_object(context, {{"op", "test_connection"}, {"account_id", account}});
  context.out << "  Test connection: " << boost::json::serialize(tested.at("result")) << " "
              << boost::json::serialize(tested.at("message")) << '\n';
  const auto gone = admin_object(context, {{"op", "disconnect"}, {"account_id", account}});
  context.out << "  Disconnect: " << boost::json::serialize(gone.at("message")) << '\n';
  const auto card = admin_object(context, {{"op", "integration_card"}, {"account_id", account}});
  const auto& connection = card.at("connection").as_object();
  context.out << "  the card now says: " << std::string_view(connection.at("label").as_string())
              << ", offering "
              << std::string_view(connection.at("actions").at(0).at("label").as_string()) << '\n';
  if (connection.at("state") != "not_connected") {
    context.problems.push_back("the account was still connected after Disconnect");
  }
}

struct DemoStep {
  const char* title;
  void (*run)(DemoContext&);
  bool needs_sandbox = false;  // skipped when the demo runs without the sandbox
};

constexpr DemoStep kDemoSteps[] = {
    {"Start the local QuickBooks Online sandbox", &start_sandbox},
    {"Load the plugin", &load_plugin},
    {"Create an instance over a fresh data directory", &create_instance},
    {"Connect each CRM account to its QuickBooks company (OAuth 2.0)", &connect_accounts, true},
    {"Push every valid example event through its hook", &push_valid_examples},
    {"Redeliver an accepted event", &redeliver_one},
    {"Send an invalid event", &send_invalid},
    {"Watch the payments sync to QuickBooks", &watch_payments, true},
    {"The Sales Receipts and Refund Receipts QuickBooks now holds", &show_receipts, true},
    {"The invoices QuickBooks now holds: sent, discounted, paid, voided", &show_invoices, true},
    {"QuickBooks to CRM: a customer added in QuickBooks, its first invoice paid",
     &quickbooks_to_crm, true},
    {"The resulting sync records", &show_records},
    {"The integration card the CRM renders (admin op integration_card)", &show_card},
    {"A payment QuickBooks refuses: its advice, the alert e-mail, a retry, the audit trail",
     &fix_an_errored_payment, true},
    {"Host services the plugin called", &show_host_calls},
    {"Test the connection, then disconnect", &test_and_disconnect, true},
};

std::filesystem::path make_temporary_directory() {
  const std::filesystem::path pattern =
      std::filesystem::temp_directory_path() / "qbo-sync-demo-XXXXXX";
  std::string buffer = pattern.string();
  if (mkdtemp(buffer.data()) == nullptr) {
    throw host::HostError("cannot create a temporary data directory under " +
                          std::filesystem::temp_directory_path().string());
  }
  return buffer;
}

}  // namespace

int run_demo(const DemoOptions& options, std::ostream& out, std::ostream& err) {
  DemoContext context{options, out, err, make_temporary_directory(), {}, {}, {}, {}, {}, {}, {}};
  int step_number = 0;
  const auto finish = [&] {
    // Destroy the instance (joining the plugin's threads) before the data directory goes, and
    // before the sandbox it talks to stops.
    context.instance.reset();
    context.sandbox.reset();
    if (!options.keep_data) {
      std::error_code ignored;
      std::filesystem::remove_all(context.data_dir, ignored);
    }
  };
  try {
    for (const DemoStep& step : kDemoSteps) {
      out << '\n' << ++step_number << ". " << step.title << '\n';
      if (step.needs_sandbox && !context.sandbox) {
        out << "  (no sandbox: skipped)\n";
        continue;
      }
      step.run(context);
    }
  } catch (...) {
    finish();
    throw;
  }
  finish();
  out << '\n';
  if (!context.problems.empty()) {
    for (const auto& problem : context.problems) {
      err << "host_stub: error: demo: " << problem << '\n';
    }
    return kExitFailure;
  }
  out << "The demo ran as expected.\n";
  return kExitOk;
}

}  // namespace qbo_sync::host_stub
