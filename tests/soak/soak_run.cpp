#include "soak_run.h"

#include <stdlib.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <functional>
#include <iomanip>
#include <memory>
#include <ostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "counting_host.h"
#include "process_figures.h"
#include "qbo_sync/host/host_error.h"
#include "qbo_sync/host/plugin_instance.h"
#include "qbo_sync/host/plugin_loader.h"
#include "qbo_sync/host/status_names.h"
#include "qbo_sync/host_stub/host_config.h"
#include "qbo_sync/host_stub/http_get.h"
#include "qbo_sync/host_stub/sandbox_process.h"
#include "sandbox_control.h"
#include "soak_report.h"
#include "traffic.h"

namespace qbo_sync::soak {

using host::Hook;
using host::HostError;

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kMaxProblemsKept = 10;
constexpr std::size_t kMaxLiveInvoices = 64;
constexpr double kPrintEverySeconds = 60;
constexpr int kDrainLimitSeconds = 60;
// Refreshes later than this after a token's issue hand out a new refresh token (sandbox seconds),
// so that the token expiries make the plugin rotate refresh tokens too.
constexpr int kRotationAgeSeconds = 120;

struct SoakAccount {
  AccountTraffic traffic;
  std::string preset;  // the sandbox company: ca | us
  std::string realm;
  std::string last_qbo_customer;  // the latest customer written in QuickBooks by the soak
  std::int64_t qbo_changes = 0;
};

// One kind of traffic on its own schedule: every `business_seconds` of business time, which the
// time scale turns into a wall-clock period; at most `max_runs` times.
struct Schedule {
  const char* name;
  double business_seconds;
  std::function<void(std::int64_t run)> action;
  double period = 0;
  double next_due = 0;
  std::int64_t runs = 0;
  std::int64_t max_runs = 0;
};

std::filesystem::path make_data_directory() {
  std::string pattern = (std::filesystem::temp_directory_path() / "qbo-sync-soak-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw host::HostError("cannot create a data directory");
  return pattern;
}

std::string query_value(const std::string& url, const std::string& key) {
  const auto query = url.find('?');
  if (query == std::string::npos) return {};
  for (std::string::size_type at = query + 1; at < url.size();) {
    const auto end = std::min(url.find('&', at), url.size());
    const std::string pair = url.substr(at, end - at);
    if (pair.starts_with(key + "=")) return pair.substr(key.size() + 1);
    at = end + 1;
  }
  return {};
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

class Soak {
 public:
  Soak(const SoakOptions& options, std::ostream& out, std::ostream& err)
      : options_(options), out_(out), err_(err), host_(options.verbose) {}
  ~Soak();
  Soak(const Soak&) = delete;
  Soak& operator=(const Soak&) = delete;

  int run();

 private:
  void start();
  std::string host_config_json() const;
  void connect(SoakAccount& account);
  void disconnect(SoakAccount& account);
  void reconnect(SoakAccount& account);
  void call_hook(host::Hook hook, const std::string& payload);
  boost::json::object admin(const boost::json::object& request);
  void problem(const std::string& what);
  std::vector<Schedule> schedules(double duration);
  void drive(double duration);
  void run_due(Schedule& schedule, double now);
  Snapshot snapshot(double at_seconds);
  RecordCounts record_counts();
  void start_invoice(SoakAccount& account);
  void step_invoices();
  void qbo_change(SoakAccount& account);
  void write_qbo_customer(SoakAccount& account, const std::string& tag);
  void write_qbo_invoice(SoakAccount& account, bool paid_at_once);
  bool drain();
  void print_traffic(const std::vector<Schedule>& schedules) const;

  SoakOptions options_;
  std::ostream& out_;
  std::ostream& err_;
  std::filesystem::path data_dir_;
  std::unique_ptr<host_stub::SandboxProcess> sandbox_;
  std::unique_ptr<SandboxControl> control_;
  CountingHost host_;
  std::shared_ptr<const host::LoadedPlugin> plugin_;
  std::unique_ptr<host::PluginInstance> instance_;  // last: destroyed first
  std::vector<SoakAccount> accounts_;
  std::vector<InvoiceLife> lives_;
  std::vector<Snapshot> snapshots_;
  std::vector<std::string> problems_;
  std::int64_t problem_count_ = 0;
  std::int64_t hook_calls_ = 0;
  std::int64_t invoice_steps_ = 0;
};

Soak::~Soak() {
  // The instance joins the plugin's threads before the sandbox it talks to and its data go.
  instance_.reset();
  sandbox_.reset();
  if (!data_dir_.empty() && !options_.keep_data) {
    std::error_code ignored;
    std::filesystem::remove_all(data_dir_, ignored);
  }
}

void Soak::problem(const std::string& what) {
  ++problem_count_;
  if (problems_.size() < kMaxProblemsKept) problems_.push_back(what);
  if (problem_count_ <= static_cast<std::int64_t>(kMaxProblemsKept)) {
    err_ << "soak: problem: " << what << '\n';
  }
}

boost::json::object Soak::admin(const boost::json::object& request) {
  const auto result = instance_->admin(boost::json::serialize(request));
  const std::string op(request.at("op").as_string());
  if (result.status != QBO_SYNC_OK) {
    throw host::HostError(op + " answered " + host::status_name(result.status) + ": " +
                          result.body);
  }
  boost::system::error_code error;
  auto body = boost::json::parse(result.body, error);
  if (error || !body.is_object())
    throw host::HostError(op + " answered no JSON object: " + result.body);
  return std::move(body.as_object());
}

void Soak::call_hook(host::Hook hook, const std::string& payload) {
  ++hook_calls_;
  const auto result = instance_->call_hook(hook, payload);
  if (result.status != QBO_SYNC_OK) {
    problem(std::string(host::hook_function_name(hook)) + " answered " +
            host::status_name(result.status) + ": " + result.body);
  }
}

std::string Soak::host_config_json() const {
  const auto& info = sandbox_->info();
  host_stub::HostConfig config = host_stub::host_config_for(data_dir_);
  config.qbo_json = boost::json::serialize(
      boost::json::object{{"environment", "custom"},
                          {"api_base_url", info.at("api")},
                          {"authorize_url", info.at("authorize")},
                          {"token_url", info.at("token")},
                          {"revoke_url", info.at("revoke")},
                          {"client_id", info.at("client_id")},
                          {"client_secret", info.at("client_secret")},
                          {"redirect_uri", info.at("redirect_uris").as_array().at(0)},
                          {"webhook_verifier_token", info.at("webhook_verifier_token")}});
  auto document = boost::json::parse(host_stub::host_config_json(config)).as_object();
  // The plugin's clock (backoff, invoice quiet periods, the polls) runs at the soak's time scale;
  // QuickBooks' changes are looked for once a business minute, due records once a wall second.
  document["engine"] = {{"cdc_poll_interval_ms", 60000},
                        {"poll_interval_ms", 1000 * options_.time_scale}};
  document["testing"] = {{"clock_speed", options_.time_scale}};
  return boost::json::serialize(document);
}

void Soak::connect(SoakAccount& account) {
  const auto begun = admin({{"op", "connect_begin"}, {"account_id", account.traffic.account_id()}});
  const std::string url(begun.at("authorization_url").as_string());
  // The admin consents on QuickBooks' page, which redirects back with code, state and realmId.
  const auto consent = host_stub::http_request(url + "&realm_id=" + account.realm);
  if (consent.status != 302 || consent.location.empty()) {
    throw host::HostError("the sandbox's consent did not redirect: " + consent.body);
  }
  const auto status = admin({{"op", "connect_complete"},
                             {"code", query_value(consent.location, "code")},
                             {"state", query_value(consent.location, "state")},
                             {"realm_id", query_value(consent.location, "realmId")}});
  if (status.if_contains("state") == nullptr || status.at("state") != "connected") {
    throw host::HostError("connect_complete left the account " + boost::json::serialize(status));
  }
}

void Soak::disconnect(SoakAccount& account) {
  admin({{"op", "disconnect"}, {"account_id", account.traffic.account_id()}});
}

void Soak::reconnect(SoakAccount& account) {
  disconnect(account);
  connect(account);
}

void Soak::start() {
  data_dir_ = make_data_directory();
  sandbox_ = std::make_unique<host_stub::SandboxProcess>(
      options_.sandbox,
      std::vector<std::string>{"--port", "0", "--company", "ca", "--company", "us", "--time-scale",
                               std::to_string(options_.time_scale)});
  control_ = std::make_unique<SandboxControl>(sandbox_->info());
  control_->set_rotation_age(kRotationAgeSeconds);
  plugin_ = host::LoadedPlugin::load(options_.plugin);
  instance_ = std::make_unique<host::PluginInstance>(plugin_, host_.table(), host_config_json());
  const std::pair<const char*, const char*> accounts[] = {{"acct-demo-ca", "ca"},
                                                          {"acct-demo-us", "us"}};
  for (const auto& [account_id, preset] : accounts) {
    accounts_.push_back({AccountTraffic(options_.examples, account_id, preset),
                         preset,
                         control_->realm_for_preset(preset),
                         {},
                         0});
  }
  for (auto& account : accounts_) {
    call_hook(host::Hook::settings_changed, account.traffic.next_settings());
    connect(account);
  }
  out_ << "soak: " << options_.minutes << " min of traffic at time scale " << options_.time_scale
       << " (one wall minute is " << options_.time_scale << " business minutes)\n"
       << "  plugin " << plugin_->identity().name << ' ' << plugin_->identity().version << ", "
       << options_.plugin.string() << "\n  QBO sandbox (own process) at "
       << std::string_view(sandbox_->info().at("api").as_string()) << "\n  data directory "
       << data_dir_.string() << "\n  accounts acct-demo-ca (realm " << accounts_[0].realm
       << "), acct-demo-us (realm " << accounts_[1].realm << "), both connected\n";
}

void Soak::start_invoice(SoakAccount& account) {
  if (lives_.size() >= kMaxLiveInvoices) return;
  lives_.push_back(account.traffic.next_invoice_life());
  const HookEvent sent = lives_.back().next_step();
  ++invoice_steps_;
  call_hook(sent.hook, sent.payload);
}

void Soak::step_invoices() {
  for (auto& life : lives_) {
    if (life.done()) continue;
    const HookEvent step = life.next_step();
    ++invoice_steps_;
    call_hook(step.hook, step.payload);
  }
  std::erase_if(lives_, [](const InvoiceLife& life) { return life.done(); });
}

void Soak::write_qbo_customer(SoakAccount& account, const std::string& tag) {
  const auto customer =
      control_->write(account.realm, "customer",
                      {{"DisplayName", "QBO Soak Customer " + tag},
                       {"GivenName", "Quinn"},
                       {"FamilyName", "Soak " + tag},
                       {"PrimaryEmailAddr", {{"Address", "qbo.soak." + tag + "@example.com"}}}});
  account.last_qbo_customer = std::string(customer.at("Customer").at("Id").as_string());
}

void Soak::write_qbo_invoice(SoakAccount& account, bool paid_at_once) {
  const std::string tax_code = account.preset == "ca" ? "5" : "NON";
  const auto invoice = control_->write(
      account.realm, "invoice",
      {{"CustomerRef", {{"value", account.last_qbo_customer}}},
       {"Line", boost::json::array{
                    {{"Amount", 80},
                     {"DetailType", "SalesItemLineDetail"},
                     {"SalesItemLineDetail",
                      {{"ItemRef", {{"value", "1"}}}, {"TaxCodeRef", {{"value", tax_code}}}}}}}}});
  if (!paid_at_once) return;
  const auto& created = invoice.at("Invoice");
  const boost::json::array applied_to{{{"TxnId", created.at("Id")}, {"TxnType", "Invoice"}}};
  control_->write(account.realm, "payment",
                  {{"CustomerRef", {{"value", account.last_qbo_customer}}},
                   {"TotalAmt", created.at("TotalAmt")},
                   {"Line", boost::json::array{
                                {{"Amount", created.at("TotalAmt")}, {"LinkedTxn", applied_to}}}}});
}

// QuickBooks' side: the company's own user adds a customer, or bills the latest one (every other
// bill paid at once); QuickBooks' webhook is forwarded to the plugin.
void Soak::qbo_change(SoakAccount& account) {
  const std::int64_t serial = ++account.qbo_changes;
  if (serial % 2 == 1 || account.last_qbo_customer.empty()) {
    write_qbo_customer(account, account.preset + "-" + std::to_string(serial));
  } else {
    write_qbo_invoice(account, serial % 4 == 0);
  }
  const auto answer = instance_->admin(control_->signed_webhook_request(account.realm));
  if (answer.status != QBO_SYNC_OK) problem("the plugin refused a signed webhook: " + answer.body);
}

std::vector<Schedule> Soak::schedules(double duration) {
  const auto account = [this](std::int64_t run) -> SoakAccount& {
    return accounts_[static_cast<std::size_t>(run) % accounts_.size()];
  };
  static const char* const kFaults[] = {"http_500", "http_503", "throttle",
                                        "drop",     "timeout",  "xml_fault"};
  std::vector<Schedule> all{
      {"payments", 10,
       [=, this](std::int64_t run) {
         call_hook(host::Hook::payment_completed, account(run).traffic.next_payment());
       }},
      {"invoices sent", 120, [=, this](std::int64_t run) { start_invoice(account(run)); }},
      {"invoice changes", 60, [this](std::int64_t) { step_invoices(); }},
      {"settings changes", 20 * 60,
       [=, this](std::int64_t run) {
         call_hook(host::Hook::settings_changed, account(run).traffic.next_settings());
       }},
      {"reconnects", 45 * 60, [=, this](std::int64_t run) { reconnect(account(run)); }},
      {"token expiries", 30 * 60,
       [=, this](std::int64_t run) { control_->expire_access_token(account(run).realm); }},
      {"QuickBooks changes", 2 * 60, [=, this](std::int64_t run) { qbo_change(account(run)); }},
      {"injected faults", 5 * 60,
       [=, this](std::int64_t run) {
         control_->inject_fault(account(run).realm, kFaults[(run / 2) % std::size(kFaults)]);
       }},
  };
  for (auto& schedule : all) {
    schedule.period = schedule.business_seconds / options_.time_scale;
    schedule.next_due = schedule.name == std::string_view("payments") ? 0 : schedule.period;
    schedule.max_runs = static_cast<std::int64_t>(duration / schedule.period) + 1;
  }
  return all;
}

void Soak::run_due(Schedule& schedule, double now) {
  if (now < schedule.next_due || schedule.runs >= schedule.max_runs) return;
  try {
    schedule.action(schedule.runs);
  } catch (const std::exception& error) {
    problem(std::string(schedule.name) + ": " + error.what());
  }
  ++schedule.runs;
  // A slow step (a reconnect) delays the others; they catch up by at most a second's worth.
  schedule.next_due = std::max(schedule.next_due + schedule.period, now - 1.0);
}

RecordCounts Soak::record_counts() {
  RecordCounts counts;
  for (const auto& account : accounts_) {
    const auto card =
        admin({{"op", "integration_card"}, {"account_id", account.traffic.account_id()}});
    const auto& records = card.at("records");
    counts.todo += records.at("todo").to_number<std::int64_t>();
    counts.completed += records.at("completed").to_number<std::int64_t>();
    counts.errored += records.at("errored").to_number<std::int64_t>();
    counts.skipped += records.at("skipped").to_number<std::int64_t>();
  }
  return counts;
}

Snapshot Soak::snapshot(double at_seconds) {
  Snapshot snapshot;
  snapshot.at_seconds = at_seconds;
  snapshot.records = record_counts();
  snapshot.qbo_calls = control_->api_calls_so_far();
  snapshot.hook_calls = hook_calls_;
  snapshot.store = measure_directory(data_dir_);
  // Last, so that nothing the soak itself opened for the other figures is still open.
  snapshot.process = read_process_figures();
  return snapshot;
}

void Soak::drive(double duration) {
  auto all = schedules(duration);
  print_figures_header(out_);
  const auto started = Clock::now();
  double next_sample = 0, next_print = 0;
  const auto max_iterations = static_cast<std::int64_t>(duration * 100) + 1000;
  for (std::int64_t iteration = 0; iteration < max_iterations; ++iteration) {
    double now = seconds_since(started);
    if (now >= duration) break;
    for (auto& schedule : all) run_due(schedule, now);
    now = seconds_since(started);
    if (now >= next_sample) {
      snapshots_.push_back(snapshot(now));
      next_sample += options_.sample_seconds;
      if (now >= next_print) {
        print_figures_line(out_, snapshots_.back());
        next_print += kPrintEverySeconds;
      }
    }
    double wake = next_sample;
    for (const auto& schedule : all) {
      if (schedule.runs < schedule.max_runs) wake = std::min(wake, schedule.next_due);
    }
    const double pause = std::clamp(wake - seconds_since(started), 0.01, 0.2);
    std::this_thread::sleep_for(std::chrono::duration<double>(pause));
  }
  snapshots_.push_back(snapshot(seconds_since(started)));
  print_figures_line(out_, snapshots_.back());
  print_traffic(all);
}

void Soak::print_traffic(const std::vector<Schedule>& schedules) const {
  out_ << "\ntraffic          every (business)  every (wall)   runs\n";
  for (const auto& schedule : schedules) {
    std::ostringstream line;
    line << "  " << std::left << std::setw(20) << schedule.name << std::right << std::setw(8)
         << schedule.business_seconds << " s  " << std::fixed << std::setprecision(2)
         << std::setw(9) << schedule.period << " s  " << std::setw(6) << schedule.runs << '\n';
    out_ << line.str();
  }
  out_ << "  hook calls " << hook_calls_ << " (invoice events " << invoice_steps_
       << "); host services: ";
  for (int service = 0; service < CountingHost::count; ++service) {
    out_ << (service ? ", " : "") << CountingHost::kServiceNames[service] << ' '
         << host_.calls(static_cast<CountingHost::Service>(service));
  }
  out_ << "; plugin warnings " << host_.warnings() << '\n';
}

// After the traffic stops, the records still to do must be done within a bounded time.
bool Soak::drain() {
  const auto started = Clock::now();
  RecordCounts counts = record_counts();
  const std::int64_t at_stop = counts.todo;
  for (int poll = 0; counts.todo > 0 && poll < kDrainLimitSeconds * 4; ++poll) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    counts = record_counts();
  }
  std::ostringstream waited;
  waited << std::fixed << std::setprecision(1) << seconds_since(started);
  out_ << "\nbacklog: " << at_stop << " records to do when the traffic stopped, " << counts.todo
       << " after " << waited.str() << " s\n";
  return counts.todo == 0;
}

int Soak::run() {
  start();
  drive(options_.minutes * 60.0);
  const bool drained = drain();
  out_ << '\n';
  const bool stable = print_summary(out_, snapshots_);
  out_ << '\n';
  if (!drained) out_ << "FAIL: the sync did not keep up: records were left to do\n";
  if (!stable) out_ << "FAIL: a figure that must stay bounded grows (see the verdicts above)\n";
  if (problem_count_ > 0) {
    out_ << "FAIL: " << problem_count_ << " problem(s) with the traffic; the first:\n";
    for (const auto& what : problems_) out_ << "  " << what << '\n';
  }
  const bool ok = drained && stable && problem_count_ == 0;
  if (ok) out_ << "OK: every bounded figure stayed stable and the sync kept up\n";
  return ok ? 0 : 1;
}

}  // namespace

int run_soak(const SoakOptions& options, std::ostream& out, std::ostream& err) {
  Soak soak(options, out, err);
  return soak.run();
}

}  // namespace qbo_sync::soak
