#include "plugin_harness.h"

#include <dlfcn.h>

#include <boost/json.hpp>
#include <stdexcept>

namespace qbo_sync::testing {
namespace {

std::string text_of(qbo_sync_str view) {
  return view.ptr ? std::string(view.ptr, view.len) : std::string();
}

boost::json::object object_of(const std::string& text) {
  boost::system::error_code error;
  auto value = boost::json::parse(text, error);
  if (error || !value.is_object()) return {};
  return value.as_object();
}

void append(void* ctx, const char* data, size_t len) {
  static_cast<std::string*>(ctx)->append(data, len);
}

void respond(const qbo_sync_sink* response, const std::string& text) {
  if (response && response->append) response->append(response->ctx, text.data(), text.size());
}

}  // namespace

RecordingHost::RecordingHost() {
  api_.struct_size = sizeof(api_);
  api_.ctx = this;
  api_.log = &RecordingHost::log;
  api_.email_admins = &RecordingHost::email_admins;
  api_.send_review_request = &RecordingHost::send_review_request;
  api_.upsert_contact = &RecordingHost::upsert_contact;
  api_.import_invoice = &RecordingHost::import_invoice;
}

void RecordingHost::log(void* ctx, int32_t, qbo_sync_str message) {
  auto* self = static_cast<RecordingHost*>(ctx);
  std::lock_guard lock(self->mutex_);
  self->logs_.push_back(text_of(message));
}

int32_t RecordingHost::email_admins(void* ctx, qbo_sync_str request) {
  auto* self = static_cast<RecordingHost*>(ctx);
  std::lock_guard lock(self->mutex_);
  self->emails_.push_back(object_of(text_of(request)));
  return QBO_SYNC_OK;
}

int32_t RecordingHost::send_review_request(void* ctx, qbo_sync_str request) {
  auto* self = static_cast<RecordingHost*>(ctx);
  std::lock_guard lock(self->mutex_);
  self->review_requests_.push_back(object_of(text_of(request)));
  return QBO_SYNC_OK;
}

int32_t RecordingHost::upsert_contact(void* ctx, qbo_sync_str request,
                                      const qbo_sync_sink* response) {
  auto* self = static_cast<RecordingHost*>(ctx);
  std::lock_guard lock(self->mutex_);
  self->contacts_.push_back(object_of(text_of(request)));
  if (self->upsert_contact_status_ != QBO_SYNC_OK) return self->upsert_contact_status_;
  respond(response,
          R"({"crm_contact_id":"crm-ct-)" + std::to_string(self->contacts_.size()) + R"("})");
  return QBO_SYNC_OK;
}

int32_t RecordingHost::import_invoice(void* ctx, qbo_sync_str request,
                                      const qbo_sync_sink* response) {
  auto* self = static_cast<RecordingHost*>(ctx);
  std::lock_guard lock(self->mutex_);
  self->invoices_.push_back(object_of(text_of(request)));
  respond(response,
          R"({"crm_invoice_id":"crm-inv-)" + std::to_string(self->invoices_.size()) + R"("})");
  return QBO_SYNC_OK;
}

void RecordingHost::answer_upsert_contact_with(int32_t status) {
  std::lock_guard lock(mutex_);
  upsert_contact_status_ = status;
}

std::vector<std::string> RecordingHost::logs() const {
  std::lock_guard lock(mutex_);
  return logs_;
}
std::vector<boost::json::object> RecordingHost::emails() const {
  std::lock_guard lock(mutex_);
  return emails_;
}
std::vector<boost::json::object> RecordingHost::review_requests() const {
  std::lock_guard lock(mutex_);
  return review_requests_;
}
std::vector<boost::json::object> RecordingHost::contacts() const {
  std::lock_guard lock(mutex_);
  return contacts_;
}
std::vector<boost::json::object> RecordingHost::imported_invoices() const {
  std::lock_guard lock(mutex_);
  return invoices_;
}

std::vector<std::string> RecordingHost::everything() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> all = logs_;
  for (const auto* list : {&emails_, &review_requests_, &contacts_, &invoices_}) {
    for (const auto& item : *list) all.push_back(boost::json::serialize(item));
  }
  return all;
}

PluginLibrary::PluginLibrary(const std::string& path) {
  handle_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle_) throw std::runtime_error(std::string("cannot load the plugin: ") + dlerror());
  auto entry = reinterpret_cast<qbo_sync_entry_fn>(dlsym(handle_, QBO_SYNC_ENTRY_SYMBOL));
  if (!entry) throw std::runtime_error("the plugin has no entry point");
  qbo_sync_entry_request request{sizeof(request), QBO_SYNC_ABI_MAJOR, QBO_SYNC_ABI_MINOR};
  qbo_sync_entry_result result{};
  result.struct_size = sizeof(result);
  if (entry(&request, &result) != QBO_SYNC_OK || !result.api) {
    throw std::runtime_error(std::string("handshake refused: ") + result.message);
  }
  api_ = result.api;
}

PluginLibrary::~PluginLibrary() {
  if (handle_) dlclose(handle_);
}

PluginInstance::PluginInstance(const PluginLibrary& library, const RecordingHost& host,
                               const std::string& config_json)
    : library_(library) {
  std::string error;
  const qbo_sync_sink sink{&error, &append};
  if (library_.api().create(host.api(), {config_json.data(), config_json.size()}, &instance_,
                            &sink) != QBO_SYNC_OK) {
    throw std::runtime_error("create failed: " + error);
  }
}

PluginInstance::~PluginInstance() {
  library_.api().destroy(instance_);
}

Answer PluginInstance::call(int32_t (*entry)(qbo_sync_instance*, qbo_sync_str,
                                             const qbo_sync_sink*),
                            const std::string& payload) {
  std::string text;
  const qbo_sync_sink sink{&text, &append};
  Answer answer;
  answer.status = entry(instance_, {payload.data(), payload.size()}, &sink);
  answer.body = object_of(text);
  answer.text = text;
  std::lock_guard lock(mutex_);
  responses_.push_back(text);
  return answer;
}

Answer PluginInstance::admin(const boost::json::object& request) {
  return admin(boost::json::serialize(request));
}
Answer PluginInstance::admin(const std::string& request_json) {
  return call(library_.api().admin, request_json);
}
Answer PluginInstance::payment_completed(const std::string& payload) {
  return call(library_.api().onPaymentCompleted, payload);
}
Answer PluginInstance::invoice_sent(const std::string& payload) {
  return call(library_.api().onInvoiceSent, payload);
}
Answer PluginInstance::invoice_updated(const std::string& payload) {
  return call(library_.api().onInvoiceUpdated, payload);
}
Answer PluginInstance::settings_changed(const std::string& payload) {
  return call(library_.api().onSettingsChanged, payload);
}

std::vector<std::string> PluginInstance::responses() const {
  std::lock_guard lock(mutex_);
  return responses_;
}

}  // namespace qbo_sync::testing
