#include "qbo_sync/host/recording_host.h"

#include <openssl/evp.h>

#include <array>
#include <boost/json.hpp>
#include <exception>
#include <ostream>
#include <utility>

#include "qbo_sync/host/service_guard.h"

namespace qbo_sync::host {

namespace {

std::string_view view_text(qbo_sync_str text) {
  return text.ptr == nullptr ? std::string_view{} : std::string_view(text.ptr, text.len);
}

const char* log_level_name(std::int32_t level) {
  switch (level) {
    case QBO_SYNC_LOG_DEBUG:
      return "debug";
    case QBO_SYNC_LOG_INFO:
      return "info";
    case QBO_SYNC_LOG_WARNING:
      return "warning";
    case QBO_SYNC_LOG_ERROR:
      return "error";
    default:
      return "unknown-level";
  }
}

std::string sha256_hex(std::string_view text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0x0f];
  }
  return hex;
}

std::string string_field(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (value == nullptr) {
    return {};
  }
  if (value->is_string()) {
    return std::string(value->get_string());
  }
  if (value->is_int64() || value->is_uint64()) {
    return boost::json::serialize(*value);
  }
  return {};
}

// A stable CRM id: the same account and QuickBooks identity always map to the same id. A request
// that already names its CRM id keeps it (an update of a known object).
std::string stable_crm_id(std::string_view request_json, std::string_view prefix,
                          std::string_view known_id_field,
                          std::initializer_list<std::string_view> identity_fields) {
  boost::system::error_code parse_error;
  const boost::json::value document = boost::json::parse(request_json, parse_error);
  if (parse_error || !document.is_object()) {
    return {};
  }
  const auto& object = document.get_object();
  if (std::string known = string_field(object, known_id_field); !known.empty()) {
    return known;
  }
  std::string key = string_field(object, "account_id") + "\n";
  std::string identity;
  for (const auto field : identity_fields) {
    identity = string_field(object, field);
    if (!identity.empty()) {
      key += std::string(field) + "=" + identity;
      break;
    }
  }
  if (identity.empty()) {
    key += boost::json::serialize(document);
  }
  return std::string(prefix) + sha256_hex(key).substr(0, 16);
}

}  // namespace

RecordingHost::RecordingHost(RecordingHostOptions options) : options_(std::move(options)) {
  table_.struct_size = sizeof(qbo_sync_host_api);
  table_.reserved = 0;
  table_.ctx = this;
  table_.log = &RecordingHost::log_service;
  table_.email_admins = &RecordingHost::email_admins_service;
  table_.send_review_request = &RecordingHost::send_review_request_service;
  table_.upsert_contact = &RecordingHost::upsert_contact_service;
  table_.import_invoice = &RecordingHost::import_invoice_service;
  if (options_.call_log_path) {
    call_log_.open(*options_.call_log_path, std::ios::out | std::ios::app);
    if (!call_log_) {
      throw std::runtime_error("cannot open the host log " + options_.call_log_path->string());
    }
  }
}

std::vector<RecordedCall> RecordingHost::calls() const {
  const std::lock_guard lock(mutex_);
  return calls_;
}

std::vector<RecordedCall> RecordingHost::calls_to(std::string_view service) const {
  const std::lock_guard lock(mutex_);
  std::vector<RecordedCall> selected;
  for (const auto& call : calls_) {
    if (call.service == service) {
      selected.push_back(call);
    }
  }
  return selected;
}

std::string RecordingHost::crm_contact_id_for(std::string_view request_json) {
  return stable_crm_id(request_json, "crm-contact-", "crm_contact_id",
                       {"qbo_customer_id", "email"});
}

std::string RecordingHost::crm_invoice_id_for(std::string_view request_json) {
  return stable_crm_id(request_json, "crm-invoice-", "crm_invoice_id",
                       {"qbo_invoice_id", "doc_number"});
}

void RecordingHost::record(RecordedCall call) {
  const std::lock_guard lock(mutex_);
  if (call.service == "log" && options_.log_echo != nullptr) {
    *options_.log_echo << "[plugin " << log_level_name(call.log_level) << "] " << call.request
                       << '\n';
  }
  if (call_log_.is_open()) {
    boost::json::object line;
    line["service"] = call.service;
    if (call.service == "log") {
      line["level"] = log_level_name(call.log_level);
      line["message"] = call.request;
    } else {
      boost::system::error_code parse_error;
      boost::json::value request = boost::json::parse(call.request, parse_error);
      line["request"] = parse_error ? boost::json::value(call.request) : std::move(request);
      line["status"] = call.status;
      if (!call.response.empty()) {
        line["response"] = boost::json::parse(call.response);
      }
    }
    call_log_ << boost::json::serialize(line) << '\n' << std::flush;
  }
  calls_.push_back(std::move(call));
}

