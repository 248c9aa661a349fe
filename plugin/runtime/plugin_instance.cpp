#include "runtime/plugin_instance.h"

#include <boost/json.hpp>
#include <chrono>
#include <variant>

#include "mapping/company_data.h"
#include "runtime/admin_api.h"
#include "runtime/configured_store.h"
#include "runtime/plugin_clock.h"
#include "runtime/settings_check.h"
#include "runtime/utc_date.h"

namespace qbo_sync::runtime {

std::unique_ptr<PluginInstance> PluginInstance::create(const qbo_sync_host_api* host,
                                                       std::string_view config_json,
                                                       HookResponse& error) {
  auto validator = std::make_unique<events::EventValidator>();
  auto validated = validator->validate_host_config(config_json);
  if (auto* input_error = std::get_if<events::InputError>(&validated)) {
    error = error_response(QBO_SYNC_INVALID_INPUT, input_error->code,
                           "host configuration: " + input_error->message, input_error->path);
    return nullptr;
  }
  HostConfig config;
  std::string path;
  if (auto problem = read_host_config(config_json, config, path)) {
    error = error_response(QBO_SYNC_INVALID_INPUT, "invalid_value",
                           "host configuration: " + *problem, path);
    return nullptr;
  }
  auto plugin_clock = make_plugin_clock(config.testing);
  std::unique_ptr<store::Store> store;
  try {
    store = open_configured_store(config, [clock = plugin_clock.get()] { return clock->now_ms(); });
  } catch (const store::StoreError& store_error) {
    error = error_response(QBO_SYNC_INTERNAL_ERROR, "store_unavailable", store_error.what(),
                           store_field(config));
    return nullptr;
  }
  return std::unique_ptr<PluginInstance>(new PluginInstance(
      host, std::move(config), std::move(plugin_clock), std::move(validator), std::move(store)));
}

PluginInstance::PluginInstance(const qbo_sync_host_api* host, HostConfig config,
                               std::unique_ptr<clock::Clock> plugin_clock,
                               std::unique_ptr<events::EventValidator> validator,
                               std::unique_ptr<store::Store> store)
    : host_(host),
      config_(std::move(config)),
      clock_(std::move(plugin_clock)),
      scheduler_(*clock_),
      validator_(std::move(validator)),
      store_(std::move(store)),
      intake_(*store_),
      qbo_(config_, *store_, host_, clock_.get()),
      admin_(
          std::make_unique<AdminApi>(*store_, qbo_.connections(), [this] { engine_->notify(); })) {
  scheduler_.start();
  engine::SyncEngineServices services;
  services.store = store_.get();
  services.scheduler = &scheduler_;
  services.api = &qbo_.api();
  services.active_connection = [this](const std::string& account) {
    return qbo_.connections().active(account);
  };
  services.log = [this](int level, const std::string& message) { host_.log(level, message); };
  const auto plugin_now = [this] { return clock_->now_ms(); };
  alerts_ = std::make_unique<alerts::AlertDigest>(
      *store_,
      [this](const std::string& request) {
        const int32_t status = host_.email_admins(request);
        if (status == QBO_SYNC_OK) return alerts::EmailDelivery::taken;
        if (status == QBO_SYNC_UNSUPPORTED) return alerts::EmailDelivery::unsupported;
        return alerts::EmailDelivery::failed;
      },
      plugin_now, alerts::AlertOptions{},
      [this](const std::string& message) { host_.warning(message); });
  alert_flusher_ = std::make_unique<alerts::AlertFlusher>(
      *alerts_, scheduler_, alerts::AlertFlusher::interval_for(*alerts_));
  company_refresh_ = std::make_unique<CompanyRefresh>(
      *store_, qbo_.connections(), [this] { engine_->notify(); }, plugin_now);
  services.on_finished = [this](const store::SyncRecord& record,
                                const store::AttemptOutcome& outcome) {
    alerts_->on_finished(record, outcome);
    company_refresh_->on_finished(record, outcome);
  };
  engine::SyncEngineOptions options;
  options.worker_threads = config_.engine.worker_threads;
  options.poll_interval_ms = config_.engine.poll_interval_ms;
  engine_ = std::make_unique<engine::SyncEngine>(std::move(services), std::move(options));
  // Without a QuickBooks app no account can connect: nothing could be synced, and the records wait
  // (todo) rather than being skipped as not connected.
  if (!config_.qbo.client_id.empty()) engine_->start();
  start_inbound();
  alert_flusher_->start();
  host_.info("qbo-sync started; store " + store_->location() + ", schema version " +
             std::to_string(store_->schema_version()));
}

void PluginInstance::start_inbound() {
  inbound::InboundHost inbound_host;
  inbound_host.upsert_contact = [this](std::string_view request, std::string* response) {
    return host_.upsert_contact(request, response);
  };
  inbound_host.import_invoice = [this](std::string_view request, std::string* response) {
    return host_.import_invoice(request, response);
  };
  inbound_host.send_review_request = [this](std::string_view request) {
    return host_.send_review_request(request);
  };
  inbound_host.log = [this](inbound::LogLevel level, const std::string& message) {
    host_.log(level == inbound::LogLevel::error     ? QBO_SYNC_LOG_ERROR
              : level == inbound::LogLevel::warning ? QBO_SYNC_LOG_WARNING
                                                    : QBO_SYNC_LOG_INFO,
              message);
  };
  inbound::InboundServiceOptions options;
  options.poll_interval_ms = config_.engine.cdc_poll_interval_ms;
  options.webhook_verifier_token = config_.qbo.webhook_verifier_token;
  inbound_ = std::make_unique<inbound::InboundService>(
      *store_, qbo_.api(),
      [this](const std::string& account) { return qbo_.connections().active(account); },
      std::move(inbound_host), std::move(options), scheduler_);
  admin_->set_inbound(inbound_.get());
  // Like the engine: without a QuickBooks app no account can connect.
  if (!config_.qbo.client_id.empty()) inbound_->start();
}

PluginInstance::~PluginInstance() {
  inbound_->stop();
  engine_->stop();
  alert_flusher_->stop();
  scheduler_.stop();
  host_.info("qbo-sync stopped");
}

HookResponse PluginInstance::handle_hook(events::HookKind kind, const char* data,
                                         std::size_t size) {
  auto validated = validator_->validate(kind, data, size);
  if (auto* input_error = std::get_if<events::InputError>(&validated)) {
    return error_response(QBO_SYNC_INVALID_INPUT, input_error->code, input_error->message,
                          input_error->path);
  }
  auto& accepted = std::get<events::AcceptedEvent>(validated);
  if (kind == events::HookKind::settings_changed) {
    if (auto refused = check_settings(accepted)) return *refused;
  }
  const auto& envelope = accepted.envelope;
  store::IncomingEvent event{envelope.account_id,
                             envelope.event_id,
                             std::string(events::to_string(kind)),
                             envelope.object_type,
                             envelope.object_id,
                             envelope.revision,
                             envelope.occurred_at,
                             std::move(accepted.payload_json)};
  store::IntakeOutcome outcome;
  try {
    outcome = intake_.submit(std::move(event));
  } catch (const store::StoreError& store_error) {
    host_.error(std::string("could not store event ") + envelope.event_id + ": " +
                store_error.what());
    return error_response(QBO_SYNC_INTERNAL_ERROR, "store_unavailable",
                          std::string("the event could not be stored: ") + store_error.what());
  }

  boost::json::object body;
  body["account_id"] = envelope.account_id;
  body["event_id"] = envelope.event_id;
  if (envelope.object_type == "settings") {
    body["settings_revision"] = envelope.revision;
  } else {
    body["record_id"] = std::to_string(outcome.record_id);
  }
  body["superseded"] = outcome.superseded;
  const bool duplicate = outcome.result == store::IntakeResult::duplicate;
  if (!duplicate && outcome.record_id != 0) engine_->notify();
  return {duplicate ? QBO_SYNC_DUPLICATE : QBO_SYNC_OK, boost::json::serialize(body)};
}

namespace {

std::optional<UnknownQboReference> settings_problem(store::Store& store,
                                                    const std::string& account_id,
                                                    const boost::json::value& payload) {
  const auto row = store.connection(account_id);
  if (!row || row->sealed_tokens.empty()) return std::nullopt;
  auto company = mapping::parse_company_data(row->company_json);
  const auto* data = std::get_if<mapping::CompanyData>(&company);
  if (!data) return std::nullopt;
  return check_settings_references(payload, *data, utc_date_today(store.now_ms()));
}

}  // namespace

std::optional<HookResponse> PluginInstance::check_settings(const events::AcceptedEvent& accepted) {
  // Not connected: accepted as before; the references are checked when a record syncs.
  boost::system::error_code parse_error;
  const boost::json::value payload = boost::json::parse(accepted.payload_json, parse_error);
  if (parse_error) return std::nullopt;
  const std::string& account = accepted.envelope.account_id;
  auto problem = settings_problem(*store_, account, payload);
  // The admin may have created the object in QuickBooks since the company was last read.
  if (problem && qbo_.connections().refresh_company(account))
    problem = settings_problem(*store_, account, payload);
  if (!problem) return std::nullopt;
  return error_response(QBO_SYNC_INVALID_INPUT, problem->code, problem->message, problem->path);
}

HookResponse PluginInstance::admin(const char* data, std::size_t size) {
  const std::string_view request(data ? data : "", data ? size : 0);
  // Testing only, and answered here: only the instance knows its scheduler.
  if (request.find("advance_clock") != std::string_view::npos) {
    boost::system::error_code parse_error;
    const auto document = boost::json::parse(request, parse_error);
    const auto* object = parse_error ? nullptr : document.if_object();
    const auto* op = object ? object->if_contains("op") : nullptr;
    if (op && op->is_string() && op->as_string() == "advance_clock") {
      return advance_clock(scheduler_, *object);
    }
  }
  return admin_->handle(request);
}

}  // namespace qbo_sync::runtime