std::int32_t RecordingHost::notify(std::string_view service, qbo_sync_str request_json) {
  RecordedCall call;
  call.service = std::string(service);
  call.request = std::string(view_text(request_json));
  boost::system::error_code parse_error;
  const boost::json::value document = boost::json::parse(call.request, parse_error);
  call.status = (parse_error || !document.is_object()) ? QBO_SYNC_INVALID_INPUT : QBO_SYNC_OK;
  const std::int32_t status = call.status;
  record(std::move(call));
  return status;
}

void RecordingHost::answer_upsert_contact_with(std::int32_t status) {
  const std::lock_guard lock(mutex_);
  upsert_contact_status_ = status;
}

// The CRM id for this call, or empty when the request is not a JSON object.
std::string RecordingHost::next_crm_id(std::string_view service, std::string_view request_json) {
  const bool is_contact = service == "upsert_contact";
  if (options_.crm_ids == CrmIds::stable) {
    return is_contact ? crm_contact_id_for(request_json) : crm_invoice_id_for(request_json);
  }
  boost::system::error_code parse_error;
  const boost::json::value document = boost::json::parse(request_json, parse_error);
  if (parse_error || !document.is_object()) {
    return {};
  }
  const std::lock_guard lock(mutex_);
  return is_contact ? "crm-ct-" + std::to_string(++upserted_contacts_)
                    : "crm-inv-" + std::to_string(++imported_invoices_);
}

std::int32_t RecordingHost::upsert(std::string_view service, qbo_sync_str request_json,
                                   const qbo_sync_sink* response) {
  RecordedCall call;
  call.service = std::string(service);
  call.request = std::string(view_text(request_json));
  const bool is_contact = service == "upsert_contact";
  std::int32_t refusal = QBO_SYNC_OK;
  if (is_contact) {
    const std::lock_guard lock(mutex_);
    refusal = upsert_contact_status_;
  }
  const std::string crm_id = next_crm_id(service, call.request);
  if (refusal != QBO_SYNC_OK) {
    call.status = refusal;
  } else if (crm_id.empty()) {
    call.status = QBO_SYNC_INVALID_INPUT;
    call.response = boost::json::serialize(boost::json::object{
        {"code", "invalid_json"}, {"message", "the request is not a JSON object"}, {"path", ""}});
  } else {
    call.status = QBO_SYNC_OK;
    bool created = false;
    {
      const std::lock_guard lock(mutex_);
      created = known_crm_ids_.insert(crm_id).second;
    }
    call.response = boost::json::serialize(boost::json::object{
        {is_contact ? "crm_contact_id" : "crm_invoice_id", crm_id}, {"created", created}});
  }
  if (response != nullptr && response->append != nullptr && !call.response.empty()) {
    response->append(response->ctx, call.response.data(), call.response.size());
  }
  const std::int32_t status = call.status;
  record(std::move(call));
  return status;
}

// The service trampolines: the plugin is C-facing, so nothing may be thrown back into it.
void RecordingHost::log_service(void* ctx, std::int32_t level, qbo_sync_str message) noexcept {
  try {
    RecordedCall call;
    call.service = "log";
    call.log_level = level;
    call.request = std::string(view_text(message));
    static_cast<RecordingHost*>(ctx)->record(std::move(call));
  } catch (...) {
    // Losing a log line is better than unwinding into the plugin.
  }
}

std::int32_t RecordingHost::email_admins_service(void* ctx, qbo_sync_str request_json) noexcept {
  return answer_without_throwing(
      [&] { return static_cast<RecordingHost*>(ctx)->notify("email_admins", request_json); });
}

std::int32_t RecordingHost::send_review_request_service(void* ctx,
                                                        qbo_sync_str request_json) noexcept {
  return answer_without_throwing([&] {
    return static_cast<RecordingHost*>(ctx)->notify("send_review_request", request_json);
  });
}

std::int32_t RecordingHost::upsert_contact_service(void* ctx, qbo_sync_str contact_json,
                                                   const qbo_sync_sink* response) noexcept {
  return answer_without_throwing([&] {
    return static_cast<RecordingHost*>(ctx)->upsert("upsert_contact", contact_json, response);
  });
}

std::int32_t RecordingHost::import_invoice_service(void* ctx, qbo_sync_str invoice_json,
                                                   const qbo_sync_sink* response) noexcept {
  return answer_without_throwing([&] {
    return static_cast<RecordingHost*>(ctx)->upsert("import_invoice", invoice_json, response);
  });
}

}  // namespace qbo_sync::host
